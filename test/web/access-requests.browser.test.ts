import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'
import { keepToOrigin, sharedBrowser } from '../support/browser.ts'
import { logInInBrowser, sidewaysScroll } from '../support/browser-login.ts'
import { catalogActors, incomeDataset } from '../support/catalog.ts'
import { ingrid, lars, seedPersons } from '../support/citizen-browser.ts'
import { giveRole } from '../support/portal.ts'
import { demoOrganisations } from '../support/tokens.ts'

const { skatteetaten, nav } = demoOrganisations
const screenshot = (name: string) => join(tmpdir(), `deling-access-request-${name}.png`)

/** axe-core's serious and critical WCAG 2.1 AA findings on the page (none is allowed). */
async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)
}

describe('an access request from the dataset page to an approved rule, in a real browser', () => {
  const browser = sharedBrowser()
  let app: TestApp
  let datasetId: string

  beforeAll(async () => {
    app = await startTestApp()
    await seedPersons(app)
    const skatt = await (await catalogActors(app)).skatteetaten()
    const created = await app.post('/catalog/datasets', incomeDataset(), { token: skatt })
    expect(created.status, created.text).toBe(201)
    datasetId = created.body.id
    await giveRole(app, lars.fnr, nav.orgnr, 'consumer')
    await giveRole(app, ingrid.fnr, skatteetaten.orgnr, 'publisher')
  })
  afterAll(() => app?.close())

  it('NAV asks from the dataset page, Skatteetaten approves, and the dataset page then shows NAV', async () => {
    const navContext = await browser().newContext({ locale: 'nb-NO', viewport: { width: 1280, height: 900 } })
    const page = await navContext.newPage()
    const offOrigin = await keepToOrigin(page, app.url)
    await page.goto(`${app.url}/datasets/${datasetId}`)
    const rules = page.locator('#who-gets-what').locator('..')
    await expect(rules.textContent()).resolves.not.toContain(nav.name)
    await page.getByRole('link', { name: 'Be om tilgang' }).click()
    await page.getByRole('main').getByRole('link', { name: 'Logg inn' }).click()
    await logInInBrowser(page, lars.fnr)
    // One consumer role: straight to the form for NAV.
    await page.waitForURL(`${app.url}/org/${nav.orgnr}/access-requests/new?dataset=${datasetId}`)
    await page.getByLabel('Formålet i klartekst').fill('Behandle søknad om dagpenger')
    await page.getByLabel('Formålskode').fill('dagpenger')
    await page.getByRole('radio', { name: /a-opplysningsloven § 7/ }).check()
    await page.getByRole('checkbox', { name: /^Fødselsnummer/ }).check()
    await page.getByRole('checkbox', { name: /^Inntekter › Beløp/ }).check()
    await page.getByLabel('Begrunnelse').fill('NAV trenger inntekten for å beregne dagpenger (folketrygdloven § 4-4).')
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: screenshot('form-1280'), fullPage: true })
    await page.getByRole('button', { name: 'Send forespørselen' }).click()
    await page.waitForURL(/\/org\/889640782\/access-requests\/xr_[0-9a-z]{20}\?done=submitted$/)
    const requestUrl = page.url().replace(/\?.*$/, '')
    const requestId = requestUrl.split('/').at(-1)!
    await expect(page.getByRole('status').textContent()).resolves.toContain('Forespørselen er sendt')
    await expect(page.locator('[data-status]').first().textContent()).resolves.toBe('Venter på svar')
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: screenshot('request-requester-1280'), fullPage: true })

    const skattContext = await browser().newContext({ locale: 'nb-NO', viewport: { width: 1280, height: 900 } })
    const publisher = await skattContext.newPage()
    await publisher.goto(`${app.url}/org/${skatteetaten.orgnr}/access-requests`)
    await logInInBrowser(publisher, ingrid.fnr)
    await publisher.waitForURL(`${app.url}/org/${skatteetaten.orgnr}/access-requests`)
    await publisher
      .locator(`[data-list="publisher"] tr[data-request="${requestId}"]`)
      .getByRole('link', { name: 'Inntektsopplysninger fra a-ordningen' })
      .click()
    await publisher.waitForURL(`${app.url}/org/${skatteetaten.orgnr}/access-requests/${requestId}`)
    expect(await seriousViolations(publisher)).toEqual([])
    await publisher.screenshot({ path: screenshot('request-1280'), fullPage: true })
    await publisher.setViewportSize({ width: 375, height: 812 })
    expect(await sidewaysScroll(publisher)).toBeLessThanOrEqual(0)
    await publisher.screenshot({ path: screenshot('request-375'), fullPage: true })
    await publisher.setViewportSize({ width: 1280, height: 900 })
    await publisher.getByLabel('Melding (valgfritt)').fill('Godkjent for dagpengebehandling.')
    await publisher.getByRole('button', { name: 'Godkjenn og opprett tilgangsregelen' }).click()
    await publisher.waitForURL(/\?done=approved$/)
    await expect(publisher.locator('[data-status]').first().textContent()).resolves.toBe('Godkjent')
    await publisher.screenshot({ path: screenshot('approved-1280'), fullPage: true })

    await publisher.getByRole('link', { name: 'Se tilgangsregelen på datasettsiden' }).click()
    await publisher.waitForURL(`${app.url}/datasets/${datasetId}#who-gets-what`)
    const table = publisher.getByRole('table', { name: 'Tilgangsregler for datasettet' })
    await expect(
      table.getByRole('rowheader', { name: `${nav.name} (org.nr. ${nav.orgnr})` }).isVisible(),
    ).resolves.toBe(true)

    await page.reload()
    await expect(page.locator('[data-status]').first().textContent()).resolves.toBe('Godkjent')
    await expect(page.getByRole('main').textContent()).resolves.toContain('Godkjent for dagpengebehandling.')
    await page.setViewportSize({ width: 375, height: 812 })
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0)
    await page.screenshot({ path: screenshot('request-requester-375'), fullPage: true })
    expect(offOrigin.filter((url) => !url.startsWith('https://lovdata.no/'))).toEqual([])
    await navContext.close()
    await skattContext.close()
    // Two browser contexts, four axe runs and two logins: longer than the default limit on a shared two-core machine.
  }, 120_000)
})
