import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startUpstream, type Upstream } from '../gateway/support.ts'
import { type RequestWorld, requestWorld, subject } from './world.ts'

const nav = { orgnr: '889640782', name: 'Arbeids- og velferdsetaten' }
const skatteetaten = { orgnr: '974761076', name: 'Skatteetaten' }

describe('access requests: the journey from asking to a rule the gateway uses', () => {
  let world: RequestWorld
  let upstream: Upstream
  beforeAll(async () => {
    upstream = await startUpstream()
    world = await requestWorld({ endpointUrl: upstream.url, env: { DELING_UPSTREAM_ALLOW: '127.0.0.1' } })
  })
  afterAll(async () => {
    await world?.close()
    await upstream?.close()
  })

  it('NAV asks, Skatteetaten asks for changes, NAV revises, Skatteetaten approves: the rule exists and delivers', async () => {
    const { app } = world
    const gatewayCall = async () =>
      app.get(`/gateway/${world.datasetId}/inntekt/${subject}`, {
        token: await world.nav(),
        headers: { 'Deling-Purpose': 'dagpenger', 'Deling-Subject': subject },
      })
    expect((await gatewayCall()).status).toBe(403)

    const created = await app.post('/access-requests', world.request({ validTo: '2030-12-31T23:59:59Z' }), {
      token: await world.nav(),
    })
    expect(created.status, created.text).toBe(201)
    const id = created.body.id
    expect(created.headers.get('location')).toBe(`${app.url}/access-requests/${id}`)
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^xr_[0-9a-z]{20}$/),
      status: 'submitted',
      dataset: { id: world.datasetId, title: { nb: 'Inntektsopplysninger fra a-ordningen' }, publisher: skatteetaten },
      requester: nav,
      purpose: { code: 'dagpenger' },
      basis: { legalBasisId: world.legalBasisIds.disclosure },
      validTo: '2030-12-31T23:59:59.000Z',
      history: [{ to: 'submitted', actor: { orgnr: nav.orgnr, role: 'requester' } }],
    })

    const inbox = await app.get('/access-requests?role=publisher', { token: await world.skatteetaten() })
    expect(inbox.body.items.map((item: { id: string }) => item.id)).toEqual([id])

    const changes = await app.post(
      `/access-requests/${id}/request-changes`,
      { message: 'Navn trengs ikke for dagpenger.' },
      { token: await world.skatteetaten() },
    )
    expect(changes.status, changes.text).toBe(200)
    expect(changes.body.status).toBe('changes-requested')

    const revised = await app.post(
      `/access-requests/${id}/revise`,
      {
        ...world.request(),
        datasetId: undefined,
        fields: ['/personidentifikator', '/inntekt/beloep', '/inntekt/periode'],
        validTo: '2030-12-31T23:59:59Z',
        message: 'Fjernet navn.',
      },
      { token: await world.nav() },
    )
    expect(revised.status, revised.text).toBe(200)
    expect(revised.body).toMatchObject({
      status: 'submitted',
      fields: ['/personidentifikator', '/inntekt/beloep', '/inntekt/periode'],
    })

    const approved = await app.post(
      `/access-requests/${id}/approve`,
      { oneTime: false },
      {
        token: await world.skatteetaten(),
      },
    )
    expect(approved.status, approved.text).toBe(200)
    expect(approved.body).toMatchObject({ status: 'approved', ruleId: expect.stringMatching(/^ar_/) })
    expect(approved.body.history).toEqual([
      expect.objectContaining({
        to: 'submitted',
        actor: expect.objectContaining({ orgnr: nav.orgnr, role: 'requester' }),
      }),
      expect.objectContaining({
        from: 'submitted',
        to: 'changes-requested',
        message: 'Navn trengs ikke for dagpenger.',
        actor: expect.objectContaining({ orgnr: skatteetaten.orgnr, role: 'publisher', clientId: expect.any(String) }),
      }),
      expect.objectContaining({ from: 'changes-requested', to: 'submitted', message: 'Fjernet navn.' }),
      expect.objectContaining({ from: 'submitted', to: 'approved', at: expect.any(String) }),
    ])
    // NAV reads the same request and history as the publisher.
    const seenByNav = await app.get(`/access-requests/${id}`, { token: await world.nav() })
    expect(seenByNav.body).toEqual(approved.body)

    const rules = await app.get(`/catalog/datasets/${world.datasetId}/access-rules`, { token: await world.nav() })
    expect(rules.body.items ?? rules.body).toContainEqual(
      expect.objectContaining({
        id: approved.body.ruleId,
        recipient: { orgnr: nav.orgnr },
        purpose: { code: 'dagpenger', text: { nb: 'Behandle søknad om dagpenger' } },
        basis: { legalBasisId: world.legalBasisIds.disclosure },
        fields: ['/personidentifikator', '/inntekt/beloep', '/inntekt/periode'],
        validTo: '2030-12-31T23:59:59.000Z',
      }),
    )

    // The gateway's rule cache may take up to a second to see the new rule (DESIGN §2).
    let delivered = await gatewayCall()
    for (let tries = 0; delivered.status !== 200 && tries < 10; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      delivered = await gatewayCall()
    }
    expect(delivered.status, delivered.text).toBe(200)
    expect(Object.keys(delivered.body)).toEqual(['personidentifikator', 'inntekt'])
    expect(delivered.body.navn).toBeUndefined()
  })

  it('rejects with the reason, which the requester reads in the history', async () => {
    const id = await world.submit({ purpose: { code: 'kontroll', text: { nb: 'Kontroll' } } })
    const noReason = await world.app.post(`/access-requests/${id}/reject`, {}, { token: await world.skatteetaten() })
    expect(noReason.status).toBe(400)
    expect(noReason.body.errors).toEqual([expect.objectContaining({ in: 'body', pointer: '/reason' })])
    const rejected = await world.app.post(
      `/access-requests/${id}/reject`,
      { reason: 'Formålet er ikke dekket av a-opplysningsloven § 7.' },
      { token: await world.skatteetaten() },
    )
    expect(rejected.status, rejected.text).toBe(200)
    const seen = await world.app.get(`/access-requests/${id}`, { token: await world.nav() })
    expect(seen.body.status).toBe('rejected')
    expect(seen.body.history.at(-1)).toMatchObject({
      from: 'submitted',
      to: 'rejected',
      message: 'Formålet er ikke dekket av a-opplysningsloven § 7.',
      actor: { orgnr: skatteetaten.orgnr, role: 'publisher' },
    })
    expect(seen.body.ruleId).toBeUndefined()
  })

  it('lets the requester withdraw, with no body, and lists its own requests by status', async () => {
    const id = await world.submit({ purpose: { code: 'sykepenger', text: { nb: 'Sykepenger' } } })
    const withdrawn = await world.app.request('POST', `/access-requests/${id}/withdraw`, { token: await world.nav() })
    expect(withdrawn.status, withdrawn.text).toBe(200)
    expect(withdrawn.body.status).toBe('withdrawn')
    const mine = await world.app.get('/access-requests?role=requester&status=withdrawn', { token: await world.nav() })
    expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([id])
  })

  it('pages a list with a cursor, newest first', async () => {
    const token = await world.skatteetaten()
    const all = (await world.app.get('/access-requests?role=publisher&limit=200', { token })).body.items
    expect(all.length).toBeGreaterThanOrEqual(3)
    const first = await world.app.get('/access-requests?role=publisher&limit=2', { token })
    const second = await world.app.get(`/access-requests?role=publisher&limit=2&cursor=${first.body.next}`, { token })
    expect([...first.body.items, ...second.body.items].map((item: { id: string }) => item.id)).toEqual(
      all.slice(0, 4).map((item: { id: string }) => item.id),
    )
  })
})
