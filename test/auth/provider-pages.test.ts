import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'

describe('pages the authorization server renders itself', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp()
  })
  afterAll(() => app?.close())

  const fetchPage = async (path: string) => {
    const res = await fetch(`${app.host.deps.config.issuer}${path}`, { redirect: 'manual' })
    return { status: res.status, type: res.headers.get('content-type'), html: await res.text() }
  }

  it("logs out to Deling's own page, in Norwegian and English, with nothing from another origin", async () => {
    const issuer = app.host.deps.config.issuer
    const start = await fetch(`${issuer}/session/end`, { redirect: 'manual' })
    const html = await start.text()
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/)
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1]
    expect(xsrf).toBeDefined()
    const cookies = start.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ')
    const confirmed = await fetch(`${issuer}/session/end/confirm`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookies },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }),
    })
    expect(confirmed.status).toBe(303)
    const done = await fetchPage(new URL(confirmed.headers.get('location')!, issuer).pathname.replace('/oidc', ''))
    expect(done.status).toBe(200)
    expect(done.html).toContain('Du er logget ut')
    expect(done.html).toContain('You are logged out')
    expect(done.html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/)
  })

  it('explains an error without echoing markup', async () => {
    const page = await fetchPage('/auth?client_id=%3Cscript%3Ex&response_type=code&scope=openid')
    expect(page.status).toBe(400)
    expect(page.html).toContain('Noe gikk galt')
    expect(page.html).not.toContain('<script>')
    expect(page.html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/)
  })
})
