import { compactVerify, createRemoteJWKSet, decodeProtectedHeader } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addRedirectOrigin } from '../../src/auth/redirect-origins.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { catalogActors, incomeDataset } from '../support/catalog.ts'
import { CookieBrowser, form, ingrid, lars, logIn, seedPersons } from '../support/citizen-browser.ts'
import { accessToken, demoOrganisations, registerClient } from '../support/tokens.ts'

const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString()
const redirectUrl = 'https://bank.example/laan/samtykke?steg=2'
const csrfOf = (html: string) => html.match(/name="csrf" value="([^"]+)"/)?.[1] ?? ''

describe('consent: the citizen side', () => {
  let app: TestApp
  let dnb: () => Promise<string>
  let datasetId: string
  let ingridBrowser: CookieBrowser
  let larsBrowser: CookieBrowser

  const requestConsent = async (overrides: Record<string, unknown> = {}) => {
    const body = {
      subject: ingrid.fnr,
      datasets: [{ datasetId }],
      purpose: { code: 'laanesoknad', text: { nb: 'Vurdere en søknad om lån', en: 'Assess a loan application' } },
      validTo: inAMonth(),
      oneTime: true,
      redirectUrl,
      requestMessage: { nb: 'Vi trenger inntekten din for å vurdere lånet.', en: 'We need your income.' },
      ...overrides,
    }
    const created = await app.post('/consent/requests', body, { token: await dnb() })
    expect(created.status, created.text).toBe(201)
    return created.body.id as string
  }
  const screen = async (browser: CookieBrowser, id: string, query = '') => {
    const res = await browser.send(`${app.url}/consent/view/${id}${query}`)
    return { status: res.status, headers: res.headers, html: await res.text() }
  }
  const decide = async (browser: CookieBrowser, id: string, decision: string, csrf?: string) => {
    const token = csrf ?? csrfOf((await screen(browser, id)).html)
    return browser.send(`${app.url}/consent/view/${id}`, form({ decision, csrf: token }))
  }

  beforeAll(async () => {
    app = await startTestApp()
    await seedPersons(app)
    const skatt = await (await catalogActors(app)).skatteetaten()
    const dataset = await app.post('/catalog/datasets', incomeDataset(), { token: skatt })
    expect(dataset.status, dataset.text).toBe(201)
    datasetId = dataset.body.id
    const consentRule = {
      recipient: 'any',
      purpose: { code: 'laanesoknad', text: { nb: 'Vurdere en søknad om lån' } },
      basis: { consent: true },
      fields: ['/personidentifikator', '/inntekt/beloep'],
      oneTime: true,
    }
    const rule = await app.post(`/catalog/datasets/${datasetId}/access-rules`, consentRule, { token: skatt })
    expect(rule.status, rule.text).toBe(201)
    const client = await registerClient(app, demoOrganisations.dnb.orgnr, ['deling:consent.request'])
    await addRedirectOrigin(app.host.database.db, demoOrganisations.dnb.orgnr, 'https://bank.example')
    dnb = () => accessToken(app, client, 'deling:consent.request')
    ingridBrowser = new CookieBrowser()
    await logIn(ingridBrowser, app.url, ingrid.fnr)
    larsBrowser = new CookieBrowser()
    await logIn(larsBrowser, app.url, lars.fnr)
  })
  afterAll(() => app?.close())

  it('sends a visitor who is not logged in to the login, and back to the screen afterwards', async () => {
    const id = await requestConsent()
    const res = await new CookieBrowser().send(`${app.url}/consent/view/${id}`)
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`/auth/login?returnTo=${encodeURIComponent(`/consent/view/${id}`)}`)
    const browser = new CookieBrowser()
    const { url } = await logIn(browser, app.url, ingrid.fnr, `/consent/view/${id}`)
    expect(url.href).toBe(`${app.url}/consent/view/${id}`)
  })

  it('shows the subject who asks, why, which fields in words, under which rule, until when, and the buttons', async () => {
    const id = await requestConsent()
    const page = await screen(ingridBrowser, id)
    expect(page.status).toBe(200)
    expect(page.headers.get('Content-Security-Policy')).toContain("form-action 'self' https://bank.example")
    const { html } = page
    expect(html).toContain('<html lang="nb">')
    expect(html).toContain('<h1>Forespørsel om samtykke</h1>')
    expect(html).toContain('DNB Bank ASA (org.nr. 984851006)')
    expect(html).toContain('Vurdere en søknad om lån')
    expect(html).toContain('Vi trenger inntekten din for å vurdere lånet.')
    expect(html).toContain('Inntektsopplysninger fra a-ordningen')
    expect(html).toContain('Skatteetaten (org.nr. 974761076)')
    expect(html).toContain('<li data-pointer="/personidentifikator">Fødselsnummer</li>')
    expect(html).toContain('<li data-pointer="/inntekt/beloep">Inntekter › Beløp</li>')
    expect(html).toMatch(/ar_[0-9a-z]{20} \(formålskode laanesoknad\)/)
    expect(html).toContain('Én gang: samtykket er brukt opp etter første utlevering')
    expect(html).toMatch(/<dt>Gyldig til<\/dt><dd>\d{1,2}\. [a-zæøå]+ \d{4}/)
    expect(html).toMatch(/<button class="button" type="submit" name="decision" value="accept">Godta<\/button>/)
    expect(html).toMatch(/<button class="button" type="submit" name="decision" value="reject">Avslå<\/button>/)
    expect(csrfOf(html)).not.toBe('')

    const english = await screen(ingridBrowser, id, '?lang=en')
    expect(english.html).toContain('<html lang="en">')
    expect(english.html).toContain('Request for consent')
    expect(english.html).toContain('Assess a loan application')
    expect(english.html).toMatch(/value="accept">Accept<\/button>/)
    expect(english.html).toMatch(/value="reject">Reject<\/button>/)
    // Accept-Language alone picks English for a browser with no earlier choice.
    const fresh = new CookieBrowser()
    await logIn(fresh, app.url, ingrid.fnr)
    const byHeader = await fresh.send(`${app.url}/consent/view/${id}`, { headers: { 'Accept-Language': 'en-GB,en' } })
    expect(await byHeader.text()).toContain('<html lang="en">')
    // `?lang=` is remembered in a cookie; switch Ingrid's browser back for the tests that follow.
    expect((await screen(ingridBrowser, id, '?lang=nb')).html).toContain('<html lang="nb">')
  })

  it('accepts, sends the citizen to redirectUrl with id and status, and refuses a second decision with a 409 page', async () => {
    const id = await requestConsent()
    const { html } = await screen(ingridBrowser, id)
    const accepted = await decide(ingridBrowser, id, 'accept', csrfOf(html))
    expect(accepted.status).toBe(303)
    expect(accepted.headers.get('Location')).toBe(`https://bank.example/laan/samtykke?steg=2&id=${id}&status=accepted`)
    const followed = await app.get(`/consent/requests/${id}`, { token: await dnb() })
    expect(followed.body).toMatchObject({ status: 'accepted', decidedAt: expect.any(String) })

    const again = await decide(ingridBrowser, id, 'reject', csrfOf(html))
    expect(again.status).toBe(409)
    expect(again.headers.get('Content-Type')).toMatch(/^text\/html/)
    const text = await again.text()
    expect(text).toContain('Samtykket kan ikke endres')
    expect(text).toContain('Godtatt')
    const shown = (await screen(ingridBrowser, id)).html
    expect(shown).not.toContain('name="decision"')
    expect(shown).toContain('Du har allerede svart på denne forespørselen. Status: Godtatt.')
  })

  it('rejects', async () => {
    const id = await requestConsent()
    const rejected = await decide(ingridBrowser, id, 'reject')
    expect(rejected.status).toBe(303)
    expect(new URL(rejected.headers.get('Location')!).searchParams.get('status')).toBe('rejected')
    expect((await app.get(`/consent/requests/${id}`, { token: await dnb() })).body.status).toBe('rejected')
  })

  it('hides a consent from another citizen and refuses their decision with 404', async () => {
    const id = await requestConsent()
    const seen = await screen(larsBrowser, id)
    expect(seen.status).toBe(404)
    expect(seen.html).not.toContain('DNB')
    const res = await decide(larsBrowser, id, 'accept', csrfOf(seen.html))
    expect(res.status).toBe(404)
    expect((await app.get(`/consent/requests/${id}`, { token: await dnb() })).body.status).toBe('pending')
    const receipt = await larsBrowser.send(`${app.url}/me/consents/${id}/receipt`)
    expect(receipt.status).toBe(404)
  })

  it('refuses a decision without the session’s CSRF token with 403', async () => {
    const id = await requestConsent()
    const forged = await decide(ingridBrowser, id, 'accept', 'not-the-token')
    expect(forged.status).toBe(403)
    expect((await forged.json()).type).toMatch(/\/problems\/csrf-failed$/)
    const revoke = await ingridBrowser.send(`${app.url}/me/consents/${id}/revoke`, { method: 'POST' })
    expect(revoke.status).toBe(403)
    expect((await app.get(`/consent/requests/${id}`, { token: await dnb() })).body.status).toBe('pending')
  })

  it('lists my consents as JSON and as a page, revokes, and signs a receipt with the whole history', async () => {
    const id = await requestConsent()
    await decide(ingridBrowser, id, 'accept')
    const list = await ingridBrowser.send(`${app.url}/me/consents`, { headers: { Accept: 'application/json' } })
    expect(list.status).toBe(200)
    const items = (await list.json()).items
    expect(items[0]).toMatchObject({ id, status: 'accepted', consumer: { orgnr: '984851006', name: 'DNB Bank ASA' } })
    expect(items.every((item: { subject: string }) => item.subject === ingrid.fnr)).toBe(true)
    const createdAts = items.map((item: { createdAt: string }) => item.createdAt)
    expect(createdAts).toEqual([...createdAts].sort().reverse())

    const pageRes = await ingridBrowser.send(`${app.url}/me/consents`, { headers: { Accept: 'text/html' } })
    const pageHtml = await pageRes.text()
    expect(pageHtml).toContain('<h1>Mine samtykker</h1>')
    expect(pageHtml).toContain(`action="/me/consents/${id}/revoke"`)
    expect(pageHtml).toContain(`href="/me/consents/${id}/receipt"`)

    const revoked = await ingridBrowser.send(`${app.url}/me/consents/${id}/revoke`, form({ csrf: csrfOf(pageHtml) }))
    expect(revoked.status).toBe(303)
    expect(revoked.headers.get('Location')).toBe('/me/consents')
    expect((await app.get(`/consent/requests/${id}`, { token: await dnb() })).body.status).toBe('revoked')
    const twice = await ingridBrowser.send(`${app.url}/me/consents/${id}/revoke`, form({ csrf: csrfOf(pageHtml) }))
    expect(twice.status).toBe(409)

    const receipt = await ingridBrowser.send(`${app.url}/me/consents/${id}/receipt`)
    expect(receipt.status).toBe(200)
    expect(receipt.headers.get('Content-Type')).toBe('application/jose')
    const jws = await receipt.text()
    expect(decodeProtectedHeader(jws)).toMatchObject({ alg: 'ES256', typ: 'consent-receipt+jws' })
    const jwks = createRemoteJWKSet(new URL(`${app.url}/oidc/jwks`))
    const { payload } = await compactVerify(jws, jwks)
    const body = JSON.parse(new TextDecoder().decode(payload))
    expect(body).toMatchObject({
      receiptId: expect.stringMatching(/^urn:uuid:/),
      issuer: app.host.deps.config.issuer,
      controller: { orgnr: '984851006', name: 'DNB Bank ASA' },
      subject: ingrid.fnr,
      purpose: { code: 'laanesoknad' },
      data: [
        {
          datasetId,
          publisher: { orgnr: '974761076', name: 'Skatteetaten' },
          fields: ['/personidentifikator', '/inntekt/beloep'],
          ruleId: expect.stringMatching(/^ar_/),
        },
      ],
      legalBasis: 'consent',
      given: { at: expect.any(String), method: 'Deling consent screen', acr: 'deling-test-idp' },
      oneTime: true,
      status: 'revoked',
    })
    expect(body.history.map((event: { to: string; actor: string }) => [event.to, event.actor])).toEqual([
      ['pending', 'consumer'],
      ['accepted', 'citizen'],
      ['revoked', 'citizen'],
    ])
  })

  it('revokes from a script with the X-CSRF-Token header and answers JSON; no receipt before acceptance', async () => {
    const id = await requestConsent()
    const csrf = csrfOf((await screen(ingridBrowser, id)).html)
    const early = await ingridBrowser.send(`${app.url}/me/consents/${id}/receipt`)
    expect(early.status).toBe(409)
    await decide(ingridBrowser, id, 'accept', csrf)
    const res = await ingridBrowser.send(`${app.url}/me/consents/${id}/revoke`, {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrf },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ id, status: 'revoked' })
  })

  it('answers 401 to JSON callers without a session, and sends pages to the login', async () => {
    const anonymous = new CookieBrowser()
    const json = await anonymous.send(`${app.url}/me/consents`, { headers: { Accept: 'application/json' } })
    expect(json.status).toBe(401)
    const page = await anonymous.send(`${app.url}/me/consents`, { headers: { Accept: 'text/html' } })
    expect(page.status).toBe(303)
    expect(page.headers.get('Location')).toBe('/auth/login?returnTo=%2Fme%2Fconsents')
  })
})
