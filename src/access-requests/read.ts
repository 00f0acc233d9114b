import { loadDatasets } from '../catalog/datasets.repo.ts'
import type { Database } from '../db/database.ts'
import { Problem, validationFailed } from '../http/problem.ts'
import {
  type AccessRequestEventRow,
  eventsOfRequest,
  findAccessRequest,
  listAccessRequests,
  type StoredAccessRequest,
} from './repo.ts'
import type { AccessRequest, AccessRequestEvent, AccessRequestSummary } from './schemas.ts'
import type { AccessRequestRole, AccessRequestStatus } from './states.ts'

/** An organisation looking at requests, in the parts its token's scopes let it play. */
export interface RequestViewer {
  orgnr: string
  roles: readonly AccessRequestRole[]
}

export const notFound = (id: string) => new Problem(404, 'not-found', `No access request ${id}`)

/** The parts `orgnr` plays in a request: requester, publisher, or none (then it must not learn the request exists). */
export const rolesIn = (row: StoredAccessRequest['row'], orgnr: string): AccessRequestRole[] => [
  ...(row.requesterOrgnr === orgnr ? (['requester'] as const) : []),
  ...(row.publisherOrgnr === orgnr ? (['publisher'] as const) : []),
]

export function presentEvent(row: AccessRequestEventRow): AccessRequestEvent {
  return {
    id: row.id,
    requestId: row.requestId,
    ...(row.fromStatus ? { from: row.fromStatus } : {}),
    to: row.toStatus,
    // The other party sees which organisation acted and through which door, never a person's fødselsnummer.
    actor: {
      orgnr: row.actorOrgnr,
      role: row.actorRole,
      ...(row.actorClientId ? { clientId: row.actorClientId, via: 'api' as const } : { via: 'portal' as const }),
    },
    ...(row.message ? { message: row.message } : {}),
    at: row.at.toISOString(),
  }
}

async function presentAll(db: Database, stored: StoredAccessRequest[]): Promise<AccessRequestSummary[]> {
  // loadDatasets leaves out deleted datasets: a request outlives its dataset, so fall back to what it stored.
  const datasets = new Map(
    (await loadDatasets(db, [...new Set(stored.map(({ row }) => row.datasetId))])).map((d) => [d.id, d]),
  )
  return stored.map(({ row, requesterName }) => {
    const dataset = datasets.get(row.datasetId)
    return {
      id: row.id,
      status: row.status,
      dataset: {
        id: row.datasetId,
        title: dataset?.title ?? { nb: row.datasetId },
        publisher: { orgnr: row.publisherOrgnr, name: dataset?.publisher.name ?? row.publisherOrgnr },
      },
      requester: { orgnr: row.requesterOrgnr, name: requesterName },
      purpose: { code: row.purposeCode, text: row.purposeText },
      basis: row.basis,
      fields: row.fields,
      justification: row.justification,
      ...(row.validTo ? { validTo: row.validTo.toISOString() } : {}),
      ...(row.ruleId ? { ruleId: row.ruleId } : {}),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    }
  })
}

async function requestWithEvents(db: Database, id: string, viewer: RequestViewer) {
  const stored = await findAccessRequest(db, id)
  if (!stored || !rolesIn(stored.row, viewer.orgnr).some((role) => viewer.roles.includes(role))) throw notFound(id)
  const [summary] = await presentAll(db, [stored])
  return { summary: summary!, events: await eventsOfRequest(db, id) }
}

/** One request with its history, for one of its two parties (in a role its token allows); anyone else gets 404. */
export async function getAccessRequest(db: Database, id: string, viewer: RequestViewer): Promise<AccessRequest> {
  const { summary, events } = await requestWithEvents(db, id, viewer)
  return { ...summary, history: events.map(presentEvent) }
}

/** A change as the portal shows it: the person who made it is named only to their own organisation (ADR 0014). */
export type PortalRequestEvent = AccessRequestEvent & { pid?: string }

/** The request for a person of one of its parties in the portal: as the API has it, with their colleagues named. */
export async function getAccessRequestInPortal(
  db: Database,
  id: string,
  viewer: RequestViewer,
): Promise<Omit<AccessRequest, 'history'> & { history: PortalRequestEvent[] }> {
  const { summary, events } = await requestWithEvents(db, id, viewer)
  const history = events.map((row) => ({
    ...presentEvent(row),
    ...(row.actorPid && row.actorOrgnr === viewer.orgnr ? { pid: row.actorPid } : {}),
  }))
  return { ...summary, history }
}

// The list cursor is the last item's (createdAt, id): stable while new requests arrive at the top.
const encodeCursor = (row: StoredAccessRequest['row']) =>
  btoa(`${row.createdAt.toISOString()}|${row.id}`).replaceAll('=', '').replaceAll('+', '-').replaceAll('/', '_')

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [time, id] = atob(cursor.replaceAll('-', '+').replaceAll('_', '/')).split('|')
    const createdAt = new Date(time ?? '')
    if (id && !Number.isNaN(createdAt.getTime())) return { createdAt, id }
  } catch {}
  throw validationFailed([{ in: 'query', pointer: '/cursor', detail: 'not a cursor from this list' }])
}

/** The organisation's requests in one role, newest first, cursor paged. */
export async function listAccessRequestsOf(
  db: Database,
  query: { orgnr: string; role: AccessRequestRole; status?: AccessRequestStatus; cursor?: string; limit: number },
): Promise<{ items: AccessRequestSummary[]; next?: string }> {
  const before = query.cursor ? decodeCursor(query.cursor) : undefined
  const rows = await listAccessRequests(db, { ...query, before, limit: query.limit + 1 })
  const page = rows.slice(0, query.limit)
  const items = await presentAll(db, page)
  return rows.length > query.limit ? { items, next: encodeCursor(page.at(-1)!.row) } : { items }
}
