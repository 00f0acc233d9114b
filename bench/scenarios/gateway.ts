import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose'
import { addClient } from '../../src/auth/clients.ts'
import type { DelingScope } from '../../src/auth/scopes.ts'
import { addAccessRule } from '../../src/catalog/access-rules.ts'
import { createDataset } from '../../src/catalog/datasets.ts'
import { addOrganisation, findOrganisation } from '../../src/catalog/organisations.ts'
import { checkOpenApiBasics } from '../../src/catalog/producer-openapi-basics.ts'
import type { Database } from '../../src/db/database.ts'
import { demoDatasets, demoRule } from '../../src/demo/catalog.ts'
import { demoPersons } from '../../src/demo/persons.ts'
import { sendExactly } from '../load.ts'
import type { RequestCount, Scenario, Target } from '../scenario.ts'
import { freePort } from '../servers.ts'

const skatteetaten = { orgnr: '974761076', name: 'Skatteetaten' }
const nav = { orgnr: '889640782', name: 'NAV' }
const digdir = { orgnr: '991825827', name: 'Digitaliseringsdirektoratet' }
const purpose = 'dagpenger'
const subject = demoPersons[0]!.fnr
/** Deling's access tokens live 120 s by default: a round (warm-up + load) must end before the token does. */
const tokenLifetimeSeconds = 120

/** A client whose private key exists only in this process, for this run. */
interface BenchClient {
  clientId: string
  kid: string
  privateKey: CryptoKey
}

/** What the seed (in the runner, before Deling starts) leaves for prepare. */
let world: { upstreamPort: number; datasetId: string; consumer: BenchClient; operator: BenchClient } | undefined

async function registerClient(db: Database, orgnr: string, name: string, scopes: DelingScope[]): Promise<BenchClient> {
  const { privateKey, publicKey } = await generateKeyPair('ES256')
  const publicJwk = { ...(await exportJWK(publicKey)), alg: 'ES256', use: 'sig' }
  const kid = await calculateJwkThumbprint(publicJwk)
  const client = await addClient(db, { orgnr, name, scopes, jwks: { keys: [{ ...publicJwk, kid } as never] } })
  return { clientId: client.clientId, kid, privateKey }
}

/** client_credentials with private_key_jwt at Deling's token endpoint, as a consumer's integration does it. */
async function accessToken(delingUrl: string, client: BenchClient, scope: string): Promise<string> {
  const issuer = `${delingUrl}/oidc`
  const now = Math.floor(Date.now() / 1000)
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: client.kid })
    .setIssuer(client.clientId)
    .setSubject(client.clientId)
    .setAudience(issuer)
    .setJti(crypto.randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + 60)
    .sign(client.privateKey)
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope,
    }),
  })
  const body = (await response.json()) as { access_token?: string }
  if (!response.ok || !body.access_token)
    throw new Error(`gateway: token request failed: ${response.status} ${JSON.stringify(body)}`)
  return body.access_token
}

interface ChainVerdict {
  valid: boolean
  entries: number
  firstBroken?: unknown
}

/**
 * GET /gateway/{datasetId}/inntekt/{fnr} as NAV for `dagpenger` under a rule with a legal basis: token
 * verification, rule decision, Deling-Assertion, forward through the pooled keep-alive client, projection to the
 * rule's four fields, hash-chained access log append. Baseline: a bare keep-alive Hono proxy to the same producer.
 * Afterwards the access log must verify and hold exactly one entry per acknowledged request.
 */
