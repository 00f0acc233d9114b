import { eq, sql } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { installationFacts, persons } from '../db/schema/index.ts'
import type { DemoPerson } from './persons.ts'

const markerKey = 'demo-seed'

export interface SeedMarker {
  version: number
  appliedAt: string
}

/** Waits until no other instance is seeding; held until the transaction ends. */
export async function lockDemoSeed(tx: Database): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('deling:demo-seed'))`)
}

/** The last applied demo seed version, 0 when the seed never ran. */
export async function readSeedVersion(db: Database): Promise<number> {
  const [row] = await db
    .select({ value: installationFacts.value })
    .from(installationFacts)
    .where(eq(installationFacts.key, markerKey))
  return (row?.value as SeedMarker | undefined)?.version ?? 0
}

export async function writeSeedMarker(db: Database, marker: SeedMarker): Promise<void> {
  await db
    .insert(installationFacts)
    .values({ key: markerKey, value: marker })
    .onConflictDoUpdate({ target: installationFacts.key, set: { value: marker, updatedAt: sql`now()` } })
}

/** Adds the persons that are missing; a name someone changed since is kept. */
export async function addMissingPersons(db: Database, list: readonly DemoPerson[]): Promise<void> {
  await db
    .insert(persons)
    .values([...list])
    .onConflictDoNothing()
}
