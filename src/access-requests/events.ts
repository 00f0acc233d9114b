import type { Database } from '../db/database.ts'
import { readWhenAvailable } from '../http/feed.ts'
import { presentEvent } from './read.ts'
import { eventsForOrganisation } from './repo.ts'
import type { AccessRequestEventPage } from './schemas.ts'
import type { AccessRequestRole } from './states.ts'

export interface EventPageRequest {
  after: number
  limit: number
  /** Seconds to wait for the first event when there is none yet (long poll); 0 answers at once. */
  wait: number
}

/**
 * The changes of the organisation's access requests (in the roles its token allows) after a cursor, oldest
 * first. As with consent events, an empty answer is held back until an event arrives or `wait` is up.
 */
export async function accessRequestEventPage(
  db: Database,
  viewer: { orgnr: string; roles: readonly AccessRequestRole[] },
  request: EventPageRequest,
): Promise<AccessRequestEventPage> {
  const rows = await readWhenAvailable(
    () => eventsForOrganisation(db, viewer.orgnr, viewer.roles, request.after, request.limit),
    request.wait,
  )
  const items = rows.map((row) => ({
    ...presentEvent(row),
    role: row.requesterOrgnr === viewer.orgnr ? ('requester' as const) : ('publisher' as const),
  }))
  return { items, next: String(rows.at(-1)?.seq ?? request.after) }
}
