import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'
import { databaseBehindProxy, type ProxiedDatabase } from '../support/proxied-database.ts'
import { clientAssertion, demoOrganisations, registerClient, type TestClient } from '../support/tokens.ts'
import { eventually } from './load.ts'

/**
 * The authorization server while Postgres is gone: oidc-provider stores replay detection and reads clients through
 * the adapter, so a token request meets the outage there. It must answer like an OAuth server (RFC 6749 §5.2 JSON),
 * with 503 and Retry-After, never a 500 `server_error`.
 */
describe('faults: the database stops while clients ask for tokens', () => {
  let proxy: ProxiedDatabase['proxy']
  let behind: ProxiedDatabase
  let app: TestApp
  let client: TestClient

  const askForToken = async () => {
    const response = await fetch(`${app.host.deps.config.issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: await clientAssertion(app, client),
        scope: 'deling:gateway',
      }),
    })
    return { status: response.status, headers: response.headers, text: await response.text() }
  }

  beforeAll(async () => {
    behind = await databaseBehindProxy()
    ;({ proxy } = behind)
    app = await startTestApp({ database: behind.open() })
    client = await registerClient(app, demoOrganisations.nav.orgnr, ['deling:gateway'])
  })
  afterAll(async () => {
    await app?.close()
    await behind?.close()
  })

  it('answers 503 temporarily_unavailable with Retry-After while it is gone, and issues tokens again after', async () => {
    expect((await askForToken()).status).toBe(200)
    proxy.stop()
    const during = []
    for (let i = 0; i < 10; i++) during.push(await askForToken())
    for (const answer of during) {
      expect(answer.status, answer.text).toBe(503)
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(answer.headers.get('cache-control')).toBe('no-store')
      expect(JSON.parse(answer.text)).toEqual({
        error: 'temporarily_unavailable',
        error_description: 'the database cannot be reached; retry shortly',
      })
    }

    await proxy.restore()
    expect(await eventually(async () => (await askForToken()).status === 200, 40, 100)).toBe(true)
    expect(app.logs.filter((line) => line.level === 'error')).toEqual([])
    console.info(`token outage: ${during.length} token requests during the outage, all 503 temporarily_unavailable`)
  })
})
