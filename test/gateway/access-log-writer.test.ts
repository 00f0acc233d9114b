import { asc } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccessLogWriter, appendAccessLog } from '../../src/audit/log.ts'
import { verifyAccessLog } from '../../src/audit/verify.ts'
import type { DatabaseHandle } from '../../src/db/database.ts'
import { migrate } from '../../src/db/migrate.ts'
import { openPostgres } from '../../src/db/postgres.ts'
import { accessLog } from '../../src/db/schema/index.ts'
import { accessLogEntry } from '../support/access-log.ts'
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../support/database.ts'

const entry = (requestId: string) => accessLogEntry(requestId)

// The Node host's writer remembers the log's tail and appends a batch in one statement; these are the cases where
// its memory is wrong because someone else appended: another instance's writer, or a transaction of its own kind.
describe('the batching access-log writer on a log that others append to', () => {
  let database: TestDatabase
  let second: DatabaseHandle
  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    await migrate(database.handle.db)
    second = openPostgres(testDatabaseUrl, { schema: database.schema! })
  })
  afterAll(async () => {
    await second?.close()
    await database?.drop()
  })

  it('keeps one chain, each entry once, when two instances’ writers and single appends interleave', async () => {
    const a = new AccessLogWriter(database.handle.db, { maxBatch: 5 })
    const b = new AccessLogWriter(second.db, 3)
    const requestIds: string[] = []
    const appends: Promise<unknown>[] = []
    for (let round = 0; round < 6; round++) {
      for (let n = 0; n < 7; n++) {
        const id = `req_${round}_${n}`
        requestIds.push(id)
        const target = n % 3
        appends.push(
          target === 0
            ? a.append(entry(id))
            : target === 1
              ? b.append(entry(id))
              : appendAccessLog(second.db, entry(id)),
        )
      }
      await Promise.all(appends)
    }
    const rows = await database.handle.db.select().from(accessLog).orderBy(asc(accessLog.seq))
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, i) => i + 1))
    expect(rows.map((row) => row.requestId).sort()).toEqual([...requestIds].sort())
    expect(rows[0]).toMatchObject({ fieldsDelivered: ['/inntekt/beloep', '/inntekt/periode'], upstreamStatus: 200 })
    expect(rows[0]!.at.toISOString()).toBe('2026-11-23T12:00:00.123Z')
    expect(await verifyAccessLog(database.handle.db, 7)).toMatchObject({ valid: true, entries: requestIds.length })
  })

  it('hashes the same with node:crypto as with Web Crypto: a chain written both ways verifies', async () => {
    const { createHash } = await import('node:crypto')
    const before = await verifyAccessLog(database.handle.db, 100)
    const writer = new AccessLogWriter(database.handle.db, {
      sha256: (text) => createHash('sha256').update(text).digest('hex'),
    })
    await Promise.all(Array.from({ length: 12 }, (_, n) => writer.append(entry(`node_${n}`))))
    await appendAccessLog(second.db, entry('web'))
    await writer.append(entry('node_after'))
    expect(await verifyAccessLog(database.handle.db, 100)).toMatchObject({ valid: true, entries: before.entries + 14 })
  })
})
