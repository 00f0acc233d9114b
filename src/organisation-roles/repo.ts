import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { organisationRoles, organisations, persons, type RoleGrantor } from '../db/schema/index.ts'
import type { OrganisationRoleName, RoleGrant } from './schemas.ts'

type RoleRow = typeof organisationRoles.$inferSelect

export const presentGrant = (row: RoleRow, name?: string | null): RoleGrant => ({
  id: row.id,
  orgnr: row.orgnr,
  pid: row.pid,
  ...(name ? { name } : {}),
  role: row.role,
  grantedBy: row.grantedBy,
  grantedAt: row.grantedAt.toISOString(),
  ...(row.revokedBy ? { revokedBy: row.revokedBy } : {}),
  ...(row.revokedAt ? { revokedAt: row.revokedAt.toISOString() } : {}),
})

/** Inserts a grant unless the person already holds the role there; the partial unique index decides races. */
export async function insertGrant(db: Database, row: RoleRow): Promise<boolean> {
  const inserted = await db
    .insert(organisationRoles)
    .values(row)
    .onConflictDoNothing({
      target: [organisationRoles.orgnr, organisationRoles.pid, organisationRoles.role],
      where: sql`revoked_at is null`,
    })
    .returning({ id: organisationRoles.id })
  return inserted.length > 0
}

export async function findGrant(db: Database, orgnr: string, id: string): Promise<RoleRow | undefined> {
  const [row] = await db
    .select()
    .from(organisationRoles)
    .where(and(eq(organisationRoles.orgnr, orgnr), eq(organisationRoles.id, id)))
  return row
}

export async function revokeGrant(db: Database, id: string, by: RoleGrantor, at: Date): Promise<RoleRow | undefined> {
  const [row] = await db
    .update(organisationRoles)
    .set({ revokedBy: by, revokedAt: at })
    .where(and(eq(organisationRoles.id, id), isNull(organisationRoles.revokedAt)))
    .returning()
  return row
}

/**
 * The grants of an organisation, held ones first, then the history of revoked ones (newest first), with the
 * person's name where the person register knows it.
 */
export async function grantsOf(db: Database, orgnr: string, options: { held: boolean }) {
  return db
    .select({ grant: organisationRoles, name: persons.name })
    .from(organisationRoles)
    .leftJoin(persons, eq(persons.fnr, organisationRoles.pid))
    .where(and(eq(organisationRoles.orgnr, orgnr), options.held ? isNull(organisationRoles.revokedAt) : undefined))
    .orderBy(
      sql`${organisationRoles.revokedAt} is not null`,
      desc(organisationRoles.revokedAt),
      asc(organisationRoles.grantedAt),
    )
}

export async function heldRoles(db: Database, pid: string, orgnr: string): Promise<OrganisationRoleName[]> {
  const rows = await db
    .select({ role: organisationRoles.role })
    .from(organisationRoles)
    .where(and(eq(organisationRoles.pid, pid), eq(organisationRoles.orgnr, orgnr), isNull(organisationRoles.revokedAt)))
  return rows.map((row) => row.role)
}

export async function countAdmins(db: Database, orgnr: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(organisationRoles)
    .where(
      and(eq(organisationRoles.orgnr, orgnr), eq(organisationRoles.role, 'admin'), isNull(organisationRoles.revokedAt)),
    )
  return row?.count ?? 0
}

/** The organisations a person may act for, by name, with the roles held in each. */
export async function organisationsOfPerson(db: Database, pid: string) {
  const rows = await db
    .select({ orgnr: organisations.orgnr, name: organisations.name, role: organisationRoles.role })
    .from(organisationRoles)
    .innerJoin(organisations, eq(organisations.orgnr, organisationRoles.orgnr))
    .where(and(eq(organisationRoles.pid, pid), isNull(organisationRoles.revokedAt)))
    .orderBy(asc(organisations.name), asc(organisationRoles.role))
  const byOrgnr = new Map<string, { orgnr: string; name: string; roles: OrganisationRoleName[] }>()
  for (const row of rows) {
    const entry = byOrgnr.get(row.orgnr) ?? { orgnr: row.orgnr, name: row.name, roles: [] }
    entry.roles.push(row.role)
    byOrgnr.set(row.orgnr, entry)
  }
  return [...byOrgnr.values()]
}
