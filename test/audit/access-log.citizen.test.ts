import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'
import { CookieBrowser, ingrid, lars, logIn, seedPersons } from '../support/citizen-browser.ts'
import { type AuditWorld, auditWorld } from './fixtures.ts'

const json = { Accept: 'application/json' }

describe("the citizen's access log", () => {
  let app: TestApp
  let world: AuditWorld
  let ingridBrowser: CookieBrowser
  const get = async (browser: CookieBrowser, path: string, headers: Record<string, string> = json) => {
    const response = await browser.send(`${app.url}${path}`, { headers })
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined,
    }
  }

  beforeAll(async () => {
    app = await startTestApp()
    await seedPersons(app)
    world = await auditWorld(app)
    ingridBrowser = new CookieBrowser()
    await logIn(ingridBrowser, app.url, ingrid.fnr)
  })
  afterAll(() => app?.close())

  it("lists only the citizen's own deliveries, newest first: not denials, not other people's", async () => {
    const res = await get(ingridBrowser, '/me/access-log')
    expect(res.status, res.text).toBe(200)
    expect(res.body.total).toBe(2)
    expect(res.body.items.map((item: { id: string }) => item.id)).toEqual([world.ids[1], world.ids[0]])
    const larsBrowser = new CookieBrowser()
    await logIn(larsBrowser, app.url, lars.fnr)
    const his = await get(larsBrowser, '/me/access-log')
    expect(his.body.items.map((item: { id: string }) => item.id)).toEqual([world.ids[3]])
  })

  it('says when, to whom, why, under which law or consent and which fields in words', async () => {
    const [byConsent, byLaw] = (await get(ingridBrowser, '/me/access-log')).body.items
    expect(byLaw).toMatchObject({
      at: '2026-11-23T12:01:00.000Z',
      receiver: { orgnr: '889640782', name: 'Arbeids- og velferdsetaten', system: 'NAV dagpenger' },
      dataset: { id: world.datasetId, title: { nb: 'Inntektsopplysninger fra a-ordningen' } },
      purpose: { code: 'dagpenger', text: { nb: 'Behandle søknad om dagpenger' } },
      legalBasis: { uri: 'https://lovdata.no/lov/2012-06-22-43/§7', title: { nb: 'a-opplysningsloven § 7' } },
      consent: null,
    })
    expect(byLaw.fields.map((field: { title: string }) => field.title)).toEqual(['Fødselsnummer', 'Inntekter › Beløp'])
    expect(byConsent).toMatchObject({
      receiver: { orgnr: '984851006', name: 'DNB Bank ASA' },
      legalBasis: null,
      consent: { id: 'cr_0000000000000000test' },
    })
  })

  it('renders the page in bokmål, and in English on request', async () => {
    const page = await get(ingridBrowser, '/me/access-log', { Accept: 'text/html' })
    expect(page.status).toBe(200)
    expect(page.text).toContain('<h1>Hvem har fått opplysninger om meg</h1>')
    expect(page.text).toContain('Arbeids- og velferdsetaten (org.nr. 889640782)')
    expect(page.text).toContain('href="https://lovdata.no/lov/2012-06-22-43/§7"')
    expect(page.text).toContain('href="/me/consents">Ditt samtykke cr_0000000000000000test')
    expect(page.text).toContain('Inntekter › Beløp')
    expect(page.text).not.toContain(world.ids[2])
    const english = await get(ingridBrowser, '/me/access-log?lang=en', { Accept: 'text/html' })
    expect(english.text).toContain('<h1>Who has received my data</h1>')
  })

  it('needs a login: 401 for JSON, the login for a page', async () => {
    const stranger = new CookieBrowser()
    expect((await get(stranger, '/me/access-log')).status).toBe(401)
    const page = await get(stranger, '/me/access-log', { Accept: 'text/html' })
    expect(page.status).toBe(303)
    expect(page.headers.get('Location')).toBe('/auth/login?returnTo=%2Fme%2Faccess-log')
    expect((await get(stranger, '/me/access-log/usages')).status).toBe(401)
  })

  it('answers in the shape of Data Tracker findUsage, with period, offset and limit', async () => {
    const all = await get(ingridBrowser, '/me/access-log/usages')
    expect(all.status, all.text).toBe(200)
    expect(all.body.totalUsages).toBe(2)
    expect(all.body.usages[1]).toEqual({
      logtime: '2026-11-23T12:01:00.000Z',
      action: 'Behandle søknad om dagpenger',
      receiverCode: '889640782',
      receiverName: 'Arbeids- og velferdsetaten',
      receiverSystem: 'NAV dagpenger',
      purposeCode: 'dagpenger',
      legalBasis: 'https://lovdata.no/lov/2012-06-22-43/§7',
      consentId: null,
      datasetId: world.datasetId,
      datasetTitle: 'Inntektsopplysninger fra a-ordningen',
      fields: ['/personidentifikator', '/inntekt/beloep'],
    })
    const paged = await get(ingridBrowser, '/me/access-log/usages?offset=1&limit=1')
    expect(paged.body.totalUsages).toBe(2)
    expect(paged.body.usages.map((usage: { receiverCode: string }) => usage.receiverCode)).toEqual(['889640782'])
    const period = await get(
      ingridBrowser,
      '/me/access-log/usages?periodStart=2026-11-23T12:01:30Z&periodEnd=2026-11-24T00:00:00Z',
    )
    expect(period.body.usages.map((usage: { receiverCode: string }) => usage.receiverCode)).toEqual(['984851006'])
    expect((await get(ingridBrowser, '/me/access-log/usages?limit=5000')).status).toBe(400)
    expect((await get(ingridBrowser, '/me/access-log/usages?periodStart=yesterday')).status).toBe(400)
  })
})
