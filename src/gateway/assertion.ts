/**
 * `Deling-Assertion`: what the producer receives instead of the caller's token. A short-lived ES256 JWT signed
 * with Deling's 'gateway' key, saying who asks, about whom, why and under which rule, consent or law.
 * Producers verify it with the keys at `GET /gateway/jwks`. Web APIs only: both hosts sign.
 */
import { base64url, type JWK } from 'jose'
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

/**
 * Makes an ES256 signing function from a private JWK: the signature as JWS wants it (r ‖ s, 64 bytes). The Node
 * host passes node:crypto's synchronous one, about three times cheaper per assertion than Web Crypto's job.
 */
export type Es256SignerFactory = (privateJwk: JWK) => Promise<(input: Uint8Array) => Uint8Array | Promise<Uint8Array>>

/** Web Crypto: both hosts have it. ECDSA's Web Crypto signature is already r ‖ s. */
export const webCryptoEs256: Es256SignerFactory = async (privateJwk) => {
  const key = await crypto.subtle.importKey('jwk', privateJwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])
  return async (input) =>
    new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, input as BufferSource))
}

const encoder = new TextEncoder()
// Buffer's base64url is about ten times cheaper than jose's portable one, and both hosts have it (the Worker through
// nodejs_compat); jose's stays for a runtime without it.
const base64urlOf = (value: string | Uint8Array) =>
  typeof Buffer === 'function' ? Buffer.from(value).toString('base64url') : base64url.encode(value)
const segment = (value: unknown) => base64urlOf(JSON.stringify(value))

/** Signs assertions with the current 'gateway' key, read from the database at most once a minute. */
export function assertionSigner(issuer: string, signerFor: Es256SignerFactory = webCryptoEs256) {
  type Loaded = { header: string; sign: (input: Uint8Array) => Uint8Array | Promise<Uint8Array>; loadedAt: number }
  let cached: Loaded | undefined
  let loading: Promise<Loaded> | undefined
  const load = async (db: Database, now: Date): Promise<Loaded> => {
    let [current] = (await publishedKeys(db, 'gateway', now)).filter((key: SigningKey) => !key.retiredAt)
    if (!current) {
      // a Worker in front of a database that no Node host has started on yet
      await ensureSigningKey(db, 'gateway')
      ;[current] = await publishedKeys(db, 'gateway', now)
    }
    return {
      header: segment({ alg: 'ES256', kid: current!.kid, typ: assertionType }),
      sign: await signerFor(current!.privateJwk),
      loadedAt: Date.now(),
    }
  }
  return async (db: Database, audience: string, claims: AssertionClaims, now: Date): Promise<string> => {
    if (!cached || Date.now() - cached.loadedAt > keyCacheMs) {
      loading ??= load(db, now).finally(() => {
        loading = undefined
      })
      cached = await loading
    }
    const iat = Math.floor(now.getTime() / 1000)
    // RFC 7515 §7.1 compact serialisation, built here rather than by jose's SignJWT: it is on every request
    const input = `${cached.header}.${segment({
      client_id: claims.clientId,
      dataset: claims.datasetId,
      ...(claims.subject ? { subject: claims.subject } : {}),
      purpose: claims.purpose,
      rule_id: claims.ruleId,
      ...(claims.consentId ? { consent_id: claims.consentId } : {}),
      ...(claims.legalBasisUri ? { legal_basis: claims.legalBasisUri } : {}),
      request_id: claims.requestId,
      iss: issuer,
      aud: audience,
      sub: `0192:${claims.consumerOrgnr}`,
      jti: crypto.randomUUID(),
      iat,
      exp: iat + assertionLifetimeSeconds,
    })}`
    return `${input}.${base64urlOf(await cached.sign(encoder.encode(input)))}`
  }
}

export type AssertionSigner = ReturnType<typeof assertionSigner>

/** The public half of every published 'gateway' key, as a JWKS. */
export async function gatewayJwks(db: Database, now: Date) {
  return { keys: (await publishedKeys(db, 'gateway', now)).map((key) => key.publicJwk) }
}
