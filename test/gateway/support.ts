import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { asc } from 'drizzle-orm'
import { addRedirectOrigin } from '../../src/auth/redirect-origins.ts'
import { changeConsent } from '../../src/consent/service.ts'
import { accessLog as accessLogTable } from '../../src/db/schema/index.ts'
import { startTestApp, type TestApp, type TestResponse } from '../support/app.ts'
import { catalogActors, dagpengerRule, incomeDataset } from '../support/catalog.ts'
import type { Driver } from '../support/database.ts'
import { accessToken, demoOrganisations, registerClient, requestToken, type TestClient } from '../support/tokens.ts'

export const subject = '12858440015'
export const otherSubject = '03917920183'

export const record = (fnr = subject) => ({
  personidentifikator: fnr,
  navn: 'Ingrid Fjellheim',
  inntekt: [
    { beloep: 52300, periode: '2025-01', arbeidsgiver: '974761076' },
    { beloep: 51000, periode: '2025-02', arbeidsgiver: '974761076' },
  ],
})

export interface ConsentTokenOptions {
  oneTime?: boolean
  fnr?: string
}

/**
 * DNB's way to a consent token: ask for the citizen's consent for the loan application, have it accepted (as the
 * citizen would on the consent screen), and get a gateway token carrying it in `authorization_details`.
 */
export async function acceptedConsentToken(
  app: TestApp,
  dnb: TestClient,
  datasetId: string,
  { oneTime = false, fnr = subject }: ConsentTokenOptions = {},
) {
  const created = await app.post(
    '/consent/requests',
    {
      subject: fnr,
      datasets: [{ datasetId }],
      purpose: { code: 'laanesoknad', text: { nb: 'Lån' } },
      validTo: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
      redirectUrl: 'https://bank.example/cb',
      oneTime,
    },
    { token: await accessToken(app, dnb, 'deling:consent.request') },
  )
  if (created.status !== 201) throw new Error(created.text)
  const consentId: string = created.body.id
  await changeConsent(
    app.host.database.db,
    consentId,
    { to: 'accepted', actor: 'citizen', now: new Date() },
    () => true,
  )
  const answer = await requestToken(app, dnb, {
    scope: 'deling:gateway',
    extra: { authorization_details: JSON.stringify([{ type: 'deling:consent', id: consentId }]) },
  })
  if (answer.status !== 200) throw new Error(JSON.stringify(answer.body))
  return { token: answer.body.access_token as string, consentId }
}

export interface SeenRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
}

/** A producer on 127.0.0.1 that answers by path, and remembers every request it saw. */
export async function startUpstream() {
  const seen: SeenRequest[] = []
  const server: Server = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers })
    const path = new URL(req.url!, 'http://x').pathname
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (path.startsWith('/base/inntekt/')) return json(200, record(path.split('/').pop()))
    if (path === '/base/list') return json(200, [record(), record(otherSubject)])
    if (path === '/base/envelope') return json(200, { items: [record()], next: 'cursor-2', total: 1 })
    if (path === '/base/csv') {
      res.writeHead(200, { 'Content-Type': 'text/csv' })
      return res.end('personidentifikator,navn\n12858440015,Ingrid\n')
    }
    if (path === '/base/slow') return setTimeout(() => json(200, record()), 3_000).unref()
    if (path === '/base/big') {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      return res.end(JSON.stringify({ personidentifikator: 'x'.repeat(200_000) }))
    }
    if (path === '/base/fail') return json(500, { secret: 'stack trace' })
    if (path === '/base/missing') return json(404, { melding: 'finnes ikke' })
    json(200, { path, query: new URL(req.url!, 'http://x').search })
  })
  server.keepAliveTimeout = 1_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/base`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type Upstream = Awaited<ReturnType<typeof startUpstream>>

export interface GatewayWorld {
  app: TestApp
  upstream: Upstream
  datasetId: string
  ruleId: string
  consentRuleId: string
  nav: TestClient
  dnb: TestClient
  navToken(): Promise<string>
  /** A consent token for a new, accepted consent of DNB about `fnr`. */
  consentToken(options?: { oneTime?: boolean; fnr?: string }): Promise<{ token: string; consentId: string }>
  call(
    path: string,
    options: { token: string; purpose?: string; subject?: string; method?: string },
  ): Promise<TestResponse>
  close(): Promise<void>
}

/** The app with Skatteetaten's income dataset behind a local producer, a NAV rule and a consent rule. */
export async function gatewayWorld(
  env: Record<string, string> = {},
  endpointUrl?: string,
  driver: Driver = 'postgres',
): Promise<GatewayWorld> {
  const upstream = await startUpstream()
  const app = await startTestApp({ driver, env: { DELING_UPSTREAM_ALLOW: '127.0.0.1', ...env } })
  const actors = await catalogActors(app)
  const skatt = await actors.skatteetaten()
  const input = incomeDataset()
  input.dataServices = [{ title: { nb: 'Inntekt' }, endpointUrl: endpointUrl ?? upstream.url }]
  const dataset = await app.post('/catalog/datasets', input, { token: skatt })
  if (dataset.status !== 201) throw new Error(dataset.text)
  const datasetId: string = dataset.body.id
  const rule = await app.post(
    `/catalog/datasets/${datasetId}/access-rules`,
    dagpengerRule(dataset.body.legalBases[0].id),
    {
      token: skatt,
    },
  )
  const consentRule = await app.post(
    `/catalog/datasets/${datasetId}/access-rules`,
    {
      recipient: 'any',
      purpose: { code: 'laanesoknad', text: { nb: 'Vurdere søknad om lån' } },
      basis: { consent: true },
      fields: ['/personidentifikator', '/navn', '/inntekt/beloep'],
      oneTime: false,
    },
    { token: skatt },
  )
  const nav = await registerClient(app, demoOrganisations.nav.orgnr, ['deling:gateway'])
  const dnb = await registerClient(app, demoOrganisations.dnb.orgnr, ['deling:consent.request', 'deling:gateway'])
  await addRedirectOrigin(app.host.database.db, demoOrganisations.dnb.orgnr, 'https://bank.example')
  const consentToken = (options: ConsentTokenOptions = {}) => acceptedConsentToken(app, dnb, datasetId, options)
  return {
    app,
    upstream,
    datasetId,
    ruleId: rule.body.id,
    consentRuleId: consentRule.body.id,
    nav,
    dnb,
    navToken: () => accessToken(app, nav, 'deling:gateway'),
    consentToken,
    call: (path, options) =>
      app.request(options.method ?? 'GET', `/gateway/${datasetId}${path}`, {
        token: options.token,
        headers: {
          ...(options.purpose ? { 'Deling-Purpose': options.purpose } : {}),
          ...(options.subject ? { 'Deling-Subject': options.subject } : {}),
        },
      }),
    async close() {
      await app.close()
      await upstream.close()
    },
  }
}

/** The access log entries, oldest first. */
export async function accessLog(app: TestApp) {
  return app.host.database.db.select().from(accessLogTable).orderBy(asc(accessLogTable.seq))
}
