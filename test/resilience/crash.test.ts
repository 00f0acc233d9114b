import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accessLog } from '../../src/db/schema/index.ts'
import { startUpstream, subject, type Upstream } from '../gateway/support.ts'
import { ingrid } from '../support/citizen-browser.ts'
import { createTestDatabase, type TestDatabase, urlForSchema } from '../support/database.ts'
import { freePort } from '../support/ports.ts'
import { type ServerProcess, startServerProcess } from '../support/server-process.ts'
import { eventually, loadUntil, scale } from './load.ts'
import { type Answer, call, citizen, type Deling, type GatewayScene, gatewayScene } from './world.ts'

/**
 * `kill -9` in the middle of deliveries and consent decisions: whatever Deling acknowledged before it died must be
 * there when it comes back: Postgres commits before Deling answers, and nothing is kept only in memory.
 */
describe('faults: the process is killed with SIGKILL during load', { timeout: 120_000 }, () => {
  let database: TestDatabase
  let upstream: Upstream
  let server: ServerProcess | undefined
  let deling: Deling
  let scene: GatewayScene
  let port: number
  const start = () =>
    startServerProcess(
      {
        PORT: String(port),
        DATABASE_URL: urlForSchema(database.schema!),
        DELING_DEMO: '0',
        LOG_LEVEL: 'warn',
        DELING_UPSTREAM_ALLOW: '127.0.0.1',
        DELING_RATE_LIMIT: '0',
      },
      'is running at',
    )

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    upstream = await startUpstream()
    port = await freePort()
    server = await start()
    const url = `http://127.0.0.1:${port}`
    deling = { url, issuing: { db: database.handle.db, issuer: `${url}/oidc` } }
    scene = await gatewayScene(deling, upstream.url)
  })
  afterAll(async () => {
    server?.child.kill('SIGKILL')
    await upstream?.close()
    await database?.drop()
  })

  it('keeps every acknowledged delivery in the access log and every accepted consent accepted', async () => {
    const navToken = await scene.navToken()
    const requester = await scene.dnbToken('deling:consent.request')
    const pending: string[] = []
    for (let i = 0; i < 30 * scale; i++) {
      const created = await scene.requestConsent(ingrid.fnr, requester)
      expect(created.status, created.text).toBe(201)
      pending.push(created.body.id)
    }
    const ingridOnline = await citizen(deling, ingrid.fnr)

    const deliveries: Answer[] = []
    const accepted: string[] = []
    const killed = (async () => {
      await eventually(() => deliveries.length >= 20 * scale && accepted.length >= 5 * scale, 400, 25)
      const exited = once(server!.child, 'exit')
      server!.child.kill('SIGKILL')
      await exited
    })()
    const gatewayLoad = loadUntil(
      3,
      async () => {
        const answer = await call(deling, 'GET', `/gateway/${scene.datasetId}/inntekt/${subject}`, {
          token: navToken,
          headers: { 'Deling-Purpose': 'dagpenger', 'Deling-Subject': subject },
        })
        if (answer.status === 200) deliveries.push(answer)
        return answer.status
      },
      killed,
    )
    const decisions = (async () => {
      for (const id of pending) {
        const answer = await ingridOnline.accept(id).catch(() => undefined)
        if (!answer) break
        if (answer.status === 303 && answer.headers.get('Location')?.endsWith(`id=${id}&status=accepted`))
          accepted.push(id)
      }
    })()
    await Promise.all([killed, gatewayLoad, decisions])
    expect(deliveries.length).toBeGreaterThanOrEqual(20 * scale)

    server = await start()
    expect(server.output()).toContain('is running at')
    const logged = new Set((await database.handle.db.select().from(accessLog)).map((entry) => entry.requestId))
    const missing = deliveries.filter((answer) => !logged.has(answer.headers.get('x-request-id')!))
    expect(missing, 'deliveries without an access-log entry').toEqual([])
    const reader = await scene.dnbToken('deling:consent.request')
    for (const id of accepted) {
      const consent = await call(deling, 'GET', `/consent/requests/${id}`, { token: reader })
      expect(consent.body.status, id).toBe('accepted')
    }
    const verdict = await call(deling, 'GET', '/audit/verify', { token: await scene.operatorToken() })
    expect(verdict.body).toMatchObject({ valid: true, entries: logged.size })
    const after = await call(deling, 'GET', `/gateway/${scene.datasetId}/inntekt/${subject}`, {
      token: await scene.navToken(),
      headers: { 'Deling-Purpose': 'dagpenger', 'Deling-Subject': subject },
    })
    expect(after.status, after.text).toBe(200)
    console.info(
      `SIGKILL under load: ${deliveries.length} deliveries acknowledged, all ${deliveries.length} logged (${logged.size} entries in all); ${accepted.length} consents accepted, all still accepted; chain valid after restart`,
    )
  })
})
