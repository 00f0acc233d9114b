import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'
import { accessToken, demoOrganisations, registerClient } from '../support/tokens.ts'

/** A second authorization server that the test runs itself, shaped like Maskinporten (RS256, consumer.ID). */
async function startExternalIssuer() {
  const { privateKey, publicKey } = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'mp-1', alg: 'RS256', use: 'sig' }
  const issuerApp = new Hono().get('/jwk', (c) => c.json({ keys: [jwk] }))
  const server = serve({ fetch: issuerApp.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise((resolve) => server.once('listening', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  const sign = (claims: Record<string, unknown>, key: CryptoKey = privateKey) => {
    const now = Math.floor(Date.now() / 1000)
    return new SignJWT({
      client_id: 'mp-client',
      scope: 'deling:admin',
      jti: crypto.randomUUID(),
      iat: now,
      exp: now + 120,
      iss: issuer,
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'mp-1', typ: 'at+jwt' })
      .sign(key)
  }
  return { issuer, jwksUri: `${issuer}jwk`, sign, close: () => new Promise((resolve) => server.close(resolve)) }
}

describe('trusted external issuers (Maskinporten-style)', () => {
  let app: TestApp
  let external: Awaited<ReturnType<typeof startExternalIssuer>>
  let operatorToken: string
  const audience = 'https://deling.test.example'

  beforeAll(async () => {
    app = await startTestApp()
    external = await startExternalIssuer()
    const operator = await registerClient(app, demoOrganisations.digdir.orgnr, ['deling:admin'])
    operatorToken = await accessToken(app, operator, 'deling:admin')
  })
  afterAll(async () => {
    await app?.close()
    await external?.close()
  })

  const maskinportenToken = (claims: Record<string, unknown> = {}) =>
    external.sign({
      aud: audience,
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${demoOrganisations.nav.orgnr}` },
      ...claims,
    })

  it('refuses tokens from an issuer the operator has not trusted', async () => {
    const res = await app.get('/admin/organisations', { token: await maskinportenToken() })
    expect(res.status).toBe(401)
    expect(res.body.detail).toMatch(/does not trust/)
  })

  it('lets the operator trust an issuer, then accepts its tokens with the organisation from consumer.ID', async () => {
    const added = await app.post(
      '/admin/trusted-issuers',
      { issuer: external.issuer, jwksUri: external.jwksUri, audience },
      { token: operatorToken },
    )
    expect(added.status).toBe(201)
    expect(added.body).toEqual({
      issuer: external.issuer,
      jwksUri: external.jwksUri,
      audience,
      organisationClaim: 'consumer.ID',
    })
    expect((await app.get('/admin/trusted-issuers', { token: operatorToken })).body.items).toHaveLength(1)
    // The instance cached the empty list a moment ago; an unknown issuer reloads it at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const res = await app.get('/admin/organisations', { token: await maskinportenToken() })
    expect(res.status, res.text).toBe(200)
  })

  it('refuses its tokens for another audience, with another key, or without a valid organisation', async () => {
    const { privateKey: otherKey } = await generateKeyPair('RS256')
    for (const token of [
      await maskinportenToken({ aud: 'https://someone-else.example' }),
      await external.sign({ aud: audience, consumer: { ID: `0192:${demoOrganisations.nav.orgnr}` } }, otherKey),
      await maskinportenToken({ consumer: { ID: '0192:123456789' } }),
      await maskinportenToken({ consumer: undefined }),
    ]) {
      const res = await app.get('/admin/organisations', { token })
      expect(res.status).toBe(401)
      expect(res.body.type).toBe(`${app.url}/problems/invalid-token`)
    }
  })

  it('applies scopes from the external token', async () => {
    const res = await app.get('/admin/organisations', { token: await maskinportenToken({ scope: 'deling:gateway' }) })
    expect(res.status).toBe(403)
  })

  it('refuses bad issuer registrations and duplicates without changing anything', async () => {
    const bad = await app.post(
      '/admin/trusted-issuers',
      { issuer: 'not a url', jwksUri: external.jwksUri, audience, organisationClaim: 'a..b' },
      { token: operatorToken },
    )
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual([
      '/issuer',
      '/organisationClaim',
    ])
    const duplicate = await app.post(
      '/admin/trusted-issuers',
      { issuer: external.issuer, jwksUri: external.jwksUri, audience },
      { token: operatorToken },
    )
    expect(duplicate.status).toBe(409)
    expect((await app.get('/admin/trusted-issuers', { token: operatorToken })).body.items).toHaveLength(1)
  })

  it('stops trusting an issuer', async () => {
    const res = await app.request('DELETE', `/admin/trusted-issuers?issuer=${encodeURIComponent(external.issuer)}`, {
      token: operatorToken,
    })
    expect(res.status).toBe(204)
    expect((await app.get('/admin/trusted-issuers', { token: operatorToken })).body.items).toEqual([])
    const again = await app.request('DELETE', `/admin/trusted-issuers?issuer=${encodeURIComponent(external.issuer)}`, {
      token: operatorToken,
    })
    expect(again.status).toBe(404)
  })
})
