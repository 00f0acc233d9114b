import { findOrganisation } from '../catalog/organisations.ts'
import type { Database } from '../db/database.ts'
import type { RepresentationBasisKind, RepresentativeActionKind } from '../db/schema/fullmakt.ts'
import { type FieldError, Problem, validationFailed } from '../http/problem.ts'
import { newId } from '../ids.ts'
import { isMinorAt } from './birth-date.ts'
import {
  type AuthorisationRow,
  actionsFor,
  authorisationsInForce,
  authorisationsOf,
  findAuthorisation,
  insertAuthorisation,
  markRevoked,
  pendingRequestCounts,
  personNames,
  type RelationRow,
  relationsOf,
} from './repo.ts'
import type { Authorisation, RepresentedPerson } from './schemas.ts'
import { type Grant, grantFor, relationRights, rightsOf, rightsSummary, visibleOrgnrs } from './scope.ts'

// The common power-of-attorney services let a fullmakt run for years; three is long enough to need a renewal.
const maxValidityMs = 3 * 366 * 24 * 3600 * 1000

/** A new authorisation as the service takes it, from the API's JSON or the page's form. */
export interface AuthorisationInput {
  representative: string
  scope: Authorisation['scope']
  accept: boolean
  orgnrs: string[] | null
  validFrom: Date | undefined
  validTo: Date
}

function statusOf(row: AuthorisationRow, now: Date): Authorisation['status'] {
  if (row.revokedAt) return 'revoked'
  if (row.validTo <= now) return 'expired'
  return row.validFrom > now ? 'scheduled' : 'active'
}

async function present(db: Database, rows: AuthorisationRow[], now: Date): Promise<Authorisation[]> {
  const names = await personNames(
    db,
    rows.flatMap((row) => [row.giverFnr, row.representativeFnr]),
  )
  const person = (fnr: string) => ({ fnr, name: names.get(fnr) ?? null })
  return rows.map((row) => ({
    id: row.id,
    giver: person(row.giverFnr),
    representative: person(row.representativeFnr),
    scope: row.scope,
    accept: row.mayAccept,
    orgnrs: row.orgnrs,
    validFrom: row.validFrom.toISOString(),
    validTo: row.validTo.toISOString(),
    status: statusOf(row, now),
    createdAt: row.createdAt.toISOString(),
    ...(row.revokedAt ? { revokedAt: row.revokedAt.toISOString() } : {}),
    ...(row.revokedByFnr ? { revokedBy: row.revokedByFnr === row.giverFnr ? 'giver' : 'representative' } : {}),
  }))
}

/**
 * The giver authorises a representative. The giver is the logged-in citizen acting for themselves: nobody passes
 * on authority they hold for someone else.
 */
export async function createAuthorisation(
  db: Database,
  giverFnr: string,
  input: AuthorisationInput,
  now: Date,
  place: FieldError['in'] = 'body',
): Promise<Authorisation> {
  const errors: FieldError[] = []
  const fail = (pointer: string, detail: string) => errors.push({ in: place, pointer, detail })
  if (input.representative === giverFnr) fail('/representative', 'you cannot authorise yourself')
  const validFrom = input.validFrom && input.validFrom > now ? input.validFrom : now
  if (input.validTo <= validFrom) fail('/validTo', 'must be after validFrom and in the future')
  else if (input.validTo.getTime() - now.getTime() > maxValidityMs)
    fail('/validTo', 'must be at most three years ahead')
  const orgnrs = input.orgnrs ? [...new Set(input.orgnrs)].sort() : null
  for (const [i, orgnr] of (orgnrs ?? []).entries())
    if (!(await findOrganisation(db, orgnr))) fail(`/orgnrs/${i}`, `no organisation ${orgnr} is known to Deling`)
  if (errors.length) throw validationFailed(errors)
  const row: AuthorisationRow = {
    id: newId('fm'),
    giverFnr,
    representativeFnr: input.representative,
    scope: input.scope,
    mayAccept: input.accept,
    orgnrs,
    validFrom,
    validTo: input.validTo,
    createdAt: now,
    revokedAt: null,
    revokedByFnr: null,
  }
  await insertAuthorisation(db, row)
  return (await present(db, [row], now))[0]!
}

/** The authorisations a citizen gave and received, in every state, newest first. */
export async function listAuthorisations(db: Database, fnr: string, now: Date) {
  const [given, received] = await Promise.all([
    authorisationsOf(db, fnr, 'giver'),
    authorisationsOf(db, fnr, 'representative'),
  ])
  return { given: await present(db, given, now), received: await present(db, received, now) }
}

/**
 * Ends an authorisation at once: the giver revokes it, or the representative gives it up. Anybody else gets 404;
 * one that already ended gets 409.
 */
export async function revokeAuthorisation(db: Database, fnr: string, id: string, now: Date): Promise<Authorisation> {
  return db.transaction(async (tx) => {
    const row = await findAuthorisation(tx, id, true)
    if (!row || (row.giverFnr !== fnr && row.representativeFnr !== fnr))
      throw new Problem(404, 'not-found', `No authorisation ${id}`)
    const status = statusOf(row, now)
    if (status === 'revoked' || status === 'expired')
      throw new Problem(409, 'conflict', `Authorisation ${id} is ${status} already`)
    await markRevoked(tx, id, fnr, now)
    return (await present(tx, [{ ...row, revokedAt: now, revokedByFnr: fnr }], now))[0]!
  })
}

