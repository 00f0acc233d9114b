import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import { addClient } from '../../src/auth/clients.ts'
import type { DelingScope } from '../../src/auth/scopes.ts'
import { addOrganisation, findOrganisation } from '../../src/catalog/organisations.ts'
import type { Database } from '../../src/db/database.ts'
import type { TestApp } from './app.ts'

/** Where tokens come from: a test app, or any Deling whose database and issuer a test knows (a child process). */
export interface Issuing {
  db: Database
  issuer: string
}

const issuing = (target: TestApp | Issuing): Issuing =>
  'host' in target ? { db: target.host.database.db, issuer: target.host.deps.config.issuer } : target

export interface TestClient {
  clientId: string
  orgnr: string
  privateKey: CryptoKey
  publicJwk: JWK
}

export const demoOrganisations = {
  skatteetaten: { orgnr: '974761076', name: 'Skatteetaten' },
  nav: { orgnr: '889640782', name: 'Arbeids- og velferdsetaten' },
  dnb: { orgnr: '984851006', name: 'DNB Bank ASA' },
  digdir: { orgnr: '991825827', name: 'Digitaliseringsdirektoratet' },
} as const

/** Registers the organisation (once) and a client with a fresh ES256 key, as the operator would. */
export async function registerClient(
  app: TestApp | Issuing,
  orgnr: string,
  scopes: DelingScope[],
  name = `client of ${orgnr}`,
): Promise<TestClient> {
  const { db } = issuing(app)
  if (!(await findOrganisation(db, orgnr))) {
    const known = Object.values(demoOrganisations).find((organisation) => organisation.orgnr === orgnr)
    await addOrganisation(db, { orgnr, name: known?.name ?? `Organisation ${orgnr}` })
  }
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const publicJwk = { ...(await exportJWK(publicKey)), alg: 'ES256', use: 'sig' }
  publicJwk.kid = await calculateJwkThumbprint(publicJwk)
  const client = await addClient(db, { orgnr, name, scopes, jwks: { keys: [publicJwk as never] } })
  return { clientId: client.clientId, orgnr, privateKey, publicJwk }
}

export interface AssertionOverrides {
  aud?: string | string[]
  iss?: string
  sub?: string
  jti?: string
  iat?: number
  exp?: number
  alg?: string
  key?: CryptoKey | Uint8Array
}

/** An RFC 7523 client assertion, as a Maskinporten client signs it. */
export async function clientAssertion(
  app: TestApp | Issuing,
  client: TestClient,
  overrides: AssertionOverrides = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({})
    .setProtectedHeader({ alg: overrides.alg ?? 'ES256', kid: client.publicJwk.kid })
    .setIssuer(overrides.iss ?? client.clientId)
    .setSubject(overrides.sub ?? client.clientId)
    .setAudience(overrides.aud ?? issuing(app).issuer)
    .setJti(overrides.jti ?? crypto.randomUUID())
    .setIssuedAt(overrides.iat ?? now)
    .setExpirationTime(overrides.exp ?? now + 60)
    .sign(overrides.key ?? client.privateKey)
}

export interface DpopKey {
  privateKey: CryptoKey
  publicJwk: JWK
  jkt: string
}

export async function newDpopKey(): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const publicJwk = await exportJWK(publicKey)
  return { privateKey, publicJwk, jkt: await calculateJwkThumbprint(publicJwk) }
}

/** An RFC 9449 DPoP proof for one request. */
export async function dpopProof(
  key: DpopKey,
  method: string,
  url: string,
  accessToken?: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const claims: Record<string, unknown> = {
    htm: method,
    htu: url,
    jti: crypto.randomUUID(),
    iat: Math.floor(Date.now() / 1000),
  }
  if (accessToken) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(accessToken)))
    claims.ath = Buffer.from(digest).toString('base64url')
  }
  return new SignJWT({ ...claims, ...overrides })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: key.publicJwk })
    .sign(key.privateKey)
}

export interface TokenRequest {
  scope?: string
  assertion?: string
  dpop?: DpopKey
  /** A DPoP header sent as is (a malformed or foreign proof), instead of one made with `dpop`. */
  proof?: string
  extra?: Record<string, string>
}

/** POST /oidc/token with client_credentials and private_key_jwt; returns the raw answer. */
export async function requestToken(app: TestApp | Issuing, client: TestClient, request: TokenRequest = {}) {
  const tokenUrl = `${issuing(app).issuer}/token`
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: request.assertion ?? (await clientAssertion(app, client)),
    ...(request.scope ? { scope: request.scope } : {}),
    ...request.extra,
  })
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' }
  if (request.proof) headers.DPoP = request.proof
  else if (request.dpop) headers.DPoP = await dpopProof(request.dpop, 'POST', tokenUrl)
  const response = await fetch(tokenUrl, { method: 'POST', headers, body: form })
  return { status: response.status, body: (await response.json()) as Record<string, any> }
}

/** A real access token for a client, or a failed test. */
export async function accessToken(
  app: TestApp | Issuing,
  client: TestClient,
  scope: string,
  dpop?: DpopKey,
): Promise<string> {
  const { status, body } = await requestToken(app, client, { scope, dpop })
  if (status !== 200) throw new Error(`token request failed: ${status} ${JSON.stringify(body)}`)
  return body.access_token as string
}
