import { and, asc, desc, eq, gt, lt, or, type SQL, sql } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { accessRequestEvents, accessRequests, organisations } from '../db/schema/index.ts'
import { newId } from '../ids.ts'
import type { AccessRequestRole, AccessRequestStatus } from './states.ts'

export type AccessRequestRow = typeof accessRequests.$inferSelect
export type AccessRequestEventRow = typeof accessRequestEvents.$inferSelect

/** Who made a change: an organisation's client, in its part of the request. */
export interface RequestActor {
  orgnr: string
  role: AccessRequestRole
  /** The API client that acted, or the person acting for `orgnr` in the portal. */
  clientId?: string
  pid?: string
}

export interface StoredAccessRequest {
  row: AccessRequestRow
  requesterName: string
}

/** Writes a change of a request and its event; the caller has checked the transition. */
export async function recordEvent(
  db: Database,
  row: AccessRequestRow,
  from: AccessRequestStatus | undefined,
  actor: RequestActor,
  message: string | undefined,
  at: Date,
): Promise<void> {
  // Held to commit: events then commit in the order of their seq, so a feed reader past seq n never misses one
  // below it that was still being written. Every caller is inside a transaction.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('deling:access-request-events'))`)
  await db.insert(accessRequestEvents).values({
    id: newId('ev'),
    requestId: row.id,
    requesterOrgnr: row.requesterOrgnr,
    publisherOrgnr: row.publisherOrgnr,
    fromStatus: from ?? null,
    toStatus: row.status,
    actorOrgnr: actor.orgnr,
    actorClientId: actor.clientId ?? null,
    actorPid: actor.pid ?? null,
    actorRole: actor.role,
    message: message ?? null,
    at,
  })
}

export async function insertAccessRequest(
  db: Database,
  row: AccessRequestRow,
  actor: RequestActor,
  message?: string,
): Promise<void> {
  await db.insert(accessRequests).values(row)
  await recordEvent(db, row, undefined, actor, message, row.createdAt)
}

/** Saves a changed request (status, and on revision its content or on approval its rule) with its event. */
export async function updateAccessRequest(
  db: Database,
  before: AccessRequestRow,
  after: AccessRequestRow,
  actor: RequestActor,
  message: string | undefined,
): Promise<void> {
  const { id, ...changes } = after
  await db.update(accessRequests).set(changes).where(eq(accessRequests.id, id))
  await recordEvent(db, after, before.status, actor, message, after.updatedAt)
}

/** One request with its requester's name, locked for the transaction when `forUpdate`. */
export async function findAccessRequest(
  db: Database,
  id: string,
  forUpdate = false,
): Promise<StoredAccessRequest | undefined> {
  const query = db
    .select({ row: accessRequests, requesterName: organisations.name })
    .from(accessRequests)
    .innerJoin(organisations, eq(organisations.orgnr, accessRequests.requesterOrgnr))
    .where(eq(accessRequests.id, id))
  const [found] = forUpdate ? await query.for('update', { of: accessRequests }) : await query
  return found
}

export async function eventsOfRequest(db: Database, requestId: string): Promise<AccessRequestEventRow[]> {
  return db
    .select()
    .from(accessRequestEvents)
    .where(eq(accessRequestEvents.requestId, requestId))
    .orderBy(asc(accessRequestEvents.seq))
}

/** The id of a request's newest event: what a person saw last, to tell whether the request changed since. */
export async function lastEventIdOf(db: Database, requestId: string): Promise<string | undefined> {
  const [last] = await db
    .select({ id: accessRequestEvents.id })
    .from(accessRequestEvents)
    .where(eq(accessRequestEvents.requestId, requestId))
    .orderBy(desc(accessRequestEvents.seq))
    .limit(1)
  return last?.id
}

/** A page of one organisation's requests in one role, newest first, after a (createdAt, id) keyset cursor. */
export async function listAccessRequests(
  db: Database,
  filter: {
    orgnr: string
    role: AccessRequestRole
    status?: AccessRequestStatus
    before?: { createdAt: Date; id: string }
    limit: number
  },
): Promise<StoredAccessRequest[]> {
  const party =
    filter.role === 'publisher'
      ? eq(accessRequests.publisherOrgnr, filter.orgnr)
      : eq(accessRequests.requesterOrgnr, filter.orgnr)
  const conditions: (SQL | undefined)[] = [party]
  if (filter.status) conditions.push(eq(accessRequests.status, filter.status))
  if (filter.before)
    conditions.push(
      or(
        lt(accessRequests.createdAt, filter.before.createdAt),
        and(eq(accessRequests.createdAt, filter.before.createdAt), lt(accessRequests.id, filter.before.id)),
      ),
    )
  return db
    .select({ row: accessRequests, requesterName: organisations.name })
    .from(accessRequests)
    .innerJoin(organisations, eq(organisations.orgnr, accessRequests.requesterOrgnr))
    .where(and(...conditions))
    .orderBy(desc(accessRequests.createdAt), desc(accessRequests.id))
    .limit(filter.limit)
}

/** The events of requests where the organisation plays one of `roles`, after a sequence number. */
export async function eventsForOrganisation(
  db: Database,
  orgnr: string,
  roles: readonly AccessRequestRole[],
  afterSeq: number,
  limit: number,
): Promise<AccessRequestEventRow[]> {
  const parties = roles.map((role) =>
    role === 'publisher'
      ? eq(accessRequestEvents.publisherOrgnr, orgnr)
      : eq(accessRequestEvents.requesterOrgnr, orgnr),
  )
  return db
    .select()
    .from(accessRequestEvents)
    .where(and(or(...parties), gt(accessRequestEvents.seq, afterSeq)))
    .orderBy(asc(accessRequestEvents.seq))
    .limit(limit)
}
