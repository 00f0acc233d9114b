import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'
import { keepToOrigin, sharedBrowser } from '../support/browser.ts'
import { ingrid, seedPersons } from '../support/citizen-browser.ts'
import { type AuditWorld, auditWorld } from './fixtures.ts'

describe('"who has received my data" in a real browser', () => {
  const browser = sharedBrowser()
  let app: TestApp
  let world: AuditWorld

  beforeAll(async () => {
    app = await startTestApp()
    await seedPersons(app)
    world = await auditWorld(app)
  })
  afterAll(() => app?.close())

  it('logs in and lists the deliveries of her data, with the law and the consent behind them', async () => {
    const context = await browser().newContext({ locale: 'nb-NO' })
    const page = await context.newPage()
    const offOrigin = await keepToOrigin(page, app.url)

    await page.goto(`${app.url}/me/access-log`)
    await page.waitForURL(/\/oidc\/interaction\/[^/?]+$/)
    await page.getByLabel('Fødselsnummer').fill(ingrid.fnr)
    await page.getByRole('button', { name: 'Logg inn' }).click()
    await page.waitForURL(`${app.url}/me/access-log`)

    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Hvem har fått opplysninger om meg',
    )
    await expect(page.locator('section.delivery').count()).resolves.toBe(2)
    const byLaw = page.locator(`[data-entry="${world.ids[0]}"]`)
    await expect(byLaw.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
      'Arbeids- og velferdsetaten: Inntektsopplysninger fra a-ordningen',
    )
    await expect(byLaw.getByRole('link', { name: 'a-opplysningsloven § 7' }).getAttribute('href')).resolves.toBe(
      'https://lovdata.no/lov/2012-06-22-43/§7',
    )
    await expect(byLaw.getByRole('listitem').allTextContents()).resolves.toEqual(['Fødselsnummer', 'Inntekter › Beløp'])
    const byConsent = page.locator(`[data-entry="${world.ids[1]}"]`)
    await byConsent.getByRole('link', { name: /Ditt samtykke/ }).click()
    await page.waitForURL(`${app.url}/me/consents`)
    expect(offOrigin).toEqual([])
    await context.close()
  })
})
