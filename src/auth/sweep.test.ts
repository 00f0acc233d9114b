import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../test/support/database.ts'
import { type Database, queryRows } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { citizenSessions, oidcPayloads, seenTokenIds } from '../db/schema/index.ts'
import { sweepExpiredAuthState } from './sweep.ts'

describe('sweepExpiredAuthState', () => {
  let database: TestDatabase
  let db: Database
  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    db = database.handle.db
    await migrate(db)
  })
  afterAll(() => database?.drop())

  it('deletes expired sessions, oidc records and token ids, and keeps live ones', async () => {
    const now = new Date('2026-11-23T12:00:00Z')
    const past = new Date(now.getTime() - 1000)
    const future = new Date(now.getTime() + 60_000)
    for (const [id, expiresAt] of [
      ['old', past],
      ['live', future],
    ] as const) {
      await db.insert(citizenSessions).values({ id, fnr: '12858440015', csrfToken: 'x', expiresAt })
      await db.insert(oidcPayloads).values({ model: 'Session', id, payload: {}, expiresAt })
      await db.insert(seenTokenIds).values({ jti: id, expiresAt })
    }
    await sweepExpiredAuthState(db, now)
    for (const table of ['citizen_sessions', 'oidc_payloads']) {
      expect(await queryRows(db, sql.raw(`select id from ${table}`))).toEqual([{ id: 'live' }])
    }
    expect(await queryRows(db, sql`select jti from seen_token_ids`)).toEqual([{ jti: 'live' }])
  })
})
