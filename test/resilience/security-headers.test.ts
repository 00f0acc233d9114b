import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'
import { CookieBrowser, ingrid, openLoginPage } from '../support/citizen-browser.ts'
import { citizen, delingOf, gatewayScene } from './world.ts'

/** The policy as a map of directive → sources. */
const directives = (policy: string | null) =>
  new Map(
    (policy ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  )

/** What every HTML page of Deling's own must send: no script at all, no framing, nothing from elsewhere. */
function expectScriptFreePage(response: Response, html: string, where: string) {
  expect(response.status, where).toBe(200)
  expect(response.headers.get('content-type'), where).toMatch(/^text\/html/)
  const policy = directives(response.headers.get('content-security-policy'))
  expect(policy.get('default-src'), where).toEqual(["'none'"])
  // no script-src: scripts fall back to default-src 'none'
  expect(policy.has('script-src') || policy.has('script-src-elem') || policy.has('script-src-attr'), where).toBe(false)
  expect(policy.get('frame-ancestors'), where).toEqual(["'none'"])
  expect(policy.get('base-uri'), where).toEqual(["'none'"])
  expect(response.headers.get('content-security-policy'), where).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
  // frame-ancestors is the rule; X-Frame-Options, where sent, must not loosen it for old browsers
  expect(response.headers.get('x-frame-options') ?? 'DENY', where).toMatch(/^(DENY|SAMEORIGIN)$/)
  expect(response.headers.get('x-content-type-options'), where).toBe('nosniff')
  expect(html, where).not.toMatch(/<script|\son[a-z]+=|javascript:/i)
}

describe('security headers on every kind of page', () => {
  let app: TestApp
  let datasetId: string
  let consentId: string
  beforeAll(async () => {
    app = await startTestApp()
    const scene = await gatewayScene(delingOf(app), 'https://api.skatteetaten.example/inntekt/v1')
    datasetId = scene.datasetId
    const created = await scene.requestConsent(ingrid.fnr, await scene.dnbToken('deling:consent.request'))
    expect(created.status, created.text).toBe(201)
    consentId = created.body.id
  })
  afterAll(() => app?.close())

  it('sends a script-free policy on the public pages, which shared caches may keep', async () => {
    for (const path of ['/', '/?lang=en', '/datasets', '/datasets?q=inntekt', `/datasets/${datasetId}`]) {
      const response = await fetch(`${app.url}${path}`)
      expectScriptFreePage(response, await response.text(), path)
    }
  })

  it('sends a script-free policy and Cache-Control: no-store on the login pages and every personal page', async () => {
    const anonymous = new CookieBrowser()
    const login = await openLoginPage(anonymous, app.url)
    expectScriptFreePage(login.response, login.html, login.url.pathname)
    expect(login.response.headers.get('cache-control')).toBe('no-store')

    const { browser } = await citizen(delingOf(app), ingrid.fnr)
    const personal = ['/me', '/me/consents', '/me/access-log', '/me/session', `/consent/view/${consentId}`]
    for (const path of personal) {
      const response = await browser.send(`${app.url}${path}`, { headers: { Accept: 'text/html' } })
      expectScriptFreePage(response, await response.text(), path)
      expect(response.headers.get('cache-control'), path).toBe('no-store')
    }
    // The consent screen may post to Deling and lead on to the consumer's registered origin, nowhere else.
    const screen = await browser.send(`${app.url}/consent/view/${consentId}`)
    expect(directives(screen.headers.get('content-security-policy')).get('form-action')).toEqual([
      "'self'",
      'https://bank.example',
    ])
  })

  it('lets /docs run only its own script files, never inline script, and forbids framing', async () => {
    const response = await fetch(`${app.url}/docs`)
    const html = await response.text()
    expect(response.status).toBe(200)
    const policy = directives(response.headers.get('content-security-policy'))
    expect(policy.get('default-src')).toEqual(["'none'"])
    expect(policy.get('script-src')).toEqual(["'self'"])
    expect(policy.get('frame-ancestors')).toEqual(["'none'"])
    expect(policy.get('form-action')).toEqual(["'none'"])
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [])
      expect(tag, 'every script has a same-origin src and no body').toMatch(
        /^<script\b[^>]*\ssrc="\/[^/][^"]*"[^>]*><\/script>$/,
      )
    expect(html).not.toMatch(/\son[a-z]+=/i)
  })

  it('never sends HSTS over plain HTTP', async () => {
    for (const path of ['/', '/datasets', '/docs', '/healthz', '/oidc/jwks', '/oidc/auth'])
      expect((await fetch(`${app.url}${path}`)).headers.get('strict-transport-security'), path).toBeNull()
  })
})

/** What oidc-provider answers itself, straight on the Node response, and the login pages Deling renders under /oidc. */
const oidcAnswers: [string, RequestInit, number][] = [
  ['/oidc/.well-known/openid-configuration', {}, 200],
  ['/oidc/jwks', {}, 200],
  ['/oidc/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials' }) }, 400],
  ['/oidc/auth', { headers: { Accept: 'text/html' } }, 400],
  ['/oidc/no/such/thing', {}, 404],
  ['/oidc/interaction/not-an-interaction', { headers: { Accept: 'text/html' } }, 400],
]

describe('security headers behind HTTPS', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp({ env: { PUBLIC_URL: 'https://deling.example.no' } })
  })
  afterAll(() => app?.close())

  it('sends HSTS on pages, the API reference, API answers and problems', async () => {
    for (const path of ['/', '/datasets', '/docs', '/healthz', '/catalog/datasets', '/no/such/page', '/auth/login']) {
      const response = await fetch(`${app.url}${path}`)
      expect(response.headers.get('strict-transport-security'), path).toBe('max-age=31536000; includeSubDomains')
    }
  })

  it('sends HSTS and the other secure headers under /oidc, on what oidc-provider answers itself', async () => {
    for (const [path, init, status] of oidcAnswers) {
      const response = await fetch(`${app.url}${path}`, { redirect: 'manual', ...init })
      expect(response.status, path).toBe(status)
      expect(response.headers.get('strict-transport-security'), path).toBe('max-age=31536000; includeSubDomains')
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(response.headers.get('x-frame-options'), path).toMatch(/^(DENY|SAMEORIGIN)$/)
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer')
    }
    // oidc-provider's own answers are unchanged: keys and metadata stay readable from any origin.
    const jwks = await fetch(`${app.url}/oidc/jwks`, { headers: { Origin: 'https://bank.example' } })
    expect(jwks.headers.get('access-control-allow-origin')).toBe('https://bank.example')
    expect((await jwks.json()).keys.length).toBeGreaterThan(0)
    expect(jwks.headers.get('cross-origin-resource-policy')).toBeNull()
  })
})
