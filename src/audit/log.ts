import { desc, sql } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { accessLog } from '../db/schema/index.ts'
import { newId } from '../ids.ts'
import { type AccessLogContent, type ChainedEntry, entryHash, genesisHash } from './chain.ts'

export type NewAccessLogEntry = Omit<AccessLogContent, 'id' | 'at'> & { at: Date }

/**
 * Appends one decision to the access log and returns it chained. The caller awaits this before answering, so an
 * acknowledged delivery is always in the log. An advisory lock orders appends from every instance on the
 * database, so the chain stays one line under concurrent writes.
 */
export async function appendAccessLog(db: Database, entry: NewAccessLogEntry): Promise<ChainedEntry> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('deling:access-log'))`)
    const [last] = await tx
      .select({ seq: accessLog.seq, hash: accessLog.hash })
      .from(accessLog)
      .orderBy(desc(accessLog.seq))
      .limit(1)
    const seq = (last?.seq ?? 0) + 1
    const prevHash = last?.hash ?? genesisHash
    // Millisecond precision: what the database stores and gives back is then exactly what was hashed.
    const content: AccessLogContent = { ...entry, id: newId('al'), at: entry.at.toISOString() }
    const hash = await entryHash(seq, prevHash, content)
    await tx.insert(accessLog).values({ ...content, at: entry.at, seq, prevHash, hash })
    return { ...content, seq, prevHash, hash }
  })
}

/** A stored row as the chain sees it. */
export function toChainedEntry(row: typeof accessLog.$inferSelect): ChainedEntry {
  return { ...row, at: row.at.toISOString() }
}
