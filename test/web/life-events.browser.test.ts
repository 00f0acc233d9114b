import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemo } from '../../src/demo/seed.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { keepToOrigin, sharedBrowser } from '../support/browser.ts'
import { sidewaysScroll } from '../support/browser-login.ts'

describe('life-event pages in a browser', () => {
  const browser = sharedBrowser()
  let app: TestApp
  let dataDir: string
  beforeAll(async () => {
    app = await startTestApp({ env: { DELING_DEMO: '1' } })
    dataDir = await mkdtemp(path.join(tmpdir(), 'deling-life-events-browser-'))
    await seedDemo(app.host.database.db, { dataDir, logger: app.host.deps.logger, publicUrl: app.url })
  })
  afterAll(async () => {
    await app?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('fits a 375 px phone: from the footer to a life event, its sharing and rules without sideways scrolling', async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 812 }, locale: 'nb-NO' })
    const offOrigin = await keepToOrigin(page, app.url)
    await page.goto(`${app.url}/`)
    await page.getByRole('contentinfo').getByRole('link', { name: 'Livshendelser' }).click()
    await page.waitForURL(`${app.url}/life-events`)
    expect(await sidewaysScroll(page)).toBe(0)
    await page.screenshot({ path: 'test-results/life-events-375.png', fullPage: true })

    await page.getByRole('link', { name: 'Miste jobben' }).click()
    await page.waitForURL(`${app.url}/life-events/losing-a-job`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Miste jobben')
    const sharing = page.getByRole('region', { name: 'Hvem deler hva med hvem' })
    expect(await sharing.getByRole('listitem').count()).toBe(3)
    // Each dataset with rules has a table of its own, read as blocks on a phone (the header row is hidden).
    const tables = page.getByRole('table', { name: 'Tilgangsregler for datasettet' })
    expect(await tables.count()).toBe(2)
    const header = tables.first().locator('thead')
    expect(await header.boundingBox().then((box) => box?.width ?? 0)).toBeLessThanOrEqual(1)
    expect(await sidewaysScroll(page)).toBe(0)
    await page.screenshot({ path: 'test-results/life-event-losing-a-job-375.png', fullPage: true })

    await page.getByRole('link', { name: 'English' }).click()
    await page.waitForURL(/lang=en/)
    await expect(page.locator('h1').textContent()).resolves.toBe('Losing a job')
    expect(await sidewaysScroll(page)).toBe(0)
    await page.goto(`${app.url}/life-events/having-a-child`)
    expect(await sidewaysScroll(page)).toBe(0)
    await page.screenshot({ path: 'test-results/life-event-having-a-child-375-en.png', fullPage: true })
    expect(offOrigin).toEqual([])
    await page.close()
  })
})
