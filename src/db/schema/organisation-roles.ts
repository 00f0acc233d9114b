import { sql } from 'drizzle-orm'
import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { organisations } from './registry.ts'

/** Who gave or took a role: the operator through its API, or a person who is admin of the organisation. */
export type RoleGrantor = { kind: 'operator'; clientId: string } | { kind: 'person'; pid: string }

/**
 * The roles people hold in organisations, as in Altinn: a person acts for an organisation only through a role the
 * operator or the organisation's admin gave. A revoked role keeps its row (who gave it, who took it, when), so the
 * table is also the history of the organisation's delegations.
 */
export const organisationRoles = pgTable(
  'organisation_roles',
  {
    id: text('id').primaryKey(),
    orgnr: text('orgnr')
      .notNull()
      .references(() => organisations.orgnr),
    /** The person's fødselsnummer (or d-nummer), as the citizen login gives it. */
    pid: text('pid').notNull(),
    role: text('role').$type<'admin' | 'publisher' | 'consumer'>().notNull(),
    grantedBy: jsonb('granted_by').$type<RoleGrantor>().notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedBy: jsonb('revoked_by').$type<RoleGrantor>(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('organisation_roles_held_idx').on(t.orgnr, t.pid, t.role).where(sql`revoked_at is null`),
    index('organisation_roles_pid_idx').on(t.pid),
  ],
)
