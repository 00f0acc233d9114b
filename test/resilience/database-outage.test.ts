import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startUpstream, subject, type Upstream } from '../gateway/support.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { databaseBehindProxy, type ProxiedDatabase } from '../support/proxied-database.ts'
import { eventually, loadUntil, scale } from './load.ts'
import { type Answer, call, delingOf, type GatewayScene, gatewayScene } from './world.ts'

interface Outcome {
  kind: 'gateway' | 'consent-request' | 'catalog'
  answer: Answer
}

/**
 * Postgres is taken away under load and given back, through a proxy between the app and the shared Postgres (which
 * other test files use, so it is never stopped itself).
 */
describe('faults: the database stops during load', () => {
  let proxy: ProxiedDatabase['proxy']
  let behind: ProxiedDatabase
  let app: TestApp
  let upstream: Upstream
  let scene: GatewayScene

  beforeAll(async () => {
    behind = await databaseBehindProxy()
    ;({ proxy } = behind)
    upstream = await startUpstream()
    app = await startTestApp({
      database: behind.open(),
      env: { DELING_UPSTREAM_ALLOW: '127.0.0.1', DELING_RATE_LIMIT: '0' },
    })
    scene = await gatewayScene(delingOf(app), upstream.url)
  })
  afterAll(async () => {
    await app?.close()
    await upstream?.close()
    await behind?.close()
  })

  it('answers 503 problems while it is gone, loses nothing acknowledged, and resumes by itself', async () => {
    const deling = delingOf(app)
    const navToken = await scene.navToken()
    const dnbToken = await scene.dnbToken('deling:consent.request')
    const one = async (n: number): Promise<Outcome> => {
      if (n % 3 === 0)
        return {
          kind: 'gateway',
          answer: await call(deling, 'GET', `/gateway/${scene.datasetId}/inntekt/${subject}`, {
            token: navToken,
            headers: { 'Deling-Purpose': 'dagpenger', 'Deling-Subject': subject },
          }),
        }
      if (n % 3 === 1) return { kind: 'consent-request', answer: await scene.requestConsent(subject, dnbToken) }
      return { kind: 'catalog', answer: await call(deling, 'GET', `/catalog/datasets/${scene.datasetId}`) }
    }

    const outcomes: (Outcome | { thrown: Error })[] = []
    const ok = (from: number) =>
      outcomes.slice(from).filter((outcome) => 'answer' in outcome && outcome.answer.status < 300).length
    const unavailable = (from: number) =>
      outcomes.slice(from).filter((outcome) => 'answer' in outcome && outcome.answer.status === 503).length
    let cutAt = 0
    let restoredAt = 0
    const phases = (async () => {
      expect(await eventually(() => ok(0) >= 20 * scale, 400, 25)).toBe(true)
      cutAt = outcomes.length
      proxy.stop()
      expect(await eventually(() => unavailable(cutAt) >= 20 * scale, 400, 25)).toBe(true)
      restoredAt = outcomes.length
      await proxy.restore()
      expect(await eventually(() => ok(restoredAt) >= 20 * scale, 400, 25)).toBe(true)
    })()
    const run = loadUntil(
      4,
      (n) =>
        one(n).then((outcome) => {
          outcomes.push(outcome)
          return outcome
        }),
      phases,
    )
    await Promise.all([run, phases])

    const answered = outcomes.filter((outcome): outcome is Outcome => 'answer' in outcome)
    expect(outcomes.length - answered.length, 'every request got an HTTP answer').toBe(0)
    for (const { answer } of answered) {
      if (answer.status < 300) continue
      expect(answer.status, answer.text).toBe(503)
      expect(answer.headers.get('content-type')).toBe('application/problem+json')
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(answer.body.type).toMatch(/\/problems\/database-unavailable$/)
    }
    expect(app.logs.filter((line) => line.level === 'error')).toEqual([])

    // Everything that was acknowledged is there once the database is back.
    const logged = new Set(
      (await call(deling, 'GET', '/audit/export', { token: await scene.operatorToken() })).text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).requestId as string),
    )
    const deliveries = answered.filter((outcome) => outcome.kind === 'gateway' && outcome.answer.status === 200)
    for (const { answer } of deliveries) expect(logged.has(answer.headers.get('x-request-id')!)).toBe(true)
    const created = answered.filter((outcome) => outcome.kind === 'consent-request' && outcome.answer.status === 201)
    const reader = await scene.dnbToken('deling:consent.request')
    for (const { answer } of created) {
      const stored = await call(deling, 'GET', `/consent/requests/${answer.body.id}`, { token: reader })
      expect(stored.status, stored.text).toBe(200)
      expect(stored.body.status).toBe('pending')
    }
    const verdict = await call(deling, 'GET', '/audit/verify', { token: await scene.operatorToken() })
    expect(verdict.body).toMatchObject({ valid: true })
    console.info(
      `database outage: ${answered.length} requests, ${ok(0)} × 2xx (${deliveries.length} deliveries, ${created.length} consent requests), ${unavailable(0)} × 503, 0 other; ${restoredAt - cutAt} answered during the outage; ${ok(restoredAt)} × 2xx after it`,
    )
  })
})
