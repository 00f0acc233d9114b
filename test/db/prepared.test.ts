import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccessLogWriter } from '../../src/audit/log.ts'
import { verifyAccessLog } from '../../src/audit/verify.ts'
import { readCatalogVersion } from '../../src/catalog/datasets.repo.ts'
import { findConsentRow } from '../../src/consent/repo.ts'
import { queryRows } from '../../src/db/database.ts'
import { migrate } from '../../src/db/migrate.ts'
import { openPostgres } from '../../src/db/postgres.ts'
import { organisations } from '../../src/db/schema/index.ts'
import { accessLogEntry } from '../support/access-log.ts'
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../support/database.ts'

// One connection, so that pg_prepared_statements (per session) shows what this handle's queries left behind.
describe('queries of hot paths are prepared on the server', () => {
  let database: TestDatabase
  let single: ReturnType<typeof openPostgres>
  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    single = openPostgres(testDatabaseUrl, { schema: database.schema!, max: 1 })
    await migrate(single.db)
  })
  afterAll(async () => {
    await single?.close()
    await database?.drop()
  })

  const preparedLike = async (fragment: string) => {
    const [row] = await queryRows<{ n: number }>(
      single.db,
      sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%${fragment}%`}`,
    )
    return row!.n
  }

  it('plans the catalog version and a consent state read once per connection, however often they run', async () => {
    for (let i = 0; i < 3; i++) {
      expect(await readCatalogVersion(single.db)).toBeGreaterThanOrEqual(0)
      expect(await findConsentRow(single.db, `cs_missing${i}`)).toBeUndefined()
    }
    expect(await preparedLike('"catalog_version"')).toBe(1)
    expect(await preparedLike('from "consent_requests"')).toBe(1)
  })

  it('prepares the access log’s batch insert once, and the batches it wrote form one valid chain', async () => {
    const writer = new AccessLogWriter(single.db)
    for (let batch = 0; batch < 3; batch++)
      await Promise.all(Array.from({ length: 4 }, (_, n) => writer.append(accessLogEntry(`req_${batch}_${n}`))))
    expect(await preparedLike('insert into access_log')).toBe(1)
    expect(await verifyAccessLog(single.db, 100)).toMatchObject({ valid: true, entries: 12 })
  })

  it('leaves other queries unnamed (drizzle’s default), so the check above means something', async () => {
    await single.db.select().from(organisations)
    expect(await preparedLike('from "organisations"')).toBe(0)
  })
})

describe('the prepared statements on the embedded database (PGlite)', () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase('pglite')
    await migrate(database.handle.db)
  })
  afterAll(async () => database?.drop())

  it('reads the catalog version and appends access-log batches that verify', async () => {
    const { db } = database.handle
    expect(await readCatalogVersion(db)).toBeGreaterThanOrEqual(0)
    const writer = new AccessLogWriter(db)
    for (let batch = 0; batch < 2; batch++)
      await Promise.all(Array.from({ length: 3 }, (_, n) => writer.append(accessLogEntry(`req_${batch}_${n}`))))
    expect(await verifyAccessLog(db, 100)).toMatchObject({ valid: true, entries: 6 })
  })
})
