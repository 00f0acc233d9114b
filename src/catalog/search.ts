import { type SQL, sql } from 'drizzle-orm'
import { type Database, queryRows } from '../db/database.ts'
import { Problem } from '../http/problem.ts'
import { findActiveRulesOf } from './access-rules.repo.ts'
import type { AccessRule, Dataset } from './dataset.schemas.ts'
import { loadDatasets, readCatalogVersion } from './datasets.repo.ts'
import type { Viewer } from './datasets.ts'
import { lifeEventOf } from './life-events.ts'
import { type CatalogFacets, countFacets, countKeptFacets, type KeptFilter, type SearchCache } from './search-facets.ts'

export interface DatasetQuery {
  q?: string
  theme?: string
  /** A life event by its key or URI (src/catalog/life-events.ts). */
  lifeEvent?: string
  publisher?: string
  accessRights?: 'PUBLIC' | 'RESTRICTED' | 'NON_PUBLIC'
  /** A legal basis by its URI, or words of its title. */
  legalBasis?: string
  /** Datasets this organisation may receive: a rule names it, or any organisation with consent. */
  recipient?: string
  limit: number
  cursor?: string
}

export interface DatasetPage {
  items: Dataset[]
  /** On the first page only: they describe the whole result, which later pages share. */
  facets?: CatalogFacets['facets']
  total?: number
  next?: string
}

type Cursor = { offset: number } | { after: [string, string] }

const maxOffset = 10_000

function readCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined
  try {
    const parsed = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/'))) as Cursor
    if ('offset' in parsed && Number.isInteger(parsed.offset) && parsed.offset >= 0 && parsed.offset <= maxOffset)
      return parsed
    if (
      'after' in parsed &&
      Array.isArray(parsed.after) &&
      parsed.after.length === 2 &&
      parsed.after.every((part) => typeof part === 'string' && part.length <= 400 && !part.includes('\u0000'))
    )
      return parsed
  } catch {}
  throw new Problem(400, 'validation-failed', 'The cursor is not one this API gave out', {
    errors: [{ in: 'query', pointer: '/cursor', detail: 'use the `next` value of the previous page as it is' }],
  })
}

const writeCursor = (cursor: Cursor) =>
  btoa(JSON.stringify(cursor)).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')

const configurations = { all: ['norwegian', 'english', 'simple'], simple: ['simple'] } as const

/**
 * Each word of the query matches as a prefix ("inntekt" finds "inntektsopplysninger"), in Norwegian, English or
 * as written; deling_words_query (migration 0014) builds the text query, each lexeme once. Only letters and digits
 * reach to_tsquery, so its syntax cannot be injected. The planner must see its value: queries using it stay
 * unprepared (ADR 0018).
 */
export function textMatch(q: string, languages: keyof typeof configurations = 'all'): SQL | undefined {
  const words = (q.toLocaleLowerCase('nb').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8)
  if (!words.length) return undefined
  return sql`deling_words_query(array[${sql.join(
    words.map((word) => sql`${word}`),
    sql`, `,
  )}]::text[], ${sql.raw(`array[${configurations[languages].map((config) => `'${config}'`).join(', ')}]::regconfig[]`)})`
}

/** SQL twin of canSee() over `datasets d`: NON_PUBLIC datasets are the publisher's alone. */
export const visibleTo = (viewer: Viewer): SQL =>
  viewer
    ? sql`(d.access_rights <> 'NON_PUBLIC' or d.publisher_orgnr = ${viewer.orgnr})`
    : sql`d.access_rights <> 'NON_PUBLIC'`

/** The datasets `d` a viewer may list: not deleted, and visible to them. */
const listedFor = (viewer: Viewer): SQL => sql`d.deleted_at is null and ${visibleTo(viewer)}`

const looksLikeUri = (value: string) => /^https?:\/\//.test(value)

// Publisher and access rights are columns of the datasets and of the kept facet counts alike.
function columnConditions(query: Omit<DatasetQuery, 'limit'>): SQL[] {
  const where: SQL[] = []
  if (query.publisher) where.push(sql`d.publisher_orgnr = ${query.publisher}`)
  if (query.accessRights) where.push(sql`d.access_rights = ${query.accessRights}`)
  return where
}

