import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addRedirectOrigin } from '../../src/auth/redirect-origins.ts'
import { changeConsent } from '../../src/consent/service.ts'
import { queryRows } from '../../src/db/database.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { catalogActors, dagpengerRule, incomeDataset } from '../support/catalog.ts'
import { accessToken, demoOrganisations, registerClient } from '../support/tokens.ts'

const subject = '12858440015'
const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString()

describe('consent requests: the consumer side', () => {
  let app: TestApp
  let dnb: () => Promise<string>
  let nav: () => Promise<string>
  let datasetId: string
  let noConsentDatasetId: string
  const request = (overrides: Record<string, unknown> = {}) => ({
    subject,
    datasets: [{ datasetId }],
    purpose: { code: 'laanesoknad', text: { nb: 'Vurdere en søknad om lån' } },
    validTo: inAMonth(),
    oneTime: true,
    redirectUrl: 'https://bank.example/laan/samtykke?steg=2',
    requestMessage: { nb: 'Vi trenger inntekten din for å vurdere lånet.' },
    ...overrides,
  })
  const counts = async () =>
    (
      await queryRows<Record<string, number>>(
        app.host.database.db,
        sql`select (select count(*)::int from consent_requests) as requests,
          (select count(*)::int from consent_events) as events`,
      )
    )[0]
  const accept = (id: string) =>
    changeConsent(app.host.database.db, id, { to: 'accepted', actor: 'citizen', now: new Date() }, () => true)

  beforeAll(async () => {
    app = await startTestApp()
    const actors = await catalogActors(app)
    const skatt = await actors.skatteetaten()
    const dataset = (await app.post('/catalog/datasets', incomeDataset(), { token: skatt })).body
    datasetId = dataset.id
    await app.post(`/catalog/datasets/${datasetId}/access-rules`, dagpengerRule(dataset.legalBases[0].id), {
      token: skatt,
    })
    const consentRule = {
      recipient: 'any',
      purpose: { code: 'laanesoknad', text: { nb: 'Vurdere en søknad om lån' } },
      basis: { consent: true },
      fields: ['/personidentifikator', '/inntekt/beloep'],
      oneTime: true,
    }
    expect((await app.post(`/catalog/datasets/${datasetId}/access-rules`, consentRule, { token: skatt })).status).toBe(
      201,
    )
    noConsentDatasetId = (await app.post('/catalog/datasets', incomeDataset(), { token: skatt })).body.id
    const dnbClient = await registerClient(app, demoOrganisations.dnb.orgnr, ['deling:consent.request'])
    const navClient = await registerClient(app, demoOrganisations.nav.orgnr, ['deling:consent.request'])
    await addRedirectOrigin(app.host.database.db, demoOrganisations.dnb.orgnr, 'https://bank.example')
    await addRedirectOrigin(app.host.database.db, demoOrganisations.nav.orgnr, 'https://bank.example')
    dnb = () => accessToken(app, dnbClient, 'deling:consent.request')
    nav = () => accessToken(app, navClient, 'deling:consent.request')
  })
  afterAll(() => app?.close())

  it('creates a pending request with the consent rule’s fields and a view URI, and lets the consumer follow it', async () => {
    const token = await dnb()
    const created = await app.post('/consent/requests', request(), { token })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^cr_/),
      status: 'pending',
      consumer: { orgnr: '984851006', name: 'DNB Bank ASA' },
      subject,
      datasets: [
        {
          datasetId,
          title: incomeDataset().title,
          publisher: { orgnr: '974761076', name: 'Skatteetaten' },
          ruleId: expect.stringMatching(/^ar_/),
          fields: ['/personidentifikator', '/inntekt/beloep'],
        },
      ],
      oneTime: true,
    })
    expect(created.body.viewUri).toBe(`${app.url}/consent/view/${created.body.id}`)
    expect(created.headers.get('location')).toBe(`${app.url}/consent/requests/${created.body.id}`)
    const read = await app.get(`/consent/requests/${created.body.id}`, { token })
    expect(read.body).toEqual(created.body)
  })

  it('feeds every state change to the consumer, cursor paged, and holds an empty page with wait', async () => {
    const token = await dnb()
    const start = (await app.get('/consent/events?after=0&limit=500', { token })).body.next
    const { body: consent } = await app.post('/consent/requests', request(), { token })
    const first = await app.get(`/consent/events?after=${start}`, { token })
    expect(first.body.items).toEqual([
      {
        id: expect.stringMatching(/^ev_/),
        requestId: consent.id,
        to: 'pending',
        actor: 'consumer',
        at: expect.any(String),
      },
    ])
    const waiting = app.get(`/consent/events?after=${first.body.next}&wait=10`, { token })
    await new Promise((resolve) => setTimeout(resolve, 300))
    await accept(consent.id)
    const woken = await waiting
    expect(woken.body.items).toMatchObject([
      { requestId: consent.id, from: 'pending', to: 'accepted', actor: 'citizen' },
    ])
    const empty = await app.get(`/consent/events?after=${woken.body.next}&wait=1`, { token })
    expect(empty.body).toEqual({ items: [], next: woken.body.next })
    expect((await app.get(`/consent/events?after=${start}`, { token: await nav() })).body.items).toEqual([])
  })

  it('lets the consumer withdraw a pending request and give up an accepted consent, each once', async () => {
    const token = await dnb()
    const pending = (await app.post('/consent/requests', request(), { token })).body
    const withdrawn = await app.post(`/consent/requests/${pending.id}/withdraw`, undefined, { token })
    expect(withdrawn.body.status).toBe('withdrawn')
    expect((await app.post(`/consent/requests/${pending.id}/withdraw`, undefined, { token })).status).toBe(409)
    const accepted = (await app.post('/consent/requests', request(), { token })).body
    await accept(accepted.id)
    const revoked = await app.post(`/consent/requests/${accepted.id}/withdraw`, undefined, { token })
    expect(revoked.body.status).toBe('revoked')
    await expect(accept(accepted.id)).rejects.toThrow(/revoked/)
  })

  it('expires a request at validTo: the consumer sees it expired, the feed says so, and it cannot be accepted', async () => {
    const token = await dnb()
    const start = (await app.get('/consent/events?after=0&limit=500', { token })).body.next
    const validTo = new Date(Date.now() + 1500).toISOString()
    const { body: consent } = await app.post('/consent/requests', request({ validTo }), { token })
    await new Promise((resolve) => setTimeout(resolve, 1600))
    expect((await app.get(`/consent/requests/${consent.id}`, { token })).body.status).toBe('expired')
    const events = (await app.get(`/consent/events?after=${start}`, { token })).body.items
    expect(events.map((event: { to: string; actor: string }) => `${event.to} by ${event.actor}`)).toEqual([
      'pending by consumer',
      'expired by deling',
    ])
    await expect(accept(consent.id)).rejects.toThrow(/expired/)
  })

  it.each([
    ['a subject that is not a fødselsnummer', { subject: '12345678901' }, '/subject'],
    [
      'a dataset without a consent rule',
      { datasets: [{ datasetId: 'ds_00000000000000000000' }] },
      '/datasets/0/datasetId',
    ],
    ['a validTo in the past', { validTo: '2020-01-01T00:00:00Z' }, '/validTo'],
    ['a validTo more than a year ahead', { validTo: '2099-01-01T00:00:00Z' }, '/validTo'],
    ['a redirect that is not https', { redirectUrl: 'javascript:alert(1)' }, '/redirectUrl'],
    ['a plain http redirect to another host', { redirectUrl: 'http://bank.example/cb' }, '/redirectUrl'],
    ['a purpose no rule has', { purpose: { code: 'markedsforing', text: { nb: 'Reklame' } } }, '/datasets/0'],
    ['a repeated dataset', {}, '/datasets'],
    ['a non-one-time consent under a one-time rule', { oneTime: false }, '/oneTime'],
    ['a status field', { status: 'accepted' }, ''],
  ])('refuses %s with a problem and stores nothing', async (name, overrides, pointer) => {
    const body =
      name === 'a repeated dataset' ? request({ datasets: [{ datasetId }, { datasetId }] }) : request(overrides)
    const before = await counts()
    const res = await app.post('/consent/requests', body, { token: await dnb() })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    if (pointer) expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer)
    expect(await counts()).toEqual(before)
  })

  it('refuses a dataset whose only rules are legal-basis rules for the consumer', async () => {
    const res = await app.post('/consent/requests', request({ datasets: [{ datasetId: noConsentDatasetId }] }), {
      token: await nav(),
    })
    expect(res.status).toBe(400)
  })

  it('keeps each organisation’s requests to itself, and needs the consent scope', async () => {
    const { body: consent } = await app.post('/consent/requests', request(), { token: await dnb() })
    const other = await nav()
    expect((await app.get(`/consent/requests/${consent.id}`, { token: other })).status).toBe(404)
    expect((await app.post(`/consent/requests/${consent.id}/withdraw`, undefined, { token: other })).status).toBe(404)
    expect((await app.get(`/consent/requests/${consent.id}`)).status).toBe(401)
    const gatewayOnly = await registerClient(app, demoOrganisations.dnb.orgnr, ['deling:gateway'])
    const res = await app.post('/consent/requests', request(), {
      token: await accessToken(app, gatewayOnly, 'deling:gateway'),
    })
    expect(res.status).toBe(403)
    expect((await app.get(`/consent/requests/${consent.id}`, { token: await dnb() })).body.status).toBe('pending')
  })
})
