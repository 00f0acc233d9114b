import { mkdir } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import type { Database, DatabaseHandle } from './database.ts'
import { lockDataDirectory } from './pglite-lock.ts'
import * as schema from './schema/index.ts'

/** Opens the embedded database: PGlite stored in `directory`, or in memory when `directory` is undefined. */
export async function openPglite(directory: string | undefined): Promise<DatabaseHandle> {
  let unlock = async () => {}
  if (directory) {
    await mkdir(directory, { recursive: true })
    unlock = await lockDataDirectory(directory)
  }
  const client = new PGlite(directory)
  try {
    await client.waitReady
  } catch (error) {
    await unlock()
    throw error
  }
  const db = drizzle({ client, schema }) as unknown as Database
  return {
    db,
    driver: 'pglite',
    async listen(channel, onMessage) {
      const unlisten = await client.listen(channel, onMessage)
      return async () => unlisten()
    },
    async close() {
      await client.close()
      await unlock()
    },
  }
}
