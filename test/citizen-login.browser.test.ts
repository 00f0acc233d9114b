import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { persons } from '../src/db/schema/index.ts'
import { demoPersons } from '../src/demo/persons.ts'
import { startTestApp, type TestApp } from './support/app.ts'
import { keepToOrigin, sharedBrowser } from './support/browser.ts'

const results = new URL('../test-results/', import.meta.url).pathname
const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: `${results}citizen-login-${name}.png`, fullPage: true })

describe('citizen login in a real browser', () => {
  const browser = sharedBrowser()
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp()
    await app.host.database.db.insert(persons).values([...demoPersons])
    mkdirSync(results, { recursive: true })
  })
  afterAll(() => app?.close())

  /** What Deling says about the browser's session, through the browser's own cookies. */
  const sessionOf = async (page: Page) => {
    const res = await page.request.get(`${app.url}/me/session`, { headers: { Accept: 'application/json' } })
    return { status: res.status(), body: await res.json() }
  }

  it('logs a citizen in with a picked synthetic person, switches to English and logs out', async () => {
    const context = await browser().newContext({ viewport: { width: 1024, height: 800 }, locale: 'nb-NO' })
    const page = await context.newPage()
    const offOrigin = await keepToOrigin(page, app.url)
    const problems: string[] = []
    page.on('console', (message) => {
      // The "not logged in" page is answered with 401 on purpose; anything else logged as an error is a problem.
      if (message.type() === 'error' && !message.text().includes('status of 401')) problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))

    await page.goto(`${app.url}/me/session`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Du er ikke logget inn')
    await screenshot(page, '1-not-logged-in')
    await page.getByRole('main').getByRole('link', { name: 'Logg inn' }).click()

    await page.waitForURL(/\/oidc\/interaction\/[^/?]+$/)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Testinnlogging')
    const field = page.getByLabel('Fødselsnummer')
    await expect(field.inputValue()).resolves.toBe('')
    await page.getByRole('link', { name: 'Ingrid Fjellheim' }).click()
    await expect(field.inputValue()).resolves.toBe('12858440015')
    await field.focus()
    await screenshot(page, '2-test-idp')
    await page.getByRole('button', { name: 'Logg inn' }).click()

    await page.waitForURL(`${app.url}/me/session`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Din innlogging')
    await expect(page.locator('.account__name').textContent()).resolves.toBe('Logget inn som Ingrid Fjellheim')
    expect(await sessionOf(page)).toMatchObject({
      status: 200,
      body: { fnr: '12858440015', name: 'Ingrid Fjellheim', acr: 'deling-test-idp' },
    })
    await screenshot(page, '3-logged-in')

    await page.getByRole('link', { name: 'English' }).click()
    await page.waitForURL(`${app.url}/me/session?lang=en`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Your login')
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en')
    await screenshot(page, '4-english')

    await page.getByRole('button', { name: 'Log out' }).click()
    await page.waitForURL(`${app.url}/auth/logged-out`)
    // The language chosen before stays chosen.
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('You are logged out')
    expect((await sessionOf(page)).status).toBe(401)
    await screenshot(page, '5-logged-out')

    expect(problems, 'CSP violations or script errors').toEqual([])
    expect(offOrigin, 'requests to other origins').toEqual([])
    await context.close()
  })

  it('lets the next person log in on the same browser, shows refusals clearly, and fits a phone screen', async () => {
    const context = await browser().newContext({
      viewport: { width: 390, height: 844 },
      locale: 'nb-NO',
      isMobile: true,
    })
    const page = await context.newPage()
    const offOrigin = await keepToOrigin(page, app.url)

    for (const person of [demoPersons[0]!, demoPersons[1]!]) {
      await page.goto(`${app.url}/auth/login?returnTo=%2Fme%2Fsession`)
      await page.waitForURL(/\/oidc\/interaction\//)
      if (person === demoPersons[0]) {
        await page.getByLabel('Fødselsnummer').fill('01017000027')
        await page.getByRole('button', { name: 'Logg inn' }).click()
        await expect(page.getByRole('alert').textContent()).resolves.toContain('Dette ser ut som et ekte fødselsnummer')
        await expect(page.getByLabel('Fødselsnummer').getAttribute('aria-invalid')).resolves.toBe('true')
        await screenshot(page, '6-refused-mobile')
      }
      await page.getByLabel('Fødselsnummer').fill(person.fnr)
      await page.getByRole('button', { name: 'Logg inn' }).click()
      // Switching person, the issuer first ends the previous one's session (its own self-submitting form).
      await page.waitForURL(`${app.url}/me/session`)
      expect((await sessionOf(page)).body).toMatchObject({ fnr: person.fnr, name: person.name })
      await page.getByRole('button', { name: 'Logg ut' }).click()
      await page.waitForURL(`${app.url}/auth/logged-out`)
    }
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width, 'no horizontal scrolling on a phone').toBeLessThanOrEqual(390)
    expect(offOrigin).toEqual([])
    await context.close()
  })
})
