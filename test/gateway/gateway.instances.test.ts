import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addRedirectOrigin } from '../../src/auth/redirect-origins.ts'
import type { DatabaseHandle } from '../../src/db/database.ts'
import { migrate } from '../../src/db/migrate.ts'
import { openPostgres } from '../../src/db/postgres.ts'
import { startTestApp, type TestApp, type TestResponse } from '../support/app.ts'
import { catalogActors, dagpengerRule, incomeDataset } from '../support/catalog.ts'
import { CookieBrowser, ingrid, logIn, seedPersons } from '../support/citizen-browser.ts'
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../support/database.ts'
import { accessToken, demoOrganisations, registerClient, type TestClient } from '../support/tokens.ts'
import { acceptedConsentToken, accessLog, startUpstream, subject, type Upstream } from './support.ts'

// Revocation and rule changes must reach every instance within this bound (DESIGN.md §2).
const boundMs = 1_000
const pollMs = 50
const env = { DELING_UPSTREAM_ALLOW: '127.0.0.1', DELING_RATE_LIMIT: '0' }
const csrfOf = (html: string) => html.match(/name="csrf" value="([^"]+)"/)?.[1] ?? ''
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Calls `attempt` every 50 ms until `done` holds for its answer or the bound has passed twice over. */
async function pollUntil(attempt: () => Promise<TestResponse>, done: (res: TestResponse) => boolean, since: number) {
  const answers: { res: TestResponse; at: number }[] = []
  for (;;) {
    const res = await attempt()
    answers.push({ res, at: performance.now() - since })
    if (done(res) || performance.now() - since > 2 * boundMs) return answers
    await sleep(pollMs)
  }
}

const report = (what: string, ms: number) => {
  if (process.env.DELING_TEST_TIMINGS) console.info(`${what}: ${ms.toFixed(1)} ms`)
}

