import { addRedirectOrigin } from '../../src/auth/redirect-origins.ts'
import { persons } from '../../src/db/schema/index.ts'
import { demoPersons } from '../../src/demo/persons.ts'
import type { TestApp } from '../support/app.ts'
import { dagpengerRule, incomeDataset } from '../support/catalog.ts'
import { CookieBrowser, form, logIn } from '../support/citizen-browser.ts'
import { accessToken, demoOrganisations, type Issuing, registerClient, type TestClient } from '../support/tokens.ts'

/** A Deling over HTTP, in this process or a child, with the database and issuer its tokens come from. */
export interface Deling {
  url: string
  issuing: Issuing
}

export const delingOf = (app: TestApp): Deling => ({
  url: app.url,
  issuing: { db: app.host.database.db, issuer: app.host.deps.config.issuer },
})

export interface Answer {
  status: number
  headers: Headers
  body: any
  text: string
}

/** One API call with an optional bearer token and JSON body. */
export async function call(
  deling: Deling,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers = new Headers(options.headers)
  if (options.token) headers.set('Authorization', `Bearer ${options.token}`)
  if (options.body !== undefined) headers.set('Content-Type', 'application/json')
  const response = await fetch(`${deling.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: 'manual',
  })
  const text = await response.text()
  const body =
    /^application\/([a-z.+-]*\+)?json/.test(response.headers.get('content-type') ?? '') && text
      ? JSON.parse(text)
      : text
  return { status: response.status, headers: response.headers, body, text }
}

export const redirectUrl = 'https://bank.example/laan/samtykke'
export const inAMonth = () => new Date(Date.now() + 30 * 24 * 3600_000).toISOString()

export interface GatewayScene {
  datasetId: string
  /** Every access token the scene was given, so a test can look for them where they must not be. */
  issuedTokens: string[]
  /** The clients whose private keys the scene holds. */
  clients: TestClient[]
  nav: TestClient
  dnb: TestClient
  navToken(): Promise<string>
  dnbToken(scope: 'deling:consent.request' | 'deling:gateway' | 'deling:audit.read'): Promise<string>
  operatorToken(): Promise<string>
  /** DNB asks `fnr` for consent to the income dataset; the consent request's id. */
  requestConsent(fnr: string, token: string): Promise<Answer>
}

/**
 * Skatteetaten's income dataset behind `endpointUrl`, NAV's dagpenger rule, an "any + consent" rule for loan
 * applications, DNB with a registered redirect origin, an operator, and the synthetic persons: what a journey
 * through catalog, consent, gateway and audit needs.
 */
export async function gatewayScene(deling: Deling, endpointUrl: string): Promise<GatewayScene> {
  const { db } = deling.issuing
  await db
    .insert(persons)
    .values([...demoPersons])
    .onConflictDoNothing()
  const { skatteetaten, nav, dnb, digdir } = demoOrganisations
  const publisher = await registerClient(deling.issuing, skatteetaten.orgnr, ['deling:catalog.write'])
  const navClient = await registerClient(deling.issuing, nav.orgnr, ['deling:gateway'])
  const dnbClient = await registerClient(deling.issuing, dnb.orgnr, [
    'deling:consent.request',
    'deling:gateway',
    'deling:audit.read',
  ])
  const operator = await registerClient(deling.issuing, digdir.orgnr, ['deling:admin'])
  await addRedirectOrigin(db, dnb.orgnr, new URL(redirectUrl).origin)
  const issuedTokens: string[] = []
  const issue = async (client: TestClient, scope: string) => {
    const token = await accessToken(deling.issuing, client, scope)
    issuedTokens.push(token)
    return token
  }
  const publish = await issue(publisher, 'deling:catalog.write')
  const input = incomeDataset()
  input.dataServices = [{ title: { nb: 'Inntekt' }, endpointUrl }]
  const dataset = await call(deling, 'POST', '/catalog/datasets', { token: publish, body: input })
  if (dataset.status !== 201) throw new Error(dataset.text)
  const datasetId: string = dataset.body.id
  const rules = [
    dagpengerRule(dataset.body.legalBases[0].id),
    {
      recipient: 'any',
      purpose: { code: 'laanesoknad', text: { nb: 'Vurdere søknad om lån' } },
      basis: { consent: true },
      fields: ['/personidentifikator', '/navn', '/inntekt/beloep'],
      oneTime: false,
    },
  ]
  for (const rule of rules) {
    const created = await call(deling, 'POST', `/catalog/datasets/${datasetId}/access-rules`, {
      token: publish,
      body: rule,
    })
    if (created.status !== 201) throw new Error(created.text)
  }
  return {
    datasetId,
    issuedTokens,
    clients: [publisher, navClient, dnbClient, operator],
    nav: navClient,
    dnb: dnbClient,
    navToken: () => issue(navClient, 'deling:gateway'),
    dnbToken: (scope) => issue(dnbClient, scope),
    operatorToken: () => issue(operator, 'deling:admin'),
    requestConsent: (fnr, token) =>
      call(deling, 'POST', '/consent/requests', {
        token,
        body: {
          subject: fnr,
          datasets: [{ datasetId }],
          purpose: { code: 'laanesoknad', text: { nb: 'Vurdere søknaden din om lån' } },
          validTo: inAMonth(),
          oneTime: false,
          redirectUrl,
        },
      }),
  }
}

/** A citizen logged in through the test identity provider, who can answer consent requests as a browser would. */
export async function citizen(deling: Deling, fnr: string) {
  const browser = new CookieBrowser()
  await logIn(browser, deling.url, fnr)
  return {
    browser,
    /** Opens the consent screen and presses "Godta"; the answer of the form post. */
    async accept(consentId: string): Promise<Response> {
      const screen = await browser.send(`${deling.url}/consent/view/${consentId}`)
      const csrf = (await screen.text()).match(/name="csrf" value="([^"]+)"/)?.[1] ?? ''
      return browser.send(`${deling.url}/consent/view/${consentId}`, form({ decision: 'accept', csrf }))
    },
  }
}
