import type { Database } from '../db/database.ts'
import type { Authorisation } from './schemas.ts'
import {
  listAuthorisations,
  type RepresentativeActivity,
  representativeActivity,
  representativesOf,
} from './service.ts'

// "My page" shows the newest few; the list of authorisations is whole, it is short.
const newestActions = 10

/** What a citizen's own page shows about representation: who may act for them and what was done. */
export interface RepresentationOverviewView {
  relations: { kind: string; fnr: string; name: string | null }[]
  activity: { items: RepresentativeActivity[]; total: number }
  given: Authorisation[]
  received: Authorisation[]
}

export async function representationOverview(
  db: Database,
  fnr: string,
  now: Date,
): Promise<RepresentationOverviewView> {
  const [relations, activity, { given, received }] = await Promise.all([
    representativesOf(db, fnr, now),
    representativeActivity(db, fnr, newestActions),
    listAuthorisations(db, fnr, now),
  ])
  return { relations, activity, given, received }
}
