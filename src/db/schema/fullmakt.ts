import { bigint, boolean, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { citizenSessions } from './auth.ts'

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

export type AuthorisationScope = 'view' | 'view-and-revoke'
export type RepresentationKind = 'parent' | 'guardian'
export type RepresentationBasisKind = 'authorisation' | RepresentationKind
export type RepresentativeActionKind =
  | 'started-acting'
  | 'consent-accepted'
  | 'consent-rejected'
  | 'consent-revoked'
  | 'receipt-downloaded'

/**
 * A fullmakt: a citizen (the giver) lets another person (the representative) see, and perhaps revoke or answer,
 * the giver's consents, for a period and for all organisations or only named ones. Revoking keeps the row, so the
 * giver can always see which authorisations existed and who ended them.
 */
export const authorisations = pgTable(
  'authorisations',
  {
    id: text('id').primaryKey(),
    giverFnr: text('giver_fnr').notNull(),
    representativeFnr: text('representative_fnr').notNull(),
    scope: text('scope').$type<AuthorisationScope>().notNull(),
    /** Only when explicitly granted: accept and reject pending consent requests on the giver's behalf. */
    mayAccept: boolean('may_accept').notNull(),
    /** The consumers whose consents it covers; null covers every organisation. */
    orgnrs: text('orgnrs').array(),
    validFrom: timestamptz('valid_from').notNull(),
    validTo: timestamptz('valid_to').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    revokedAt: timestamptz('revoked_at'),
    /** The giver, or the representative giving it up. */
    revokedByFnr: text('revoked_by_fnr'),
  },
  (t) => [
    index('authorisations_giver_idx').on(t.giverFnr, t.createdAt),
    index('authorisations_representative_idx').on(t.representativeFnr, t.createdAt),
  ],
)

/**
 * Who may act for whom by law rather than by the person's own choice: parents for their minor children, guardians
 * (verger) for those under guardianship. In production these come from Folkeregisteret; the demo seeds synthetic
 * families. A parent relation ends by itself when the child turns 18 (computed from the birth date).
 */
export const representationRelations = pgTable(
  'representation_relations',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<RepresentationKind>().notNull(),
    representativeFnr: text('representative_fnr').notNull(),
    representedFnr: text('represented_fnr').notNull(),
    /** A guardianship's period; open ends are unbounded. Parents need none: the child's age decides. */
    validFrom: timestamptz('valid_from'),
    validTo: timestamptz('valid_to'),
    /** Where the relation came from (`folkeregisteret`, `demo`). */
    source: text('source').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('representation_relations_pair_idx').on(t.representativeFnr, t.representedFnr, t.kind),
    index('representation_relations_represented_idx').on(t.representedFnr),
  ],
)

/** The person a portal session currently acts for; gone with the session. Authority is re-checked on every request. */
export const actingForSessions = pgTable('acting_for_sessions', {
  sessionId: text('session_id')
    .primaryKey()
    .references(() => citizenSessions.id, { onDelete: 'cascade' }),
  representedFnr: text('represented_fnr').notNull(),
  chosenAt: timestamptz('chosen_at').notNull(),
})

/**
 * Everything a representative did for someone, with the authority used: what the represented person reads on
 * "my page". A consent change points at its consent event, so each event carries who really acted.
 */
export const representativeActions = pgTable(
  'representative_actions',
  {
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    id: text('id').notNull(),
    at: timestamptz('at').notNull(),
    representativeFnr: text('representative_fnr').notNull(),
    representedFnr: text('represented_fnr').notNull(),
    basisKind: text('basis_kind').$type<RepresentationBasisKind>().notNull(),
    basisId: text('basis_id').notNull(),
    action: text('action').$type<RepresentativeActionKind>().notNull(),
    consentId: text('consent_id'),
    consentEventId: text('consent_event_id'),
  },
  (t) => [
    uniqueIndex('representative_actions_id_idx').on(t.id),
    index('representative_actions_represented_idx').on(t.representedFnr, t.seq),
    uniqueIndex('representative_actions_event_idx').on(t.consentEventId),
  ],
)
