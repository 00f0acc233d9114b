import { lt } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { citizenSessions, oidcPayloads, seenTokenIds } from '../db/schema/index.ts'

/** Deletes what has expired: citizen sessions, oidc-provider records and remembered one-time token ids. */
export async function sweepExpiredAuthState(db: Database, now: Date): Promise<void> {
  await db.delete(citizenSessions).where(lt(citizenSessions.expiresAt, now))
  await db.delete(oidcPayloads).where(lt(oidcPayloads.expiresAt, now))
  await db.delete(seenTokenIds).where(lt(seenTokenIds.expiresAt, now))
}