function conditions(query: Omit<DatasetQuery, 'limit'>, viewer: Viewer, tsquery: SQL | undefined): SQL {
  const where: SQL[] = [listedFor(viewer), ...columnConditions(query)]
  if (tsquery) where.push(sql`d.search_vector @@ (${tsquery})`)
  // Words were asked for, but none could be searched: nothing matches, rather than everything.
  else if (query.q?.trim()) where.push(sql`false`)
  if (query.theme) where.push(sql`d.themes @> array[${query.theme}]::text[]`)
  if (query.lifeEvent) {
    const key = lifeEventOf(query.lifeEvent)?.key
    where.push(key ? sql`d.life_events @> array[${key}]::text[]` : sql`false`)
  }
  if (query.legalBasis) {
    const words = textMatch(query.legalBasis, 'simple')
    if (looksLikeUri(query.legalBasis)) where.push(sql`d.legal_basis_uris @> array[${query.legalBasis}]::text[]`)
    else where.push(words ? sql`d.legal_vector @@ (${words})` : sql`false`)
  }
  if (query.recipient) {
    where.push(sql`d.id in (select ar.dataset_id from access_rules ar where ar.deleted_at is null
      and (ar.recipient_orgnr = ${query.recipient} or ar.recipient_orgnr is null)
      and (ar.valid_from is null or ar.valid_from <= now()) and (ar.valid_to is null or ar.valid_to > now()))`)
  }
  return sql.join(where, sql` and `)
}

/**
 * The facet value a search filters by, when its facets can be counted from the kept counts: no words, no
 * recipient, and at most one theme, legal basis (by URI) or life event besides publisher and access rights.
 */
function keptFilter(query: Omit<DatasetQuery, 'limit'>): KeptFilter | undefined {
  if (query.q?.trim() || query.recipient) return undefined
  const filters: KeptFilter[] = []
  if (query.theme) filters.push({ facet: 'theme', value: query.theme })
  if (query.legalBasis) {
    if (!looksLikeUri(query.legalBasis)) return undefined
    filters.push({ facet: 'legalBasis', value: query.legalBasis })
  }
  if (query.lifeEvent) {
    const key = lifeEventOf(query.lifeEvent)?.key
    if (!key) return undefined
    filters.push({ facet: 'lifeEvent', value: key })
  }
  return filters.length > 1 ? undefined : (filters[0] ?? { facet: '', value: '' })
}

/**
 * Runs a read that visits every match of words, a recipient or a law's words with random_page_cost at 1.1, the
 * usual value where the catalog is in memory or on SSD, for this transaction only. At Postgres's default (4) the
 * planner reads all 100 000 datasets and evaluates the text query on each rather than fetching the 16 % the text
 * index names, which took twice as long (docs/performance.md).
 */
export function readingMatches<T>(db: Database, read: (db: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // Awaited: sent beside the read, drizzle let the read reach the connection first (the test checks the order).
    await tx.execute(sql`set local random_page_cost = 1.1`)
    return read(tx as unknown as Database)
  })
}

function countResult(db: Database, query: Omit<DatasetQuery, 'limit'>, viewer: Viewer, where: SQL) {
  const filter = keptFilter(query)
  if (!filter) return readingMatches(db, (tx) => countFacets(tx, where, listedFor(viewer)))
  // The kept rows hold no deleted datasets, and carry the two columns visibility reads: visibleTo() applies to each
  // publisher's rows; the rows of all publishers ('') are visible but for their NON_PUBLIC ones.
  const publishers = sql.join([visibleTo(viewer), ...columnConditions(query)], sql` and `)
  const allPublishers = sql`((d.publisher_orgnr = '' and d.access_rights <> 'NON_PUBLIC')${
    viewer ? sql` or (d.publisher_orgnr = ${viewer.orgnr} and d.access_rights = 'NON_PUBLIC')` : sql``
  })`
  const facets = query.publisher ? publishers : sql.join([allPublishers, ...columnConditions(query)], sql` and `)
  return countKeptFacets(db, filter, { facets, publishers }, listedFor(viewer))
}

