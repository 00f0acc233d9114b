import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { changeConsent } from '../../src/consent/service.ts'
import type { TestResponse } from '../support/app.ts'
import { accessToken, registerClient } from '../support/tokens.ts'
import { accessLog, type GatewayWorld, gatewayWorld, otherSubject, subject } from './support.ts'

const expectProblem = (res: TestResponse, status: number, slug: string) => {
  expect(res.status, res.text).toBe(status)
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/)
  expect(res.body.type).toMatch(new RegExp(`/problems/${slug}$`))
}

describe('gateway: denials and failures', () => {
  let world: GatewayWorld
  beforeAll(async () => {
    world = await gatewayWorld({ DELING_GATEWAY_TIMEOUT_MS: '300', DELING_GATEWAY_MAX_BYTES: '65536' })
  })
  afterAll(() => world?.close())

  /** Runs a call and checks that nothing of it reached the producer. */
  async function denied(call: () => Promise<TestResponse>, status: number, slug: string) {
    const before = world.upstream.seen.length
    const res = await call()
    expectProblem(res, status, slug)
    expect(world.upstream.seen.length, 'the producer saw the request').toBe(before)
    return res
  }

  async function loggedAs(res: TestResponse) {
    return (await accessLog(world.app)).find((row) => row.requestId === res.headers.get('x-request-id'))
  }

  it('refuses bad headers with 400 and logs no decision', async () => {
    const token = await world.navToken()
    const noPurpose = await denied(
      () => world.call(`/inntekt/${subject}`, { token, subject }),
      400,
      'validation-failed',
    )
    expect(noPurpose.body.errors).toEqual([expect.objectContaining({ in: 'header', pointer: '/Deling-Purpose' })])
    await denied(() => world.call('/x', { token, purpose: 'Dagpenger!', subject }), 400, 'validation-failed')
    await denied(
      () => world.call('/x', { token, purpose: 'dagpenger', subject: '12345678901' }),
      400,
      'validation-failed',
    )
    expect(await loggedAs(noPurpose)).toBeUndefined()
  })

  it('refuses without a token (401), with the wrong scope (403) and for unknown datasets (404)', async () => {
    await denied(() => world.call('/x', { token: 'nope', purpose: 'dagpenger', subject }), 401, 'invalid-token')
    const other = await registerClient(world.app, world.nav.orgnr, ['deling:consent.request'])
    const wrongScope = await accessToken(world.app, other, 'deling:consent.request')
    await denied(
      () => world.call('/x', { token: wrongScope, purpose: 'dagpenger', subject }),
      403,
      'insufficient-scope',
    )
    const token = await world.navToken()
    const unknown = await world.app.request('GET', '/gateway/ds_00000000000000000000/x', {
      token,
      headers: { 'Deling-Purpose': 'dagpenger', 'Deling-Subject': subject },
    })
    expectProblem(unknown, 404, 'not-found')
  })

  it('denies personal data without Deling-Subject, and logs the denial', async () => {
    const token = await world.navToken()
    const res = await denied(() => world.call('/inntekt', { token, purpose: 'dagpenger' }), 403, 'subject-required')
    expect(await loggedAs(res)).toMatchObject({
      outcome: 'denied',
      reason: 'subject-required',
      consumerOrgnr: world.nav.orgnr,
      datasetId: world.datasetId,
      purposeCode: 'dagpenger',
      fieldsDelivered: [],
      upstreamStatus: null,
    })
  })

  it('denies a wrong purpose, an organisation without rules, and a consent purpose without consent', async () => {
    const token = await world.navToken()
    const wrong = await denied(
      () => world.call('/x', { token, purpose: 'sykepenger', subject }),
      403,
      'purpose-mismatch',
    )
    expect(wrong.body.detail).not.toMatch(/ar_|984851006/)
    const digdir = await registerClient(world.app, '991825827', ['deling:gateway'])
    const outsider = await accessToken(world.app, digdir, 'deling:gateway')
    const none = await denied(
      () => world.call('/x', { token: outsider, purpose: 'dagpenger', subject }),
      403,
      'no-rule',
    )
    expect(none.body.detail).toBe('No access rule gives your organisation this dataset for this purpose')
    expect(await loggedAs(none)).toMatchObject({ outcome: 'denied', reason: 'no-rule', consumerOrgnr: '991825827' })
    const dnbPlain = await accessToken(world.app, world.dnb, 'deling:gateway')
    await denied(() => world.call('/x', { token: dnbPlain, purpose: 'laanesoknad', subject }), 403, 'consent-required')
  })

  it('denies a consent about another person, for another purpose, or without a subject', async () => {
    const { token } = await world.consentToken()
    await denied(
      () => world.call('/x', { token, purpose: 'laanesoknad', subject: otherSubject }),
      403,
      'subject-mismatch',
    )
    await denied(() => world.call('/x', { token, purpose: 'dagpenger', subject }), 403, 'purpose-mismatch')
    await denied(() => world.call('/x', { token, purpose: 'laanesoknad' }), 403, 'subject-required')
  })

  it('denies a revoked consent at once, with a token issued before the revocation', async () => {
    const { token, consentId } = await world.consentToken()
    expect((await world.call(`/inntekt/${subject}`, { token, purpose: 'laanesoknad', subject })).status).toBe(200)
    await changeConsent(
      world.app.host.database.db,
      consentId,
      { to: 'revoked', actor: 'citizen', now: new Date() },
      () => true,
    )
    const res = await denied(
      () => world.call(`/inntekt/${subject}`, { token, purpose: 'laanesoknad', subject }),
      403,
      'consent-revoked',
    )
    expect(await loggedAs(res)).toMatchObject({ outcome: 'denied', reason: 'consent-revoked', consentId })
  })

  it('maps a slow producer to 504 and logs the failure', async () => {
    const token = await world.navToken()
    const res = await world.call('/slow', { token, purpose: 'dagpenger', subject })
    expectProblem(res, 504, 'upstream-timeout')
    expect(await loggedAs(res)).toMatchObject({
      outcome: 'upstream-failed',
      reason: 'upstream-timeout',
      fieldsDelivered: [],
    })
  })

  it('maps a too large answer, a 5xx and an unreachable producer to 502, without their bodies', async () => {
    const token = await world.navToken()
    const big = await world.call('/big', { token, purpose: 'dagpenger', subject })
    expectProblem(big, 502, 'upstream-failed')
    expect(big.text).not.toContain('xxxx')
    const failed = await world.call('/fail', { token, purpose: 'dagpenger', subject })
    expectProblem(failed, 502, 'upstream-failed')
    expect(failed.text).not.toContain('stack trace')
    expect(await loggedAs(failed)).toMatchObject({ outcome: 'upstream-failed', upstreamStatus: 500 })
    const missing = await world.call('/missing', { token, purpose: 'dagpenger', subject })
    expectProblem(missing, 404, 'not-found')
    expect(missing.text).not.toContain('finnes ikke')
  })

  it('maps a producer that is down to 502', async () => {
    const down = await gatewayWorld({}, 'http://127.0.0.1:9/base')
    try {
      const token = await down.navToken()
      const res = await down.call('/inntekt', { token, purpose: 'dagpenger', subject })
      expectProblem(res, 502, 'upstream-failed')
      const entry = (await accessLog(down.app)).find((row) => row.requestId === res.headers.get('x-request-id'))
      expect(entry).toMatchObject({ outcome: 'upstream-failed', reason: 'upstream-failed', upstreamStatus: null })
    } finally {
      await down.close()
    }
  })
})

describe('gateway: rate limit', () => {
  let world: GatewayWorld
  beforeAll(async () => {
    world = await gatewayWorld({ DELING_RATE_LIMIT: '3' })
  })
  afterAll(() => world?.close())

  it('answers 429 with Retry-After once a client has used its requests for a dataset', async () => {
    const token = await world.navToken()
    for (let i = 0; i < 3; i++)
      expect((await world.call('/x', { token, purpose: 'dagpenger', subject })).status).toBe(200)
    const before = world.upstream.seen.length
    const limited = await world.call('/x', { token, purpose: 'dagpenger', subject })
    expectProblem(limited, 429, 'too-many-requests')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(world.upstream.seen.length).toBe(before)
    // another client has its own bucket
    const { token: dnb } = await world.consentToken()
    expect((await world.call('/x', { token: dnb, purpose: 'laanesoknad', subject })).status).toBe(200)
  })
})
