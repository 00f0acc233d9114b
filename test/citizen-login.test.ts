import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoPersons } from '../src/demo/persons.ts'
import { startTestApp, type TestApp } from './support/app.ts'
import {
  CookieBrowser as Browser,
  badControlDigits,
  form,
  ingrid,
  lars,
  openLoginPage,
  parseSetCookie,
  realLooking,
  seedPersons,
  session,
  setCookieLines,
} from './support/citizen-browser.ts'
import { freePort } from './support/ports.ts'

describe.each(['postgres', 'pglite'] as const)('citizen login with the test identity provider on %s', (driver) => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp({ driver })
    await seedPersons(app)
  })
  afterAll(() => app?.close())

  it('logs a citizen in with authorization code + PKCE and shows their own session', async () => {
    const browser = new Browser()
    const start = await browser.send(`${app.url}/auth/login?returnTo=${encodeURIComponent('/me/session')}`)
    expect(start.status).toBe(303)
    const authorization = new URL(start.headers.get('Location')!)
    expect(`${authorization.origin}${authorization.pathname}`).toBe(`${app.host.deps.config.issuer}/auth`)
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      client_id: 'deling-portal',
      response_type: 'code',
      redirect_uri: `${app.url}/auth/callback`,
      code_challenge_method: 'S256',
      scope: 'openid profile',
      prompt: 'login',
    })
    expect(authorization.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/)

    const { response: page, url: pageUrl } = await browser.follow(authorization)
    expect(pageUrl.pathname).toMatch(/^\/oidc\/interaction\/[A-Za-z0-9_-]+$/)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'none'")
    expect(html).toContain('<html lang="nb">')
    expect(html).toMatch(/<label for="fnr">Fødselsnummer<\/label>/)
    expect(html).toMatch(/<button class="button" type="submit">Logg inn<\/button>/)
    for (const person of demoPersons) expect(html).toContain(person.name)
    expect(html).not.toMatch(/<script/i)

    const { visited, url } = await browser.follow(
      `${pageUrl.href}/login`,
      form({ fnr: ingrid.fnr }),
      (next) => next.pathname === '/me/session',
    )
    expect(visited.some((hop) => hop.startsWith(`${app.url}/auth/callback?code=`))).toBe(true)
    expect(url.href).toBe(`${app.url}/me/session`)
    const me = await session(browser, app.url)
    expect(me.status).toBe(200)
    expect(me.body).toEqual({
      fnr: ingrid.fnr,
      name: ingrid.name,
      acr: 'deling-test-idp',
      expiresAt: expect.any(String),
    })
    // The login-state cookie is gone once the callback used it.
    expect(browser.cookies.filter((cookie) => cookie.name.startsWith('deling_login_'))).toEqual([])
  })

  it('refuses a fødselsnummer with wrong control digits, with a clear message, and logs nobody in', async () => {
    const browser = new Browser()
    const { url } = await openLoginPage(browser, app.url)
    const res = await browser.send(`${url.href}/login`, form({ fnr: badControlDigits }))
    const html = await res.text()
    expect(res.status).toBe(400)
    expect(html).toContain('Fødselsnummeret er ikke gyldig. Det må ha 11 siffer med riktige kontrollsifre.')
    expect(html).toContain('aria-invalid="true"')
    expect(browser.cookie('deling_session')).toBeUndefined()
    // The page is still the login: the right number logs in now.
    const done = await browser.follow(
      `${url.href}/login`,
      form({ fnr: lars.fnr }),
      (next) => next.pathname === '/me/session',
    )
    expect(done.url.pathname).toBe('/me/session')
    expect((await session(browser, app.url)).body.fnr).toBe(lars.fnr)
  })

  it('refuses a real-looking fødselsnummer: the test login takes synthetic persons only', async () => {
    const browser = new Browser()
    const { url } = await openLoginPage(browser, app.url)
    const res = await browser.send(`${url.href}/login`, form({ fnr: realLooking }))
    const html = await res.text()
    expect(res.status).toBe(400)
    expect(html).toContain('Dette ser ut som et ekte fødselsnummer.')
    expect(html).not.toContain(realLooking)
    for (const [fnr, message] of [
      ['', 'Skriv inn fødselsnummeret (11 siffer), eller velg en testperson.'],
      ['abc', 'Fødselsnummeret er ikke gyldig.'],
      ['1285844001', 'Fødselsnummeret er ikke gyldig.'],
    ] as const) {
      const refused = await browser.send(`${url.href}/login`, form({ fnr }))
      expect(refused.status).toBe(400)
      expect(await refused.text()).toContain(message)
    }
  })
})

describe('citizen login behind https (PUBLIC_URL https://…)', () => {
  let app: TestApp
  const publicUrl = 'https://deling.example.test'
  beforeAll(async () => {
    // The issuer stays reachable on loopback http; the portal's own URLs are https, as behind a TLS proxy.
    const port = await freePort()
    app = await startTestApp({
      env: { PORT: String(port), PUBLIC_URL: publicUrl, DELING_ISSUER: `http://127.0.0.1:${port}/oidc` },
    })
    await seedPersons(app)
  })
  afterAll(() => app?.close())

  it('uses __Host- cookies with Secure, for the login state and the session', async () => {
    const browser = new Browser((url) => (url.origin === publicUrl ? new URL(url.pathname + url.search, app.url) : url))
    const start = await browser.send(`${publicUrl}/auth/login?returnTo=%2Fme%2Fsession`)
    expect(start.status).toBe(303)
    const [stateLine = ''] = start.headers.getSetCookie()
    const stateCookie = parseSetCookie(stateLine)
    expect(stateCookie.name).toMatch(/^__Host-deling_login_[A-Za-z0-9_-]+$/)
    expect(stateCookie.attributes).toEqual({ 'max-age': '600', path: '/', secure: '', httponly: '', samesite: 'Lax' })

    const { url: pageUrl } = await browser.follow(start.headers.get('Location')!)
    const { response } = await browser.follow(
      `${pageUrl.href}/login`,
      form({ fnr: ingrid.fnr }),
      (url) => url.pathname === '/me/session',
    )
    expect(response.headers.get('Location')).toBe('/me/session')
    const [line = ''] = setCookieLines(response, '__Host-deling_session')
    expect(parseSetCookie(line).value).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(parseSetCookie(line).attributes).toEqual({ path: '/', secure: '', httponly: '', samesite: 'Lax' })
    expect(await session(browser, publicUrl)).toMatchObject({ status: 200, body: { fnr: ingrid.fnr } })
    // The unprefixed name is not the session cookie here.
    const token = browser.cookie('__Host-deling_session')!.value
    expect((await fetch(`${app.url}/me/session`, { headers: { Cookie: `deling_session=${token}` } })).status).toBe(401)
  })
})
