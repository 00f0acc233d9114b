import { decodeJwt, decodeProtectedHeader, importJWK } from 'jose'
import * as oidc from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'
import { accessToken, demoOrganisations, registerClient, requestToken, type TestClient } from '../support/tokens.ts'

describe.each(['postgres', 'pglite'] as const)('organisation tokens on %s', (driver) => {
  let app: TestApp
  let nav: TestClient
  beforeAll(async () => {
    app = await startTestApp({ driver })
    nav = await registerClient(app, demoOrganisations.nav.orgnr, ['deling:gateway', 'deling:consent.request'])
  })
  afterAll(() => app?.close())

  // Discovery alone, as any openid-client user would start (http is allowed only because the test runs on loopback).
  const discover = () =>
    oidc.discovery(
      new URL(app.host.deps.config.issuer),
      nav.clientId,
      {},
      oidc.PrivateKeyJwt({ key: nav.privateKey, kid: nav.publicJwk.kid }),
      { execute: [oidc.allowInsecureRequests] },
    )

  it('publishes OpenID discovery with what Maskinporten clients need', async () => {
    const issuer = app.host.deps.config.issuer
    const res = await fetch(`${issuer}/.well-known/openid-configuration`)
    expect(res.status).toBe(200)
    const discovery = await res.json()
    expect(discovery).toMatchObject({
      issuer,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      token_endpoint_auth_methods_supported: expect.arrayContaining(['private_key_jwt']),
      grant_types_supported: expect.arrayContaining(['client_credentials', 'authorization_code']),
      dpop_signing_alg_values_supported: expect.arrayContaining(['ES256']),
      code_challenge_methods_supported: ['S256'],
      scopes_supported: expect.arrayContaining([
        'deling:catalog.write',
        'deling:gateway',
        'deling:consent.request',
        'deling:audit.read',
        'deling:admin',
      ]),
    })
    expect(discovery.token_endpoint_auth_methods_supported).not.toContain('client_secret_basic')
  })

  it('issues an RFC 9068 ES256 JWT with the consumer organisation', async () => {
    const { status, body } = await requestToken(app, nav, { scope: 'deling:gateway' })
    expect(status).toBe(200)
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 120, scope: 'deling:gateway' })
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({
      alg: 'ES256',
      typ: 'at+jwt',
      kid: expect.any(String),
    })
    const claims = decodeJwt(body.access_token)
    expect(claims).toMatchObject({
      iss: app.host.deps.config.issuer,
      aud: app.url,
      sub: nav.clientId,
      client_id: nav.clientId,
      scope: 'deling:gateway',
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${nav.orgnr}` },
    })
    expect(claims.jti).toEqual(expect.any(String))
    expect(claims.exp! - claims.iat!).toBe(120)
  })

  it('publishes the key that verifies the token at /oidc/jwks', async () => {
    const token = await accessToken(app, nav, 'deling:gateway')
    const jwks = await (await fetch(`${app.host.deps.config.issuer}/jwks`)).json()
    const { kid } = decodeProtectedHeader(token)
    const key = jwks.keys.find((candidate: { kid: string }) => candidate.kid === kid)
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' })
    expect(key).not.toHaveProperty('d')
    await expect(importJWK(key, 'ES256')).resolves.toBeTruthy()
  })

  it('grants every allowed scope when several are asked for', async () => {
    const { body } = await requestToken(app, nav, { scope: 'deling:gateway deling:consent.request' })
    expect(body.scope.split(' ').sort()).toEqual(['deling:consent.request', 'deling:gateway'])
  })

  it('lets openid-client v6 obtain a token from discovery alone (clientCredentialsGrant + PrivateKeyJwt)', async () => {
    const configuration = await discover()
    const tokens = await oidc.clientCredentialsGrant(configuration, { scope: 'deling:gateway' })
    expect(tokens.token_type).toBe('bearer')
    expect(decodeJwt(tokens.access_token)).toMatchObject({ client_id: nav.clientId, scope: 'deling:gateway' })
  })

  it('lets openid-client v6 obtain a DPoP-bound token', async () => {
    const configuration = await discover()
    const dpop = oidc.getDPoPHandle(configuration, await oidc.randomDPoPKeyPair('ES256'))
    const tokens = await oidc.clientCredentialsGrant(configuration, { scope: 'deling:gateway' }, { DPoP: dpop })
    expect(tokens.token_type).toBe('dpop')
    expect(decodeJwt(tokens.access_token).cnf).toEqual({ jkt: expect.any(String) })
  })

  it('accepts its own token on a protected route and names the caller', async () => {
    const operator = await registerClient(app, demoOrganisations.digdir.orgnr, ['deling:admin'])
    const token = await accessToken(app, operator, 'deling:admin')
    const res = await app.get('/admin/organisations', { token })
    expect(res.status).toBe(200)
    expect(res.body.items.map((organisation: { orgnr: string }) => organisation.orgnr)).toContain(
      demoOrganisations.digdir.orgnr,
    )
  })
})
