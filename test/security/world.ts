import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq } from 'drizzle-orm'
import { addRedirectOrigin } from '../../src/auth/redirect-origins.ts'
import type { DelingScope } from '../../src/auth/scopes.ts'
import { changeConsent } from '../../src/consent/service.ts'
import { citizenSessions } from '../../src/db/schema/index.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { dagpengerRule, incomeDataset, openDataset } from '../support/catalog.ts'
import { CookieBrowser, ingrid, lars, logIn, seedPersons } from '../support/citizen-browser.ts'
import { accessToken, demoOrganisations, registerClient, type TestClient } from '../support/tokens.ts'

/** Who sends a request: the headers that make them who they are. */
export interface Actor {
  name: string
  headers: Record<string, string>
  /** A citizen's CSRF token, sent with their forms when a test wants a form to pass. */
  csrf?: string
}

const organisationScopes: DelingScope[] = [
  'deling:catalog.write',
  'deling:gateway',
  'deling:consent.request',
  'deling:audit.read',
]

/** A local data service that always answers: any 5xx from the gateway is then Deling's own. */
async function startProducer() {
  const server: Server = createServer((req, res) => {
    req.resume()
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(
      JSON.stringify({
        personidentifikator: ingrid.fnr,
        navn: ingrid.name,
        inntekt: [{ beloep: 52300, periode: '2025-01', arbeidsgiver: '974761076' }],
      }),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/inntekt/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export interface SecurityWorld {
  app: TestApp
  /** Skatteetaten, publisher of `incomeDatasetId` and `openDatasetId`. */
  publisher: Actor
  /** NAV: the dagpenger rule's recipient, owner of `hiddenDatasetId` (NON_PUBLIC) and of the access request. */
  nav: Actor
  /** DNB: asks for consents; owner of the consent requests. */
  dnb: Actor
  operator: Actor
  /** Skatteetaten with `deling:audit.read` only: the wrong scope for nearly everything. */
  narrow: Actor
  anonymous: Actor
  ingrid: Actor
  lars: Actor
  actors: Actor[]
  incomeDatasetId: string
  openDatasetId: string
  hiddenDatasetId: string
  legalBasisId: string
  dagpengerRuleId: string
  consentRuleId: string
  /** Ingrid's consents for DNB: one pending, one accepted. */
  pendingConsentId: string
  acceptedConsentId: string
  accessRequestId: string
  /** A client nobody uses, for operator routes that take a client id (disabling it harms no actor). */
  spareClientId: string
  clients: TestClient[]
  close(): Promise<void>
}

async function citizen(app: TestApp, fnr: string, name: string): Promise<Actor> {
  const browser = new CookieBrowser()
  await logIn(browser, app.url, fnr)
  const cookie = browser.cookies.map((stored) => `${stored.name}=${stored.value}`).join('; ')
  const [session] = await app.host.database.db.select().from(citizenSessions).where(eq(citizenSessions.fnr, fnr))
  return { name, headers: { Cookie: cookie }, csrf: session!.csrfToken }
}

async function organisation(app: TestApp, name: string, orgnr: string, scopes: DelingScope[]) {
  const client = await registerClient(app, orgnr, scopes, name)
  const token = await accessToken(app, client, scopes.join(' '))
  return { client, actor: { name, headers: { Authorization: `Bearer ${token}` } } satisfies Actor }
}

/**
 * The app with what the security tests need: four organisations with tokens for all their scopes (an hour long,
 * so a long run needs no refresh), two logged-in citizens, a restricted income dataset behind a producer that
 * always answers, an open and a hidden dataset, rules, consents and an access request.
 */
export async function securityWorld(env: Record<string, string> = {}): Promise<SecurityWorld> {
  const producer = await startProducer()
  const app = await startTestApp({
    env: { DELING_UPSTREAM_ALLOW: '127.0.0.1', DELING_RATE_LIMIT: '0', DELING_ACCESS_TOKEN_TTL: '3600', ...env },
  })
  await seedPersons(app)
  const { skatteetaten, nav, dnb, digdir } = demoOrganisations
  const publisher = await organisation(app, 'publisher', skatteetaten.orgnr, organisationScopes)
  const consumer = await organisation(app, 'nav', nav.orgnr, organisationScopes)
  const bank = await organisation(app, 'dnb', dnb.orgnr, organisationScopes)
  const operator = await organisation(app, 'operator', digdir.orgnr, ['deling:admin', 'deling:audit.read'])
  const narrow = await organisation(app, 'narrow', skatteetaten.orgnr, ['deling:audit.read'])
  const spare = await registerClient(app, digdir.orgnr, ['deling:gateway'], 'spare')
  for (const orgnr of [dnb.orgnr, nav.orgnr])
    await addRedirectOrigin(app.host.database.db, orgnr, 'https://bank.example')

  const as = (actor: Actor) => ({ headers: actor.headers })
  const created = async (path: string, body: unknown, actor: Actor) => {
    const res = await app.request('POST', path, { ...as(actor), body })
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${res.text}`)
    return res.body
  }
  const income = incomeDataset()
  income.dataServices = [{ title: { nb: 'Inntekt' }, endpointUrl: producer.url }]
  const incomeDataset_ = await created('/catalog/datasets', income, publisher.actor)
  const open = await created('/catalog/datasets', openDataset(), publisher.actor)
  const hidden = await created(
    '/catalog/datasets',
    { ...openDataset('Interne lister'), accessRights: 'NON_PUBLIC' },
    consumer.actor,
  )
  const legalBasisId: string = incomeDataset_.legalBases[0].id
  const dagpenger = await created(
    `/catalog/datasets/${incomeDataset_.id}/access-rules`,
    dagpengerRule(legalBasisId),
    publisher.actor,
  )
  const consentRule = await created(
    `/catalog/datasets/${incomeDataset_.id}/access-rules`,
    {
      recipient: 'any',
      purpose: { code: 'laanesoknad', text: { nb: 'Vurdere søknad om lån' } },
      basis: { consent: true },
      fields: ['/personidentifikator', '/inntekt/beloep'],
      oneTime: false,
    },
    publisher.actor,
  )
  const consentRequest = () =>
    created(
      '/consent/requests',
      {
        subject: ingrid.fnr,
        datasets: [{ datasetId: incomeDataset_.id }],
        purpose: { code: 'laanesoknad', text: { nb: 'Lån' } },
        validTo: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
        redirectUrl: 'https://bank.example/cb',
      },
      bank.actor,
    )
  const pending = await consentRequest()
  const accepted = await consentRequest()
  await changeConsent(
    app.host.database.db,
    accepted.id,
    { to: 'accepted', actor: 'citizen', now: new Date() },
    () => true,
  )
  const accessRequest = await created(
    '/access-requests',
    {
      datasetId: incomeDataset_.id,
      purpose: { code: 'sykepenger', text: { nb: 'Behandle sykepenger' } },
      basis: { legalBasisId },
      fields: ['/personidentifikator', '/inntekt/beloep'],
      justification: 'NAV trenger inntekt for å beregne sykepenger.',
    },
    consumer.actor,
  )

  const world: Omit<SecurityWorld, 'actors'> = {
    app,
    publisher: publisher.actor,
    nav: consumer.actor,
    dnb: bank.actor,
    operator: operator.actor,
    narrow: narrow.actor,
    anonymous: { name: 'anonymous', headers: {} },
    ingrid: await citizen(app, ingrid.fnr, 'ingrid'),
    lars: await citizen(app, lars.fnr, 'lars'),
    incomeDatasetId: incomeDataset_.id,
    openDatasetId: open.id,
    hiddenDatasetId: hidden.id,
    legalBasisId,
    dagpengerRuleId: dagpenger.id,
    consentRuleId: consentRule.id,
    pendingConsentId: pending.id,
    acceptedConsentId: accepted.id,
    accessRequestId: accessRequest.id,
    spareClientId: spare.clientId,
    clients: [publisher.client, consumer.client, bank.client, operator.client, narrow.client],
    async close() {
      await app.close()
      await producer.close()
    },
  }
  return {
    ...world,
    actors: [
      world.publisher,
      world.nav,
      world.dnb,
      world.operator,
      world.narrow,
      world.anonymous,
      world.ingrid,
      world.lars,
    ],
  }
}
