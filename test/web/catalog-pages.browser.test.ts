import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'
import { keepToOrigin, sharedBrowser } from '../support/browser.ts'
import { sidewaysScroll } from '../support/browser-login.ts'
import { publishDemoCatalog } from './publish-demo.ts'

// axe-core is not installed in this project yet, so these tests check landmarks, names and keyboard use by hand.

/** Presses Tab until the element with this id has the focus, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, id: string, max = 15) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((wanted) => document.activeElement?.id === wanted, id)) return
  }
  throw new Error(`#${id} never got the focus`)
}

describe('catalog pages in a browser', () => {
  const browser = sharedBrowser()
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp()
    await publishDemoCatalog(app)
  })
  afterAll(() => app?.close())

  it('searches by keyboard from the start page, narrows by a facet and opens the dataset with its rules', async () => {
    const page = await browser().newPage({ viewport: { width: 1280, height: 900 }, locale: 'nb-NO' })
    const offOrigin = await keepToOrigin(page, app.url)
    await page.goto(`${app.url}/`)
    await tabTo(page, 'q')
    await page.keyboard.type('inntekt')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${app.url}/datasets?q=inntekt`)
    await expect(page.locator('h1').textContent()).resolves.toBe('Datakatalogen')
    expect(await page.getByRole('search').count()).toBe(1)
    await expect(page.getByLabel('Søk i datasett').inputValue()).resolves.toBe('inntekt')
    expect(await page.locator('li.result').count()).toBe(2)

    const facets = page.getByRole('region', { name: 'Avgrens treffene' })
    await facets.getByRole('link', { name: 'Begrenset' }).click()
    await page.waitForURL(/accessRights=RESTRICTED/)
    expect(await page.locator('li.result').count()).toBe(1)
    await expect(facets.getByRole('link', { name: 'Begrenset (valgt)' }).getAttribute('aria-current')).resolves.toBe(
      'true',
    )
    await page.screenshot({ path: 'test-results/catalog-search-1280.png', fullPage: true })

    await page.getByRole('link', { name: 'Inntektsopplysninger fra a-ordningen' }).click()
    await page.waitForURL(/\/datasets\/ds_[0-9a-z]{20}$/)
    await expect(page.locator('h1').textContent()).resolves.toBe('Inntektsopplysninger fra a-ordningen')
    const rules = page.getByRole('table', { name: 'Tilgangsregler for datasettet' })
    expect(await rules.getByRole('row').count()).toBe(4)
    expect(await rules.getByRole('rowheader', { name: 'Alle virksomheter med samtykke' }).isVisible()).toBe(true)
    expect(await rules.getByRole('cell', { name: /Behandle søknad om dagpenger/ }).isVisible()).toBe(true)
    const headings = await page
      .locator('main :is(h1, h2, h3)')
      .evaluateAll((nodes) => nodes.map((node) => Number(node.tagName[1])))
    for (const [i, level] of headings.entries()) expect(level - (headings[i - 1] ?? 0)).toBeLessThanOrEqual(1)
    await page.screenshot({ path: 'test-results/catalog-dataset-1280.png', fullPage: true })

    await page.getByRole('link', { name: 'OpenAPI-dokumentet for API-et gjennom Deling' }).click()
    await page.waitForURL(/\/openapi\.json$/)
    expect(offOrigin.filter((url) => !url.startsWith('https://lovdata.no/'))).toEqual([])
    await page.close()
  })

  it('fits a 375 px phone: no sideways scrolling, the rules as readable blocks, in both languages', async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 812 }, locale: 'nb-NO' })
    await page.goto(`${app.url}/datasets`)
    expect(await sidewaysScroll(page)).toBe(0)
    await page.screenshot({ path: 'test-results/catalog-search-375.png', fullPage: true })

    await page.getByRole('link', { name: 'Inntektsopplysninger fra a-ordningen' }).click()
    await page.waitForURL(/\/datasets\/ds_/)
    expect(await sidewaysScroll(page)).toBe(0)
    const header = page.getByRole('table', { name: 'Tilgangsregler for datasettet' }).locator('thead')
    expect(await header.boundingBox().then((box) => box?.width ?? 0)).toBeLessThanOrEqual(1)
    await page.screenshot({ path: 'test-results/catalog-dataset-375.png', fullPage: true })
    await page
      .getByRole('table', { name: 'Tilgangsregler for datasettet' })
      .screenshot({ path: 'test-results/catalog-rules-375.png' })
    await page
      .getByRole('region', { name: 'API gjennom Deling' })
      .screenshot({ path: 'test-results/catalog-api-375.png' })

    await page.getByRole('link', { name: 'English' }).click()
    await page.waitForURL(/lang=en/)
    await expect(page.getByRole('heading', { level: 2, name: 'Who may receive what' }).isVisible()).resolves.toBe(true)
    expect(await sidewaysScroll(page)).toBe(0)
    await page.screenshot({ path: 'test-results/catalog-dataset-375-en.png', fullPage: true })
    await page.close()
  })
})
