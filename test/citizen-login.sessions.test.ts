import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { citizenSessions } from '../src/db/schema/index.ts'
import { startTestApp, type TestApp } from './support/app.ts'
import {
  CookieBrowser as Browser,
  form,
  ingrid,
  lars,
  logIn,
  openLoginPage,
  parseSetCookie,
  realLooking,
  seedPersons,
  session,
  setCookieLines,
} from './support/citizen-browser.ts'

describe('citizen sessions', () => {
  let app: TestApp
  let offsetMs = 0
  beforeAll(async () => {
    app = await startTestApp({ clock: () => new Date(Date.now() + offsetMs) })
    await seedPersons(app)
  })
  afterAll(() => app?.close())

  it('sets an opaque HttpOnly, SameSite=Lax, Path=/ session cookie on plain http, and keeps only its hash', async () => {
    const browser = new Browser()
    const page = await openLoginPage(browser, app.url)
    const login = await browser.send(`${page.url.href}/login`, form({ fnr: ingrid.fnr }))
    const callback = await browser.send(new URL(login.headers.get('Location')!, app.url))
    const { response } = await browser.follow(new URL(callback.headers.get('Location')!, app.url), {}, () => true)
    const [line, ...more] = setCookieLines(response, 'deling_session')
    expect(more).toEqual([])
    const cookie = parseSetCookie(line!)
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/)
    // No Max-Age or Expires: the cookie goes when the browser closes; the server ends the session anyway.
    expect(cookie.attributes).toEqual({ path: '/', httponly: '', samesite: 'Lax' })
    expect(response.headers.get('Location')).toBe('/me/session')
    const token = browser.cookie('deling_session')!.value
    const rows = await app.host.database.db.select().from(citizenSessions)
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      expect(row.id).toMatch(/^ses_[A-Za-z0-9_-]{43}$/)
      expect(row.id).not.toContain(token)
    }
  })

  it('answers 401 problem without a session, and for a cookie that names no session', async () => {
    const anonymous = await app.get('/me/session')
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('Content-Type')).toBe('application/problem+json')
    expect(anonymous.body).toMatchObject({ type: `${app.url}/problems/login-required`, status: 401 })
    const forged = await app.get('/me/session', { headers: { Cookie: `deling_session=${'A'.repeat(43)}` } })
    expect(forged.status).toBe(401)
    // The browser is told to forget the dead cookie.
    expect(forged.headers.getSetCookie().some((line) => /^deling_session=; Max-Age=0/.test(line))).toBe(true)
  })

  it('shows the session as a page to browsers, and a login link when nobody is logged in', async () => {
    const browser = new Browser()
    await logIn(browser, app.url, ingrid.fnr)
    const page = await browser.send(`${app.url}/me/session`, { headers: { Accept: 'text/html' } })
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toContain('Din innlogging')
    expect(html).toContain('128584 40015')
    expect(html).toContain('Testinnlogging (ikke ekte person)')
    expect(html).toMatch(/<form class="account" method="post" action="\/auth\/logout">/)
    const english = await browser.send(`${app.url}/me/session?lang=en`, { headers: { Accept: 'text/html' } })
    expect(await english.text()).toContain('Your login')
    const anonymous = await fetch(`${app.url}/me/session`, { headers: { Accept: 'text/html' } })
    expect(anonymous.status).toBe(401)
    expect(await anonymous.text()).toContain('href="/auth/login?returnTo=%2Fme%2Fsession"')
  })

  it('refuses a returnTo that leaves the site (no open redirect)', async () => {
    for (const returnTo of [
      '//evil.example',
      'https://evil.example/',
      '/\\evil.example',
      '/..//evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/\r\nLocation: https://evil.example',
      'evil',
    ]) {
      const res = await app.get(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`)
      expect(res.status, returnTo).toBe(400)
      expect(res.body).toMatchObject({
        type: `${app.url}/problems/validation-failed`,
        errors: [{ in: 'query', pointer: '/returnTo' }],
      })
      expect(res.headers.get('Location')).toBeNull()
    }
    const browser = new Browser()
    const done = await logIn(browser, app.url, ingrid.fnr, '/me/session?tab=consents#top')
    expect(done.url.href).toBe(`${app.url}/me/session?tab=consents#top`)
  })

  it('speaks English when the citizen asks: ?lang=en, the browser language, or the switch on the login page', async () => {
    const english = new Browser()
    const chosen = await english.follow(`${app.url}/auth/login?returnTo=%2Fme%2Fsession&lang=en`)
    const html = await chosen.response.text()
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<label for="fnr">National identity number (fødselsnummer)</label>')
    expect(html).toMatch(/<button class="button" type="submit">Log in<\/button>/)
    const refused = await english.send(`${chosen.url.href}/login`, form({ fnr: realLooking, lang: 'en' }))
    expect(await refused.text()).toContain('This looks like a real national identity number.')

    const byBrowser = await new Browser().follow(`${app.url}/auth/login`, {
      headers: { 'Accept-Language': 'en-GB,en;q=0.9,nb;q=0.8' },
    })
    expect(await byBrowser.response.text()).toContain('<html lang="en">')
    const norwegian = await new Browser().follow(`${app.url}/auth/login`, {
      headers: { 'Accept-Language': 'nn-NO,en;q=0.5' },
    })
    expect(await norwegian.response.text()).toContain('<html lang="nb">')

    const switching = new Browser()
    const page = await openLoginPage(switching, app.url)
    expect(page.html).toContain('<html lang="nb">')
    const switched = await switching.send(`${page.url.href}?lang=en`)
    expect(await switched.text()).toContain('<html lang="en">')
  })

  it('refuses a callback whose login state is missing or forged', async () => {
    const browser = new Browser()
    const page = await openLoginPage(browser, app.url)
    const login = await browser.send(`${page.url.href}/login`, form({ fnr: ingrid.fnr }))
    const callback = new URL(
      (await browser.send(new URL(login.headers.get('Location')!, app.url))).headers.get('Location')!,
      app.url,
    )
    expect(callback.pathname).toBe('/auth/callback')
    const stateCookie = browser.cookies.find((cookie) => cookie.name.startsWith('deling_login_'))!
    const forged = `${stateCookie.name}=${encodeURIComponent(JSON.stringify({ state: callback.searchParams.get('state'), verifier: 'x', nonce: 'y', returnTo: '/', language: 'nb' }))}.AAAA`
    for (const cookie of ['', forged]) {
      const res = await fetch(callback, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' })
      expect(res.status).toBe(400)
      expect(await res.text()).toContain('Innloggingen kan ikke fullføres')
      expect(res.headers.getSetCookie().some((line) => line.startsWith('deling_session='))).toBe(false)
    }
  })

  it('binds the login form to the browser that started the interaction', async () => {
    const browser = new Browser()
    const { url } = await openLoginPage(browser, app.url)
    // Another browser (no interaction cookie) posting to the same interaction gets nowhere.
    const stranger = await fetch(`${url.href}/login`, { ...form({ fnr: ingrid.fnr }), redirect: 'manual' })
    expect(stranger.status).toBe(400)
    expect(await stranger.text()).toContain('Innloggingen kan ikke fullføres')
    // The right browser, but a uid that is not its interaction.
    const other = await browser.send(`${app.url}/oidc/interaction/${'x'.repeat(21)}/login`, form({ fnr: ingrid.fnr }))
    expect(other.status).toBe(400)
  })

  it('asks for the login again on every portal login, even while the issuer remembers the last one', async () => {
    const browser = new Browser()
    await logIn(browser, app.url, ingrid.fnr)
    const again = await openLoginPage(browser, app.url)
    expect(again.response.status).toBe(200)
    expect(again.html).toContain('Testinnlogging')
    // The issuer still has Ingrid's session: switching to Lars, oidc-provider first ends it with a self-submitting
    // form (what a browser does by itself), then finishes the login.
    const switching = await browser.follow(`${again.url.href}/login`, form({ fnr: lars.fnr }))
    expect(switching.response.status).toBe(200)
    const html = await switching.response.text()
    const action = html.match(/<form method="post" action="([^"]+)">/)![1]!
    const fields = Object.fromEntries(
      [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)].map((m) => [m[1]!, m[2]!]),
    )
    const done = await browser.follow(
      new URL(action, switching.url),
      form(fields),
      (url) => url.pathname === '/me/session',
    )
    expect(done.url.pathname).toBe('/me/session')
    expect((await session(browser, app.url)).body).toMatchObject({ fnr: lars.fnr, name: lars.name })
  })

  it('logs out with the CSRF token of the session: the row is deleted and the cookie stops working', async () => {
    const browser = new Browser()
    await logIn(browser, app.url, ingrid.fnr)
    const token = browser.cookie('deling_session')!.value
    const page = await (await browser.send(`${app.url}/me/session`, { headers: { Accept: 'text/html' } })).text()
    const csrf = page.match(/name="csrf" value="([^"]+)"/)![1]!

    const withoutToken = await browser.send(`${app.url}/auth/logout`, form({}))
    expect(withoutToken.status).toBe(403)
    expect(await withoutToken.json()).toMatchObject({ type: `${app.url}/problems/csrf-failed` })
    const wrongToken = await browser.send(`${app.url}/auth/logout`, form({ csrf: `${csrf.slice(0, -1)}x` }))
    expect(wrongToken.status).toBe(403)
    expect((await session(browser, app.url)).status).toBe(200)

    const before = (await app.host.database.db.select().from(citizenSessions)).length
    const logout = await browser.send(`${app.url}/auth/logout`, form({ csrf }))
    expect(logout.status).toBe(303)
    expect(logout.headers.get('Location')).toBe('/auth/logged-out')
    expect(setCookieLines(logout, 'deling_session')).toEqual([
      'deling_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax',
    ])
    expect((await app.host.database.db.select().from(citizenSessions)).length).toBe(before - 1)
    const replayed = await fetch(`${app.url}/me/session`, { headers: { Cookie: `deling_session=${token}` } })
    expect(replayed.status).toBe(401)
    const loggedOut = await browser.send(`${app.url}/auth/logged-out`)
    expect(await loggedOut.text()).toContain('Du er logget ut')
  })

  it('ends a session after 30 minutes idle, and after 2 hours however active', async () => {
    const minutes = (n: number) => n * 60_000
    try {
      const idle = new Browser()
      await logIn(idle, app.url, ingrid.fnr)
      offsetMs = minutes(31)
      expect((await session(idle, app.url)).status).toBe(401)

      offsetMs = 0
      const active = new Browser()
      await logIn(active, app.url, lars.fnr)
      const first = (await session(active, app.url)).body.expiresAt
      for (const at of [20, 40, 60, 80, 100]) {
        offsetMs = minutes(at)
        expect((await session(active, app.url)).status, `after ${at} minutes`).toBe(200)
      }
      const extended = (await session(active, app.url)).body.expiresAt
      expect(Date.parse(extended)).toBeGreaterThan(Date.parse(first))
      offsetMs = minutes(119)
      expect(Date.parse((await session(active, app.url)).body.expiresAt)).toBeLessThanOrEqual(
        Date.now() + minutes(120) + 1000,
      )
      offsetMs = minutes(121)
      expect((await session(active, app.url)).status).toBe(401)
    } finally {
      offsetMs = 0
    }
  })
})
