import { bigint, boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import type { LanguageTextValue } from '../../catalog/dataset.schemas.ts'
import { organisations } from './registry.ts'

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

export type ConsentStatus = 'pending' | 'accepted' | 'rejected' | 'expired' | 'revoked' | 'used' | 'withdrawn'

/**
 * A consuming organisation's request for a citizen's consent, and, once accepted, the consent itself (one record,
 * one id, as in Altinn 3). Nothing is deleted: every state change is an event.
 */
export const consentRequests = pgTable(
  'consent_requests',
  {
    id: text('id').primaryKey(),
    consumerOrgnr: text('consumer_orgnr')
      .notNull()
      .references(() => organisations.orgnr),
    consumerClientId: text('consumer_client_id').notNull(),
    subjectFnr: text('subject_fnr').notNull(),
    purposeCode: text('purpose_code').notNull(),
    purposeText: jsonb('purpose_text').$type<LanguageTextValue>().notNull(),
    requestMessage: jsonb('request_message').$type<LanguageTextValue>(),
    validTo: timestamptz('valid_to').notNull(),
    oneTime: boolean('one_time').notNull(),
    redirectUrl: text('redirect_url').notNull(),
    status: text('status').$type<ConsentStatus>().notNull(),
    /** How the citizen decided: the login's security level, for the receipt (ISO/IEC TS 27560 "how given"). */
    decidedAcr: text('decided_acr'),
    decidedAt: timestamptz('decided_at'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    index('consent_requests_subject_idx').on(t.subjectFnr, t.createdAt),
    index('consent_requests_consumer_idx').on(t.consumerOrgnr, t.createdAt),
    index('consent_requests_due_idx').on(t.status, t.validTo),
  ],
)

/** What a consent covers: per dataset, the access rule it relies on and the fields that rule delivers. */
export const consentItems = pgTable(
  'consent_items',
  {
    requestId: text('request_id')
      .notNull()
      .references(() => consentRequests.id),
    datasetId: text('dataset_id').notNull(),
    ruleId: text('rule_id').notNull(),
    /** The rule's fields when the request was made: the citizen consents to exactly these. */
    fields: text('fields').array().notNull(),
  },
  (t) => [uniqueIndex('consent_items_pk').on(t.requestId, t.datasetId)],
)

/** Every state change of a consent request, in order: the consumer's feed and the receipt's history. */
export const consentEvents = pgTable(
  'consent_events',
  {
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    id: text('id').notNull(),
    requestId: text('request_id')
      .notNull()
      .references(() => consentRequests.id),
    consumerOrgnr: text('consumer_orgnr').notNull(),
    fromStatus: text('from_status').$type<ConsentStatus>(),
    toStatus: text('to_status').$type<ConsentStatus>().notNull(),
    /** Who caused it: the citizen, the consumer, or Deling itself (expiry, one-time use). */
    actor: text('actor').$type<'citizen' | 'consumer' | 'deling'>().notNull(),
    at: timestamptz('at').notNull(),
  },
  (t) => [
    uniqueIndex('consent_events_id_idx').on(t.id),
    index('consent_events_consumer_idx').on(t.consumerOrgnr, t.seq),
  ],
)
