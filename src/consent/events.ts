import type { Database } from '../db/database.ts'
import { readWhenAvailable } from '../http/feed.ts'
import type { ConsentEvent } from './consent.schemas.ts'
import { eventsAfter } from './repo.ts'
import { expireDueConsents } from './service.ts'

export interface EventPageRequest {
  after: number
  limit: number
  /** Seconds to wait for the first event when there is none yet (long poll); 0 answers at once. */
  wait: number
  now: () => Date
}

/**
 * The state changes of the consumer's consent requests after a cursor, oldest first. With `wait`, an empty answer
 * is held back until an event arrives or the time is up, so a consumer learns of a decision within a fraction of a
 * second without hammering the API.
 */
export async function consentEventPage(
  db: Database,
  consumerOrgnr: string,
  request: EventPageRequest,
): Promise<{ items: ConsentEvent[]; next: string }> {
  await expireDueConsents(db, request.now())
  const rows = await readWhenAvailable(() => eventsAfter(db, consumerOrgnr, request.after, request.limit), request.wait)
  const items = rows.map((row) => ({
    id: row.id,
    requestId: row.requestId,
    ...(row.fromStatus ? { from: row.fromStatus } : {}),
    to: row.toStatus,
    actor: row.actor,
    at: row.at.toISOString(),
  }))
  return { items, next: String(rows.at(-1)?.seq ?? request.after) }
}
