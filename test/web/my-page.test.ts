import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addRedirectOrigin } from '../../src/auth/redirect-origins.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { CookieBrowser, ingrid, lars, logIn, seedPersons } from '../support/citizen-browser.ts'
import { incomeWithConsentRule, recordIncomeDelivery } from '../support/consent-dataset.ts'
import { sofie } from '../support/portal.ts'
import { accessToken, demoOrganisations, registerClient } from '../support/tokens.ts'

const { dnb, nav } = demoOrganisations
const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString()

describe('my page (/me)', () => {
  let app: TestApp
  const browsers: Record<string, CookieBrowser> = {}
  const ids: Record<string, { consent: string; delivery: string }> = {}
  const page = async (who: string, query = '') => {
    const res = await browsers[who]!.send(`${app.url}/me${query}`)
    return { status: res.status, headers: res.headers, html: await res.text() }
  }

  beforeAll(async () => {
    app = await startTestApp()
    await seedPersons(app)
    const { datasetId, ruleId } = await incomeWithConsentRule(app, { oneTime: true })
    const client = await registerClient(app, dnb.orgnr, ['deling:consent.request'], 'DNB boliglån')
    await addRedirectOrigin(app.host.database.db, dnb.orgnr, 'https://bank.example')
    const token = await accessToken(app, client, 'deling:consent.request')
    const requestConsent = async (subject: string, text: { nb: string; en: string }) => {
      const body = {
        subject,
        datasets: [{ datasetId }],
        purpose: { code: 'laanesoknad', text },
        validTo: inAMonth(),
        oneTime: true,
        redirectUrl: 'https://bank.example/laan',
      }
      const created = await app.post('/consent/requests', body, { token })
      expect(created.status, created.text).toBe(201)
      return created.body.id as string
    }
    const ingridsConsent = await requestConsent(ingrid.fnr, {
      nb: 'Vurdere en søknad om lån',
      en: 'Assess a loan application',
    })
    const larsConsent = await requestConsent(lars.fnr, {
      nb: 'Refinansiere boliglånet til Lars',
      en: "Refinance Lars's mortgage",
    })

    const at = new Date(Date.UTC(2026, 10, 23, 12, 0, 0))
    const delivered = (subjectFnr: string, consumerOrgnr: string) =>
      recordIncomeDelivery(app, {
        at,
        requestId: 'req_1',
        consumerOrgnr,
        clientId: client.clientId,
        datasetId,
        subjectFnr,
        ruleId,
      })
    ids[ingrid.fnr] = { consent: ingridsConsent, delivery: (await delivered(ingrid.fnr, dnb.orgnr)).id }
    ids[lars.fnr] = { consent: larsConsent, delivery: (await delivered(lars.fnr, nav.orgnr)).id }

    for (const person of [ingrid, lars, sofie]) {
      browsers[person.fnr] = new CookieBrowser()
      await logIn(browsers[person.fnr]!, app.url, person.fnr)
    }
  })
  afterAll(() => app?.close())

  it('sends a visitor who is not logged in to the login, and back to /me afterwards', async () => {
    const res = await new CookieBrowser().send(`${app.url}/me`)
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('/auth/login?returnTo=%2Fme')
    const { url } = await logIn(new CookieBrowser(), app.url, ingrid.fnr, '/me')
    expect(url.href).toBe(`${app.url}/me`)
  })

  it("shows the citizen's newest consents and deliveries in bokmål, with links to the full lists", async () => {
    const { status, headers, html } = await page(ingrid.fnr, '?lang=nb')
    expect(status).toBe(200)
    expect(headers.get('Cache-Control')).toBe('no-store')
    expect(html).toContain('<html lang="nb">')
    expect(html).toContain('<h1>Min side for Ingrid Fjellheim</h1>')
    expect(html).toContain('Samtykkene dine')
    expect(html).toContain('<h3>DNB Bank ASA</h3>')
    expect(html).toContain('Formål: Vurdere en søknad om lån')
    expect(html).toContain('Status: Venter på svaret ditt')
    expect(html).toContain('href="/me/consents"')
    expect(html).toContain('Hvem har fått opplysninger om deg')
    expect(html).toContain('Inntektsopplysninger fra a-ordningen')
    expect(html).toMatch(/<time datetime="2026-11-23T12:00:00.000Z">23\. november 2026/)
    expect(html).toContain('href="/me/access-log"')
    expect(html).toContain('<a class="account__link" href="/me">Min side</a>')
    expect(html).not.toContain('Ingen har bedt om samtykke')
  })

  it('shows the same in English', async () => {
    const { html } = await page(ingrid.fnr, '?lang=en')
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<h1>My page: Ingrid Fjellheim</h1>')
    expect(html).toContain('Your consents')
    expect(html).toContain('Purpose: Assess a loan application')
    expect(html).toContain('Status: Waiting for your answer')
    expect(html).toContain('Who has received information about you')
    expect(html).toContain('<a class="account__link" href="/me">My page</a>')
    expect(html).toContain('<a href="/datasets">Datasets</a>')
    await page(ingrid.fnr, '?lang=nb')
  })

  it("never shows another citizen's consents or deliveries", async () => {
    const shown = (html: string) => ({
      consents: [...html.matchAll(/data-consent="([^"]+)"/g)].map((match) => match[1]),
      deliveries: [...html.matchAll(/data-entry="([^"]+)"/g)].map((match) => match[1]),
    })
    const ingrids = (await page(ingrid.fnr)).html
    expect(shown(ingrids)).toEqual({ consents: [ids[ingrid.fnr]!.consent], deliveries: [ids[ingrid.fnr]!.delivery] })
    expect(ingrids).not.toContain('Refinansiere boliglånet til Lars')
    expect(ingrids).not.toContain(nav.name)
    const larses = (await page(lars.fnr)).html
    expect(larses).toContain('<h1>Min side for Lars Bakken Strøm</h1>')
    expect(shown(larses)).toEqual({ consents: [ids[lars.fnr]!.consent], deliveries: [ids[lars.fnr]!.delivery] })
    expect(larses).toContain('Refinansiere boliglånet til Lars')
    expect(larses).toContain(nav.name)
  })

  it('says so in words when there is nothing to show', async () => {
    const { html } = await page(sofie.fnr)
    expect(html).toContain('Ingen har bedt om samtykke fra deg ennå.')
    expect(html).toContain('Ingen har fått opplysninger om deg gjennom Deling ennå.')
    expect(html).not.toContain('class="results__list"')
  })

  it('links to the datasets for everyone, and to my page only when logged in', async () => {
    const home = await app.get('/')
    expect(home.text).toContain('<a href="/datasets">Datasett</a>')
    expect(home.text).not.toContain('href="/me"')
  })
})