/** A parent relation holds while the child is a minor; a guardianship for its period. Both within their own dates. */
export function relationInForce(relation: RelationRow, now: Date): boolean {
  if (relation.validFrom && relation.validFrom > now) return false
  if (relation.validTo && relation.validTo <= now) return false
  return relation.kind === 'guardian' || isMinorAt(relation.representedFnr, now)
}

const relationGrant = (relation: RelationRow): Grant => ({
  basis: { kind: relation.kind, id: relation.id },
  rights: relationRights,
  orgnrs: null,
  validTo: relation.validTo,
})

const authorisationGrant = (row: AuthorisationRow): Grant => ({
  basis: { kind: 'authorisation', id: row.id },
  rights: rightsOf(row.scope, row.mayAccept),
  orgnrs: row.orgnrs,
  validTo: row.validTo,
})

/** Every grant in force at `now` by which `representativeFnr` may act for others, per represented person. */
async function grantsByPerson(
  db: Database,
  representativeFnr: string,
  now: Date,
  representedFnr?: string,
  lock = false,
) {
  const [authorised, related] = await Promise.all([
    authorisationsInForce(db, representativeFnr, now, representedFnr, lock),
    relationsOf(db, representativeFnr, 'representative', representedFnr),
  ])
  const byPerson = new Map<string, Grant[]>()
  const add = (fnr: string, grant: Grant) => byPerson.set(fnr, [...(byPerson.get(fnr) ?? []), grant])
  for (const relation of related)
    if (relationInForce(relation, now)) add(relation.representedFnr, relationGrant(relation))
  for (const row of authorised) add(row.giverFnr, authorisationGrant(row))
  return byPerson
}

/**
 * The grants by which a representative may act for one person now; empty when none holds. `lock`, inside the
 * transaction of a change made under them: the authorisations cannot be revoked until it commits
 * (authorisationsInForce).
 */
export async function grantsOver(
  db: Database,
  representativeFnr: string,
  representedFnr: string,
  now: Date,
  lock = false,
) {
  if (representativeFnr === representedFnr) return []
  return (await grantsByPerson(db, representativeFnr, now, representedFnr, lock)).get(representedFnr) ?? []
}

/** Everyone the citizen may act for now, with why, what they may do and how many requests await an answer. */
export async function representedPeople(
  db: Database,
  representativeFnr: string,
  now: Date,
): Promise<RepresentedPerson[]> {
  const byPerson = await grantsByPerson(db, representativeFnr, now)
  const fnrs = [...byPerson.keys()]
  const [names, pending] = await Promise.all([personNames(db, fnrs), pendingRequestCounts(db, fnrs, now)])
  return fnrs
    .map((fnr) => describeRepresented(fnr, names.get(fnr) ?? null, byPerson.get(fnr)!, pending))
    .sort((a, b) => (a.name ?? a.fnr).localeCompare(b.name ?? b.fnr, 'nb'))
}

/** One represented person as the chooser shows them; pending requests counted only where the grants let them see. */
export function describeRepresented(
  fnr: string,
  name: string | null,
  grants: Grant[],
  pending: { subjectFnr: string; orgnr: string; n: number }[],
): RepresentedPerson {
  const visible = pending.filter((count) => count.subjectFnr === fnr && grantFor(grants, 'view', count.orgnr))
  return {
    fnr,
    name,
    bases: [...new Set(grants.map((grant) => grant.basis.kind))],
    rights: rightsSummary(grants),
    orgnrs: visibleOrgnrs(grants),
    pendingRequests: visible.reduce((sum, count) => sum + count.n, 0),
  }
}

/** The parents and guardians who may act for a person now, for that person's own page. */
export async function representativesOf(db: Database, representedFnr: string, now: Date) {
  const relations = (await relationsOf(db, representedFnr, 'represented')).filter((relation) =>
    relationInForce(relation, now),
  )
  const names = await personNames(
    db,
    relations.map((relation) => relation.representativeFnr),
  )
  return relations.map((relation) => ({
    kind: relation.kind,
    fnr: relation.representativeFnr,
    name: names.get(relation.representativeFnr) ?? null,
  }))
}

/** One thing a representative did for a person, as that person reads it on "my page". */
export interface RepresentativeActivity {
  id: string
  at: string
  representative: { fnr: string; name: string | null }
  basis: RepresentationBasisKind
  action: RepresentativeActionKind
  consentId: string | null
  consumerName: string | null
}

/** What representatives did for a person, newest first, with how many such actions there are in all. */
export async function representativeActivity(db: Database, representedFnr: string, limit: number) {
  const { rows, total } = await actionsFor(db, representedFnr, limit)
  const names = await personNames(
    db,
    rows.map((row) => row.action.representativeFnr),
  )
  const items: RepresentativeActivity[] = rows.map(({ action, consumerName }) => ({
    id: action.id,
    at: action.at.toISOString(),
    representative: { fnr: action.representativeFnr, name: names.get(action.representativeFnr) ?? null },
    basis: action.basisKind,
    action: action.action,
    consentId: action.consentId,
    consumerName,
  }))
  return { items, total }
}
