import type { SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type * as schema from './schema/index.ts'

/** The drizzle database, whichever driver is behind it (PGlite, postgres.js, Hyperdrive). */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>

export interface DatabaseHandle {
  db: Database
  driver: 'pglite' | 'postgres'
  /** Subscribes to Postgres NOTIFY on a channel; resolves with a function that unsubscribes. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

/** Runs raw SQL and returns its rows: PGlite answers `{rows}`, postgres.js an array, so this is the one place that knows. */
export async function queryRows<Row = Record<string, unknown>>(db: Database, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[]
}
