import { AxeBuilder } from '@axe-core/playwright'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addRedirectOrigin } from '../../src/auth/redirect-origins.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { sharedBrowser } from '../support/browser.ts'
import { logInInBrowser, sidewaysScroll } from '../support/browser-login.ts'
import { ingrid, seedPersons } from '../support/citizen-browser.ts'
import { recordIncomeDelivery } from '../support/consent-dataset.ts'
import { giveRole } from '../support/portal.ts'
import { accessToken, demoOrganisations, registerClient } from '../support/tokens.ts'
import { publishDemoCatalog } from './publish-demo.ts'

const { skatteetaten, dnb, nav } = demoOrganisations

/** WCAG 2.1 A and AA, as the Norwegian universal design regulation requires of public services. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

interface Finding {
  rule: string
  impact: string
  help: string
  targets: string[]
}

const slug = (name: string) => name.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-')

/**
 * The checks every page gets: no serious or critical axe violation at desktop width, then at 375 px (a small
 * phone) no sideways scrolling. Both widths are saved in test-results/pages/ to be looked at.
 */
async function checkPage(page: Page, name: string) {
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([])
  await page.screenshot({ path: `test-results/pages/${slug(name)}.png`, fullPage: true })
  await page.setViewportSize({ width: 375, height: 800 })
  expect(await sidewaysScroll(page), `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(0)
  await page.screenshot({ path: `test-results/pages/${slug(name)}-375.png`, fullPage: true })
}

/** Runs axe-core in the page and returns its serious and critical violations (the ones that fail the test). */
async function seriousViolations(page: Page): Promise<Finding[]> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }))
}

describe('every page type passes axe-core (WCAG 2.1 AA) with no serious or critical violation', () => {
  const browser = sharedBrowser()
  let app: TestApp
  let context: BrowserContext
  let anonymous: BrowserContext
  let datasetId: string
  let consentId: string
  let accessRequestId: string

  beforeAll(async () => {
    app = await startTestApp()
    await seedPersons(app)
    const catalog = await publishDemoCatalog(app)
    const income = catalog.byTitle.get('Inntektsopplysninger fra a-ordningen')!
    datasetId = income.id
    await giveRole(app, ingrid.fnr, skatteetaten.orgnr, 'admin')
    await giveRole(app, ingrid.fnr, skatteetaten.orgnr, 'publisher')
    await giveRole(app, ingrid.fnr, nav.orgnr, 'consumer')
    const navClient = await registerClient(app, nav.orgnr, ['deling:gateway'])
    const asked = await app.post(
      '/access-requests',
      {
        datasetId,
        purpose: { code: 'kontroll', text: { nb: 'Kontroll av ytelser' } },
        basis: { legalBasisId: income.legalBases[0]!.id },
        fields: ['/inntekt/beloep'],
        justification: 'NAV kontrollerer at ytelser er riktige.',
      },
      { token: await accessToken(app, navClient, 'deling:gateway') },
    )
    expect(asked.status, asked.text).toBe(201)
    accessRequestId = asked.body.id
    const client = await registerClient(app, dnb.orgnr, ['deling:consent.request'])
    await addRedirectOrigin(app.host.database.db, dnb.orgnr, app.url)
    const created = await app.post(
      '/consent/requests',
      {
        subject: ingrid.fnr,
        datasets: [{ datasetId }],
        purpose: { code: 'laanesoknad', text: { nb: 'Vurdere en søknad om lån', en: 'Assess a loan application' } },
        validTo: new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString(),
        oneTime: true,
        redirectUrl: `${app.url}/healthz`,
      },
      { token: await accessToken(app, client, 'deling:consent.request') },
    )
    expect(created.status, created.text).toBe(201)
    consentId = created.body.id
    await recordIncomeDelivery(app, {
      at: new Date(),
      requestId: 'req_a11y',
      consumerOrgnr: dnb.orgnr,
      clientId: client.clientId,
      datasetId,
      subjectFnr: ingrid.fnr,
      consentId,
    })

    anonymous = await browser().newContext({ locale: 'nb-NO', viewport: { width: 1280, height: 900 } })
    // One logged-in browser context for the pages behind the login: the real test login, as a person would.
    context = await browser().newContext({ locale: 'nb-NO', viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${app.url}/me`)
    await logInInBrowser(page, ingrid.fnr, `${app.url}/me`)
    await page.close()
  })
  afterAll(async () => {
    await context?.close()
    await anonymous?.close()
    await app?.close()
  })

  const anonymousPages: [string, () => string][] = [
    ['start page', () => '/'],
    ['search with facets', () => '/datasets?q=inntekt'],
    ['search without hits', () => '/datasets?q=finnesikke'],
    ['dataset page', () => `/datasets/${datasetId}`],
    ['dataset page in English', () => `/datasets/${datasetId}?lang=en`],
    ['missing dataset', () => '/datasets/ds_00000000000000000000'],
    ['life events', () => '/life-events'],
    ['one life event', () => '/life-events/losing-a-job'],
  ]
  it.each(anonymousPages)('%s', async (name, path) => {
    const page = await anonymous.newPage()
    await page.goto(`${app.url}${path()}`)
    await checkPage(page, name)
    await page.close()
  })

  it('the test login page', async () => {
    const page = await anonymous.newPage()
    // ?lang=nb: the English dataset page before left the language cookie at English.
    await page.goto(`${app.url}/auth/login?lang=nb`)
    await page.waitForURL(/\/oidc\/interaction\//)
    await checkPage(page, 'test login')
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.getByLabel('Fødselsnummer').fill('123')
    await page.getByRole('button', { name: 'Logg inn', exact: true }).click({ timeout: 10_000 })
    await page.getByRole('alert').waitFor({ timeout: 10_000 })
    expect(await seriousViolations(page), 'the login page with its error summary').toEqual([])
    await page.close()
  })

  const loggedInPages: [string, () => string][] = [
    ['my page', () => '/me'],
    ['my consents', () => '/me/consents'],
    ['my access log', () => '/me/access-log'],
    ['a consent request', () => `/consent/view/${consentId}`],
    ['my session', () => '/me/session'],
    ['my authorisations (fullmakt)', () => '/me/authorisations'],
    ['organisations I act for', () => '/org'],
    ['an organisation', () => `/org/${skatteetaten.orgnr}`],
    ['people and roles', () => `/org/${skatteetaten.orgnr}/people`],
    ['a refused organisation page', () => `/org/${dnb.orgnr}`],
    ["the organisation's datasets", () => `/org/${skatteetaten.orgnr}/datasets`],
    ['a new dataset form', () => `/org/${skatteetaten.orgnr}/datasets/new`],
    ['a dataset form', () => `/org/${skatteetaten.orgnr}/datasets/${datasetId}`],
    ["a dataset's rules", () => `/org/${skatteetaten.orgnr}/datasets/${datasetId}/rules`],
    ['a new rule form', () => `/org/${skatteetaten.orgnr}/datasets/${datasetId}/rules/new`],
    ["a dataset's history", () => `/org/${skatteetaten.orgnr}/datasets/${datasetId}/history`],
    ['access requests to the publisher', () => `/org/${skatteetaten.orgnr}/access-requests`],
    ['an access request (publisher)', () => `/org/${skatteetaten.orgnr}/access-requests/${accessRequestId}`],
    ['an access request form', () => `/org/${nav.orgnr}/access-requests/new?dataset=${datasetId}`],
  ]
  it.each(loggedInPages)('%s (logged in)', async (name, path) => {
    const page = await context.newPage()
    await page.goto(`${app.url}${path()}`)
    await checkPage(page, name)
    await page.close()
  })

  it('a form with errors (people and roles)', async () => {
    const page = await context.newPage()
    await page.goto(`${app.url}/org/${skatteetaten.orgnr}/people`)
    await page.getByLabel('Person (fødselsnummer)').fill('123')
    await page.getByRole('button', { name: 'Gi rollen' }).click()
    await page.waitForLoadState()
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Det er en feil i skjemaet')
    await checkPage(page, 'people form with errors')
    await page.close()
  })
})