/**
 * Searches the catalog. With words, the best matches come first (offset cursor); without, datasets come by title
 * (keyset cursor, so deep pages stay as fast as the first). The first page carries facet counts and the total of
 * the whole result. Pages are cached by the catalog's version, so a cached page is never stale.
 */
export async function searchDatasets(
  db: Database,
  query: DatasetQuery,
  viewer: Viewer,
  options: { cache?: SearchCache<DatasetPage>; now?: Date } = {},
): Promise<DatasetPage> {
  const { cache, now = new Date() } = options
  // A rule's validity ends without a catalog change: a recipient's page is cached for the minute only.
  const minute = query.recipient ? now.toISOString().slice(0, 16) : ''
  const key = cache ? JSON.stringify([await readCatalogVersion(db), minute, viewer?.orgnr ?? '', query]) : ''
  const cached = cache?.get(key)
  if (cached) return cached
  const tsquery = query.q ? textMatch(query.q) : undefined
  const where = conditions(query, viewer, tsquery)
  const cursor = readCursor(query.cursor)
  // A cursor belongs to the kind of listing that gave it out: ranked (with words) or by title (without).
  if (cursor && 'offset' in cursor !== Boolean(tsquery))
    throw new Problem(400, 'validation-failed', 'This cursor belongs to another search', {
      errors: [{ in: 'query', pointer: '/cursor', detail: 'keep q as it was when the cursor was given out' }],
    })
  const offset = cursor && 'offset' in cursor ? cursor.offset : 0
  const after = cursor && 'after' in cursor ? cursor.after : undefined
  // The counts need no page: they run beside the page query (on Postgres, on another connection).
  const counting = cursor ? undefined : countResult(db, query, viewer, where)
  // Awaited below; this keeps a failure from going unhandled when the page query fails first.
  counting?.catch(() => {})
  const rows = tsquery
    ? await readingMatches(db, (tx) =>
        queryRows<{ id: string; sort_title: string }>(
          tx,
          sql`select d.id, d.sort_title from datasets d where ${where}
            order by ts_rank(d.search_vector, ${tsquery}) desc, d.sort_title, d.id
            limit ${query.limit + 1} offset ${offset}`,
        ),
      )
    : await queryRows<{ id: string; sort_title: string }>(
        db,
        sql`select d.id, d.sort_title from datasets d where ${where}
          ${after ? sql`and (d.sort_title, d.id) > (${after[0]}, ${after[1]})` : sql``}
          order by d.sort_title, d.id limit ${query.limit + 1}`,
      )
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  let next: string | undefined
  if (rows.length > query.limit && last) {
    if (!tsquery) next = writeCursor({ after: [last.sort_title, last.id] })
    else if (offset + query.limit < maxOffset) next = writeCursor({ offset: offset + query.limit })
  }
  const [items, counted] = await Promise.all([
    loadDatasets(
      db,
      page.map((row) => row.id),
    ),
    counting,
  ])
  const result: DatasetPage = { items, ...counted, ...(next ? { next } : {}) }
  cache?.set(key, result)
  return result
}

/**
 * Every dataset the viewer may see, by title, a page at a time with their access rules: for exports that stream
 * the whole catalog without holding it in memory.
 */
export async function* visibleCatalogPages(
  db: Database,
  viewer: Viewer,
  pageSize = 100,
): AsyncGenerator<{ dataset: Dataset; accessRules: AccessRule[] }[]> {
  const where = conditions({}, viewer, undefined)
  let after: [string, string] | undefined
  for (;;) {
    const rows = await queryRows<{ id: string; sort_title: string }>(
      db,
      sql`select d.id, d.sort_title from datasets d where ${where}
        ${after ? sql`and (d.sort_title, d.id) > (${after[0]}, ${after[1]})` : sql``}
        order by d.sort_title, d.id limit ${pageSize}`,
    )
    if (!rows.length) return
    const ids = rows.map((row) => row.id)
    const [datasets, rules] = await Promise.all([loadDatasets(db, ids), findActiveRulesOf(db, ids)])
    yield datasets.map((dataset) => ({ dataset, accessRules: rules.get(dataset.id) ?? [] }))
    const last = rows.at(-1)!
    after = [last.sort_title, last.id]
    if (rows.length < pageSize) return
  }
}