export const gateway: Scenario = {
  name: 'gateway',
  description:
    'GET /gateway/{id}/inntekt/{fnr} (token, rule decision, assertion, forward, projection, access log) vs. a bare keep-alive Hono proxy to the same producer',
  env: {
    // the producer is on loopback, which the SSRF guard refuses unless allowed
    DELING_UPSTREAM_ALLOW: '127.0.0.1',
    // the default 600 a minute per client and dataset would answer the load with 429s
    DELING_RATE_LIMIT: '0',
  },
  async seed(db) {
    const upstreamPort = await freePort()
    for (const organisation of [skatteetaten, nav, digdir])
      if (!(await findOrganisation(db, organisation.orgnr))) await addOrganisation(db, organisation)
    const consumer = await registerClient(db, nav.orgnr, 'NAV (bench consumer)', ['deling:gateway'])
    const operator = await registerClient(db, digdir.orgnr, 'Digdir (bench operator)', ['deling:admin'])
    const income = demoDatasets.find((demo) => demo.key === 'urn:deling:demo:skatteetaten:inntekt')!
    const service = income.dataset.dataServices[0]!
    const actor = { orgnr: skatteetaten.orgnr, clientId: undefined, via: 'seed' as const }
    const now = new Date()
    const dataset = await createDataset(
      db,
      { actor, now, checkProducerApi: checkOpenApiBasics },
      { ...income.dataset, dataServices: [{ ...service, endpointUrl: `http://127.0.0.1:${upstreamPort}/v1` }] },
      'urn:deling:bench:skatteetaten:inntekt',
    )
    const rule = income.rules.find((candidate) => candidate.purpose.code === purpose)!
    const added = await addAccessRule(
      db,
      actor,
      dataset.id,
      demoRule(
        rule,
        dataset.legalBases.map((basis) => basis.id),
      ),
      now,
    )
    world = { upstreamPort, datasetId: dataset.id, consumer, operator }
    return { datasetId: dataset.id, ruleId: added.id, purpose, fields: added.fields, upstreamPort }
  },
  async prepare(context) {
    if (!world) throw new Error('gateway: the scenario was not seeded')
    const { upstreamPort, datasetId, consumer, operator } = world
    if (context.load.warmup + context.load.duration > tokenLifetimeSeconds - 20)
      throw new Error(`gateway: a round (warm-up + duration) must stay under ${tokenLifetimeSeconds - 20} s`)
    const deling = context.deling.url
    const upstream = await context.startServer('bench/servers/income.ts', {}, { port: upstreamPort })
    const proxy = await context.startServer('bench/servers/proxy.ts', { UPSTREAM_URL: `${upstream.url}/v1` })
    const path = `/gateway/${datasetId}/inntekt/${subject}`
    const headers = (token: string) => ({
      authorization: `Bearer ${token}`,
      'deling-purpose': purpose,
      'deling-subject': subject,
    })
    const subjectTarget: Target = {
      label: 'Deling gateway',
      url: `${deling}${path}`,
      headers: headers(await accessToken(deling, consumer, 'deling:gateway')),
    }
    // The same request bytes for the bare proxy (it ignores the headers).
    const baseline: Target = {
      label: 'bare keep-alive proxy',
      url: `${proxy.url}${path}`,
      headers: subjectTarget.headers,
    }
    // Gateway calls made here and in the check, besides the load: each one is an entry in the log too.
    let ownCalls = 0
    const call = async (target: Target) => {
      const response = await fetch(target.url, { headers: target.headers })
      const text = await response.text()
      if (!response.ok) throw new Error(`gateway: ${response.status} from ${target.url}: ${text.slice(0, 300)}`)
      return text
    }
    const delivered = JSON.parse(await call(subjectTarget)) as Record<string, unknown>
    ownCalls++
    if (Object.keys(delivered).sort().join() !== 'inntekt,personidentifikator' || 'navn' in delivered)
      throw new Error(
        `gateway: the answer was not cut to the rule's fields: ${JSON.stringify(delivered).slice(0, 300)}`,
      )
    await call(baseline)

    const verify = async (): Promise<ChainVerdict> => {
      const token = await accessToken(deling, operator, 'deling:admin')
      const response = await fetch(`${deling}/audit/verify`, { headers: { authorization: `Bearer ${token}` } })
      if (!response.ok) throw new Error(`gateway: /audit/verify answered ${response.status}: ${await response.text()}`)
      return (await response.json()) as ChainVerdict
    }

    return {
      subject: subjectTarget,
      baseline,
      latency: [{ ...subjectTarget, label: 'Deling gateway (one at a time)' }],
      async refresh() {
        subjectTarget.headers = headers(await accessToken(deling, consumer, 'deling:gateway'))
      },
      async check(load: RequestCount) {
        // Timed runs end with requests in flight whose answers autocannon drops: Deling logged them (before
        // answering) but nobody received the answer. So the whole log lies between what was acknowledged and
        // what was sent; the exact comparison is a run that waits for every answer.
        const before = await verify()
        const connections = context.load.connections
        // twice the load's seconds per connection: 1 000 requests in a full run, 200 in a smoke run
        const amount = connections * Math.max(4, 2 * context.load.duration)
        const exact = await sendExactly(subjectTarget, { connections, amount })
        const after = await verify()
        const acknowledged = load.acknowledged + ownCalls + exact.acknowledged
        const sent = load.sent + ownCalls + exact.sent
        const checks = {
          chainValid: after.valid,
          logEntries: after.entries,
          acknowledged,
          sent,
          exactRun: {
            requests: exact.sent,
            acknowledged: exact.acknowledged,
            failures: exact.failures,
            logEntriesAdded: after.entries - before.entries,
          },
        }
        const problems = [
          !before.valid || !after.valid ? `the access log does not verify: ${JSON.stringify(after.firstBroken)}` : '',
          exact.failures ? `${exact.failures} of ${exact.sent} requests of the exact run failed` : '',
          after.entries - before.entries !== exact.acknowledged
            ? `the exact run: ${exact.acknowledged} requests acknowledged but ${after.entries - before.entries} log entries added`
            : '',
          after.entries < acknowledged
            ? `${acknowledged} requests acknowledged but only ${after.entries} log entries`
            : '',
          after.entries > sent ? `${after.entries} log entries for only ${sent} requests sent` : '',
        ].filter(Boolean)
        if (problems.length)
          throw new Error(`gateway: ACCESS LOG CHECK FAILED: ${problems.join('; ')} (${JSON.stringify(checks)})`)
        return checks
      },
    }
  },
}
