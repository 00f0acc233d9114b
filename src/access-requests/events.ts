import type { Database } from '../db/database.ts'
import { presentEvent } from './read.ts'
import { eventsForOrganisation } from './repo.ts'
import type { AccessRequestEventPage } from './schemas.ts'
import type { AccessRequestRole } from './states.ts'

const pollIntervalMs = 250

export interface EventPageRequest {
  after: number
  limit: number
  /** Seconds to wait for the first event when there is none yet (long poll); 0 answers at once. */
  wait: number
}

/**
 * The changes of the organisation's access requests (in the roles its token allows) after a cursor, oldest
 * first. As with consent events, an empty answer is held back until an event arrives or `wait` is up, by polling
 * the table, which works alike on Node and on Workers.
 */
export async function accessRequestEventPage(
  db: Database,
  viewer: { orgnr: string; roles: readonly AccessRequestRole[] },
  request: EventPageRequest,
): Promise<AccessRequestEventPage> {
  const deadline = Date.now() + request.wait * 1000
  for (;;) {
    const rows = await eventsForOrganisation(db, viewer.orgnr, viewer.roles, request.after, request.limit)
    if (rows.length || Date.now() >= deadline) {
      const items = rows.map((row) => ({
        ...presentEvent(row),
        role: row.requesterOrgnr === viewer.orgnr ? ('requester' as const) : ('publisher' as const),
      }))
      return { items, next: String(rows.at(-1)?.seq ?? request.after) }
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollIntervalMs, deadline - Date.now())))
  }
}
