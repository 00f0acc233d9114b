import type { Page } from 'playwright-core'

/**
 * The test login as a person meets it in a real browser: Deling's login page asks for the fødselsnummer. With
 * `landing`, waits until the login has brought the person back there.
 */
export async function logInInBrowser(page: Page, fnr: string, landing?: string) {
  await page.waitForURL(/\/oidc\/interaction\/[^/?]+$/)
  await page.getByLabel('Fødselsnummer').fill(fnr)
  await page.getByRole('button', { name: 'Logg inn' }).click()
  if (landing) await page.waitForURL(landing)
}

/** How far a page scrolls sideways: 0 when it fits its viewport (WCAG 1.4.10, reflow). */
export const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
