import { and, asc, count, desc, eq, gt, gte, inArray, lt, lte, max, min, or, type SQL } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { accessLog } from '../db/schema/index.ts'
import type { ChainedEntry } from './chain.ts'
import { toChainedEntry } from './log.ts'

export type Outcome = ChainedEntry['outcome']

export interface OrganisationLogQuery {
  orgnr: string
  /** Only entries older than this sequence number (the cursor of the page before). */
  beforeSeq?: number | undefined
  datasetId?: string | undefined
  from?: Date | undefined
  to?: Date | undefined
  outcome?: Outcome | undefined
  limit: number
}

/** Entries where the organisation is consumer or producer, newest first. */
export async function entriesOfOrganisation(db: Database, query: OrganisationLogQuery): Promise<ChainedEntry[]> {
  const conditions: (SQL | undefined)[] = [
    or(eq(accessLog.consumerOrgnr, query.orgnr), eq(accessLog.producerOrgnr, query.orgnr)),
    query.beforeSeq === undefined ? undefined : lt(accessLog.seq, query.beforeSeq),
    query.datasetId ? eq(accessLog.datasetId, query.datasetId) : undefined,
    query.from ? gte(accessLog.at, query.from) : undefined,
    query.to ? lt(accessLog.at, query.to) : undefined,
    query.outcome ? eq(accessLog.outcome, query.outcome) : undefined,
  ]
  const rows = await db
    .select()
    .from(accessLog)
    .where(and(...conditions))
    .orderBy(desc(accessLog.seq))
    .limit(query.limit)
  return rows.map(toChainedEntry)
}

/** The whole log in sequence order, read in pages so that a long log never sits in memory at once. */
export async function* chainInOrder(db: Database, pageSize = 1000): AsyncGenerator<ChainedEntry> {
  let after = 0
  for (;;) {
    const rows = await db
      .select()
      .from(accessLog)
      .where(gt(accessLog.seq, after))
      .orderBy(asc(accessLog.seq))
      .limit(pageSize)
    for (const row of rows) yield toChainedEntry(row)
    if (rows.length < pageSize) return
    after = rows[rows.length - 1]!.seq
  }
}

export interface SubjectLogQuery {
  fnr: string
  from?: Date | undefined
  to?: Date | undefined
  /** Only deliveries to these consumers (a representative's scope, src/fullmakt); absent: all. */
  consumerOrgnrs?: readonly string[] | null | undefined
  offset: number
  limit: number
}

const deliveredTo = (query: SubjectLogQuery) =>
  and(
    eq(accessLog.subjectFnr, query.fnr),
    eq(accessLog.outcome, 'delivered'),
    query.from ? gte(accessLog.at, query.from) : undefined,
    query.to ? lte(accessLog.at, query.to) : undefined,
    query.consumerOrgnrs ? inArray(accessLog.consumerOrgnr, [...query.consumerOrgnrs]) : undefined,
  )

/** Deliveries of one person's data (never denials: nothing left Deling), newest first, with their total count. */
export async function deliveriesOfSubject(
  db: Database,
  query: SubjectLogQuery,
): Promise<{ total: number; entries: ChainedEntry[] }> {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(accessLog)
      .where(deliveredTo(query))
      .orderBy(desc(accessLog.seq))
      .offset(query.offset)
      .limit(query.limit),
    db.select({ n: count() }).from(accessLog).where(deliveredTo(query)),
  ])
  return { total: total?.n ?? 0, entries: rows.map(toChainedEntry) }
}

/** The chain from `afterSeq` (exclusive) to `throughSeq` (inclusive; absent: to the end), in pages, in order. */
export async function* chainRange(
  db: Database,
  range: { afterSeq: number; throughSeq?: number | undefined },
  pageSize = 1000,
): AsyncGenerator<ChainedEntry> {
  let after = range.afterSeq
  for (;;) {
    const rows = await db
      .select()
      .from(accessLog)
      .where(
        and(
          gt(accessLog.seq, after),
          range.throughSeq === undefined ? undefined : lte(accessLog.seq, range.throughSeq),
        ),
      )
      .orderBy(asc(accessLog.seq))
      .limit(pageSize)
    for (const row of rows) yield toChainedEntry(row)
    if (rows.length < pageSize) return
    after = rows[rows.length - 1]!.seq
  }
}

/** The lowest sequence number stamped at or after `at`, if any. */
export async function firstSeqAtOrAfter(db: Database, at: Date): Promise<number | undefined> {
  const [row] = await db
    .select({ seq: min(accessLog.seq) })
    .from(accessLog)
    .where(gte(accessLog.at, at))
  return row?.seq ?? undefined
}

/** The highest sequence number in the log (0 when it is empty). */
export async function lastSeq(db: Database): Promise<number> {
  const [row] = await db.select({ seq: max(accessLog.seq) }).from(accessLog)
  return row?.seq ?? 0
}

/** The stored hash of one entry, if the entry is there. */
export async function hashOfEntry(db: Database, seq: number): Promise<string | undefined> {
  const [row] = await db.select({ hash: accessLog.hash }).from(accessLog).where(eq(accessLog.seq, seq))
  return row?.hash
}
