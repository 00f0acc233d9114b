import { decodeProtectedHeader } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rotateSigningKey } from '../../src/auth/keys.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { accessToken, demoOrganisations, registerClient, type TestClient } from '../support/tokens.ts'

describe('signing key rotation', () => {
  let app: TestApp
  let operator: TestClient
  beforeAll(async () => {
    app = await startTestApp()
    operator = await registerClient(app, demoOrganisations.digdir.orgnr, ['deling:admin'])
  })
  afterAll(() => app?.close())

  const jwks = async () => (await (await fetch(`${app.host.deps.config.issuer}/jwks`)).json()).keys as { kid: string }[]

  it('generates one ES256 key on first start and publishes only its public part', async () => {
    const keys = await jwks()
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' })
    expect(keys[0]).not.toHaveProperty('d')
  })

  it('rotates through the admin API: new tokens use the new key, old tokens still verify', async () => {
    const before = await accessToken(app, operator, 'deling:admin')
    const oldKid = decodeProtectedHeader(before).kid
    const rotated = await app.post('/admin/keys/rotate', undefined, { token: before })
    expect(rotated.status).toBe(200)
    expect(rotated.body.retired).toEqual([oldKid])
    expect(rotated.body.kid).not.toBe(oldKid)

    // The authorization server notices the new key set within a second.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const after = await accessToken(app, operator, 'deling:admin')
    expect(decodeProtectedHeader(after).kid).toBe(rotated.body.kid)
    expect((await jwks()).map((key) => key.kid).sort()).toEqual([oldKid, rotated.body.kid].sort())

    expect((await app.get('/admin/organisations', { token: before })).status).toBe(200)
    expect((await app.get('/admin/organisations', { token: after })).status).toBe(200)
  })

  it('drops a retired key from the JWKS once its tokens have expired', async () => {
    const db = app.host.database.db
    const later = new Date(Date.now() + 10 * 60_000)
    const { kid } = await rotateSigningKey(db, 'oidc', new Date(), 0)
    await rotateSigningKey(db, 'oidc', later, 0)
    const { publishedKeys } = await import('../../src/auth/keys.ts')
    const published = await publishedKeys(db, 'oidc', new Date(later.getTime() + 1000))
    expect(published.map((key) => key.kid)).not.toContain(kid)
    expect(published[0]!.retiredAt).toBeNull()
  })

  it('is refused to callers without deling:admin', async () => {
    const nav = await registerClient(app, demoOrganisations.nav.orgnr, ['deling:gateway'])
    const res = await app.post('/admin/keys/rotate', undefined, {
      token: await accessToken(app, nav, 'deling:gateway'),
    })
    expect(res.status).toBe(403)
  })
})
