import { desc, sql } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { accessLog } from '../db/schema/index.ts'
import { newId } from '../ids.ts'
import { type AccessLogContent, type ChainedEntry, entryHash, genesisHash } from './chain.ts'

export type NewAccessLogEntry = Omit<AccessLogContent, 'id' | 'at'> & { at: Date }

/**
 * Appends decisions to the access log, chained, in one transaction, and returns them chained. The caller awaits
 * this before answering, so an acknowledged delivery is always in the log. An advisory lock orders appends from
 * every instance on the database, so the chain stays one line under concurrent writes.
 */
export async function appendAccessLogBatch(db: Database, entries: NewAccessLogEntry[]): Promise<ChainedEntry[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('deling:access-log'))`)
    const [last] = await tx
      .select({ seq: accessLog.seq, hash: accessLog.hash })
      .from(accessLog)
      .orderBy(desc(accessLog.seq))
      .limit(1)
    let seq = last?.seq ?? 0
    let prevHash = last?.hash ?? genesisHash
    const chained: ChainedEntry[] = []
    for (const entry of entries) {
      seq++
      // Millisecond precision: what the database stores and gives back is then exactly what was hashed.
      const content: AccessLogContent = { ...entry, id: newId('al'), at: entry.at.toISOString() }
      const hash = await entryHash(seq, prevHash, content)
      chained.push({ ...content, seq, prevHash, hash })
      prevHash = hash
    }
    await tx.insert(accessLog).values(chained.map((entry) => ({ ...entry, at: new Date(entry.at) })))
    return chained
  })
}

/** Appends one decision (see {@link appendAccessLogBatch}). */
export async function appendAccessLog(db: Database, entry: NewAccessLogEntry): Promise<ChainedEntry> {
  const [chained] = await appendAccessLogBatch(db, [entry])
  return chained!
}

interface Pending {
  entry: NewAccessLogEntry
  resolve: (entry: ChainedEntry) => void
  reject: (error: unknown) => void
}

/**
 * One writer per process on a shared database (the Node host): decisions that arrive while a batch is being
 * written go together in the next one, so the chain's lock is taken once per batch instead of once per request.
 * Each caller's promise settles only when its own batch has committed: acknowledged still means logged.
 */
export class AccessLogWriter {
  readonly #db: Database
  readonly #maxBatch: number
  #queue: Pending[] = []
  #writing = false

  constructor(db: Database, maxBatch = 500) {
    this.#db = db
    this.#maxBatch = maxBatch
  }

  append(entry: NewAccessLogEntry): Promise<ChainedEntry> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ entry, resolve, reject })
      if (!this.#writing) void this.#drain()
    })
  }

  async #drain(): Promise<void> {
    this.#writing = true
    try {
      while (this.#queue.length) {
        const batch = this.#queue.splice(0, this.#maxBatch)
        try {
          const chained = await appendAccessLogBatch(
            this.#db,
            batch.map((pending) => pending.entry),
          )
          for (const [i, pending] of batch.entries()) pending.resolve(chained[i]!)
        } catch (error) {
          for (const pending of batch) pending.reject(error)
        }
      }
    } finally {
      this.#writing = false
    }
  }
}

/** A stored row as the chain sees it. */
export function toChainedEntry(row: typeof accessLog.$inferSelect): ChainedEntry {
  return { ...row, at: row.at.toISOString() }
}
