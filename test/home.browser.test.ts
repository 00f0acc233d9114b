import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from './support/app.ts'
import { keepToOrigin, sharedBrowser } from './support/browser.ts'

describe('start page at /', () => {
  const browser = sharedBrowser()
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp()
  })
  afterAll(() => app?.close())

  it('tells a new visitor what Deling is and leads to the API docs and the login, in Norwegian and English', async () => {
    const page = await browser().newPage({ viewport: { width: 1100, height: 900 }, locale: 'nb-NO' })
    const offOrigin = await keepToOrigin(page, app.url)
    const response = await page.goto(`${app.url}/`)
    expect(response?.status()).toBe(200)
    expect(response?.headers()['content-security-policy']).toMatch(/default-src 'none'.*frame-ancestors 'none'/)
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nb')
    await expect(page.locator('h1').textContent()).resolves.toBe('Deling: datakatalog og samtykkeport')
    await page.screenshot({ path: 'test-results/home-nb.png', fullPage: true })

    await page.getByRole('link', { name: 'API-dokumentasjon' }).first().click()
    await page.waitForURL(`${app.url}/docs`)
    await page.goBack()

    await page.goto(`${app.url}/?lang=en`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Deling: data catalog and consent gateway')
    await page.getByRole('link', { name: 'Log in' }).last().click()
    await page.waitForURL(/\/oidc\/interaction\//)
    expect(await page.getByLabel('Fødselsnummer').isVisible()).toBe(true)
    expect(offOrigin).toEqual([])
    await page.close()
  })

  it('is a page at / and a 404 problem elsewhere', async () => {
    const res = await app.get('/')
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect((await app.get('/nothing-here')).status).toBe(404)
  })
})
