import { desc, sql } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { errorCodes } from '../db/errors.ts'
import { preparedStatement } from '../db/prepared.ts'
import { accessLog } from '../db/schema/index.ts'
import { newId } from '../ids.ts'
import { type AccessLogContent, type ChainedEntry, canonicalEntry, entryHash, genesisHash } from './chain.ts'

export type NewAccessLogEntry = Omit<AccessLogContent, 'id' | 'at'> & { at: Date }

/**
 * Appends decisions to the access log, chained, in one transaction, and returns them chained. The caller awaits
 * this before answering, so an acknowledged delivery is always in the log. An advisory lock orders appends from
 * every instance on the database, so the chain stays one line under concurrent writes.
 */
export async function appendAccessLogBatch(
  db: Database,
  entries: NewAccessLogEntry[],
  sha256?: (text: string) => string,
): Promise<ChainedEntry[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('deling:access-log'))`)
    const [last] = await tx
      .select({ seq: accessLog.seq, hash: accessLog.hash })
      .from(accessLog)
      .orderBy(desc(accessLog.seq))
      .limit(1)
    const chained = await chain({ seq: last?.seq ?? 0, hash: last?.hash ?? genesisHash }, entries, sha256)
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

export interface AccessLogWriterOptions {
  /** Entries per batch at most. */
  maxBatch?: number
  /**
   * SHA-256 (hex) of a canonical entry, synchronously: the Node host passes node:crypto's, so a batch of 50 is
   * hashed in one turn of the event loop rather than in 50 Web Crypto jobs. Without it, {@link entryHash}.
   */
  sha256?: (text: string) => string
}

// Postgres: unique_violation. The tail this writer remembered is no longer the log's last entry.
const uniqueViolation = '23505'

const isUniqueViolation = (error: unknown): boolean => errorCodes(error).includes(uniqueViolation)

/**
 * One writer per process on a shared database (the Node host): decisions that arrive while a batch is being
 * written go together in the next one. Each caller's promise settles only when its own batch has committed:
 * acknowledged still means logged.
 *
 * A batch is one statement, one round trip: the writer remembers the log's last sequence number and hash (its
 * tail), chains the batch onto it in memory and inserts it with the chain's advisory lock taken in the same
 * statement. If another instance (or a one-time-consent delivery, which appends inside its own transaction) has
 * appended since, the sequence number is taken, the insert fails on the primary key and changes nothing; the
 * batch is then chained again inside a transaction that holds the lock and reads the real tail
 * ({@link appendAccessLogBatch}). The lock keeps those transactions from ever meeting a conflict themselves.
 */
export class AccessLogWriter {
  readonly #db: Database
  readonly #maxBatch: number
  readonly #sha256: AccessLogWriterOptions['sha256']
  #queue: Pending[] = []
  #writing = false
  #tail: { seq: number; hash: string } | undefined

  constructor(db: Database, options: AccessLogWriterOptions | number = {}) {
    const settings = typeof options === 'number' ? { maxBatch: options } : options
    this.#db = db
    this.#maxBatch = settings.maxBatch ?? 500
    this.#sha256 = settings.sha256
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
          const chained = await this.#write(batch.map((pending) => pending.entry))
          for (const [i, pending] of batch.entries()) pending.resolve(chained[i]!)
        } catch (error) {
          for (const pending of batch) pending.reject(error)
        }
      }
    } finally {
      this.#writing = false
    }
  }

  async #write(entries: NewAccessLogEntry[]): Promise<ChainedEntry[]> {
    const tail = this.#tail
    this.#tail = undefined // unknown until this batch is known to be in
    let chained: ChainedEntry[] | undefined
    if (tail) {
      const candidate = await chain(tail, entries, this.#sha256)
      try {
        await insertChained(this.#db, candidate)
        chained = candidate
      } catch (error) {
        if (!isUniqueViolation(error)) throw error
      }
    }
    chained ??= await appendAccessLogBatch(this.#db, entries, this.#sha256)
    const last = chained.at(-1)!
    this.#tail = { seq: last.seq, hash: last.hash }
    return chained
  }
}

async function chain(
  tail: { seq: number; hash: string },
  entries: NewAccessLogEntry[],
  sha256: AccessLogWriterOptions['sha256'],
): Promise<ChainedEntry[]> {
  let { seq, hash: prevHash } = tail
  const chained: ChainedEntry[] = []
  for (const entry of entries) {
    seq++
    // Millisecond precision: what the database stores and gives back is then exactly what was hashed.
    const content: AccessLogContent = { ...entry, id: newId('al'), at: entry.at.toISOString() }
    const hash = sha256 ? sha256(canonicalEntry(seq, prevHash, content)) : await entryHash(seq, prevHash, content)
    chained.push({ ...content, seq, prevHash, hash })
    prevHash = hash
  }
  return chained
}

/**
 * Inserts chained entries in one statement that first takes the chain's advisory lock (held until the statement
 * commits). The rows travel as one JSON parameter of objects keyed by column, so the statement's text never
 * changes, no driver has to bind a hundred parameters, and no value depends on its position in a list. It is
 * prepared once per connection: planned again for every batch it cost Postgres about a third more per row (135
 * against 98 µs at 20 rows a batch, measured alone on a busy machine; docs/performance.md).
 */
const insertChainedStatement = preparedStatement(
  'deling_access_log_append',
  sql`
    with locked as (select pg_advisory_xact_lock(hashtext('deling:access-log')))
    insert into access_log (seq, id, at, request_id, consumer_orgnr, client_id, producer_orgnr, dataset_id,
      subject_fnr, purpose_code, rule_id, consent_id, legal_basis_uri, fields_delivered, outcome, reason,
      upstream_status, prev_hash, hash)
    select r.seq, r.id, r.at, r.request_id, r.consumer_orgnr, r.client_id, r.producer_orgnr, r.dataset_id,
      r.subject_fnr, r.purpose_code, r.rule_id, r.consent_id, r.legal_basis_uri, r.fields_delivered, r.outcome,
      r.reason, r.upstream_status, r.prev_hash, r.hash
    from locked, jsonb_to_recordset(${sql.placeholder('rows')}::text::jsonb) as r(seq bigint, id text,
      at timestamptz, request_id text, consumer_orgnr text, client_id text, producer_orgnr text, dataset_id text,
      subject_fnr text, purpose_code text, rule_id text, consent_id text, legal_basis_uri text,
      fields_delivered text[], outcome text, reason text, upstream_status integer, prev_hash text, hash text)
    order by r.seq`,
)

async function insertChained(db: Database, chained: ChainedEntry[]): Promise<void> {
  const rows = JSON.stringify(
    chained.map((entry) => ({
      seq: entry.seq,
      id: entry.id,
      at: entry.at,
      request_id: entry.requestId,
      consumer_orgnr: entry.consumerOrgnr,
      client_id: entry.clientId,
      producer_orgnr: entry.producerOrgnr,
      dataset_id: entry.datasetId,
      subject_fnr: entry.subjectFnr,
      purpose_code: entry.purposeCode,
      rule_id: entry.ruleId,
      consent_id: entry.consentId,
      legal_basis_uri: entry.legalBasisUri,
      fields_delivered: entry.fieldsDelivered,
      outcome: entry.outcome,
      reason: entry.reason,
      upstream_status: entry.upstreamStatus,
      prev_hash: entry.prevHash,
      hash: entry.hash,
    })),
  )
  await insertChainedStatement(db).execute({ rows })
}

/** A stored row as the chain sees it. */
export function toChainedEntry(row: typeof accessLog.$inferSelect): ChainedEntry {
  return { ...row, at: row.at.toISOString() }
}
