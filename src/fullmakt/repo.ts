import { and, count, desc, eq, gt, inArray, isNull, lte } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import {
  actingForSessions,
  authorisations,
  consentRequests,
  organisations,
  persons,
  representationRelations,
  representativeActions,
} from '../db/schema/index.ts'
import { newId } from '../ids.ts'

export type AuthorisationRow = typeof authorisations.$inferSelect
export type RelationRow = typeof representationRelations.$inferSelect
export type RepresentativeActionRow = typeof representativeActions.$inferSelect

export async function insertAuthorisation(db: Database, row: AuthorisationRow): Promise<void> {
  await db.insert(authorisations).values(row)
}

export async function findAuthorisation(db: Database, id: string, forUpdate = false) {
  const query = db.select().from(authorisations).where(eq(authorisations.id, id))
  const [row] = forUpdate ? await query.for('update') : await query
  return row
}

/** Every authorisation a person gave or received (revoked and expired ones too), newest first. */
export async function authorisationsOf(db: Database, fnr: string, role: 'giver' | 'representative') {
  const column = role === 'giver' ? authorisations.giverFnr : authorisations.representativeFnr
  return db.select().from(authorisations).where(eq(column, fnr)).orderBy(desc(authorisations.createdAt))
}

/**
 * Authorisations in force at `now` that the representative holds, optionally from one giver only. `lock`: hold them
 * (FOR SHARE) until the transaction ends, so that a revocation, which takes the row FOR UPDATE, either waits for
 * the change made under the authorisation or, committed first, is seen by it.
 */
export async function authorisationsInForce(
  db: Database,
  representativeFnr: string,
  now: Date,
  giverFnr?: string,
  lock = false,
): Promise<AuthorisationRow[]> {
  const query = db
    .select()
    .from(authorisations)
    .where(
      and(
        eq(authorisations.representativeFnr, representativeFnr),
        giverFnr ? eq(authorisations.giverFnr, giverFnr) : undefined,
        isNull(authorisations.revokedAt),
        lte(authorisations.validFrom, now),
        gt(authorisations.validTo, now),
      ),
    )
  return lock ? query.for('share') : query
}

export async function markRevoked(db: Database, id: string, byFnr: string, at: Date): Promise<void> {
  await db.update(authorisations).set({ revokedAt: at, revokedByFnr: byFnr }).where(eq(authorisations.id, id))
}

/** Relations where the person is the representative (`representative`) or the one represented. */
export async function relationsOf(
  db: Database,
  fnr: string,
  role: 'representative' | 'represented',
  representedFnr?: string,
): Promise<RelationRow[]> {
  const column =
    role === 'representative' ? representationRelations.representativeFnr : representationRelations.representedFnr
  return db
    .select()
    .from(representationRelations)
    .where(
      and(eq(column, fnr), representedFnr ? eq(representationRelations.representedFnr, representedFnr) : undefined),
    )
}

/** Adds a relation unless the same one is there (the demo seed runs at every start). */
export async function addRelation(db: Database, relation: Omit<RelationRow, 'id' | 'createdAt'>, at: Date) {
  await db
    .insert(representationRelations)
    .values({ ...relation, id: newId('rr'), createdAt: at })
    .onConflictDoNothing()
}

export async function actingChoice(db: Database, sessionId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ fnr: actingForSessions.representedFnr })
    .from(actingForSessions)
    .where(eq(actingForSessions.sessionId, sessionId))
  return row?.fnr
}

export async function setActingChoice(db: Database, sessionId: string, representedFnr: string, at: Date) {
  await db
    .insert(actingForSessions)
    .values({ sessionId, representedFnr, chosenAt: at })
    .onConflictDoUpdate({ target: actingForSessions.sessionId, set: { representedFnr, chosenAt: at } })
}

export async function clearActingChoice(db: Database, sessionId: string): Promise<void> {
  await db.delete(actingForSessions).where(eq(actingForSessions.sessionId, sessionId))
}

export async function insertAction(db: Database, action: Omit<RepresentativeActionRow, 'seq' | 'id'>): Promise<void> {
  await db.insert(representativeActions).values({ ...action, id: newId('ra') })
}

/** What representatives did for a person, newest first. */
export async function actionsFor(db: Database, representedFnr: string, limit: number) {
  const rows = await db
    .select({ action: representativeActions, consumerName: organisations.name })
    .from(representativeActions)
    .leftJoin(consentRequests, eq(consentRequests.id, representativeActions.consentId))
    .leftJoin(organisations, eq(organisations.orgnr, consentRequests.consumerOrgnr))
    .where(eq(representativeActions.representedFnr, representedFnr))
    .orderBy(desc(representativeActions.seq))
    .limit(limit)
  const [total] = await db
    .select({ n: count() })
    .from(representativeActions)
    .where(eq(representativeActions.representedFnr, representedFnr))
  return { rows, total: total?.n ?? 0 }
}

/** The representative behind each of these consent events, for the consent's history. */
export async function representativesOfEvents(db: Database, eventIds: string[]) {
  if (!eventIds.length) return []
  return db
    .select({
      eventId: representativeActions.consentEventId,
      representativeFnr: representativeActions.representativeFnr,
    })
    .from(representativeActions)
    .where(inArray(representativeActions.consentEventId, eventIds))
}

/** Names from the person register; a number without one is shown as the number. */
export async function personNames(db: Database, fnrs: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(fnrs)]
  if (!unique.length) return new Map()
  const rows = await db.select().from(persons).where(inArray(persons.fnr, unique))
  return new Map(rows.map((row) => [row.fnr, row.name]))
}

/** Pending, unexpired consent requests about these people, counted per subject and consumer. */
export async function pendingRequestCounts(db: Database, subjectFnrs: string[], now: Date) {
  if (!subjectFnrs.length) return []
  return db
    .select({ subjectFnr: consentRequests.subjectFnr, orgnr: consentRequests.consumerOrgnr, n: count() })
    .from(consentRequests)
    .where(
      and(
        inArray(consentRequests.subjectFnr, subjectFnrs),
        eq(consentRequests.status, 'pending'),
        gt(consentRequests.validTo, now),
      ),
    )
    .groupBy(consentRequests.subjectFnr, consentRequests.consumerOrgnr)
}
