import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../config.ts'
import type { DatabaseHandle } from '../../db/database.ts'
import { migrate } from '../../db/migrate.ts'
import { openPglite } from '../../db/pglite.ts'
import type { AppDeps } from '../../deps.ts'
import type { AppEnv } from '../../http/env.ts'
import { errorHandler } from '../../http/errors.ts'
import { createLogger } from '../../http/logger.ts'
import { requireCsrf } from './csrf.ts'
import { requireCitizen } from './middleware.ts'
import { startSession } from './session.ts'

// The guards later pages use (consent screen, my page), on a bare app with a real database.
describe('requireCitizen and requireCsrf', () => {
  let database: DatabaseHandle
  let app: Hono<AppEnv>
  let cookie: string
  let csrf: string
  const config = loadConfig({ PUBLIC_URL: 'http://deling.test' })

  beforeAll(async () => {
    database = await openPglite(undefined)
    await migrate(database.db)
    const deps = { config, clock: () => new Date(), logger: createLogger('silent') } as AppDeps
    app = new Hono<AppEnv>()
    app.use('*', async (c, next) => {
      c.set('db', database.db)
      c.set('requestId', 'req_test')
      await next()
    })
    app.get('/page', requireCitizen(deps, { page: true }), (c) => c.text(`page of ${c.get('caller')?.kind}`))
    app.get('/data', requireCitizen(deps), (c) => c.json(c.get('caller')))
    app.post('/change', requireCitizen(deps), requireCsrf(), (c) => c.text('changed'))
    app.onError(errorHandler(config.publicUrl, deps.logger))
    const started = await startSession(
      database.db,
      { fnr: '12858440015', name: 'Ingrid Fjellheim', acr: 'deling-test-idp', idToken: undefined },
      new Date(),
    )
    cookie = `deling_session=${started.token}`
    csrf = started.session.csrfToken
  })
  afterAll(() => database?.close())

  it('sends a visitor of a page to the login, and back to the page afterwards', async () => {
    const res = await app.request('/page?tab=consents')
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('/auth/login?returnTo=%2Fpage%3Ftab%3Dconsents')
  })

  it('answers an API request without a session with a 401 problem', async () => {
    const res = await app.request('/data')
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ type: 'http://deling.test/problems/login-required' })
  })

  it('sets the caller to the citizen of the session', async () => {
    const res = await app.request('/data', { headers: { Cookie: cookie } })
    expect(await res.json()).toEqual({
      kind: 'citizen',
      fnr: '12858440015',
      name: 'Ingrid Fjellheim',
      acr: 'deling-test-idp',
      via: 'session',
      scopes: {},
    })
  })

  it('refuses a state-changing request without the session CSRF token (form field or header)', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      app.request('/change', {
        method: 'POST',
        body,
        headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      })
    expect((await post('')).status).toBe(403)
    expect(await (await post('csrf=nope')).json()).toMatchObject({ type: 'http://deling.test/problems/csrf-failed' })
    expect((await post(`csrf=${csrf}`)).status).toBe(200)
    expect((await post('', { 'X-CSRF-Token': csrf })).status).toBe(200)
  })
})
