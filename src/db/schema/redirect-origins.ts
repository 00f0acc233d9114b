import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { organisations } from './registry.ts'

/**
 * The web origins an organisation may send citizens back to after a consent decision (`redirectUrl`). Registered
 * by the operator, like redirect URIs in OAuth client registration, so that a consent request cannot make Deling
 * an open redirector.
 */
export const redirectOrigins = pgTable(
  'redirect_origins',
  {
    orgnr: text('orgnr')
      .notNull()
      .references(() => organisations.orgnr),
    /** Scheme, host and port as `URL.origin` serialises them: `https://dnb.example`. */
    origin: text('origin').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgnr, t.origin] })],
)
