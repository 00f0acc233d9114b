import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import type { LanguageTextValue } from '../../catalog/dataset.schemas.ts'
import { datasets } from './catalog.ts'
import { organisations } from './registry.ts'

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

export type AccessRequestStatus = 'submitted' | 'changes-requested' | 'approved' | 'rejected' | 'withdrawn'
export type AccessRequestBasis = { legalBasisId: string } | { consent: true }

/**
 * A consuming organisation's request for an access rule on another organisation's dataset. The publisher's orgnr
 * is kept with it so that the publisher's inbox and feed need no join through the catalog. Nothing is deleted.
 */
export const accessRequests = pgTable(
  'access_requests',
  {
    id: text('id').primaryKey(),
    datasetId: text('dataset_id')
      .notNull()
      .references(() => datasets.id),
    publisherOrgnr: text('publisher_orgnr').notNull(),
    requesterOrgnr: text('requester_orgnr')
      .notNull()
      .references(() => organisations.orgnr),
    /** The client that submitted the request, or null when a person did it in the portal (`requesterPid`). */
    requesterClientId: text('requester_client_id'),
    requesterPid: text('requester_pid'),
    purposeCode: text('purpose_code').notNull(),
    purposeText: jsonb('purpose_text').$type<LanguageTextValue>().notNull(),
    basis: jsonb('basis').$type<AccessRequestBasis>().notNull(),
    fields: text('fields').array().notNull(),
    justification: text('justification').notNull(),
    validTo: timestamptz('valid_to'),
    status: text('status').$type<AccessRequestStatus>().notNull(),
    /** The access rule an approval created. */
    ruleId: text('rule_id'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    index('access_requests_publisher_idx').on(t.publisherOrgnr, t.createdAt),
    index('access_requests_requester_idx').on(t.requesterOrgnr, t.createdAt),
  ],
)

/** Every change of an access request, in order: its history and both parties' feeds. */
export const accessRequestEvents = pgTable(
  'access_request_events',
  {
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    id: text('id').notNull(),
    requestId: text('request_id')
      .notNull()
      .references(() => accessRequests.id),
    requesterOrgnr: text('requester_orgnr').notNull(),
    publisherOrgnr: text('publisher_orgnr').notNull(),
    fromStatus: text('from_status').$type<AccessRequestStatus>(),
    toStatus: text('to_status').$type<AccessRequestStatus>().notNull(),
    actorOrgnr: text('actor_orgnr').notNull(),
    /** The API client that made the change, or null when a person did it in the portal (`actorPid`). */
    actorClientId: text('actor_client_id'),
    actorPid: text('actor_pid'),
    actorRole: text('actor_role').$type<'requester' | 'publisher'>().notNull(),
    message: text('message'),
    at: timestamptz('at').notNull(),
  },
  (t) => [
    uniqueIndex('access_request_events_id_idx').on(t.id),
    index('access_request_events_request_idx').on(t.requestId, t.seq),
    index('access_request_events_requester_idx').on(t.requesterOrgnr, t.seq),
    index('access_request_events_publisher_idx').on(t.publisherOrgnr, t.seq),
  ],
)
