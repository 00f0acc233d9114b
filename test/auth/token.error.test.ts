import { generateKeyPair } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { disableClient } from '../../src/auth/clients.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import {
  clientAssertion,
  demoOrganisations,
  dpopProof,
  newDpopKey,
  registerClient,
  requestToken,
  type TestClient,
} from '../support/tokens.ts'

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')

describe('token endpoint refusals (RFC 6749 / RFC 7523 errors, never a 500)', () => {
  let app: TestApp
  let nav: TestClient
  beforeAll(async () => {
    app = await startTestApp()
    nav = await registerClient(app, demoOrganisations.nav.orgnr, ['deling:gateway'])
  })
  afterAll(() => app?.close())

  const refused = async (assertion: string | Promise<string>, error = 'invalid_client', scope = 'deling:gateway') => {
    const res = await requestToken(app, nav, { assertion: await assertion, scope })
    expect(res.status, JSON.stringify(res.body)).toBe(error === 'invalid_client' ? 401 : 400)
    expect(res.body.error).toBe(error)
    return res.body
  }

  it('refuses an assertion whose aud is the token endpoint rather than the issuer', async () => {
    const body = await refused(clientAssertion(app, nav, { aud: `${app.host.deps.config.issuer}/token` }))
    expect(body.error_description).toBeDefined()
  })

  it('refuses an assertion with several audiences', () =>
    refused(clientAssertion(app, nav, { aud: [app.host.deps.config.issuer, 'https://other.example'] })))

  it('refuses a replayed assertion (same jti)', async () => {
    const assertion = await clientAssertion(app, nav)
    expect((await requestToken(app, nav, { assertion, scope: 'deling:gateway' })).status).toBe(200)
    await refused(assertion)
  })

  it('refuses an assertion that lives longer than 120 s', async () => {
    const now = Math.floor(Date.now() / 1000)
    await refused(clientAssertion(app, nav, { iat: now, exp: now + 121 }))
  })

  it('refuses an expired assertion', async () => {
    const now = Math.floor(Date.now() / 1000)
    await refused(clientAssertion(app, nav, { iat: now - 200, exp: now - 100 }))
  })

  it('refuses an assertion whose sub is not the client', () =>
    refused(clientAssertion(app, nav, { sub: 'someone-else' })))

  it('refuses an unknown client', () => refused(clientAssertion(app, { ...nav, clientId: crypto.randomUUID() })))

  it('refuses an assertion signed with another key', async () => {
    const { privateKey } = await generateKeyPair('ES256')
    await refused(clientAssertion(app, nav, { key: privateKey }))
  })

  it('refuses alg none', async () => {
    const now = Math.floor(Date.now() / 1000)
    const unsigned = `${b64({ alg: 'none' })}.${b64({ iss: nav.clientId, sub: nav.clientId, aud: app.host.deps.config.issuer, jti: crypto.randomUUID(), iat: now, exp: now + 60 })}.`
    await refused(unsigned)
  })

  it("refuses HS256 signed with the client's public key as the secret", async () => {
    const secret = new TextEncoder().encode(JSON.stringify(nav.publicJwk))
    await refused(clientAssertion(app, nav, { alg: 'HS256', key: secret }))
  })

  it('refuses a scope that does not exist', () =>
    refused(clientAssertion(app, nav), 'invalid_scope', 'deling:nonsense'))

  it('refuses a scope the client is not allowed', () =>
    refused(clientAssertion(app, nav), 'invalid_scope', 'deling:admin'))

  it('refuses a disabled client', async () => {
    const dnb = await registerClient(app, demoOrganisations.dnb.orgnr, ['deling:gateway'])
    expect((await requestToken(app, dnb, { scope: 'deling:gateway' })).status).toBe(200)
    await disableClient(app.host.database.db, dnb.clientId, new Date())
    const res = await requestToken(app, dnb, { scope: 'deling:gateway' })
    expect(res.status).toBe(401)
    expect(res.body.error).toBe('invalid_client')
  })

  it('refuses a client secret: private_key_jwt only', async () => {
    const res = await fetch(`${app.host.deps.config.issuer}/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${btoa(`${nav.clientId}:secret`)}`,
      },
      body: 'grant_type=client_credentials&scope=deling:gateway',
    })
    expect(res.status).toBe(401)
    expect((await res.json()).error).toBe('invalid_client')
  })

  it.each([
    ['a malformed proof', async () => 'not-a-jwt'],
    [
      'a proof made for another URL',
      async () => dpopProof(await newDpopKey(), 'POST', 'https://elsewhere.example/token'),
    ],
    [
      'a proof for another method',
      async () => dpopProof(await newDpopKey(), 'GET', `${app.host.deps.config.issuer}/token`),
    ],
  ])('refuses %s at the token endpoint', async (_case, makeProof) => {
    const res = await requestToken(app, nav, { scope: 'deling:gateway', proof: await makeProof() })
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_dpop_proof')
  })

  it('answers an unsupported grant type and garbage with OAuth errors', async () => {
    const password = await fetch(`${app.host.deps.config.issuer}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=a&password=b',
    })
    expect(password.status).toBeGreaterThanOrEqual(400)
    expect(password.status).toBeLessThan(500)
    const garbage = await fetch(`${app.host.deps.config.issuer}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"x":',
    })
    expect(garbage.status).toBeGreaterThanOrEqual(400)
    expect(garbage.status).toBeLessThan(500)
    expect(app.logs.filter((line) => line.level === 'error')).toEqual([])
  })
})

describe('token requests must name their scopes', () => {
  let app: TestApp
  let nav: TestClient
  beforeAll(async () => {
    app = await startTestApp()
    nav = await registerClient(app, demoOrganisations.nav.orgnr, ['deling:gateway'])
  })
  afterAll(() => app?.close())

  it('refuses a request without scope', async () => {
    const res = await requestToken(app, nav)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: 'invalid_scope', error_description: 'scope is required' })
  })

  it('refuses a known scope mixed with an unknown one', async () => {
    const res = await requestToken(app, nav, { scope: 'deling:gateway deling:everything' })
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_scope')
  })
})
