import { expect } from 'vitest'
import { persons } from '../../src/db/schema/index.ts'
import { demoPersons } from '../../src/demo/persons.ts'
import type { TestApp } from './app.ts'

export const ingrid = demoPersons[0]! // 12858440015, Ingrid Fjellheim
export const lars = demoPersons[1]!
export const realLooking = '01017000027' // valid mod-11, an ordinary (non-synthetic) date: what a real person would have
export const badControlDigits = '12858440016'

interface StoredCookie {
  host: string
  name: string
  value: string
  path: string
}

/**
 * A browser as far as cookies and redirects go: one cookie jar keyed by host and path (as browsers do, ports do not
 * separate cookies), redirects followed by hand so every hop can be checked. `rewrite` maps a public URL to where the
 * server really listens (a TLS-terminating proxy in front of an https PUBLIC_URL).
 */
export class CookieBrowser {
  cookies: StoredCookie[] = []
  constructor(private readonly rewrite: (url: URL) => URL = (url) => url) {}

  cookie(name: string): StoredCookie | undefined {
    return this.cookies.find((cookie) => cookie.name === name)
  }

  #store(url: URL, response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim())
      const name = pair.slice(0, pair.indexOf('='))
      const value = pair.slice(pair.indexOf('=') + 1)
      const attribute = (key: string) =>
        attributes.find((part) => part.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1)
      const path = attribute('path') ?? '/'
      const expires = attribute('expires')
      const removed = attribute('max-age') === '0' || (expires !== undefined && Date.parse(expires) < Date.now())
      this.cookies = this.cookies.filter((c) => !(c.host === url.hostname && c.name === name && c.path === path))
      if (!removed) this.cookies.push({ host: url.hostname, name, value, path })
    }
  }

  #header(url: URL): string {
    return this.cookies
      .filter(
        (c) =>
          c.host === url.hostname &&
          (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)),
      )
      .map((c) => `${c.name}=${c.value}`)
      .join('; ')
  }

  /** One request, no redirect followed. */
  async send(target: string | URL, init: RequestInit = {}): Promise<Response> {
    const url = new URL(target)
    const headers = new Headers(init.headers)
    const cookie = this.#header(url)
    if (cookie) headers.set('Cookie', cookie)
    const response = await fetch(this.rewrite(url), { ...init, headers, redirect: 'manual' })
    this.#store(url, response)
    return response
  }

  /** Follows redirects until a page (or `stop` says so); returns the last response and every URL visited. */
  async follow(target: string | URL, init: RequestInit = {}, stop: (url: URL) => boolean = () => false) {
    let url = new URL(target)
    let response = await this.send(url, init)
    const visited = [url.href]
    while (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('Location')!, url)
      visited.push(url.href)
      if (stop(url)) break
      response = await this.send(url)
    }
    return { response, url, visited }
  }
}

export const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

/** From "Logg inn" to the test identity provider's page. */
export async function openLoginPage(browser: CookieBrowser, base: string, returnTo = '/me/session') {
  const { response, url } = await browser.follow(`${base}/auth/login?returnTo=${encodeURIComponent(returnTo)}`)
  return { response, url, html: await response.text() }
}

/** The whole code flow with the test identity provider, ending at returnTo (not requested). */
export async function logIn(browser: CookieBrowser, base: string, fnr: string, returnTo = '/me/session') {
  const page = await openLoginPage(browser, base, returnTo)
  expect(page.response.status, page.html).toBe(200)
  return browser.follow(`${page.url.href}/login`, form({ fnr }), (url) => url.pathname === returnTo.split('?')[0])
}

export async function session(browser: CookieBrowser, base: string) {
  const response = await browser.send(`${base}/me/session`)
  return { status: response.status, body: await response.json() }
}

export const setCookieLines = (response: Response, name: string) =>
  response.headers.getSetCookie().filter((line) => line.startsWith(`${name}=`))

/** A Set-Cookie line as its value and its attributes (lower-cased names, in any order). */
export function parseSetCookie(line: string) {
  const [pair = '', ...parts] = line.split(';').map((part) => part.trim())
  const attributes = Object.fromEntries(
    parts.map((part) => {
      const [key = '', value = ''] = part.split('=')
      return [key.toLowerCase(), value]
    }),
  )
  return { name: pair.slice(0, pair.indexOf('=')), value: pair.slice(pair.indexOf('=') + 1), attributes }
}

export async function seedPersons(app: TestApp) {
  await app.host.database.db
    .insert(persons)
    .values([...demoPersons])
    .onConflictDoNothing()
}
