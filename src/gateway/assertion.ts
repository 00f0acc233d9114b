/**
 * `Deling-Assertion`: what the producer receives instead of the caller's token. A short-lived ES256 JWT signed
 * with Deling's 'gateway' key, saying who asks, about whom, why and under which rule, consent or law.
 * Producers verify it with the keys at `GET /gateway/jwks`. Web APIs only: both hosts sign.
 */
import { importJWK, SignJWT } from 'jose'
import { ensureSigningKey, publishedKeys, type SigningKey } from '../auth/keys.ts'
import type { Database } from '../db/database.ts'

export const assertionLifetimeSeconds = 60
export const assertionType = 'deling-assertion+jwt'

export interface AssertionClaims {
  consumerOrgnr: string
  clientId: string
  datasetId: string
  subject: string | undefined
  purpose: string
  ruleId: string
  consentId: string | undefined
  legalBasisUri: string | undefined
  requestId: string
}

// A rotation on any instance reaches the signer within this time; the retired key stays published meanwhile.
const keyCacheMs = 60_000

/** Signs assertions with the current 'gateway' key, read from the database at most once a minute. */
export function assertionSigner(issuer: string) {
  let cached: { kid: string; key: CryptoKey | Uint8Array; loadedAt: number } | undefined
  let loading: Promise<NonNullable<typeof cached>> | undefined
  const load = async (db: Database, now: Date) => {
    let [current] = (await publishedKeys(db, 'gateway', now)).filter((key: SigningKey) => !key.retiredAt)
    if (!current) {
      // a Worker in front of a database that no Node host has started on yet
      await ensureSigningKey(db, 'gateway')
      ;[current] = await publishedKeys(db, 'gateway', now)
    }
    return { kid: current!.kid, key: await importJWK(current!.privateJwk, 'ES256'), loadedAt: Date.now() }
  }
  return async (db: Database, audience: string, claims: AssertionClaims, now: Date): Promise<string> => {
    if (!cached || Date.now() - cached.loadedAt > keyCacheMs) {
      loading ??= load(db, now).finally(() => {
        loading = undefined
      })
      cached = await loading
    }
    const iat = Math.floor(now.getTime() / 1000)
    return new SignJWT({
      client_id: claims.clientId,
      dataset: claims.datasetId,
      ...(claims.subject ? { subject: claims.subject } : {}),
      purpose: claims.purpose,
      rule_id: claims.ruleId,
      ...(claims.consentId ? { consent_id: claims.consentId } : {}),
      ...(claims.legalBasisUri ? { legal_basis: claims.legalBasisUri } : {}),
      request_id: claims.requestId,
    })
      .setProtectedHeader({ alg: 'ES256', kid: cached.kid, typ: assertionType })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(`0192:${claims.consumerOrgnr}`)
      .setJti(crypto.randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(iat + assertionLifetimeSeconds)
      .sign(cached.key)
  }
}

export type AssertionSigner = ReturnType<typeof assertionSigner>

/** The public half of every published 'gateway' key, as a JWKS. */
export async function gatewayJwks(db: Database, now: Date) {
  return { keys: (await publishedKeys(db, 'gateway', now)).map((key) => key.publicJwk) }
}
