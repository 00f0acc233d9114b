import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'
import { keepToOrigin, sharedBrowser } from '../support/browser.ts'
import { logInInBrowser, sidewaysScroll } from '../support/browser-login.ts'
import { incomeDataset } from '../support/catalog.ts'
import { ingrid, seedPersons } from '../support/citizen-browser.ts'
import { ensureOrganisation, giveRole } from '../support/portal.ts'
import { demoOrganisations } from '../support/tokens.ts'

const { skatteetaten, nav } = demoOrganisations
const shots = 'test-results'

/** Clicks into a field and types into it, as a person with a mouse and a keyboard does. */
async function typeInto(page: Page, id: string, text: string) {
  await page.locator(`[id="${id}"]`).click()
  await page.keyboard.type(text)
}

describe('a publisher in a real browser', () => {
  const browser = sharedBrowser()
  let app: TestApp

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true })
    app = await startTestApp()
    await seedPersons(app)
    await ensureOrganisation(app, nav.orgnr)
    await giveRole(app, ingrid.fnr, skatteetaten.orgnr, 'publisher')
  })
  afterAll(() => app?.close())

  it('logs in, publishes a dataset and a rule in the forms, and finds both on the public page', async () => {
    const context = await browser().newContext({ locale: 'nb-NO', viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const offOrigin = await keepToOrigin(page, app.url)

    await page.goto(`${app.url}/org/${skatteetaten.orgnr}/datasets`)
    await logInInBrowser(page, ingrid.fnr, `${app.url}/org/${skatteetaten.orgnr}/datasets`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Datasett og tilgangsregler')

    await page.getByRole('link', { name: 'Nytt datasett' }).click()
    await page.waitForURL(/\/datasets\/new$/)
    // Sent empty, the form says what the API says is missing, at the top and beside the fields.
    await page.getByRole('button', { name: 'Publiser datasettet' }).click()
    const summary = page.getByRole('alert')
    await expect(summary.getByRole('heading').textContent()).resolves.toBe('Det er en feil i skjemaet')
    expect(await summary.getByRole('link').count()).toBeGreaterThanOrEqual(4)
    await page.screenshot({ path: `${shots}/publish-dataset-errors-1280.png`, fullPage: true })
    await summary.getByRole('link').first().click()
    await expect(page.evaluate(() => location.hash)).resolves.toBe('#title.nb')

    const dataset = incomeDataset()
    await typeInto(page, 'title.nb', dataset.title.nb!)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.type(dataset.title.en!)
    await typeInto(page, 'description.nb', dataset.description.nb!)
    await typeInto(page, 'keywords.nb', 'inntekt')
    await page.keyboard.press('Enter')
    await page.keyboard.type('a-melding')
    await page.getByLabel('Økonomi og finans').check()
    await page.getByLabel('Miste jobben').check()
    await page.getByLabel('Begrenset').check()
    await page.getByRole('group', { name: 'Inneholder datasettet personopplysninger?' }).getByLabel('Ja').check()
    await typeInto(page, 'contactPoint.email', 'datadeling@skatteetaten.no')
    await page.locator('[id="legalBases.0.type"]').selectOption('disclosure')
    await typeInto(page, 'legalBases.0.title.nb', 'a-opplysningsloven § 7')
    await typeInto(page, 'legalBases.0.uri', 'https://lovdata.no/lov/2012-06-22-43/§7')
    await page.locator('[id="recordSchema"]').fill(JSON.stringify(dataset.recordSchema, null, 2))
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.screenshot({ path: `${shots}/publish-dataset-form-1280.png`, fullPage: true })
    await page.setViewportSize({ width: 375, height: 812 })
    expect(await sidewaysScroll(page)).toBe(0)
    await page.screenshot({ path: `${shots}/publish-dataset-form-375.png`, fullPage: true })
    await page.setViewportSize({ width: 1280, height: 900 })

    // Enter in a text field saves (the form's first button), rather than adding a row.
    await page.locator('[id="contactPoint.email"]').press('Enter')
    await page.waitForURL(/\/datasets\?done=created$/)
    await expect(page.getByRole('status').textContent()).resolves.toBe('Datasettet er publisert.')
    await page.screenshot({ path: `${shots}/publish-datasets-1280.png`, fullPage: true })

    await page.getByRole('link', { name: '0 tilgangsregler' }).click()
    await page.getByRole('link', { name: 'Ny tilgangsregel' }).click()
    await page.getByLabel('Mottaker', { exact: true }).selectOption(nav.orgnr)
    await typeInto(page, 'purpose.code', 'dagpenger')
    await typeInto(page, 'purpose.text.nb', 'Behandle søknad om dagpenger')
    await page.getByLabel('a-opplysningsloven § 7 (Utleveringshjemmel)').check()
    await page.getByLabel('Fødselsnummer').check()
    await page.getByLabel('Inntekter › Beløp').check()
    await page.screenshot({ path: `${shots}/publish-rule-form-1280.png`, fullPage: true })
    await page.getByRole('button', { name: 'Legg til regelen' }).click()
    await page.waitForURL(/\/rules\?done=rule-added$/)
    const row = page.locator('tr[data-rule]')
    expect(await row.count()).toBe(1)
    await expect(row.textContent()).resolves.toContain('Arbeids- og velferdsetaten')
    await page.screenshot({ path: `${shots}/publish-rules-1280.png`, fullPage: true })

    await page.getByRole('link', { name: 'Historikk' }).click()
    const changes = page.locator('li[data-change]')
    expect(await changes.count()).toBe(2)
    await expect(changes.first().textContent()).resolves.toContain('Regelen for dagpenger ble lagt til')
    await expect(changes.first().textContent()).resolves.toContain('Av 128584 40015, i portalen')
    await page.screenshot({ path: `${shots}/publish-history-1280.png`, fullPage: true })

    await page.getByRole('link', { name: 'Offentlig side' }).click()
    await page.waitForURL(/\/datasets\/ds_[0-9a-z]{20}$/)
    await expect(page.locator('h1').textContent()).resolves.toBe(dataset.title.nb)
    const rules = page.getByRole('table', { name: 'Tilgangsregler for datasettet' })
    await expect(rules.getByRole('cell', { name: /Behandle søknad om dagpenger/ }).isVisible()).resolves.toBe(true)
    await expect(rules.textContent()).resolves.toContain('Inntekter › Beløp')
    expect(offOrigin.filter((url) => !url.startsWith('https://lovdata.no/'))).toEqual([])
    await context.close()
    // Typing a whole dataset key by key takes a while on a busy machine; the steps themselves wait for the pages.
  }, 120_000)
})
