import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../src/db/database.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { catalogActors, incomeDataset } from '../support/catalog.ts'
import { seedPersons } from '../support/citizen-browser.ts'
import { ingrid, lars, type PortalPerson, portalPerson, seenOn, sofie, visibleText } from '../support/portal.ts'
import { demoOrganisations } from '../support/tokens.ts'

const { skatteetaten, nav, dnb } = demoOrganisations
const navRequests = `/org/${nav.orgnr}/access-requests`
const skattRequests = `/org/${skatteetaten.orgnr}/access-requests`

const requestIdOf = (location: string | null) => /\/access-requests\/(xr_[0-9a-z]{20})/.exec(location ?? '')?.[1] ?? ''

describe('access requests in the portal: asking, changes, revision, approval', () => {
  let app: TestApp
  let datasetId: string
  let legalBasisId: string
  let requester: PortalPerson
  let publisher: PortalPerson
  let requestId: string

  const counts = async () =>
    (
      await queryRows<{ requests: number; events: number; rules: number }>(
        app.host.database.db,
        sql`select (select count(*)::int from access_requests) as requests,
          (select count(*)::int from access_request_events) as events,
          (select count(*)::int from access_rules where deleted_at is null) as rules`,
      )
    )[0]!

  const form = (overrides: Record<string, string | string[]> = {}) => ({
    dataset: datasetId,
    purposeText: 'Behandle søknad om dagpenger',
    purposeTextEn: '',
    purposeCode: 'dagpenger',
    basis: legalBasisId,
    fields: ['/personidentifikator', '/navn', '/inntekt/beloep'],
    justification: 'NAV trenger inntekt for å beregne dagpenger etter folketrygdloven § 4-4.',
    validTo: '2030-12-31',
    ...overrides,
  })

  beforeAll(async () => {
    app = await startTestApp()
    await seedPersons(app)
    const actors = await catalogActors(app)
    const created = await app.post('/catalog/datasets', incomeDataset(), { token: await actors.skatteetaten() })
    expect(created.status, created.text).toBe(201)
    datasetId = created.body.id
    legalBasisId = created.body.legalBases[0].id
    requester = await portalPerson(app, lars.fnr, [{ orgnr: nav.orgnr, role: 'consumer' }])
    publisher = await portalPerson(app, ingrid.fnr, [{ orgnr: skatteetaten.orgnr, role: 'publisher' }])
  })
  afterAll(() => app?.close())

  it('leads from the dataset page to the form: one consumer role goes straight there, none is explained', async () => {
    const page = await app.get(`/datasets/${datasetId}`)
    expect(page.text).toContain(`href="/datasets/${datasetId}/request-access"`)
    expect(page.text).toContain('Be om tilgang')

    const anonymous = await app.get(`/datasets/${datasetId}/request-access`)
    expect(anonymous.status).toBe(200)
    expect(anonymous.text).toContain(
      `/auth/login?returnTo=${encodeURIComponent(`/datasets/${datasetId}/request-access`)}`,
    )
    const straight = await requester.browser.send(`${app.url}/datasets/${datasetId}/request-access`)
    expect(straight.status).toBe(303)
    expect(straight.headers.get('location')).toBe(`${navRequests}/new?dataset=${datasetId}`)

    const noRole = await publisher.page(`/datasets/${datasetId}/request-access`)
    expect(visibleText(noRole.html)).toContain('Du har ikke rollen Konsument i noen virksomhet')

    const twoRoles = await portalPerson(app, sofie.fnr, [
      { orgnr: nav.orgnr, role: 'consumer' },
      { orgnr: dnb.orgnr, role: 'consumer' },
    ])
    const chooser = await twoRoles.page(`/datasets/${datasetId}/request-access`)
    expect(chooser.html).toContain(`href="${navRequests}/new?dataset=${datasetId}"`)
    expect(chooser.html).toContain(`href="/org/${dnb.orgnr}/access-requests/new?dataset=${datasetId}"`)
  })

  it("shows the form with the dataset's bases (not a non-disclosure one), consent, and the record schema's fields", async () => {
    const page = await requester.page(`${navRequests}/new?dataset=${datasetId}`)
    expect(page.status).toBe(200)
    expect(page.html).toContain(`name="basis" value="${legalBasisId}"`)
    expect(page.html).toContain('name="basis" value="consent"')
    for (const pointer of ['/personidentifikator', '/navn', '/inntekt', '/inntekt/beloep', '/inntekt/periode'])
      expect(page.html).toContain(`name="fields" value="${pointer}"`)
    expect(visibleText(page.html)).toContain('Inntekter › Beløp')
  })

  it('refuses an incomplete form with every error shown at its field, and stores nothing', async () => {
    const before = await counts()
    const refused = await requester.submit(navRequests, form({ purposeText: '', basis: '', fields: [] }))
    expect(refused.status).toBe(400)
    const html = await refused.text()
    expect(html).toContain('class="error-summary"')
    expect(html).toContain('<a href="#purposeText">Skriv formålet i klartekst, høyst 500 tegn</a>')
    expect(html).toContain('<a href="#basis">Velg hvilket rettslig grunnlag dere bygger på</a>')
    expect(html).toContain('<a href="#fields">Velg minst ett felt</a>')
    expect(html).toContain('value="dagpenger"')
    // The service's own check, with the API's message in bokmål: the form is refused as the API would refuse it.
    const past = await requester.submit(navRequests, form({ validTo: '2001-01-01' }))
    expect(past.status).toBe(400)
    expect(await past.text()).toContain('<a href="#validTo">Datoen må være fram i tid</a>')
    const unknownField = await requester.submit(navRequests, form({ fields: ['/skattetrekk'] }))
    expect(await unknownField.text()).toContain('/skattetrekk is not in the record schema')
    expect(await counts()).toEqual(before)
  })

  it('submits the request and shows it to both sides, with the history', async () => {
    const sent = await requester.submit(navRequests, form())
    expect(sent.status).toBe(303)
    requestId = requestIdOf(sent.headers.get('location'))
    expect(sent.headers.get('location')).toBe(`${navRequests}/${requestId}?done=submitted`)

    const own = await requester.page(`${navRequests}/${requestId}?done=submitted`)
    const ownText = visibleText(own.html)
    expect(ownText).toContain('Forespørselen er sendt')
    expect(ownText).toContain('Venter på svar')
    expect(ownText).toContain('Inntekter › Beløp')
    expect(ownText).toContain('a-opplysningsloven § 7')
    expect(ownText).toContain(`Lars Bakken Strøm for ${nav.name}, i portalen`)
    expect(own.html).toContain('data-action="withdraw"')
    expect(own.html).not.toContain('data-action="approve"')

    const inbox = await publisher.page(skattRequests)
    expect(inbox.html).toContain(`href="${skattRequests}/${requestId}"`)
    const incoming = await publisher.page(`${skattRequests}/${requestId}`)
    const incomingText = visibleText(incoming.html)
    // The other party sees the organisation and the door, never the person.
    expect(incomingText).toContain(`${nav.name}, i portalen`)
    expect(incomingText).not.toContain('Lars Bakken Strøm')
    for (const action of ['approve', 'request-changes', 'reject'])
      expect(incoming.html).toContain(`data-action="${action}"`)
    expect(incoming.html).not.toContain('data-action="withdraw"')
  })

  it('lets the publisher ask for changes (a message is required) and the requester revise', async () => {
    const page = await publisher.page(`${skattRequests}/${requestId}`)
    const empty = await publisher.submit(`${skattRequests}/${requestId}/request-changes`, {
      seen: seenOn(page.html),
      changesMessage: ' ',
    })
    expect(empty.status).toBe(400)
    expect(await empty.text()).toContain('<a href="#changesMessage">Skriv hva som bør endres')

    const asked = await publisher.submit(`${skattRequests}/${requestId}/request-changes`, {
      seen: seenOn(page.html),
      changesMessage: 'Navn trengs ikke for dagpenger.',
    })
    expect(asked.status).toBe(303)
    const afterAsking = await publisher.page(`${skattRequests}/${requestId}`)
    expect(afterAsking.html).not.toContain('data-action="approve"')
    expect(afterAsking.html).toContain('data-action="reject"')

    const own = await requester.page(`${navRequests}/${requestId}`)
    expect(visibleText(own.html)).toContain('Navn trengs ikke for dagpenger.')
    expect(own.html).toContain(`href="${navRequests}/${requestId}/revise"`)

    const revise = await requester.page(`${navRequests}/${requestId}/revise`)
    expect(revise.status).toBe(200)
    expect(revise.html).toMatch(/name="fields" value="\/navn" checked/)
    expect(revise.html).toContain('value="Behandle søknad om dagpenger"')
    expect(revise.html).toContain('value="2030-12-31"')
    const revised = await requester.submit(`${navRequests}/${requestId}/revise`, {
      ...form({ fields: ['/personidentifikator', '/inntekt/beloep'], message: 'Fjernet navn.' }),
      seen: seenOn(revise.html),
    })
    expect(revised.status).toBe(303)
    const after = await publisher.page(`${skattRequests}/${requestId}`)
    const text = visibleText(after.html)
    expect(text).toContain('Endret forespørsel ble sendt')
    expect(text).toContain('Fjernet navn.')
    expect(after.html).not.toContain('data-field="/navn"')
  })

  it('refuses a form someone else acted on meanwhile with a 409 page, and changes nothing', async () => {
    const page = await publisher.page(`${skattRequests}/${requestId}`)
    const staleSeen = (await requester.page(`${navRequests}/${requestId}`)).html
    expect(seenOn(staleSeen)).toBe(seenOn(page.html))
    const before = await counts()
    const stale = await publisher.submit(`${skattRequests}/${requestId}/approve`, { seen: 'ev_00000000000000000000' })
    expect(stale.status).toBe(409)
    const html = await stale.text()
    expect(html).toContain('Forespørselen er endret i mellomtiden')
    expect(html).toContain(`href="${skattRequests}/${requestId}"`)
    expect(await counts()).toEqual(before)
  })

  it('approves: the rule exists, the rule list and the dataset page show NAV, the request links to it', async () => {
    const page = await publisher.page(`${skattRequests}/${requestId}`)
    const approved = await publisher.submit(`${skattRequests}/${requestId}/approve`, {
      seen: seenOn(page.html),
      approveValidTo: '',
      approveMessage: 'Godkjent for dagpengebehandling.',
    })
    expect(approved.status).toBe(303)
    expect(approved.headers.get('location')).toBe(`${skattRequests}/${requestId}?done=approved`)

    const token = await (await catalogActors(app)).navGateway()
    const rules = await app.get(`/catalog/datasets/${datasetId}/access-rules`, { token })
    expect(rules.body.items ?? rules.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          recipient: { orgnr: nav.orgnr },
          purpose: { code: 'dagpenger', text: { nb: 'Behandle søknad om dagpenger' } },
          fields: ['/personidentifikator', '/inntekt/beloep'],
          validTo: '2030-12-31T22:59:59.000Z',
        }),
      ]),
    )
    const datasetPage = await app.get(`/datasets/${datasetId}`)
    expect(visibleText(datasetPage.text)).toContain(`${nav.name} (org.nr. ${nav.orgnr})`)

    const own = await requester.page(`${navRequests}/${requestId}`)
    const text = visibleText(own.html)
    expect(text).toContain('Godkjent – tilgangsregelen ble opprettet')
    expect(text).toContain('Godkjent for dagpengebehandling.')
    expect(own.html).toContain(`href="/datasets/${datasetId}#who-gets-what"`)
    expect(own.html).not.toContain('data-action=')
    // Approving twice is not offered, and a replayed form is a conflict, not a second rule.
    const replay = await publisher.submit(`${skattRequests}/${requestId}/approve`, { seen: seenOn(own.html) })
    expect(replay.status).toBe(409)
  })

  it('shows a request made through the API in the same lists, with the API client as the actor', async () => {
    const token = await (await catalogActors(app)).navGateway()
    const made = await app.post(
      '/access-requests',
      {
        datasetId,
        purpose: { code: 'sykepenger', text: { nb: 'Beregne sykepenger' } },
        basis: { consent: true },
        fields: ['/inntekt/beloep'],
        justification: 'Sykepenger beregnes av inntekten de siste tre månedene.',
      },
      { token },
    )
    expect(made.status, made.text).toBe(201)
    const list = await publisher.page(`${skattRequests}?status=submitted`)
    expect(list.html).toContain(`href="${skattRequests}/${made.body.id}"`)
    const page = visibleText((await publisher.page(`${skattRequests}/${made.body.id}`)).html)
    expect(page).toContain(`${nav.name}, gjennom API-et (klient ${made.body.history[0].actor.clientId})`)
    expect(page).toContain('Samtykke fra den registrerte')
  })

  it('lists requests by status, for each side', async () => {
    const approved = await requester.page(`${navRequests}?status=approved`)
    expect(approved.html).toContain(`href="${navRequests}/${requestId}"`)
    const waiting = await requester.page(`${navRequests}?status=submitted`)
    expect(waiting.html).not.toContain(`href="${navRequests}/${requestId}"`)
    expect(waiting.html).toContain('data-list="requester"')
    expect(waiting.html).not.toContain('data-list="publisher"')
    const english = await publisher.page(`${skattRequests}?lang=en`)
    expect(english.html).toContain('data-list="publisher"')
    expect(visibleText(english.html)).toContain('Approved')
  })
})
