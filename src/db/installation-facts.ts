import { eq } from 'drizzle-orm'
import type { Database } from './database.ts'
import { installationFacts } from './schema/index.ts'

/**
 * A value shared by every instance of the installation (a cookie secret, say): the first instance to ask stores
 * `fresh`, and every instance, that one included, gets what was stored.
 */
export async function installationFact<Value>(db: Database, key: string, fresh: Value): Promise<Value> {
  await db.insert(installationFacts).values({ key, value: fresh }).onConflictDoNothing()
  const [row] = await db
    .select({ value: installationFacts.value })
    .from(installationFacts)
    .where(eq(installationFacts.key, key))
  return row!.value as Value
}
