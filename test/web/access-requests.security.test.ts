import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../src/db/database.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { catalogActors, incomeDataset } from '../support/catalog.ts'
import { form as formPost, seedPersons } from '../support/citizen-browser.ts'
import { arne, ingrid, lars, type PortalPerson, portalPerson, seenOn, sofie, visibleText } from '../support/portal.ts'
import { demoOrganisations } from '../support/tokens.ts'

const { skatteetaten, nav, dnb } = demoOrganisations
const navRequests = `/org/${nav.orgnr}/access-requests`
const skattRequests = `/org/${skatteetaten.orgnr}/access-requests`

describe('access requests in the portal: rejecting, withdrawing, and who may do what', () => {
  let app: TestApp
  let datasetId: string
  let requester: PortalPerson
  let publisher: PortalPerson
  /** Skatteetaten's consumer, without the publisher role. */
  let skattConsumer: PortalPerson
  /** DNB's consumer: a third organisation. */
  let outsider: PortalPerson

  const state = async (id: string) =>
    (
      await queryRows<{ status: string; events: number }>(
        app.host.database.db,
        sql`select status, (select count(*)::int from access_request_events where request_id = ${id}) as events
          from access_requests where id = ${id}`,
      )
    )[0]!

  let legalBasisId: string
  const submit = async () => {
    const sent = await requester.submit(navRequests, {
      dataset: datasetId,
      purposeText: 'Kontroll av dagpenger',
      purposeCode: `kontroll-${Math.random().toString(36).slice(2, 8)}`,
      basis: legalBasisId,
      fields: ['/inntekt/beloep'],
      justification: 'NAV kontrollerer utbetalte dagpenger mot innrapportert inntekt.',
    })
    expect(sent.status).toBe(303)
    return /(xr_[0-9a-z]{20})/.exec(sent.headers.get('location') ?? '')![1]!
  }

  beforeAll(async () => {
    app = await startTestApp()
    await seedPersons(app)
    const actors = await catalogActors(app)
    const created = await app.post('/catalog/datasets', incomeDataset(), { token: await actors.skatteetaten() })
    datasetId = created.body.id
    legalBasisId = created.body.legalBases[0].id
    requester = await portalPerson(app, lars.fnr, [{ orgnr: nav.orgnr, role: 'consumer' }])
    publisher = await portalPerson(app, ingrid.fnr, [{ orgnr: skatteetaten.orgnr, role: 'publisher' }])
    skattConsumer = await portalPerson(app, sofie.fnr, [{ orgnr: skatteetaten.orgnr, role: 'consumer' }])
    outsider = await portalPerson(app, arne.fnr, [{ orgnr: dnb.orgnr, role: 'consumer' }])
  })
  afterAll(() => app?.close())

  it('rejects only with a reason, which the requester then reads', async () => {
    const id = await submit()
    const page = await publisher.page(`${skattRequests}/${id}`)
    const noReason = await publisher.submit(`${skattRequests}/${id}/reject`, {
      seen: seenOn(page.html),
      rejectReason: '',
    })
    expect(noReason.status).toBe(400)
    expect(await noReason.text()).toContain('<a href="#rejectReason">')
    expect((await state(id)).status).toBe('submitted')
    const rejected = await publisher.submit(`${skattRequests}/${id}/reject`, {
      seen: seenOn(page.html),
      rejectReason: 'Formålet er ikke dekket av a-opplysningsloven § 7.',
    })
    expect(rejected.status).toBe(303)
    const own = await requester.page(`${navRequests}/${id}`)
    expect(visibleText(own.html)).toContain('Formålet er ikke dekket av a-opplysningsloven § 7.')
    expect(own.html).toContain('data-status="rejected"')
    expect(own.html).not.toContain('data-action=')
  })

  it('lets the requester withdraw; the publisher then has nothing left to do', async () => {
    const id = await submit()
    const page = await requester.page(`${navRequests}/${id}`)
    const withdrawn = await requester.submit(`${navRequests}/${id}/withdraw`, {
      seen: seenOn(page.html),
      withdrawMessage: 'Behovet er dekket på annen måte.',
    })
    expect(withdrawn.status).toBe(303)
    const incoming = await publisher.page(`${skattRequests}/${id}`)
    expect(incoming.html).toContain('data-status="withdrawn"')
    expect(visibleText(incoming.html)).toContain('Behovet er dekket på annen måte.')
    expect(incoming.html).not.toContain('data-action=')
  })

  it('refuses approving a revision the publisher has not seen (409), though approving is allowed again', async () => {
    const id = await submit()
    const oldPage = await publisher.page(`${skattRequests}/${id}`)
    await publisher.submit(`${skattRequests}/${id}/request-changes`, {
      seen: seenOn(oldPage.html),
      changesMessage: 'Begrens til én periode.',
    })
    const revise = await requester.page(`${navRequests}/${id}/revise`)
    const revised = await requester.submit(`${navRequests}/${id}/revise`, {
      seen: seenOn(revise.html),
      purposeText: 'Kontroll av dagpenger',
      purposeCode: 'kontroll-revidert',
      basis: legalBasisId,
      fields: ['/inntekt/beloep', '/navn'],
      justification: 'Med navn likevel.',
    })
    expect(revised.status).toBe(303)
    const before = await state(id)
    const stale = await publisher.submit(`${skattRequests}/${id}/approve`, { seen: seenOn(oldPage.html) })
    expect(stale.status).toBe(409)
    expect(await stale.text()).toContain('Forespørselen er endret i mellomtiden')
    expect(await state(id)).toEqual(before)
    expect(before.status).toBe('submitted')
  })

  it('refuses a form without the session’s CSRF token, and changes nothing', async () => {
    const id = await submit()
    const page = await publisher.page(`${skattRequests}/${id}`)
    const body = new URLSearchParams({ seen: seenOn(page.html), rejectReason: 'Uten token' }).toString()
    const forged = await publisher.browser.send(`${app.url}${skattRequests}/${id}/reject`, { ...formPost({}), body })
    expect(forged.status).toBe(403)
    expect(forged.headers.get('content-type')).toMatch(/^text\/html/)
    const forgedNew = await requester.browser.send(`${app.url}${navRequests}`, {
      ...formPost({}),
      body: new URLSearchParams({ dataset: datasetId }).toString(),
    })
    expect(forgedNew.status).toBe(403)
    expect((await state(id)).status).toBe('submitted')
  })

  it('does not let a consumer of the publishing organisation approve, nor see its incoming requests', async () => {
    const id = await submit()
    const page = await publisher.page(`${skattRequests}/${id}`)
    const approve = await skattConsumer.submit(`${skattRequests}/${id}/approve`, { seen: seenOn(page.html) })
    expect(approve.status).toBe(403)
    expect((await skattConsumer.page(`${skattRequests}/${id}`)).status).toBe(404)
    const list = await skattConsumer.page(skattRequests)
    expect(list.html).not.toContain('data-list="publisher"')
    expect(list.html).not.toContain(id)
    // Nor may the publisher act in the requester's part.
    const withdraw = await publisher.submit(`${skattRequests}/${id}/withdraw`, { seen: seenOn(page.html) })
    expect(withdraw.status).toBe(403)
    expect((await state(id)).status).toBe('submitted')
  })

  it('answers a third organisation with 404 for the request and 403 for the other organisations’ pages', async () => {
    const id = await submit()
    const page = await requester.page(`${navRequests}/${id}`)
    expect((await outsider.page(`/org/${dnb.orgnr}/access-requests/${id}`)).status).toBe(404)
    const withdraw = await outsider.submit(`/org/${dnb.orgnr}/access-requests/${id}/withdraw`, {
      seen: seenOn(page.html),
    })
    expect(withdraw.status).toBe(404)
    expect((await outsider.page(`${navRequests}/${id}`)).status).toBe(403)
    expect((await outsider.page(`${skattRequests}/${id}`)).status).toBe(403)
    expect((await outsider.page(`/org/${dnb.orgnr}/access-requests/xr_0000`)).status).toBe(404)
    expect((await outsider.page(`/org/${dnb.orgnr}/access-requests/new?dataset=ds_00000000000000000000`)).status).toBe(
      404,
    )
    expect((await state(id)).status).toBe('submitted')
  })

  it('sends a visitor without a session to the login', async () => {
    const response = await fetch(`${app.url}${navRequests}`, { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toContain('/auth/login?returnTo=')
  })
})
