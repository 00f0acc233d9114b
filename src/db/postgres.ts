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
