import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { expect } from 'vitest'
import { appendAccessLog, type NewAccessLogEntry } from '../../src/audit/log.ts'
import type { TestApp } from '../support/app.ts'
import { catalogActors, dagpengerRule, incomeDataset } from '../support/catalog.ts'
import { ingrid, lars } from '../support/citizen-browser.ts'
import { accessToken, demoOrganisations, registerClient } from '../support/tokens.ts'

const { nav, dnb, skatteetaten, digdir } = demoOrganisations

export interface AuditWorld {
  datasetId: string
  ruleId: string
  /** Ids of the five entries, by seq (1..5). */
  ids: string[]
  token(who: 'nav' | 'dnb' | 'skatteetaten'): Promise<string>
  /** The operator: digdir with `deling:admin`. */
  operator(): Promise<string>
}

/**
 * Skatteetaten's income dataset with NAV's dagpenger rule, and five log entries written the way the gateway writes
 * them: (1) to NAV about Ingrid under the law, (2) to DNB about Ingrid under a consent, (3) NAV denied about Ingrid,
 * (4) to NAV about Lars, (5) between organisations that are none of the above.
 */
export async function auditWorld(app: TestApp): Promise<AuditWorld> {
  const actors = await catalogActors(app)
  const created = await app.post('/catalog/datasets', incomeDataset(), { token: await actors.skatteetaten() })
  expect(created.status, created.text).toBe(201)
  const datasetId = created.body.id as string
  const legalBasis = created.body.legalBases[0]
  const rule = await app.post(`/catalog/datasets/${datasetId}/access-rules`, dagpengerRule(legalBasis.id), {
    token: await actors.skatteetaten(),
  })
  expect(rule.status, rule.text).toBe(201)
  const ruleId = rule.body.id as string
  const readers = {
    nav: await registerClient(app, nav.orgnr, ['deling:audit.read'], 'NAV dagpenger'),
    dnb: await registerClient(app, dnb.orgnr, ['deling:audit.read'], 'DNB boliglån'),
    skatteetaten: await registerClient(app, skatteetaten.orgnr, ['deling:audit.read']),
  }
  const admin = await registerClient(app, digdir.orgnr, ['deling:admin', 'deling:audit.read'])
  const base = {
    at: new Date(Date.UTC(2026, 10, 23, 12, 0, 0)),
    requestId: 'req_1',
    producerOrgnr: skatteetaten.orgnr,
    datasetId,
    reason: null,
    upstreamStatus: 200,
  }
  const delivered = (at: number, extra: Partial<NewAccessLogEntry>): NewAccessLogEntry => ({
    ...base,
    at: new Date(base.at.getTime() + at * 60_000),
    consumerOrgnr: nav.orgnr,
    clientId: readers.nav.clientId,
    subjectFnr: ingrid.fnr,
    purposeCode: 'dagpenger',
    ruleId,
    consentId: null,
    legalBasisUri: legalBasis.uri,
    fieldsDelivered: ['/personidentifikator', '/inntekt/beloep'],
    outcome: 'delivered',
    ...extra,
  })
  const db = app.host.database.db
  const entries: NewAccessLogEntry[] = [
    delivered(1, {}),
    delivered(2, {
      consumerOrgnr: dnb.orgnr,
      clientId: readers.dnb.clientId,
      purposeCode: 'laanesoknad',
      ruleId: null,
      consentId: 'cr_0000000000000000test',
      legalBasisUri: null,
      fieldsDelivered: ['/inntekt/beloep'],
    }),
    delivered(3, { outcome: 'denied', reason: 'no-rule', fieldsDelivered: [], upstreamStatus: null }),
    delivered(4, { subjectFnr: lars.fnr }),
    delivered(5, { consumerOrgnr: digdir.orgnr, producerOrgnr: digdir.orgnr, datasetId: 'ds_other', subjectFnr: null }),
  ]
  const ids: string[] = []
  for (const entry of entries) ids.push((await appendAccessLog(db, entry)).id)
  return {
    datasetId,
    ruleId,
    ids,
    token: (who) => accessToken(app, readers[who], 'deling:audit.read'),
    operator: () => accessToken(app, admin, 'deling:admin'),
  }
}

export type Run = (query: string) => Promise<unknown>

/** Tampers with the stored log, runs the check, and restores the intact log whatever happened. */
export async function whileTampered(app: TestApp, tamper: (run: Run) => Promise<unknown>, check: () => Promise<void>) {
  const db = app.host.database.db
  const run: Run = (query) => db.execute(sql.raw(query))
  await run('create table access_log_backup as select * from access_log')
  try {
    await tamper(run)
    await check()
  } finally {
    await run('delete from access_log')
    await run('insert into access_log select * from access_log_backup')
    await run('drop table access_log_backup')
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url))

/** Runs the offline verifier the way a third party would: Node alone, the export on stdin. */
export function verifyOffline(jsonLines: string, args: string[] = []): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      `${root}node_modules/.bin/node`,
      [`${root}scripts/verify-access-log.mjs`, ...args],
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    )
    child.stdin!.end(jsonLines)
  })
}
