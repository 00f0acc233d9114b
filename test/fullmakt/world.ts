import { expect } from 'vitest'
import { addRedirectOrigin } from '../../src/auth/redirect-origins.ts'
import { demoFamily } from '../../src/demo/persons.ts'
import { addRelation } from '../../src/fullmakt/repo.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { CookieBrowser, form, logIn, seedPersons } from '../support/citizen-browser.ts'
import { incomeWithConsentRule, recordIncomeDelivery } from '../support/consent-dataset.ts'
import { csrfOf } from '../support/portal.ts'
import { accessToken, demoOrganisations, registerClient, type TestClient } from '../support/tokens.ts'

export { arne, ingrid, lars, sofie } from '../support/portal.ts'
export const { mother, father, child } = demoFamily
export const { dnb, nav } = demoOrganisations

const day = 24 * 3600 * 1000

export interface Citizen {
  browser: CookieBrowser
  csrf: string
  /** GET as JSON (status and body). */
  json(path: string): Promise<{ status: number; body: any }>
  /** GET as a page. */
  page(path: string): Promise<{ status: number; html: string }>
  /** POST JSON with the session's CSRF token in X-CSRF-Token. */
  post(path: string, body?: unknown): Promise<{ status: number; body: any }>
  /** POST a form with the session's CSRF token; the response unread, redirects not followed. */
  submit(path: string, fields?: Record<string, string>): Promise<Response>
}

/**
 * The app with Skatteetaten's income dataset and an `any` + consent rule, DNB and NAV able to ask for consent,
 * the demo persons and the Dahl family in the register, and the app's clock `offsetMs` from real time.
 */
export async function fullmaktWorld(options: { offsetMs?: () => number } = {}) {
  const offset = options.offsetMs ?? (() => 0)
  const app: TestApp = await startTestApp({ clock: () => new Date(Date.now() + offset()) })
  const db = app.host.database.db
  await seedPersons(app)
  const { datasetId, ruleId } = await incomeWithConsentRule(app)
  const consumers: Record<string, TestClient> = {
    [dnb.orgnr]: await registerClient(app, dnb.orgnr, ['deling:consent.request'], 'DNB boliglån'),
    [nav.orgnr]: await registerClient(app, nav.orgnr, ['deling:consent.request'], 'NAV saksbehandling'),
  }
  await addRedirectOrigin(db, dnb.orgnr, 'https://bank.example')
  await addRedirectOrigin(db, nav.orgnr, 'https://nav.example')
  const now = () => new Date(Date.now() + offset())

  /** A consumer asks for a subject's consent; answers its id. */
  const requestConsent = async (subject: string, orgnr: string = dnb.orgnr) => {
    const client = consumers[orgnr]!
    const body = {
      subject,
      datasets: [{ datasetId }],
      purpose: { code: 'laanesoknad', text: { nb: `Lånesøknad hos ${orgnr}`, en: `Loan application at ${orgnr}` } },
      validTo: new Date(now().getTime() + 30 * day).toISOString(),
      redirectUrl: orgnr === dnb.orgnr ? 'https://bank.example/laan' : 'https://nav.example/sak',
    }
    const created = await app.post('/consent/requests', body, {
      token: await accessToken(app, client, 'deling:consent.request'),
    })
    expect(created.status, created.text).toBe(201)
    return created.body.id as string
  }
  /** The state of a consent as its consumer reads it from the API. */
  const statusOf = async (id: string, orgnr: string = dnb.orgnr) => {
    const token = await accessToken(app, consumers[orgnr]!, 'deling:consent.request')
    const res = await app.get(`/consent/requests/${id}`, { token })
    expect(res.status, res.text).toBe(200)
    return res.body.status as string
  }
  /** A delivery of the subject's data to a consumer, in the access log. */
  const deliver = (subjectFnr: string, consumerOrgnr: string) =>
    recordIncomeDelivery(app, {
      at: now(),
      requestId: 'req_fullmakt',
      consumerOrgnr,
      clientId: consumers[consumerOrgnr]!.clientId,
      datasetId,
      subjectFnr,
      ruleId,
    })

  /** Logs a person in, in a browser of their own. */
  const logInAs = async (fnr: string): Promise<Citizen> => {
    const browser = new CookieBrowser()
    await logIn(browser, app.url, fnr)
    const me = await browser.send(`${app.url}/me`)
    const csrf = csrfOf(await me.text())
    expect(csrf).not.toBe('')
    return {
      browser,
      csrf,
      async json(path) {
        const res = await browser.send(`${app.url}${path}`, { headers: { Accept: 'application/json' } })
        const text = await res.text()
        return { status: res.status, body: text ? JSON.parse(text) : undefined }
      },
      async page(path) {
        const res = await browser.send(`${app.url}${path}`, { headers: { Accept: 'text/html' } })
        return { status: res.status, html: await res.text() }
      },
      async post(path, body) {
        const res = await browser.send(`${app.url}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Accept: 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        })
        const text = await res.text()
        return { status: res.status, body: text ? JSON.parse(text) : undefined }
      },
      submit: (path, fields = {}) => browser.send(`${app.url}${path}`, form({ csrf, ...fields })),
    }
  }

  /** A subject answers their own request on the consent screen. */
  const answer = async (subject: Citizen, id: string, decision: 'accept' | 'reject') => {
    const res = await subject.submit(`/consent/view/${id}`, { decision })
    expect(res.status).toBe(303)
  }

  const addParent = (parentFnr: string, childFnr: string) =>
    addRelation(
      db,
      {
        kind: 'parent',
        representativeFnr: parentFnr,
        representedFnr: childFnr,
        validFrom: null,
        validTo: null,
        source: 'test',
      },
      now(),
    )

  return { app, db, datasetId, now, requestConsent, statusOf, deliver, logInAs, answer, addParent }
}

export type FullmaktWorld = Awaited<ReturnType<typeof fullmaktWorld>>

/** An authorisation valid for 30 days from the app's clock, with the given scope. */
export const authorisation = (world: FullmaktWorld, representative: string, extra: Record<string, unknown> = {}) => ({
  representative,
  scope: 'view',
  validTo: new Date(world.now().getTime() + 30 * day).toISOString(),
  ...extra,
})
