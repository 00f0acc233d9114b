import { type SQL, sql } from 'drizzle-orm'
import { type Database, queryRows } from '../db/database.ts'
import { Problem } from '../http/problem.ts'
import { findActiveRulesOf } from './access-rules.repo.ts'
import type { AccessRule, Dataset } from './dataset.schemas.ts'
import { loadDatasets } from './datasets.repo.ts'
import type { Viewer } from './datasets.ts'

export interface DatasetQuery {
  q?: string
  theme?: string
  publisher?: string
  accessRights?: 'PUBLIC' | 'RESTRICTED' | 'NON_PUBLIC'
  /** A legal basis by its URI, or words of its title. */
  legalBasis?: string
  /** Datasets this organisation may receive: a rule names it, or any organisation with consent. */
  recipient?: string
  limit: number
  cursor?: string
}

export interface FacetValue {
  value: string
  label?: string
  count: number
}

export interface DatasetPage {
  items: Dataset[]
  facets: { theme: FacetValue[]; publisher: FacetValue[]; accessRights: FacetValue[]; legalBasis: FacetValue[] }
  total: number
  next: string | undefined
}

type Cursor = { offset: number } | { after: [string, string] }

const maxOffset = 10_000

function readCursor(cursor: string | undefined): Cursor | undefined {
  if (!cursor) return undefined
  try {
    const parsed = JSON.parse(atob(cursor.replaceAll('-', '+').replaceAll('_', '/'))) as Cursor
    if ('offset' in parsed && Number.isInteger(parsed.offset) && parsed.offset >= 0 && parsed.offset <= maxOffset)
      return parsed
    if ('after' in parsed && Array.isArray(parsed.after) && parsed.after.every((part) => typeof part === 'string'))
      return parsed
  } catch {}
  throw new Problem(400, 'validation-failed', 'The cursor is not one this API gave out', {
    errors: [{ in: 'query', pointer: '/cursor', detail: 'use the `next` value of the previous page as it is' }],
  })
}

const writeCursor = (cursor: Cursor) =>
  btoa(JSON.stringify(cursor)).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')

/**
 * Each word of the query matches as a prefix ("inntekt" finds "inntektsopplysninger") in Norwegian, English or
 * as written. Only letters and digits reach to_tsquery, so its syntax cannot be injected.
 */
export function textMatch(q: string): SQL | undefined {
  const words = (q.toLocaleLowerCase('nb').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8)
  if (!words.length) return undefined
  const terms = words.map((word) => {
    const term = `${word}:*`
    return sql`(to_tsquery('norwegian', ${term}) || to_tsquery('english', ${term}) || to_tsquery('simple', ${term}))`
  })
  return sql.join(terms, sql` && `)
}

function conditions(query: DatasetQuery, viewer: Viewer, tsquery: SQL | undefined): SQL {
  const where: SQL[] = [sql`d.deleted_at is null`]
  where.push(
    viewer
      ? sql`(d.access_rights <> 'NON_PUBLIC' or d.publisher_orgnr = ${viewer.orgnr})`
      : sql`d.access_rights <> 'NON_PUBLIC'`,
  )
  if (tsquery) where.push(sql`d.search_vector @@ (${tsquery})`)
  // Words were asked for, but none could be searched: nothing matches, rather than everything.
  else if (query.q?.trim()) where.push(sql`false`)
  if (query.theme) where.push(sql`d.themes @> array[${query.theme}]::text[]`)
  if (query.publisher) where.push(sql`d.publisher_orgnr = ${query.publisher}`)
  if (query.accessRights) where.push(sql`d.access_rights = ${query.accessRights}`)
  if (query.legalBasis) {
    const words = `%${query.legalBasis.replace(/[\\%_]/g, '\\$&')}%`
    where.push(sql`exists (select 1 from legal_bases lb where lb.dataset_id = d.id
      and (lb.uri = ${query.legalBasis} or lb.title->>'nb' ilike ${words} or lb.title->>'nn' ilike ${words}
        or lb.title->>'en' ilike ${words}))`)
  }
  if (query.recipient) {
    where.push(sql`exists (select 1 from access_rules ar where ar.dataset_id = d.id and ar.deleted_at is null
      and (ar.recipient_orgnr = ${query.recipient} or ar.recipient_orgnr is null)
      and (ar.valid_to is null or ar.valid_to > now()))`)
  }
  return sql.join(where, sql` and `)
}

async function facets(db: Database, where: SQL): Promise<DatasetPage['facets']> {
  const [theme, publisher, accessRights, legalBasis] = await Promise.all([
    queryRows<FacetValue>(
      db,
      sql`select t.theme as value, count(*)::int as count from datasets d, unnest(d.themes) as t(theme)
        where ${where} group by t.theme order by count desc, value limit 50`,
    ),
    queryRows<FacetValue>(
      db,
      sql`select d.publisher_orgnr as value, o.name as label, count(*)::int as count
        from datasets d join organisations o on o.orgnr = d.publisher_orgnr
        where ${where} group by d.publisher_orgnr, o.name order by count desc, value limit 50`,
    ),
    queryRows<FacetValue>(
      db,
      sql`select d.access_rights as value, count(*)::int as count from datasets d
        where ${where} group by d.access_rights order by count desc, value`,
    ),
    queryRows<FacetValue>(
      db,
      sql`select lb.uri as value, min(coalesce(lb.title->>'nb', lb.title->>'nn')) as label,
          count(distinct d.id)::int as count
        from datasets d join legal_bases lb on lb.dataset_id = d.id
        where ${where} group by lb.uri order by count desc, value limit 50`,
    ),
  ])
  return { theme, publisher, accessRights, legalBasis }
}

/**
 * Searches the catalog. With words, the best matches come first (offset cursor); without, datasets come by title
 * (keyset cursor, so deep pages stay as fast as the first). Facets count the whole result, not just the page.
 */
export async function searchDatasets(db: Database, query: DatasetQuery, viewer: Viewer): Promise<DatasetPage> {
  const tsquery = query.q ? textMatch(query.q) : undefined
  const where = conditions(query, viewer, tsquery)
  const cursor = readCursor(query.cursor)
  const take = query.limit + 1
  const offset = cursor && 'offset' in cursor ? cursor.offset : 0
  const after = cursor && 'after' in cursor ? cursor.after : undefined
  const rows = await queryRows<{ id: string; sort_title: string }>(
    db,
    tsquery
      ? sql`select d.id, d.sort_title from datasets d where ${where}
          order by ts_rank(d.search_vector, ${tsquery}) desc, d.sort_title, d.id limit ${take} offset ${offset}`
      : sql`select d.id, d.sort_title from datasets d where ${where}
          ${after ? sql`and (d.sort_title, d.id) > (${after[0]}, ${after[1]})` : sql``}
          order by d.sort_title, d.id limit ${take}`,
  )
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  let next: string | undefined
  if (rows.length > query.limit && last) {
    if (!tsquery) next = writeCursor({ after: [last.sort_title, last.id] })
    else if (offset + query.limit < maxOffset) next = writeCursor({ offset: offset + query.limit })
  }
  const [items, facetCounts, [counted]] = await Promise.all([
    loadDatasets(
      db,
      page.map((row) => row.id),
    ),
    facets(db, where),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from datasets d where ${where}`),
  ])
  return { items, facets: facetCounts, total: counted?.total ?? 0, next }
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
  const where = conditions({ limit: pageSize }, viewer, undefined)
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
