import { generateKeyPair, importJWK, type JWK, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishedKeys } from '../../src/auth/keys.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import {
  accessToken,
  demoOrganisations,
  dpopProof,
  newDpopKey,
  registerClient,
  type TestClient,
} from '../support/tokens.ts'

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')

describe('resource endpoints verify access tokens (RFC 9068, RFC 6750, RFC 9449)', () => {
  let app: TestApp
  let operator: TestClient
  let signingJwk: JWK
  beforeAll(async () => {
    app = await startTestApp()
    operator = await registerClient(app, demoOrganisations.digdir.orgnr, ['deling:admin', 'deling:audit.read'])
    const [key] = await publishedKeys(app.host.database.db, 'oidc', new Date())
    signingJwk = key!.privateJwk
  })
  afterAll(() => app?.close())

  /** A token with claims a test chooses, signed with Deling's real key (what a forger with the key could do) or `key`. */
  const forge = async (
    claims: Record<string, unknown> = {},
    header: Record<string, unknown> = {},
    key?: CryptoKey | Uint8Array,
  ) => {
    const now = Math.floor(Date.now() / 1000)
    return new SignJWT({
      client_id: operator.clientId,
      scope: 'deling:admin',
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${operator.orgnr}` },
      jti: crypto.randomUUID(),
      iss: app.host.deps.config.issuer,
      aud: app.url,
      sub: operator.clientId,
      iat: now,
      exp: now + 60,
      ...claims,
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: signingJwk.kid, ...header })
      .sign(key ?? (await importJWK(signingJwk, 'ES256')))
  }

  const expectUnauthorized = async (
    authorization: string | undefined,
    slug = 'invalid-token',
    headers: Record<string, string> = {},
  ) => {
    const res = await app.get('/admin/organisations', {
      headers: { ...(authorization ? { Authorization: authorization } : {}), ...headers },
    })
    expect(res.status, res.text).toBe(401)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.body.type).toBe(`${app.url}/problems/${slug}`)
    expect(res.headers.get('www-authenticate')).toMatch(/Bearer realm="deling"/)
    return res
  }

  it('accepts a well-formed token of its own (the forge helper is right)', async () => {
    expect((await app.get('/admin/organisations', { token: await forge() })).status).toBe(200)
  })

  it('asks for a token without an error code when none is sent (RFC 6750 §3.1)', async () => {
    const res = await expectUnauthorized(undefined, 'unauthorized')
    expect(res.headers.get('www-authenticate')).not.toMatch(/error=/)
    expect(res.headers.get('www-authenticate')).toMatch(/DPoP/)
  })

  it('refuses a malformed Authorization header', () => expectUnauthorized('Token abc'))
  it('refuses something that is not a JWT', () => expectUnauthorized('Bearer abc.def'))

  it('refuses an expired token', async () => {
    const now = Math.floor(Date.now() / 1000)
    const res = await expectUnauthorized(`Bearer ${await forge({ iat: now - 300, exp: now - 100 })}`)
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/)
    expect(res.body.detail).toMatch(/expired/)
  })

  it('refuses a token that is not yet valid', async () => {
    const now = Math.floor(Date.now() / 1000)
    await expectUnauthorized(`Bearer ${await forge({ nbf: now + 600 })}`)
  })

  it('refuses a token for another audience', async () =>
    expectUnauthorized(`Bearer ${await forge({ aud: 'https://other-api.example' })}`))
  it('refuses a token from another issuer', async () =>
    expectUnauthorized(`Bearer ${await forge({ iss: 'https://evil.example/oidc' })}`))
  it('refuses a token that is not an access token (typ)', async () =>
    expectUnauthorized(`Bearer ${await forge({}, { typ: 'JWT' })}`))
  it('refuses a token without an organisation', async () =>
    expectUnauthorized(`Bearer ${await forge({ consumer: undefined })}`))

  it('refuses alg none', async () => {
    const now = Math.floor(Date.now() / 1000)
    await expectUnauthorized(
      `Bearer ${b64({ alg: 'none', typ: 'at+jwt' })}.${b64({ iss: app.host.deps.config.issuer, aud: app.url, exp: now + 60, scope: 'deling:admin' })}.`,
    )
  })

  it('refuses HS256 signed with the published public key', async () => {
    const jwks = await (await fetch(`${app.host.deps.config.issuer}/jwks`)).json()
    const secret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]))
    await expectUnauthorized(`Bearer ${await forge({}, { alg: 'HS256' }, secret)}`)
  })

  it('refuses a token signed by a key that is not ours', async () => {
    const { privateKey } = await generateKeyPair('ES256')
    await expectUnauthorized(`Bearer ${await forge({}, { kid: 'not-our-key' }, privateKey)}`)
  })

  it('refuses a tampered token', async () => {
    const [header, payload, signature] = (await forge()).split('.')
    const changed = b64({
      ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
      scope: 'deling:admin deling:gateway',
    })
    await expectUnauthorized(`Bearer ${header}.${changed}.${signature}`)
  })

  it('answers 403 insufficient-scope for a valid token without the scope', async () => {
    const token = await accessToken(app, operator, 'deling:audit.read')
    const res = await app.get('/admin/organisations', { token })
    expect(res.status).toBe(403)
    expect(res.body.type).toBe(`${app.url}/problems/insufficient-scope`)
    expect(res.headers.get('www-authenticate')).toMatch(/error="insufficient_scope", scope="deling:admin"/)
  })

  describe('DPoP-bound tokens', () => {
    const url = () => `${app.url}/admin/organisations`
    let key: Awaited<ReturnType<typeof newDpopKey>>
    let token: string
    beforeAll(async () => {
      key = await newDpopKey()
      token = await accessToken(app, operator, 'deling:admin', key)
    })

    const call = (authorization: string, proof?: string) =>
      app.get('/admin/organisations', { headers: { Authorization: authorization, ...(proof ? { DPoP: proof } : {}) } })

    it('accepts the token with a fresh proof, and a new proof for each request', async () => {
      expect((await call(`DPoP ${token}`, await dpopProof(key, 'GET', url(), token))).status).toBe(200)
      expect((await call(`DPoP ${token}`, await dpopProof(key, 'GET', url(), token))).status).toBe(200)
    })

    it('refuses the bound token presented as Bearer', async () => {
      const res = await call(`Bearer ${token}`)
      expect(res.status).toBe(401)
      expect(res.body.detail).toMatch(/DPoP/)
    })

    it('refuses a bound token without a proof', async () => {
      const res = await call(`DPoP ${token}`)
      expect(res.status).toBe(401)
      expect(res.body.type).toBe(`${app.url}/problems/invalid-dpop-proof`)
    })

    it('refuses a replayed proof (same jti)', async () => {
      const proof = await dpopProof(key, 'GET', url(), token)
      expect((await call(`DPoP ${token}`, proof)).status).toBe(200)
      const replay = await call(`DPoP ${token}`, proof)
      expect(replay.status).toBe(401)
      expect(replay.body.detail).toMatch(/replay/)
      expect(replay.headers.get('www-authenticate')).toMatch(/error="invalid_dpop_proof"/)
    })

    it.each([
      ['another method', async () => dpopProof(key, 'POST', url(), token), /htm/],
      ['another URL', async () => dpopProof(key, 'GET', `${app.url}/admin/clients`, token), /htu/],
      ['no ath', async () => dpopProof(key, 'GET', url()), /ath/],
      ["another token's ath", async () => dpopProof(key, 'GET', url(), 'some-other-token'), /ath/],
      [
        'an old iat',
        async () => dpopProof(key, 'GET', url(), token, { iat: Math.floor(Date.now() / 1000) - 600 }),
        /fresh/,
      ],
      ['another key', async () => dpopProof(await newDpopKey(), 'GET', url(), token), /bound/],
      ['not a JWT', async () => 'garbage', /not a JWT/],
    ])('refuses a proof with %s', async (_name, makeProof, reason) => {
      const res = await call(`DPoP ${token}`, await makeProof())
      expect(res.status).toBe(401)
      expect(res.body.type).toBe(`${app.url}/problems/invalid-dpop-proof`)
      expect(res.body.detail).toMatch(reason)
    })

    it('refuses an unbound token presented as DPoP', async () => {
      const bearer = await accessToken(app, operator, 'deling:admin')
      const res = await call(`DPoP ${bearer}`, await dpopProof(key, 'GET', url(), bearer))
      expect(res.status).toBe(401)
      expect(res.body.detail).toMatch(/not DPoP-bound/)
    })
  })
})

describe('disabling a client', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp()
  })
  afterAll(() => app?.close())

  it('stops the tokens it already has within about a second', async () => {
    const operator = await registerClient(app, demoOrganisations.digdir.orgnr, ['deling:admin'])
    const victim = await registerClient(app, demoOrganisations.nav.orgnr, ['deling:admin'])
    const adminToken = await accessToken(app, operator, 'deling:admin')
    const victimToken = await accessToken(app, victim, 'deling:admin')
    expect((await app.get('/admin/organisations', { token: victimToken })).status).toBe(200)
    expect((await app.post(`/admin/clients/${victim.clientId}/disable`, undefined, { token: adminToken })).status).toBe(
      200,
    )
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const res = await app.get('/admin/organisations', { token: victimToken })
    expect(res.status).toBe(401)
    expect(res.body.detail).toMatch(/disabled/)
    expect((await app.get('/admin/organisations', { token: adminToken })).status).toBe(200)
  })
})
