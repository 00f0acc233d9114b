import { sql } from 'drizzle-orm'
import { getOrganisation } from '../catalog/organisations.ts'
import type { Database } from '../db/database.ts'
import type { RoleGrantor } from '../db/schema/index.ts'
import { Problem } from '../http/problem.ts'
import { newId } from '../ids.ts'
import { countAdmins, findGrant, grantsOf, heldRoles, insertGrant, presentGrant, revokeGrant } from './repo.ts'
import type { NewRoleGrant, RoleGrant } from './schemas.ts'

export type { RoleGrantor }

// One organisation's role changes one at a time, so two admins removing each other cannot leave it without one.
const lockOrganisation = (tx: Database, orgnr: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`deling:roles:${orgnr}`}))`)

/**
 * A person changes roles only as an admin, checked again under the organisation's lock: an admin whose role was
 * taken a moment ago cannot finish a change that was already on its way.
 */
async function mustBeAdmin(tx: Database, orgnr: string, by: RoleGrantor) {
  if (by.kind === 'person' && !(await heldRoles(tx, by.pid, orgnr)).includes('admin'))
    throw new Problem(403, 'forbidden', `Only an admin of ${orgnr} may change its roles`)
}

/** Gives a person a role in an organisation. Holding it already is a conflict, not a second row. */
export async function grantRole(
  db: Database,
  orgnr: string,
  grant: NewRoleGrant,
  by: RoleGrantor,
  now: Date,
): Promise<RoleGrant> {
  await getOrganisation(db, orgnr)
  const row = { id: newId('rg'), orgnr, ...grant, grantedBy: by, grantedAt: now, revokedBy: null, revokedAt: null }
  return db.transaction(async (tx) => {
    await lockOrganisation(tx, orgnr)
    await mustBeAdmin(tx, orgnr, by)
    if (!(await insertGrant(tx, row)))
      throw new Problem(409, 'conflict', `${grant.pid} already holds the role ${grant.role} in ${orgnr}`)
    return presentGrant(row)
  })
}

/**
 * Takes a role back. The row stays, with who took it and when: the organisation's delegation history. A person
 * (an admin) cannot take the last admin role: only the operator can leave an organisation without an admin.
 */
export async function revokeRole(db: Database, orgnr: string, id: string, by: RoleGrantor, now: Date) {
  return db.transaction(async (tx) => {
    await lockOrganisation(tx, orgnr)
    await mustBeAdmin(tx, orgnr, by)
    const row = await findGrant(tx, orgnr, id)
    if (!row) throw new Problem(404, 'not-found', `No role grant ${id} in organisation ${orgnr}`)
    if (row.revokedAt) throw new Problem(409, 'conflict', `Role grant ${id} was already revoked`)
    if (row.role === 'admin' && by.kind === 'person' && (await countAdmins(tx, orgnr)) <= 1)
      throw new Problem(409, 'last-admin', `${orgnr} would have no admin left; give someone else the admin role first`)
    const revoked = await revokeGrant(tx, id, by, now)
    if (!revoked) throw new Problem(409, 'conflict', `Role grant ${id} was already revoked`)
    return presentGrant(revoked)
  })
}

/** An organisation's roles: those held now, and with `history` the revoked ones too. */
export async function listRoleGrants(db: Database, orgnr: string, options: { history: boolean }) {
  await getOrganisation(db, orgnr)
  return (await grantsOf(db, orgnr, { held: !options.history })).map(({ grant, name }) => presentGrant(grant, name))
}
