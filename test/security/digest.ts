import { sql } from 'drizzle-orm'
import { queryRows } from '../../src/db/database.ts'
import type { TestApp } from '../support/app.ts'

/** One hash per table of the test's own schema: equal digests mean no row was added, removed or changed. */
export type Digest = Record<string, string>

/**
 * Columns that change by design on any request: a citizen session's idle deadline moves forward as the citizen
 * uses the portal (at most once a minute), refused requests included.
 */
const ignoredColumns: Record<string, string[]> = { citizen_sessions: ['expires_at'] }

/** A function that digests every table of the app's schema, in one statement. */
export async function tableDigester(app: TestApp): Promise<() => Promise<Digest>> {
  const schema = app.database.schema
  if (!schema) throw new Error('the digest reads a Postgres schema')
  const db = app.host.database.db
  const tables = (
    await queryRows<{ name: string }>(
      db,
      sql`select table_name as name from information_schema.tables
          where table_schema = ${schema} and table_type = 'BASE TABLE' order by table_name`,
    )
  ).map((row) => row.name)
  const row = (table: string) =>
    ignoredColumns[table]
      ? `(to_jsonb(t) - array[${ignoredColumns[table].map((c) => `'${c}'`).join(',')}])::text`
      : 't::text'
  const statement = tables
    .map(
      (table) =>
        `select '${table}' as name, md5(coalesce(string_agg(${row(table)}, '|' order by ${row(table)}), '')) as hash from "${schema}"."${table}" t`,
    )
    .join(' union all ')
  return async () =>
    Object.fromEntries(
      (await queryRows<{ name: string; hash: string }>(db, sql.raw(statement))).map((row) => [row.name, row.hash]),
    )
}

/** The tables whose hash differs. */
export const changedTables = (before: Digest, after: Digest) =>
  Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table])
