import { createPrivateKey, sign } from 'node:crypto'
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose'
import { TokenVerifier } from '../../src/auth/verify.ts'
import { addOrganisation, findOrganisation } from '../../src/catalog/organisations.ts'
import type { Database } from '../../src/db/database.ts'
import { accessToken, type BenchClient, nav, registerClient } from '../gateway-world.ts'
import type { Scenario } from '../scenario.ts'

let client: BenchClient | undefined

const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url')

/**
 * A fresh RFC 7523 client assertion per request (a jti is good once), signed with node:crypto synchronously so
 * the load generator can make one for every request it sends (about 50 µs of the runner's time each).
 */
function assertionMaker(audience: string, bench: BenchClient): () => string {
  const key = createPrivateKey({ key: bench.privateJwk as import('node:crypto').JsonWebKey, format: 'jwk' })
  const header = b64(JSON.stringify({ alg: 'ES256', kid: bench.kid }))
  return () => {
    const now = Math.floor(Date.now() / 1000)
    const claims = {
      iss: bench.clientId,
      sub: bench.clientId,
      aud: audience,
      jti: crypto.randomUUID(),
      iat: now,
      exp: now + 60,
    }
    const input = `${header}.${b64(JSON.stringify(claims))}`
    return `${input}.${b64(sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }))}`
  }
}

const form = (assertion: string) =>
  new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    scope: 'deling:gateway',
  }).toString()

const perOperation = async (count: number, operation: (n: number) => Promise<unknown>) => {
  const started = performance.now()
  for (let n = 0; n < count; n++) await operation(n)
  return Math.round(((performance.now() - started) * 1000) / count) / 1000
}

/**
 * What a gateway request pays for its token: TokenVerifier (src/auth/verify.ts) in this process, on tokens of
 * the shape Deling issues, once for tokens it has not seen (jose's ES256 verification and the claims) and again
 * for one it has (the cache keyed by the token string). Milliseconds per operation, sequential.
 */
async function verificationCost(smoke: boolean) {
  const { privateKey, publicKey } = await generateKeyPair('ES256')
  const publicJwk = { ...(await exportJWK(publicKey)), alg: 'ES256' }
  const kid = await calculateJwkThumbprint(publicJwk)
  const issuer = 'http://127.0.0.1/oidc'
  const verifier = new TokenVerifier({
    issuer,
    audience: 'deling',
    ownKeys: createLocalJWKSet({ keys: [{ ...publicJwk, kid }] }),
    findTrustedIssuer: async () => undefined,
    rememberTokenId: async () => true,
    disabledClients: async () => new Set(),
    clock: () => new Date(),
  })
  const tokens = await Promise.all(
    Array.from({ length: smoke ? 200 : 2000 }, () =>
      new SignJWT({
        client_id: 'bench',
        scope: 'deling:gateway',
        consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${nav.orgnr}` },
      })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
        .setIssuer(issuer)
        .setAudience('deling')
        .setJti(crypto.randomUUID())
        .setIssuedAt()
        .setExpirationTime('2m')
        .sign(privateKey),
    ),
  )
  const authenticate = (token: string) =>
    verifier.authenticate(undefined as unknown as Database, {
      authorization: `Bearer ${token}`,
      dpop: undefined,
      method: 'GET',
      urls: [],
    })
  const missMs = await perOperation(tokens.length, (n) => authenticate(tokens[n]!))
  const hitMs = await perOperation(smoke ? 2_000 : 50_000, (n) => authenticate(tokens[n % tokens.length]!))
  return { verifyUncachedMs: missMs, verifyCachedMs: hitMs, samples: tokens.length }
}

/** Issue 9 item 3: client_credentials with private_key_jwt per second, and what verifying a token costs. */
export const token: Scenario = {
  name: 'token',
  description:
    'POST /oidc/token, client_credentials with private_key_jwt, a fresh client assertion per request, vs. a bare Hono JWT signer (verify the assertion, sign a token)',
  async seed(db) {
    if (!(await findOrganisation(db, nav.orgnr))) await addOrganisation(db, nav)
    client = await registerClient(db, nav.orgnr, 'NAV (bench token client)', ['deling:gateway'])
    return { clientId: client.clientId }
  },
  async prepare(context) {
    if (!client) throw new Error('token: the scenario was not seeded')
    const bench = client
    const deling = context.deling.url
    const publicJwk = { ...bench.privateJwk, d: undefined }
    const signer = await context.startServer('bench/servers/token-signer.ts', {
      CLIENT_ID: bench.clientId,
      CLIENT_JWK: JSON.stringify(publicJwk),
    })
    // one real token first: the client is registered and its key accepted
    await accessToken(deling, bench, 'deling:gateway')
    const headers = { 'content-type': 'application/x-www-form-urlencoded' }
    const delingAssertion = assertionMaker(`${deling}/oidc`, bench)
    const signerAssertion = assertionMaker(signer.url, bench)
    return {
      subject: {
        label: 'Deling /oidc/token',
        url: `${deling}/oidc/token`,
        method: 'POST',
        headers,
        body: () => form(delingAssertion()),
      },
      baseline: {
        label: 'bare JWT signer',
        url: `${signer.url}/token`,
        method: 'POST',
        headers,
        body: () => form(signerAssertion()),
      },
      // issuing is heavier than a read: 10 connections are enough to keep both busy
      connections: 10,
      measure: () => verificationCost(context.smoke),
    }
  },
}