describe('gateway: two Node instances on one database', () => {
  let database: TestDatabase
  // Instance B has its own connection pool on the same schema, as a second process would.
  let secondHandle: DatabaseHandle
  let a: TestApp
  let b: TestApp
  let upstream: Upstream
  let skatt: () => Promise<string>
  let datasetId: string
  let legalBasisId: string
  let dagpengerRuleId: string
  let nav: TestClient
  let dnb: TestClient
  let operator: TestClient
  let citizen: CookieBrowser

  const call = (app: TestApp, token: string, purpose: string) =>
    app.request('GET', `/gateway/${datasetId}/inntekt/${subject}`, {
      token,
      headers: { 'Deling-Purpose': purpose, 'Deling-Subject': subject },
    })

  beforeAll(async () => {
    upstream = await startUpstream()
    database = await createTestDatabase('postgres')
    await migrate(database.handle.db)
    secondHandle = openPostgres(testDatabaseUrl, { schema: database.schema! })
    a = await startTestApp({ database: database.handle, env })
    // One installation: B accepts the tokens of the issuer A runs, as every instance behind one address would.
    b = await startTestApp({ database: secondHandle, env: { ...env, DELING_ISSUER: a.host.deps.config.issuer } })

    const actors = await catalogActors(a)
    skatt = actors.skatteetaten
    const input = incomeDataset()
    input.dataServices = [{ title: { nb: 'Inntekt' }, endpointUrl: upstream.url }]
    const dataset = await a.post('/catalog/datasets', input, { token: await skatt() })
    expect(dataset.status, dataset.text).toBe(201)
    datasetId = dataset.body.id
    legalBasisId = dataset.body.legalBases[0].id
    const rule = await a.post(`/catalog/datasets/${datasetId}/access-rules`, dagpengerRule(legalBasisId), {
      token: await skatt(),
    })
    expect(rule.status, rule.text).toBe(201)
    dagpengerRuleId = rule.body.id
    const consentRule = await a.post(
      `/catalog/datasets/${datasetId}/access-rules`,
      {
        recipient: 'any',
        purpose: { code: 'laanesoknad', text: { nb: 'Vurdere søknad om lån' } },
        basis: { consent: true },
        fields: ['/personidentifikator', '/navn', '/inntekt/beloep'],
        oneTime: false,
      },
      { token: await skatt() },
    )
    expect(consentRule.status, consentRule.text).toBe(201)
    nav = await registerClient(a, demoOrganisations.nav.orgnr, ['deling:gateway'])
    dnb = await registerClient(a, demoOrganisations.dnb.orgnr, ['deling:consent.request', 'deling:gateway'])
    await addRedirectOrigin(a.host.database.db, demoOrganisations.dnb.orgnr, 'https://bank.example')
    operator = await registerClient(a, demoOrganisations.digdir.orgnr, ['deling:admin'])
    await seedPersons(a)
    citizen = new CookieBrowser()
    await logIn(citizen, a.url, ingrid.fnr)
  })
  afterAll(async () => {
    await b?.host.close()
    await a?.host.close()
    await secondHandle?.close()
    await database?.drop()
    await upstream?.close()
  })

  it('stops deliveries on B within 1 s of the citizen revoking on A, and the producer is not asked again', async () => {
    expect(ingrid.fnr).toBe(subject)
    const { token, consentId } = await acceptedConsentToken(a, dnb, datasetId)

    const delivered = await call(b, token, 'laanesoknad')
    expect(delivered.status, delivered.text).toBe(200)
    expect(delivered.body).toEqual({
      personidentifikator: subject,
      navn: 'Ingrid Fjellheim',
      inntekt: [{ beloep: 52300 }, { beloep: 51000 }],
    })

    const page = await citizen.send(`${a.url}/me/consents`, { headers: { Accept: 'text/html' } })
    const csrf = csrfOf(await page.text())
    expect(csrf).not.toBe('')
    const revoke = await citizen.send(`${a.url}/me/consents/${consentId}/revoke`, {
      method: 'POST',
      headers: { 'X-CSRF-Token': csrf },
    })
    expect(revoke.status).toBe(200)
    expect(await revoke.json()).toMatchObject({ id: consentId, status: 'revoked' })
    const revokedAt = performance.now()
    const seenAtRevocation = upstream.seen.length

    const answers = await pollUntil(
      () => call(b, token, 'laanesoknad'),
      (res) => res.status === 403,
      revokedAt,
    )
    const first403 = answers.at(-1)!
    report('consent revoked on A, first 403 on B after', first403.at)
    expect(first403.res.status, first403.res.text).toBe(403)
    expect(first403.res.body.type).toMatch(/\/problems\/consent-revoked$/)
    expect(first403.at).toBeLessThan(boundMs)
    // Anything the producer saw after the revocation is a delivery inside the bound; after the first 403, nothing.
    const deliveredAfter = answers.filter(({ res }) => res.status === 200).length
    expect(upstream.seen.length - seenAtRevocation).toBe(deliveredAfter)
    const seenAt403 = upstream.seen.length
    for (let i = 0; i < 3; i++) {
      const again = await call(b, token, 'laanesoknad')
      expect(again.status).toBe(403)
      expect(again.body.type).toMatch(/\/problems\/consent-revoked$/)
    }
    // and on A, where it was revoked
    expect((await call(a, token, 'laanesoknad')).status).toBe(403)
    expect(upstream.seen.length).toBe(seenAt403)
    // today the gateway reads the consent on every request: not even one delivery slips through
    expect(deliveredAfter).toBe(0)

    const entries = (await accessLog(a)).filter((row) => row.consentId === consentId)
    expect(entries[0]).toMatchObject({ outcome: 'delivered', reason: null })
    expect(entries.slice(1 + deliveredAfter).every((row) => row.reason === 'consent-revoked')).toBe(true)
  })

  it('narrows the fields on B within 1 s of Skatteetaten changing the rule on A, and denies within 1 s of deleting it', async () => {
    const rule = await a.post(
      `/catalog/datasets/${datasetId}/access-rules`,
      {
        ...dagpengerRule(legalBasisId),
        purpose: { code: 'arbeidsavklaring', text: { nb: 'Behandle søknad om arbeidsavklaringspenger' } },
      },
      { token: await skatt() },
    )
    expect(rule.status, rule.text).toBe(201)
    const ruleId: string = rule.body.id
    const token = await accessToken(a, nav, 'deling:gateway')
    const before = await call(b, token, 'arbeidsavklaring')
    expect(before.status, before.text).toBe(200)
    expect(before.body.inntekt[0]).toEqual({ beloep: 52300, periode: '2025-01' })

    const changed = await a.request('PUT', `/catalog/datasets/${datasetId}/access-rules/${ruleId}`, {
      token: await skatt(),
      body: {
        ...dagpengerRule(legalBasisId),
        purpose: { code: 'arbeidsavklaring', text: { nb: 'Behandle søknad om arbeidsavklaringspenger' } },
        fields: ['/personidentifikator', '/inntekt/beloep'],
      },
    })
    expect(changed.status, changed.text).toBe(200)
    const changedAt = performance.now()
    const narrowedAnswers = await pollUntil(
      () => call(b, token, 'arbeidsavklaring'),
      (res) => res.status === 200 && !('periode' in res.body.inntekt[0]),
      changedAt,
    )
    const narrowed = narrowedAnswers.at(-1)!
    report('rule narrowed on A, narrowed answer on B after', narrowed.at)
    expect(narrowed.res.status, narrowed.res.text).toBe(200)
    expect(narrowed.res.body).toEqual({ personidentifikator: subject, inntekt: [{ beloep: 52300 }, { beloep: 51000 }] })
    expect(narrowed.at).toBeLessThan(boundMs)
    const entry = (await accessLog(a)).find((row) => row.requestId === narrowed.res.headers.get('x-request-id'))
    expect(entry).toMatchObject({ ruleId, fieldsDelivered: ['/personidentifikator', '/inntekt/beloep'] })

    const deleted = await a.request('DELETE', `/catalog/datasets/${datasetId}/access-rules/${ruleId}`, {
      token: await skatt(),
    })
    expect(deleted.status, deleted.text).toBe(204)
    const deletedAt = performance.now()
    const seenAtDelete = upstream.seen.length
    const deniedAnswers = await pollUntil(
      () => call(b, token, 'arbeidsavklaring'),
      (res) => res.status === 403,
      deletedAt,
    )
    const denied = deniedAnswers.at(-1)!
    report('rule deleted on A, first 403 on B after', denied.at)
    expect(denied.res.status, denied.res.text).toBe(403)
    // NAV still has its dagpenger rule, so the denial is purpose-mismatch (no-rule when an organisation has none left)
    expect(denied.res.body.type).toMatch(/\/problems\/purpose-mismatch$/)
    expect(denied.at).toBeLessThan(boundMs)
    expect(upstream.seen.length - seenAtDelete).toBe(deniedAnswers.filter(({ res }) => res.status === 200).length)
  })

  it('keeps one valid chain when both instances append at once, one entry per call', async () => {
    const verify = async (app: TestApp) => {
      const res = await app.get('/audit/verify', { token: await accessToken(a, operator, 'deling:admin') })
      expect(res.status, res.text).toBe(200)
      return res.body
    }
    const before = await verify(b)
    expect(before.valid).toBe(true)
    const token = await accessToken(a, nav, 'deling:gateway')
    // 20 calls at once, every other one on each instance; a few of them denied (wrong purpose)
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) => call(n % 2 ? b : a, token, n % 5 === 4 ? 'kontroll' : 'dagpenger')),
    )
    expect(answers.map((res) => res.status)).toEqual(Array.from({ length: 20 }, (_, n) => (n % 5 === 4 ? 403 : 200)))
    const after = await verify(a)
    expect(after).toMatchObject({ valid: true, entries: before.entries + 20 })
    expect(await verify(b)).toEqual(after)

    const rows = await accessLog(a)
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, i) => i + 1))
    const requestIds = answers.map((res) => res.headers.get('x-request-id'))
    expect(new Set(requestIds).size).toBe(20)
    for (const [n, requestId] of requestIds.entries()) {
      const logged = rows.filter((row) => row.requestId === requestId)
      expect(logged).toHaveLength(1)
      expect(logged[0]).toMatchObject(
        n % 5 === 4
          ? { outcome: 'denied', reason: 'purpose-mismatch' }
          : { outcome: 'delivered', ruleId: dagpengerRuleId, upstreamStatus: 200 },
      )
    }
  })
})
