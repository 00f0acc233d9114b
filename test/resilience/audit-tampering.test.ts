import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { asc, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { entryHash } from '../../src/audit/chain.ts'
import { toChainedEntry } from '../../src/audit/log.ts'
import { accessLog } from '../../src/db/schema/index.ts'
import { type AuditWorld, auditWorld, type Run, whileTampered } from '../audit/fixtures.ts'
import { startTestApp, type TestApp } from '../support/app.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

function verifyOffline(jsonLines: string, args: string[] = []): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      `${root}node_modules/.bin/node`,
      [`${root}scripts/verify-access-log.mjs`, ...args],
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    )
    child.stdin!.end(jsonLines)
  })
}

/**
 * Every kind of change an administrator can make to the stored log by hand, each checked by the API and by the
 * offline script on a fresh export. test/audit/audit.test.ts covers the API's messages; this is the full matrix.
 */
describe('audit integrity: changes made directly in the database', () => {
  let app: TestApp
  let world: AuditWorld
  let lastHash: string
  const operator = async () => ({ token: await world.operator() })
  const exported = async () =>
    (await fetch(`${app.url}/audit/export`, { headers: { Authorization: `Bearer ${await world.operator()}` } })).text()

  /** An entry with the content of `seq`, reworded, chained as if it had always been at `at`. */
  async function forgedEntry(seq: number, at: number, prevHash: string) {
    const db = app.host.database.db
    const [row] = await db
      .select()
      .from(accessLog)
      .orderBy(asc(accessLog.seq))
      .offset(seq - 1)
      .limit(1)
    const content = { ...toChainedEntry(row!), id: `al_forged${at}`, purposeCode: 'kontroll' }
    const hash = await entryHash(at, prevHash, content)
    const value = (text: string | null) => (text === null ? 'null' : `'${text.replaceAll("'", "''")}'`)
    return {
      hash,
      insert: `insert into access_log (seq, id, at, request_id, consumer_orgnr, client_id, producer_orgnr, dataset_id,
        subject_fnr, purpose_code, rule_id, consent_id, legal_basis_uri, fields_delivered, outcome, reason,
        upstream_status, prev_hash, hash) values (${at}, ${value(content.id)}, ${value(content.at)}, ${value(content.requestId)},
        ${value(content.consumerOrgnr)}, ${value(content.clientId)}, ${value(content.producerOrgnr)}, ${value(content.datasetId)},
        ${value(content.subjectFnr)}, ${value(content.purposeCode)}, ${value(content.ruleId)}, ${value(content.consentId)},
        ${value(content.legalBasisUri)}, array[${content.fieldsDelivered.map(value).join(',')}]::text[], ${value(content.outcome)},
        ${value(content.reason)}, ${content.upstreamStatus ?? 'null'}, ${value(prevHash)}, ${value(hash)})`,
    }
  }
  const hashOf = async (seq: number) =>
    (
      await app.host.database.db
        .select()
        .from(accessLog)
        .orderBy(asc(accessLog.seq))
        .offset(seq - 1)
        .limit(1)
    )[0]!.hash

  beforeAll(async () => {
    app = await startTestApp()
    world = await auditWorld(app)
    const verdict = await app.get('/audit/verify', await operator())
    expect(verdict.body).toMatchObject({ valid: true, entries: 5 })
    lastHash = verdict.body.lastHash
  })
  afterAll(() => app?.close())

  const tamperings: [string, (run: Run) => Promise<unknown>][] = [
    ['a changed field', (run) => run(`update access_log set subject_fnr = '03917920183' where seq = 2`)],
    ['a changed time', (run) => run(`update access_log set at = at + interval '1 second' where seq = 4`)],
    ['a deleted entry in the middle', (run) => run('delete from access_log where seq = 3')],
    ['the first entry deleted', (run) => run('delete from access_log where seq = 1')],
    [
      'two entries swapped',
      async (run) => {
        await run('update access_log set seq = -1 where seq = 2')
        await run('update access_log set seq = 2 where seq = 4')
        await run('update access_log set seq = 4 where seq = -1')
      },
    ],
    [
      'an entry inserted in the middle, chained to the one before',
      async (run) => {
        const forged = await forgedEntry(2, 3, await hashOf(2))
        await run('update access_log set seq = seq + 100 where seq >= 3')
        await run('update access_log set seq = seq - 99 where seq >= 103')
        await run(forged.insert)
      },
    ],
    [
      'an entry appended with a made-up hash',
      async (run) => {
        const forged = await forgedEntry(5, 6, await hashOf(5))
        await run(forged.insert.replace(`'${forged.hash}'`, `'${'ab'.repeat(32)}'`))
      },
    ],
    [
      'an entry rewritten with its hash recomputed',
      async (run) => {
        const forged = await forgedEntry(2, 2, await hashOf(1))
        await run(`update access_log set purpose_code = 'kontroll', hash = '${forged.hash}' where seq = 2`)
      },
    ],
  ]

  it.each(tamperings)('detects %s, through /audit/verify and offline', async (_name, tamper) => {
    await whileTampered(app, tamper, async () => {
      const verdict = await app.get('/audit/verify', await operator())
      expect(verdict.status).toBe(200)
      expect(verdict.body.valid).toBe(false)
      expect(verdict.body.firstBroken).toMatchObject({ seq: expect.any(Number), problem: expect.any(String) })
      const offline = await verifyOffline(await exported())
      expect(offline.code, offline.output).toBe(1)
      expect(offline.output).toMatch(/^broken: entry \d+/)
    })
    expect((await app.get('/audit/verify', await operator())).body).toMatchObject({ valid: true, lastHash })
  })

  it('detects an entry appended with a correct hash only against a last hash kept elsewhere', async () => {
    await whileTampered(
      app,
      async (run) => run((await forgedEntry(5, 6, lastHash)).insert),
      async () => {
        // Whoever can write the database can extend the chain: the chain alone cannot tell (docs/audit.md).
        expect((await app.get('/audit/verify', await operator())).body).toMatchObject({ valid: true, entries: 6 })
        const offline = await verifyOffline(await exported(), ['--last', lastHash])
        expect(offline).toMatchObject({ code: 1, output: expect.stringMatching(/not the anchored/) })
      },
    )
  })

  it('leaves the log as it was after every check', async () => {
    const rows = await app.host.database.db.execute(sql`select count(*)::int as n from access_log`)
    const count = Array.isArray(rows) ? rows[0]?.n : (rows as { rows: { n: number }[] }).rows[0]?.n
    expect(count).toBe(5)
  })
})
