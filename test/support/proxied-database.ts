import { migrate } from '../../src/db/migrate.ts'
import { openPostgres } from '../../src/db/postgres.ts'
import { createTestDatabase, type TestDatabase, testDatabaseUrl, urlForSchema } from './database.ts'
import { startTcpProxy } from './tcp-proxy.ts'

export interface ProxiedDatabase {
  database: TestDatabase
  /** Between the app and Postgres: `cut()` is the database going away, `restore()` it coming back. */
  proxy: Awaited<ReturnType<typeof startTcpProxy>>
  /** A connection to the test's schema through the proxy, for `startTestApp({ database })`. */
  open(): ReturnType<typeof openPostgres>
  close(): Promise<void>
}

/** A migrated test database that the app reaches only through a TCP proxy, so a test can take it away. */
export async function databaseBehindProxy(): Promise<ProxiedDatabase> {
  const database = await createTestDatabase('postgres')
  await migrate(database.handle.db)
  const target = new URL(testDatabaseUrl)
  const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432))
  const viaProxy = new URL(urlForSchema(database.schema!))
  viaProxy.port = String(proxy.port)
  return {
    database,
    proxy,
    open: () => openPostgres(viaProxy.toString()),
    async close() {
      await proxy.close()
      await database.drop()
    },
  }
}
