import { and, asc, count, desc, eq, gt, gte, lt, lte, or, type SQL } from 'drizzle-orm'
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
  offset: number
  limit: number
}

const deliveredTo = (query: SubjectLogQuery) =>
  and(
    eq(accessLog.subjectFnr, query.fnr),
    eq(accessLog.outcome, 'delivered'),
    query.from ? gte(accessLog.at, query.from) : undefined,
    query.to ? lte(accessLog.at, query.to) : undefined,
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
