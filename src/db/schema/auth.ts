import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Deling's own signing keys (ES256). A key signs from `createdAt` until `retiredAt`, and stays published in the
 * JWKS until `expiresAt` so that tokens it signed can still be verified.
 */
export const signingKeys = pgTable('signing_keys', {
  kid: text('kid').primaryKey(),
  purpose: text('purpose').$type<'oidc' | 'gateway'>().notNull(),
  privateJwk: jsonb('private_jwk').$type<JsonWebKey>().notNull(),
  publicJwk: jsonb('public_jwk').$type<JsonWebKey>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true, mode: 'date' }),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
})

/** oidc-provider's storage (grants, codes, sessions, replay detection, …) behind its adapter interface. */
export const oidcPayloads = pgTable(
  'oidc_payloads',
  {
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    consumedAt: timestamp('consumed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.model, t.id] }),
    index('oidc_payloads_grant_idx').on(t.grantId),
    index('oidc_payloads_uid_idx').on(t.uid),
    index('oidc_payloads_expires_idx').on(t.expiresAt),
  ],
)

/** Proof-of-possession and assertion `jti` values already seen, so a replay is refused on every instance. */
export const seenTokenIds = pgTable(
  'seen_token_ids',
  {
    jti: text('jti').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('seen_token_ids_expires_idx').on(t.expiresAt)],
)

/** Other authorization servers whose access tokens Deling accepts, such as Maskinporten. */
export const trustedIssuers = pgTable('trusted_issuers', {
  issuer: text('issuer').primaryKey(),
  jwksUri: text('jwks_uri').notNull(),
  audience: text('audience').notNull(),
  /** Dotted path of the claim that holds the organisation, e.g. `consumer.ID` (value `0192:<orgnr>`). */
  organisationClaim: text('organisation_claim').notNull().default('consumer.ID'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

/** Register of (synthetic) persons: names shown at login and on pages. */
export const persons = pgTable('persons', {
  fnr: text('fnr').primaryKey(),
  name: text('name').notNull(),
})

/** A citizen's browser session with the portal: the cookie holds only the opaque id. */
export const citizenSessions = pgTable(
  'citizen_sessions',
  {
    id: text('id').primaryKey(),
    fnr: text('fnr').notNull(),
    name: text('name'),
    acr: text('acr'),
    idToken: text('id_token'),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('citizen_sessions_fnr_idx').on(t.fnr)],
)
