import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type OpenApiDocument, operationsOf } from './contract.ts'
import { changedTables, type Digest, tableDigester } from './digest.ts'
import { type SecurityWorld, securityWorld } from './world.ts'

// test/consent/citizen.test.ts checks the decision and revoke forms; this finds every form a citizen page posts.
describe('CSRF: no POST a citizen page makes changes anything without the session’s token', () => {
  let world: SecurityWorld
  let digest: () => Promise<Digest>
  let forms: string[]
  beforeAll(async () => {
    world = await securityWorld()
    digest = await tableDigester(world.app)
    const document = (await (await fetch(`${world.app.url}/openapi.json`)).json()) as OpenApiDocument
    const organisationApi = operationsOf(document)
      .filter((operation) => operation.secured)
      .map((operation) => new RegExp(`^${operation.path.replace(/\{\w+\}/g, '[^/]+')}$`))
    // Every POST route of the app that is not the organisation API, the authorization server or the demo producer.
    const params: Record<string, string> = {
      id: world.acceptedConsentId,
      orgnr: '889640782',
      uid: 'x',
    }
    forms = [
      ...new Set(
        world.app.host.app.routes
          .filter(
            (route) => route.method === 'POST' && !/^\/(oidc|demo)\b/.test(route.path) && !route.path.includes('*'),
          )
          .map((route) => route.path.replace(/:(\w+)/g, (_all, name: string) => params[name] ?? 'x'))
          .filter((path) => !organisationApi.some((pattern) => pattern.test(path))),
      ),
    ]
  })
  afterAll(() => world?.close())

  it('finds the citizen forms', () => {
    expect(forms).toEqual(
      expect.arrayContaining([
        `/consent/view/${world.acceptedConsentId}`,
        `/me/consents/${world.acceptedConsentId}/revoke`,
        '/auth/logout',
      ]),
    )
  })

  it.each([
    ['no token', () => ({})],
    ["another citizen's token", () => ({ csrf: world.lars.csrf! })],
    ['an empty token', () => ({ csrf: '' })],
  ])('refuses every form with %s, and changes nothing', async (_name, token) => {
    for (const path of forms) {
      const before = await digest()
      const response = await fetch(`${world.app.url}${path}`, {
        method: 'POST',
        headers: {
          ...world.ingrid.headers,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: new URLSearchParams({ decision: 'reject', ...token() }).toString(),
        redirect: 'manual',
      })
      const text = await response.text()
      expect(response.status, `${path}: ${text.slice(0, 200)}`).toBeGreaterThanOrEqual(400)
      expect(response.status, path).toBeLessThan(500)
      expect(changedTables(before, await digest()), path).toEqual([])
    }
    // The forms a citizen reaches without acting for anyone refuse for the token itself.
    for (const path of [
      `/consent/view/${world.acceptedConsentId}`,
      `/me/consents/${world.acceptedConsentId}/revoke`,
      '/auth/logout',
    ]) {
      const response = await fetch(`${world.app.url}${path}`, {
        method: 'POST',
        headers: {
          ...world.ingrid.headers,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: new URLSearchParams({ decision: 'reject', ...token() }).toString(),
        redirect: 'manual',
      })
      expect(response.status, path).toBe(403)
      expect((await response.json()).type, path).toMatch(/\/problems\/csrf-failed$/)
    }
  })

  it('still accepts the same form with the right token (the test above can fail)', async () => {
    const response = await fetch(`${world.app.url}/me/consents/${world.acceptedConsentId}/revoke`, {
      method: 'POST',
      headers: { ...world.ingrid.headers, 'X-CSRF-Token': world.ingrid.csrf!, Accept: 'application/json' },
      redirect: 'manual',
    })
    expect(response.status).toBe(200)
    expect((await response.json()).status).toBe('revoked')
  })
})
