import path from 'node:path'
import type { Config } from '../config.ts'
import type { DatabaseHandle } from './database.ts'
import { openPglite } from './pglite.ts'
import { openPostgres } from './postgres.ts'

/** The database the configuration names: `DATABASE_URL`, or the embedded PGlite under `DATA_DIR`. */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl)
  return openPglite(path.resolve(config.dataDir, 'pglite'))
}
