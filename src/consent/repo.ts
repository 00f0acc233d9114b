import { and, asc, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { preparedQuery } from '../db/prepared.ts'
import type { RepresentationBasisKind } from '../db/schema/fullmakt.ts'
import {
  consentEvents,
  consentItems,
  consentRequests,
  organisations,
  representativeActions,
} from '../db/schema/index.ts'
import { newId } from '../ids.ts'
import type { ConsentActor, ConsentStatus } from './states.ts'

export type ConsentRow = typeof consentRequests.$inferSelect
export type ConsentItemRow = typeof consentItems.$inferSelect
export type ConsentEventRow = typeof consentEvents.$inferSelect

/** The authority a representative acted on: an authorisation, or a parent or guardian relation (src/fullmakt). */
export interface RepresentationBasis {
  kind: RepresentationBasisKind
  id: string
}

/** A representative's change to someone's consent: recorded beside the event, so the history says who acted. */
export interface ActedBy {
  representativeFnr: string
  basis: RepresentationBasis
}

export interface StoredConsent {
  row: ConsentRow
  consumerName: string
  items: ConsentItemRow[]
}

export async function insertConsentRequest(
  db: Database,
  row: typeof consentRequests.$inferInsert,
  items: Omit<ConsentItemRow, 'requestId'>[],
): Promise<void> {
  await db.insert(consentRequests).values(row)
  await db.insert(consentItems).values(items.map((item) => ({ ...item, requestId: row.id })))
  await recordEvent(
    db,
    { requestId: row.id, consumerOrgnr: row.consumerOrgnr },
    undefined,
    'pending',
    'consumer',
    row.createdAt,
  )
}

async function recordEvent(
  db: Database,
  consent: { requestId: string; consumerOrgnr: string; subjectFnr?: string },
  from: ConsentStatus | undefined,
  to: ConsentStatus,
  actor: ConsentActor,
  at: Date,
  actedBy?: ActedBy,
): Promise<void> {
  // Held to commit: events then commit in the order of their seq, so a feed reader past seq n never misses one
  // below it that was still being written. Every caller is inside a transaction.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('deling:consent-events'))`)
  const id = newId('ev')
  await db.insert(consentEvents).values({
    id,
    requestId: consent.requestId,
    consumerOrgnr: consent.consumerOrgnr,
    fromStatus: from ?? null,
    toStatus: to,
    actor,
    at,
  })
  if (actedBy && consent.subjectFnr && (to === 'accepted' || to === 'rejected' || to === 'revoked')) {
    await db.insert(representativeActions).values({
      id: newId('ra'),
      at,
      representativeFnr: actedBy.representativeFnr,
      representedFnr: consent.subjectFnr,
      basisKind: actedBy.basis.kind,
      basisId: actedBy.basis.id,
      action: `consent-${to}`,
      consentId: consent.requestId,
      consentEventId: id,
    })
  }
}

/** One consent with its consumer's name and items, locked for the transaction when `forUpdate`. */
/** A consent request's row alone, by primary key: its state, for a reader that keeps what never changes. */
// The gateway reads a consent's state on every delivery under it.
const consentRowQuery = preparedQuery((db) =>
  db
    .select()
    .from(consentRequests)
    .where(eq(consentRequests.id, sql.placeholder('id')))
    .prepare('deling_consent_row'),
)

export async function findConsentRow(db: Database, id: string) {
  const [row] = await consentRowQuery(db).execute({ id })
  return row
}

export async function findConsent(db: Database, id: string, forUpdate = false): Promise<StoredConsent | undefined> {
  const query = db
    .select({ row: consentRequests, consumerName: organisations.name })
    .from(consentRequests)
    .innerJoin(organisations, eq(organisations.orgnr, consentRequests.consumerOrgnr))
    .where(eq(consentRequests.id, id))
  const [found] = forUpdate ? await query.for('update', { of: consentRequests }) : await query
  if (!found) return undefined
  const items = await db.select().from(consentItems).where(eq(consentItems.requestId, id))
  return { ...found, items }
}

/** Moves a consent to `to` and records the event; the caller has checked the transition. */
export async function writeStatus(
  db: Database,
  row: ConsentRow,
  to: ConsentStatus,
  actor: ConsentActor,
  at: Date,
  decision?: { acr: string | undefined },
  actedBy?: ActedBy,
): Promise<void> {
  await db
    .update(consentRequests)
    .set({
      status: to,
      updatedAt: at,
      ...(decision ? { decidedAt: at, decidedAcr: decision.acr ?? null } : {}),
    })
    .where(eq(consentRequests.id, row.id))
  await recordEvent(
    db,
    { requestId: row.id, consumerOrgnr: row.consumerOrgnr, subjectFnr: row.subjectFnr },
    row.status,
    to,
    actor,
    at,
    actedBy,
  )
}

/** Pending and accepted consents whose validTo has passed, locked, so each expires exactly once. */
export async function findDueConsents(db: Database, now: Date, limit = 500): Promise<ConsentRow[]> {
  return db
    .select()
    .from(consentRequests)
    .where(and(inArray(consentRequests.status, ['pending', 'accepted']), lte(consentRequests.validTo, now)))
    .limit(limit)
    .for('update', { skipLocked: true })
}

export async function eventsAfter(db: Database, consumerOrgnr: string, afterSeq: number, limit: number) {
  return db
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.consumerOrgnr, consumerOrgnr), gt(consentEvents.seq, afterSeq)))
    .orderBy(asc(consentEvents.seq))
    .limit(limit)
}

export async function eventsOf(db: Database, requestId: string): Promise<ConsentEventRow[]> {
  return db.select().from(consentEvents).where(eq(consentEvents.requestId, requestId)).orderBy(asc(consentEvents.seq))
}

/** The consents about one citizen, newest first; with `consumerOrgnrs`, only those of these consumers. */
export async function consentIdsOfSubject(
  db: Database,
  fnr: string,
  consumerOrgnrs: readonly string[] | null = null,
): Promise<string[]> {
  if (consumerOrgnrs?.length === 0) return []
  const rows = await db
    .select({ id: consentRequests.id })
    .from(consentRequests)
    .where(
      and(
        eq(consentRequests.subjectFnr, fnr),
        consumerOrgnrs ? inArray(consentRequests.consumerOrgnr, [...consumerOrgnrs]) : undefined,
      ),
    )
    .orderBy(desc(consentRequests.createdAt))
  return rows.map((row) => row.id)
}
