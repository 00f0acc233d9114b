import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addRedirectOrigin } from '../../src/auth/redirect-origins.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { keepToOrigin, sharedBrowser } from '../support/browser.ts'
import { catalogActors, incomeDataset } from '../support/catalog.ts'
import { ingrid, seedPersons } from '../support/citizen-browser.ts'
import { accessToken, demoOrganisations, registerClient } from '../support/tokens.ts'

describe('the consent screen in a real browser', () => {
  const browser = sharedBrowser()
  let app: TestApp
  let consentId: string
  // The consumer's page: on the test app's own origin, so the browser can land there without leaving it.
  const redirectPath = '/healthz?from=consent'

  beforeAll(async () => {
    app = await startTestApp()
    await seedPersons(app)
    const skatt = await (await catalogActors(app)).skatteetaten()
    const dataset = await app.post('/catalog/datasets', incomeDataset(), { token: skatt })
    const rule = {
      recipient: 'any',
      purpose: { code: 'laanesoknad', text: { nb: 'Vurdere en søknad om lån' } },
      basis: { consent: true },
      fields: ['/personidentifikator', '/inntekt/beloep'],
      oneTime: false,
    }
    expect((await app.post(`/catalog/datasets/${dataset.body.id}/access-rules`, rule, { token: skatt })).status).toBe(
      201,
    )
    const client = await registerClient(app, demoOrganisations.dnb.orgnr, ['deling:consent.request'])
    await addRedirectOrigin(app.host.database.db, demoOrganisations.dnb.orgnr, app.url)
    const created = await app.post(
      '/consent/requests',
      {
        subject: ingrid.fnr,
        datasets: [{ datasetId: dataset.body.id }],
        purpose: { code: 'laanesoknad', text: { nb: 'Vurdere en søknad om lån' } },
        validTo: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
        redirectUrl: `${app.url}${redirectPath}`,
      },
      { token: await accessToken(app, client, 'deling:consent.request') },
    )
    expect(created.status, created.text).toBe(201)
    consentId = created.body.id
  })
  afterAll(() => app?.close())

  it('logs in, reads the request, accepts it, lands at the consumer, and revokes it on my page', async () => {
    const context = await browser().newContext({ locale: 'nb-NO' })
    const page = await context.newPage()
    const offOrigin = await keepToOrigin(page, app.url)

    await page.goto(`${app.url}/consent/view/${consentId}`)
    await page.waitForURL(/\/oidc\/interaction\/[^/?]+$/)
    await page.getByLabel('Fødselsnummer').fill(ingrid.fnr)
    await page.getByRole('button', { name: 'Logg inn' }).click()

    await page.waitForURL(`${app.url}/consent/view/${consentId}`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Forespørsel om samtykke')
    const main = page.getByRole('main')
    await expect(main.textContent()).resolves.toContain('DNB Bank ASA (org.nr. 984851006)')
    await expect(main.getByRole('listitem').allTextContents()).resolves.toEqual(['Fødselsnummer', 'Inntekter › Beløp'])
    await page.getByRole('button', { name: 'Godta' }).click()

    await page.waitForURL((url) => url.pathname === '/healthz')
    const landed = new URL(page.url())
    expect(Object.fromEntries(landed.searchParams)).toEqual({ from: 'consent', id: consentId, status: 'accepted' })

    await page.goto(`${app.url}/me/consents`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Mine samtykker')
    const entry = page.locator(`[data-consent="${consentId}"]`)
    await expect(entry.locator('[data-status]').textContent()).resolves.toBe('Godtatt')
    await entry.getByRole('button', { name: 'Trekk tilbake' }).click()
    await page.waitForURL(`${app.url}/me/consents`)
    await expect(entry.locator('[data-status]').textContent()).resolves.toBe('Trukket tilbake')
    await expect(entry.getByRole('button', { name: 'Trekk tilbake' }).count()).resolves.toBe(0)
    expect(offOrigin).toEqual([])
    await context.close()
  })
})
