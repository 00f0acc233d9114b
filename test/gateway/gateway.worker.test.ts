import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addRedirectOrigin } from '../../src/auth/redirect-origins.ts'
import { changeConsent } from '../../src/consent/service.ts'
import { migrate } from '../../src/db/migrate.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { catalogActors, dagpengerRule, incomeDataset } from '../support/catalog.ts'
import { createTestDatabase, type TestDatabase, urlForSchema } from '../support/database.ts'
import { accessToken, demoOrganisations, registerClient, type TestClient } from '../support/tokens.ts'
import { startTestWorker, type TestWorker } from '../support/worker.ts'
import { acceptedConsentToken, accessLog, startUpstream, subject, type Upstream } from './support.ts'

async function call(baseUrl: string, path: string, headers: Record<string, string>) {
  const response = await fetch(`${baseUrl}${path}`, { headers, redirect: 'manual' })
  const text = await response.text()
  const body = /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text
  return { status: response.status, headers: response.headers, body, text }
}

describe('the Workers host serves the gateway as the Node host does', () => {
  let database: TestDatabase
  let node: TestApp
  let worker: TestWorker
  let upstream: Upstream
  let datasetId: string
  let ruleId: string
  let nav: TestClient
  let dnb: TestClient

  const gateway = async (baseUrl: string, purpose: string, path = `/inntekt/${subject}`) =>
    call(baseUrl, `/gateway/${datasetId}${path}`, {
      Authorization: `Bearer ${await accessToken(node, nav, 'deling:gateway')}`,
      'Deling-Purpose': purpose,
      'Deling-Subject': subject,
    })

  beforeAll(async () => {
    upstream = await startUpstream()
    database = await createTestDatabase('postgres')
    await migrate(database.handle.db)
    const env = { DELING_UPSTREAM_ALLOW: '127.0.0.1', DELING_RATE_LIMIT: '0' }
    node = await startTestApp({ database: database.handle, env })
    worker = await startTestWorker({
      databaseUrl: urlForSchema(database.schema!),
      vars: { DELING_ISSUER: node.host.deps.config.issuer, ...env },
    })
    const skatt = await (await catalogActors(node)).skatteetaten()
    const input = incomeDataset()
    input.dataServices = [{ title: { nb: 'Inntekt' }, endpointUrl: upstream.url }]
    const dataset = await node.post('/catalog/datasets', input, { token: skatt })
    expect(dataset.status, dataset.text).toBe(201)
    datasetId = dataset.body.id
    const rule = await node.post(
      `/catalog/datasets/${datasetId}/access-rules`,
      dagpengerRule(dataset.body.legalBases[0].id),
      { token: skatt },
    )
    expect(rule.status, rule.text).toBe(201)
    ruleId = rule.body.id
    const consentRule = await node.post(
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
    expect(consentRule.status, consentRule.text).toBe(201)
    nav = await registerClient(node, demoOrganisations.nav.orgnr, ['deling:gateway'])
    dnb = await registerClient(node, demoOrganisations.dnb.orgnr, ['deling:consent.request', 'deling:gateway'])
    await addRedirectOrigin(node.host.database.db, demoOrganisations.dnb.orgnr, 'https://bank.example')
  })
  afterAll(async () => {
    await worker?.stop()
    await node?.host.close()
    await database?.drop()
    await upstream?.close()
  })

  it("gives NAV's token (issued by the Node host) the projected record on the Worker, from the same producer", async () => {
    const before = upstream.seen.length
    const onWorker = await gateway(worker.url, 'dagpenger', `/inntekt/${subject}?fraOgMed=2025-01`)
    expect(onWorker.status, onWorker.text).toBe(200)
    const onNode = await gateway(node.url, 'dagpenger', `/inntekt/${subject}?fraOgMed=2025-01`)
    expect(onNode.status, onNode.text).toBe(200)
    expect(onWorker.body).toEqual({
      personidentifikator: subject,
      inntekt: [
        { beloep: 52300, periode: '2025-01' },
        { beloep: 51000, periode: '2025-02' },
      ],
    })
    expect(onWorker.body).toEqual(onNode.body)
    expect(onWorker.headers.get('cache-control')).toBe('no-store')

    const [request] = upstream.seen.slice(before)
    expect(request!.url).toBe(`/base/inntekt/${subject}?fraOgMed=2025-01`)
    expect(request!.headers.authorization).toBeUndefined()
    expect(request!.headers['deling-request-id']).toBe(onWorker.headers.get('x-request-id'))
    // signed by the Worker with the installation's gateway key, as the producer checks it
    const jwks = await call(worker.url, '/gateway/jwks', {})
    expect(jwks.status).toBe(200)
    const { payload } = await jwtVerify(
      String(request!.headers['deling-assertion']),
      createLocalJWKSet(jwks.body as JSONWebKeySet),
      { issuer: worker.url, audience: `http://127.0.0.1:${upstream.port}` },
    )
    expect(payload).toMatchObject({ sub: `0192:${nav.orgnr}`, purpose: 'dagpenger', rule_id: ruleId, subject })

    const entry = (await accessLog(node)).find((row) => row.requestId === onWorker.headers.get('x-request-id'))
    expect(entry).toMatchObject({
      consumerOrgnr: nav.orgnr,
      clientId: nav.clientId,
      datasetId,
      subjectFnr: subject,
      ruleId,
      outcome: 'delivered',
      fieldsDelivered: ['/personidentifikator', '/inntekt/beloep', '/inntekt/periode'],
      upstreamStatus: 200,
    })
  })

  it('denies on the Worker as on Node, with the same problem and the same access log entry', async () => {
    const before = upstream.seen.length
    const onWorker = await gateway(worker.url, 'kontroll')
    const onNode = await gateway(node.url, 'kontroll')
    expect(onWorker.status, onWorker.text).toBe(403)
    expect(onWorker.headers.get('content-type')).toBe('application/problem+json')
    expect(onWorker.body.type).toBe(`${worker.url}/problems/purpose-mismatch`)
    const hostless = ({ type, requestId, ...rest }: { type: string; requestId: string }, baseUrl: string) => ({
      ...rest,
      type: type.replace(baseUrl, ''),
    })
    expect(hostless(onWorker.body, worker.url)).toEqual(hostless(onNode.body, node.url))
    expect(upstream.seen.length).toBe(before)

    const rows = await accessLog(node)
    const logged = (answer: { headers: Headers }) => {
      const entry = rows.find((row) => row.requestId === answer.headers.get('x-request-id'))
      expect(entry).toBeDefined()
      // everything but where the entry sits in the chain, its id and time and the request's id
      const { seq, id, at, requestId, hash, prevHash, ...rest } = entry!
      return rest
    }
    expect(logged(onWorker)).toMatchObject({ outcome: 'denied', reason: 'purpose-mismatch', upstreamStatus: null })
    expect(logged(onWorker)).toEqual(logged(onNode))

    const { verifyChain } = await import('../../src/audit/chain.ts')
    expect((await verifyChain(rows.map((row) => ({ ...row, at: row.at.toISOString() })))).valid).toBe(true)
  })

  it('stops deliveries on the Worker within 1 s of the citizen revoking (on the Node host)', async () => {
    const { token, consentId } = await acceptedConsentToken(node, dnb, datasetId)
    const db = node.host.database.db
    const withConsent = () =>
      call(worker.url, `/gateway/${datasetId}/inntekt/${subject}`, {
        Authorization: `Bearer ${token}`,
        'Deling-Purpose': 'laanesoknad',
        'Deling-Subject': subject,
      })
    const delivered = await withConsent()
    expect(delivered.status, delivered.text).toBe(200)
    expect(delivered.body).toEqual({
      personidentifikator: subject,
      navn: 'Ingrid Fjellheim',
      inntekt: [{ beloep: 52300 }, { beloep: 51000 }],
    })

    await changeConsent(db, consentId, { to: 'revoked', actor: 'citizen', now: new Date() }, () => true)
    const revokedAt = performance.now()
    const seenAtRevocation = upstream.seen.length
    let res = await withConsent()
    let deliveredAfter = 0
    while (res.status === 200 && performance.now() - revokedAt < 2_000) {
      deliveredAfter++
      await new Promise((resolve) => setTimeout(resolve, 50))
      res = await withConsent()
    }
    const elapsed = performance.now() - revokedAt
    if (process.env.DELING_TEST_TIMINGS)
      console.info(`consent revoked, first 403 on the Worker after: ${elapsed.toFixed(1)} ms`)
    expect(res.status, res.text).toBe(403)
    expect(res.body.type).toBe(`${worker.url}/problems/consent-revoked`)
    expect(elapsed).toBeLessThan(1_000)
    expect(upstream.seen.length - seenAtRevocation).toBe(deliveredAfter)
    expect(deliveredAfter).toBe(0)
  })
})
