import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from './support/app.ts'
import { keepToOrigin, sharedBrowser } from './support/browser.ts'

const screenshot = new URL('../test-results/docs.png', import.meta.url).pathname

describe('API reference at /docs', () => {
  const browser = sharedBrowser()
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp()
  })
  afterAll(() => app?.close())

  it('shows every operation, grouped by tag, with nothing loaded from another origin', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 } })
    const offOrigin = await keepToOrigin(page, app.url)
    const consoleErrors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.message))

    const response = await page.goto(`${app.url}/docs`)
    expect(response?.status()).toBe(200)
    expect(await response?.text(), 'the host gives buildApp no docsAssets (see src/docs/node-assets.ts)').toContain(
      'swagger-ui-bundle.js',
    )
    await page.locator('.opblock').first().waitFor({ timeout: 15_000 })

    await expect(page.title()).resolves.toBe('Deling API')
    const body = await page.locator('body').textContent()
    for (const text of ['/healthz', 'listOrganisations', 'addTrustedIssuer', 'Authentication', 'Authorize']) {
      expect(body).toContain(text)
    }
    await expect(page.locator('.opblock-tag', { hasText: 'Operator' }).count()).resolves.toBe(1)
    await expect(page.locator('.opblock-tag', { hasText: 'Operations' }).count()).resolves.toBe(1)

    // "Try it out" calls Deling from the page: the CSP's connect-src must allow it.
    const health = page.locator('#operations-Operations-health')
    await health.locator('.opblock-summary').click()
    await health.getByRole('button', { name: 'Try it out' }).click()
    await health.getByRole('button', { name: 'Execute' }).click()
    const status = health.locator('.live-responses-table tbody .response-col_status').first()
    await status.waitFor()
    await expect(status.textContent()).resolves.toContain('200')
    await health.locator('.opblock-summary').click()

    mkdirSync(dirname(screenshot), { recursive: true })
    await page.screenshot({ path: screenshot, fullPage: true })
    // A CSP violation, a failed script or a blocked CDN call would show up here.
    expect(consoleErrors).toEqual([])
    expect(offOrigin).toEqual([])
    await page.close()
  })

  it('serves the page under a Content-Security-Policy with no inline scripts', async () => {
    const res = await app.get('/docs')
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toMatch(/script-src[^;]*unsafe/)
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
    expect(res.text).not.toMatch(/https?:\/\//)
  })

  it('serves Swagger UI with a versioned URL, a long cache lifetime and an ETag', async () => {
    const page = (await app.get('/docs')).text
    const bundleUrl = page.match(/src="(\/docs\/assets\/swagger-ui-bundle\.js\?v=[0-9a-f]{16})"/)?.[1]
    const cssUrl = page.match(/href="(\/docs\/assets\/swagger-ui\.css\?v=[0-9a-f]{16})"/)?.[1]
    expect(bundleUrl).toBeDefined()
    expect(cssUrl).toBeDefined()

    const bundle = await app.get(bundleUrl!)
    expect(bundle.status).toBe(200)
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(bundle.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(bundle.headers.get('content-encoding')).toBe('gzip')
    expect(bundle.text).toContain('SwaggerUIBundle')
    const etag = bundle.headers.get('etag')!
    expect(etag).toMatch(/^"[0-9a-f]{16}"$/)

    const css = await app.get(cssUrl!)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')

    const revalidated = await app.get('/docs/assets/swagger-ui-bundle.js', { headers: { 'If-None-Match': etag } })
    expect(revalidated.status).toBe(304)
    expect(revalidated.headers.get('cache-control')).toBe('public, no-cache')

    const init = await app.get('/docs/init.js')
    expect(init.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(init.text).toContain("url: '/openapi.json'")

    const missing = await app.get('/docs/assets/index.html')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toBe('application/problem+json')
  })

  it('keeps its own routes out of the OpenAPI document', async () => {
    const document = (await app.get('/openapi.json')).body
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/docs'))).toEqual([])
  })
})
