import { asc, eq } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { organisations } from '../db/schema/index.ts'
import { Problem } from '../http/problem.ts'
import { iso6523Id, publisherUri } from '../identifiers/orgnr.ts'

export interface Organisation {
  orgnr: string
  name: string
  iso6523Id: string
  publisherUri: string
  createdAt: string
}

const toOrganisation = (row: typeof organisations.$inferSelect): Organisation => ({
  orgnr: row.orgnr,
  name: row.name,
  iso6523Id: iso6523Id(row.orgnr),
  publisherUri: publisherUri(row.orgnr),
  createdAt: row.createdAt.toISOString(),
})

export async function listOrganisations(db: Database): Promise<Organisation[]> {
  const rows = await db.select().from(organisations).orderBy(asc(organisations.name))
  return rows.map(toOrganisation)
}

export async function findOrganisation(db: Database, orgnr: string): Promise<Organisation | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.orgnr, orgnr))
  return row ? toOrganisation(row) : undefined
}

export async function getOrganisation(db: Database, orgnr: string): Promise<Organisation> {
  const organisation = await findOrganisation(db, orgnr)
  if (!organisation) throw new Problem(404, 'not-found', `No organisation with orgnr ${orgnr}`)
  return organisation
}

/** Registers an organisation; the orgnr is validated by the caller's schema. A second registration is a conflict. */
export async function addOrganisation(db: Database, input: { orgnr: string; name: string }): Promise<Organisation> {
  const [row] = await db.insert(organisations).values(input).onConflictDoNothing().returning()
  if (!row) throw new Problem(409, 'conflict', `Organisation ${input.orgnr} is already registered`)
  return toOrganisation(row)
}
