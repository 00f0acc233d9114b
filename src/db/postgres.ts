import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import type { Database, DatabaseHandle } from './database.ts'
import * as schema from './schema/index.ts'

export interface PostgresOptions {
  /** Schema to work in (tests give each file its own); default `public`. */
  schema?: string
  max?: number
  /** Workers: one short-lived client per request, without the type lookup round trip. */
  perRequest?: boolean
}

/** Opens Postgres through postgres.js. Runs on Node and on Workers (Hyperdrive or a plain connection string). */
export function openPostgres(url: string, options: PostgresOptions = {}): DatabaseHandle {
  const client = postgres(url, {
    max: options.perRequest ? 1 : (options.max ?? 10),
    fetch_types: !options.perRequest,
    connect_timeout: 5,
    // postgres.js waits up to 20 s between reconnects after repeated failures, and a request waiting for a
    // connection waits that long too: during an outage every request would hang instead of answering 503.
    // Reconnects are made on demand only, so a short pause cannot flood a database that is coming back.
    backoff: (failures: number) => Math.min(0.05 * failures, 0.5),
    idle_timeout: options.perRequest ? undefined : 60,
    onnotice: () => {},
    connection: options.schema ? { search_path: options.schema } : {},
  })
  const db = drizzle({ client, schema }) as unknown as Database
  return {
    db,
    driver: 'postgres',
    async listen(channel, onMessage) {
      const subscription = await client.listen(channel, onMessage)
      return () => subscription.unlisten()
    },
    close: () => client.end({ timeout: 5 }),
  }
}
