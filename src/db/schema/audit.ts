import { bigint, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * The access log: one row per gateway decision, delivered or denied. Append-only and hash-chained: each row's
 * `hash` covers its content and the previous row's hash, so changing, deleting or reordering rows is detected.
 */
export const accessLog = pgTable(
  'access_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    id: text('id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    requestId: text('request_id').notNull(),
    consumerOrgnr: text('consumer_orgnr').notNull(),
    clientId: text('client_id').notNull(),
    producerOrgnr: text('producer_orgnr'),
    datasetId: text('dataset_id').notNull(),
    subjectFnr: text('subject_fnr'),
    purposeCode: text('purpose_code'),
    ruleId: text('rule_id'),
    consentId: text('consent_id'),
    legalBasisUri: text('legal_basis_uri'),
    fieldsDelivered: text('fields_delivered').array().notNull(),
    outcome: text('outcome').$type<'delivered' | 'denied' | 'upstream-failed'>().notNull(),
    reason: text('reason'),
    upstreamStatus: integer('upstream_status'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('access_log_subject_idx').on(t.subjectFnr, t.seq),
    index('access_log_consumer_idx').on(t.consumerOrgnr, t.seq),
    index('access_log_producer_idx').on(t.producerOrgnr, t.seq),
    // Day exports find a day's first entry by time; entries are appended in time order, so BRIN is enough.
    index('access_log_at_idx').using('brin', t.at),
  ],
)
