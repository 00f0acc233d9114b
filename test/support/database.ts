import postgres from 'postgres'
import type { DatabaseHandle } from '../../src/db/database.ts'
import { openPglite } from '../../src/db/pglite.ts'
import { openPostgres } from '../../src/db/postgres.ts'

/** The Postgres that tests run against. It must be up: tests that need it fail loudly, never skip. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

export type Driver = 'postgres' | 'pglite'

export interface TestDatabase {
  handle: DatabaseHandle
  /** The schema this test file works in (Postgres only). */
  schema: string | undefined
  drop(): Promise<void>
}

/** A fresh, empty database for one test file: its own schema in Postgres, or an in-memory PGlite. */
export async function createTestDatabase(driver: Driver = 'postgres'): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const handle = await openPglite(undefined)
    return { handle, schema: undefined, drop: () => handle.close() }
  }
  const schema = `t_${crypto.randomUUID().replaceAll('-', '').slice(0, 16)}`
  const admin = postgres(testDatabaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 })
  try {
    await admin.unsafe(`create schema ${schema}`)
  } catch (error) {
    await admin.end()
    throw new Error(`Tests need Postgres at ${testDatabaseUrl} (set TEST_DATABASE_URL): ${(error as Error).message}`)
  }
  const handle = openPostgres(testDatabaseUrl, { schema })
  return {
    handle,
    schema,
    async drop() {
      await handle.close()
      await admin.unsafe(`drop schema ${schema} cascade`)
      await admin.end()
    },
  }
}

/** A connection URL that works inside `schema`, for child processes (CLI, Worker) in tests. */
export const urlForSchema = (schema: string) =>
  `${testDatabaseUrl}${testDatabaseUrl.includes('?') ? '&' : '?'}search_path=${schema}`
