import { sql } from 'drizzle-orm'
import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/** Organisations known to Deling: publishers, consumers and the operator. */
export const organisations = pgTable('organisations', {
  orgnr: text('orgnr').primaryKey(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})

/** API clients of an organisation. Only public keys are kept: clients authenticate with private_key_jwt. */
export const clients = pgTable(
  'clients',
  {
    clientId: text('client_id').primaryKey(),
    orgnr: text('orgnr')
      .notNull()
      .references(() => organisations.orgnr),
    name: text('name').notNull(),
    jwks: jsonb('jwks').$type<{ keys: Array<{ kty: 'EC' | 'RSA' | 'OKP'; [member: string]: unknown }> }>().notNull(),
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('clients_orgnr_idx').on(t.orgnr)],
)

/** Small facts about this installation, such as which demo seed has been applied. */
export const installationFacts = pgTable('installation_facts', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
})
