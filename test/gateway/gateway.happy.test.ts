import { createLocalJWKSet, decodeJwt, type JSONWebKeySet, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findConsent } from '../../src/consent/repo.ts'
import { accessLog, type GatewayWorld, gatewayWorld, subject } from './support.ts'

describe('gateway: deliveries', () => {
  let world: GatewayWorld
  beforeAll(async () => {
    world = await gatewayWorld()
  })
  afterAll(() => world?.close())

  const navFields = {
    personidentifikator: subject,
    inntekt: [
      { beloep: 52300, periode: '2025-01' },
      { beloep: 51000, periode: '2025-02' },
    ],
  }

  it('gives NAV only the dagpenger fields of one record, and logs the delivery', async () => {
    const token = await world.navToken()
    const res = await world.call(`/inntekt/${subject}?fraOgMed=2025-01`, { token, purpose: 'dagpenger', subject })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual(navFields)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const requestId = res.headers.get('x-request-id')
    const entry = (await accessLog(world.app)).find((row) => row.requestId === requestId)
    expect(entry).toMatchObject({
      consumerOrgnr: world.nav.orgnr,
      clientId: world.nav.clientId,
      producerOrgnr: '974761076',
      datasetId: world.datasetId,
      subjectFnr: subject,
      purposeCode: 'dagpenger',
      ruleId: world.ruleId,
      consentId: null,
      legalBasisUri: 'https://lovdata.no/lov/2012-06-22-43/§7',
      fieldsDelivered: ['/personidentifikator', '/inntekt/beloep', '/inntekt/periode'],
      outcome: 'delivered',
      reason: null,
      upstreamStatus: 200,
    })
  })

  it('cuts every record of an array and of an {items} envelope, dropping the envelope’s other members', async () => {
    const token = await world.navToken()
    const list = await world.call('/list', { token, purpose: 'dagpenger', subject })
    expect(list.status, list.text).toBe(200)
    expect(list.body).toHaveLength(2)
    expect(list.body[0]).toEqual(navFields)
    for (const item of list.body) expect(Object.keys(item)).toEqual(['personidentifikator', 'inntekt'])
    const envelope = await world.call('/envelope', { token, purpose: 'dagpenger', subject })
    expect(envelope.status, envelope.text).toBe(200)
    expect(envelope.body).toEqual({ items: [navFields] })
  })

  it('forwards path and query under the endpoint, with a Deling-Assertion and never the caller’s token', async () => {
    const token = await world.navToken()
    const before = world.upstream.seen.length
    const res = await world.app.request(
      'GET',
      `/gateway/${world.datasetId}/inntekt/${subject}?fraOgMed=2025-01&tilOgMed=2025-02`,
      {
        token,
        headers: {
          'Deling-Purpose': 'dagpenger',
          'Deling-Subject': subject,
          Cookie: 'deling_session=abc',
          'X-Request-Id': 'req-happy-1',
        },
      },
    )
    expect(res.status, res.text).toBe(200)
    const seen = world.upstream.seen.slice(before)
    expect(seen).toHaveLength(1)
    const [request] = seen
    expect(request!.url).toBe(`/base/inntekt/${subject}?fraOgMed=2025-01&tilOgMed=2025-02`)
    expect(request!.headers.authorization).toBeUndefined()
    expect(request!.headers.dpop).toBeUndefined()
    expect(request!.headers.cookie).toBeUndefined()
    expect(JSON.stringify(request!.headers)).not.toContain(token)
    expect(request!.headers['deling-request-id']).toBe('req-happy-1')

    const jwks = await world.app.get('/gateway/jwks')
    expect(jwks.status).toBe(200)
    expect(jwks.headers.get('cache-control')).toMatch(/max-age=\d+/)
    for (const key of jwks.body.keys) expect(key).not.toHaveProperty('d')
    const publicUrl = world.app.host.deps.config.publicUrl
    const { payload, protectedHeader } = await jwtVerify(
      String(request!.headers['deling-assertion']),
      createLocalJWKSet(jwks.body as JSONWebKeySet),
      { issuer: publicUrl, audience: `http://127.0.0.1:${world.upstream.port}` },
    )
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'deling-assertion+jwt' })
    expect(payload).toMatchObject({
      sub: `0192:${world.nav.orgnr}`,
      client_id: world.nav.clientId,
      subject,
      purpose: 'dagpenger',
      rule_id: world.ruleId,
      legal_basis: 'https://lovdata.no/lov/2012-06-22-43/§7',
      request_id: 'req-happy-1',
      dataset: world.datasetId,
    })
    expect(payload.exp! - payload.iat!).toBe(60)
    expect(payload.jti).toEqual(expect.any(String))
  })

  it('gives DNB the fields of its consent, and says so in the assertion and the log', async () => {
    const { token, consentId } = await world.consentToken()
    const before = world.upstream.seen.length
    const res = await world.call(`/inntekt/${subject}`, { token, purpose: 'laanesoknad', subject })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({
      personidentifikator: subject,
      navn: 'Ingrid Fjellheim',
      inntekt: [{ beloep: 52300 }, { beloep: 51000 }],
    })
    const assertion = decodeJwt(String(world.upstream.seen[before]!.headers['deling-assertion']))
    expect(assertion).toMatchObject({ consent_id: consentId, rule_id: world.consentRuleId, sub: '0192:984851006' })
    expect(assertion.legal_basis).toBeUndefined()
    const entry = (await accessLog(world.app)).find((row) => row.requestId === res.headers.get('x-request-id'))
    expect(entry).toMatchObject({
      consumerOrgnr: '984851006',
      consentId,
      ruleId: world.consentRuleId,
      legalBasisUri: null,
      outcome: 'delivered',
      fieldsDelivered: ['/personidentifikator', '/navn', '/inntekt/beloep'],
    })
    // a standing consent gives again
    expect((await world.call(`/inntekt/${subject}`, { token, purpose: 'laanesoknad', subject })).status).toBe(200)
  })

  it('uses a one-time consent with its first delivery: the second call is 403 consent-used', async () => {
    const { token, consentId } = await world.consentToken({ oneTime: true })
    const first = await world.call(`/inntekt/${subject}`, { token, purpose: 'laanesoknad', subject })
    expect(first.status, first.text).toBe(200)
    expect((await findConsent(world.app.host.database.db, consentId))!.row.status).toBe('used')
    const seen = world.upstream.seen.length
    const second = await world.call(`/inntekt/${subject}`, { token, purpose: 'laanesoknad', subject })
    expect(second.status).toBe(403)
    expect(second.body.type).toMatch(/\/problems\/consent-used$/)
    expect(world.upstream.seen.length).toBe(seen)
    const entries = (await accessLog(world.app)).filter((row) => row.consentId === consentId)
    expect(entries.map((row) => [row.outcome, row.reason])).toEqual([
      ['delivered', null],
      ['denied', 'consent-used'],
    ])
  })

  it('delivers a non-JSON answer only under a rule that gives the whole record', async () => {
    const token = await world.navToken()
    const res = await world.call('/csv', { token, purpose: 'dagpenger', subject })
    expect(res.status).toBe(502)
    expect(res.body.type).toMatch(/\/problems\/upstream-failed$/)
    expect(res.text).not.toContain('Ingrid')
  })

  it('logs every decision as one valid chain', async () => {
    const { verifyChain } = await import('../../src/audit/chain.ts')
    const rows = await accessLog(world.app)
    expect(rows.length).toBeGreaterThanOrEqual(8)
    const verdict = await verifyChain(rows.map((row) => ({ ...row, at: row.at.toISOString() })))
    expect(verdict.valid).toBe(true)
  })
})

describe('gateway on the embedded database (PGlite)', () => {
  let world: GatewayWorld
  beforeAll(async () => {
    world = await gatewayWorld({}, undefined, 'pglite')
  })
  afterAll(() => world?.close())

  it('delivers under a rule and uses a one-time consent, logging both', async () => {
    const nav = await world.call(`/inntekt/${subject}`, {
      token: await world.navToken(),
      purpose: 'dagpenger',
      subject,
    })
    expect(nav.status, nav.text).toBe(200)
    const { token, consentId } = await world.consentToken({ oneTime: true })
    expect((await world.call(`/inntekt/${subject}`, { token, purpose: 'laanesoknad', subject })).status).toBe(200)
    expect((await world.call(`/inntekt/${subject}`, { token, purpose: 'laanesoknad', subject })).status).toBe(403)
    expect((await findConsent(world.app.host.database.db, consentId))!.row.status).toBe('used')
    expect((await accessLog(world.app)).map((row) => row.outcome)).toEqual(['delivered', 'delivered', 'denied'])
  })
})
