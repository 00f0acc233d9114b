import { existsSync } from 'node:fs'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'

/** Debian's chromium (apt), not a Playwright download: `npx playwright install` cannot fetch browsers here. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// No sandbox: CI runs as root. The rest keeps Chromium from calling home, so "no request left the origin" is ours.
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Starts headless Chromium. A missing browser fails the test file: page tests never skip. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Browser tests need Chromium at ${chromiumPath}: run \`apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH`,
    )
  }
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumFlags })
}

/**
 * One Chromium for the whole test file, started before its tests and closed after them. A browser that cannot
 * start fails each test that asks for it (with the reason), rather than leaving them reported as skipped.
 */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined
  let failure: Error | undefined
  beforeAll(async () => {
    try {
      browser = await launchChromium()
    } catch (error) {
      failure = error as Error
    }
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => {
    if (failure) throw failure
    if (!browser) throw new Error('the browser is not started yet: call it inside a test or a hook')
    return browser
  }
}

/**
 * Lets the page reach `origin` only: every request elsewhere is aborted and its URL recorded in the returned list,
 * so a test can assert that a page works offline and calls no CDN.
 */
export async function keepToOrigin(page: Page, origin: string): Promise<string[]> {
  const allowed = new URL(origin).origin
  const blocked: string[] = []
  await page.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith('data:') || new URL(url).origin === allowed) return route.continue()
    blocked.push(url)
    return route.abort('blockedbyclient')
  })
  return blocked
}
