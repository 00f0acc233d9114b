import { type SQL, sql } from 'drizzle-orm'
import { type Database, queryRows } from '../db/database.ts'
import { themeConcept } from './dcat/vocabulary.ts'
import { findLifeEvent } from './life-events.ts'

export interface FacetValue {
  value: string
  label?: string
  /** All three languages, where Deling has them (life events). */
  labels?: { nb: string; nn: string; en: string }
  count: number
}

export interface CatalogFacets {
  facets: {
    theme: FacetValue[]
    publisher: FacetValue[]
    accessRights: FacetValue[]
    legalBasis: FacetValue[]
    lifeEvent: FacetValue[]
  }
  total: number
}

const facetSize = 50

type FacetName = keyof CatalogFacets['facets']
type FacetRow = { facet: FacetName | 'total'; value: string | null; count: number }

/** A facet value a search is filtered by, as catalog_facet_counts keeps it ('' and '': no such filter). */
export interface KeptFilter {
  facet: '' | 'theme' | 'legalBasis' | 'lifeEvent'
  value: string
}

/**
 * Counts the total and every facet of a result in one pass over it: each matching row gives one (facet, value)
 * pair per facet value it has, and one grouping counts them all. At 100 000 datasets and 16 % matching, this took
 * about 150 ms where a materialized CTE read once per facet took about 175 (medians of 8 in psql, full scans).
 * Labels are looked up for the values shown only, among the datasets `visible` (the viewer's visibility, without
 * the query's filters).
 */
export async function countFacets(db: Database, where: SQL, visible: SQL): Promise<CatalogFacets> {
  const rows = await queryRows<FacetRow>(
    db,
    sql`select f.facet, f.value, count(*)::int as count
      from datasets d cross join lateral (
        select 'total'::text, null::text
        union all select 'publisher', d.publisher_orgnr
        union all select 'accessRights', d.access_rights
        union all select 'theme', unnest(d.themes)
        union all select 'legalBasis', unnest(d.legal_basis_uris)
        union all select 'lifeEvent', unnest(d.life_events)) as f(facet, value)
      where ${where}
      group by f.facet, f.value`,
  )
  return labelled(db, rows, visible)
}

/** Which kept rows a search sums: see countKeptFacets. */
export interface KeptScope {
  /** The facet values and totals: rows of all publishers ('') and the viewer's own NON_PUBLIC, or one publisher's. */
  facets: SQL
  /** The publisher facet: each publisher's totals the viewer may see. */
  publishers: SQL
}

/**
 * The same counts, from what catalog_facet_counts keeps with every change (migration 0013): for a search filtered
 * by one facet value at most, besides publisher and access rights. It sums a few hundred kept rows (each
 * publisher's total found among a few thousand index entries) instead of reading every match: at 100 000 datasets
 * a few milliseconds for any such search, where reading the matches took up to 400 ms. Both conditions of `scope`
 * read the kept rows as `d`.
 */
export async function countKeptFacets(
  db: Database,
  filter: KeptFilter,
  scope: KeptScope,
  visible: SQL,
): Promise<CatalogFacets> {
  const kept = sql`d.filter_key = deling_facet_key(${filter.facet}::text, ${filter.value}::text)`
  const rows = await queryRows<FacetRow>(
    db,
    sql`with kept as materialized (
        select d.access_rights, d.facet, d.value, d.count from catalog_facet_counts d where ${kept} and ${scope.facets})
      select facet, value, sum(count)::int as count from kept group by facet, value
      union all select 'accessRights', access_rights, sum(count)::int from kept where facet = 'total'
        group by access_rights
      -- the totals' key is a constant: the index answers which rows are totals, without reading the others
      union all select 'publisher', d.publisher_orgnr, sum(d.count)::int from catalog_facet_counts d
        where ${kept} and d.value_key = deling_facet_key('total', '') and d.publisher_orgnr <> ''
          and ${scope.publishers}
        group by d.publisher_orgnr`,
  )
  // Rows whose datasets all changed or went are kept at 0.
  return labelled(
    db,
    rows.filter((row) => row.count > 0),
    visible,
  )
}

async function labelled(db: Database, rows: FacetRow[], visible: SQL): Promise<CatalogFacets> {
  const facets: CatalogFacets['facets'] = { theme: [], publisher: [], accessRights: [], legalBasis: [], lifeEvent: [] }
  let total = 0
  for (const row of rows) {
    if (row.facet === 'total') total = row.count
    else if (row.value !== null) facets[row.facet].push({ value: row.value, count: row.count })
  }
  for (const name of Object.keys(facets) as FacetName[]) {
    facets[name] = facets[name].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, facetSize)
  }
  await labelFacets(db, facets, visible)
  return { facets, total }
}

// A law's label comes from a dataset the viewer may see, so a hidden dataset's title for the same law never shows:
// the first of the law's rows (by id, the (uri, id) index) whose dataset is visible, law by law, each lookup
// stopping at its first match. Joining every row of the shown laws with the datasets of the result instead took
// 340–480 ms at 100 000 datasets; this takes 1–3 ms. (Requiring a dataset of the result made the lookup walk a
// law's rows for a narrow filter: 1.2 s.)
async function labelFacets(db: Database, facets: CatalogFacets['facets'], visible: SQL): Promise<void> {
  const orgnrs = facets.publisher.map((facet) => facet.value)
  const uris = facets.legalBasis.map((facet) => facet.value)
  const [publishers, laws] = await Promise.all([
    orgnrs.length
      ? queryRows<{ value: string; label: string }>(
          db,
          sql`select orgnr as value, name as label from organisations
            where orgnr in (${sql.join(
              orgnrs.map((orgnr) => sql`${orgnr}`),
              sql`, `,
            )})`,
        )
      : [],
    uris.length
      ? queryRows<{ value: string; label: string }>(
          db,
          sql`select u.uri as value, l.label
            from unnest(array[${sql.join(
              uris.map((uri) => sql`${uri}`),
              sql`, `,
            )}]::text[]) as u(uri),
            lateral (select coalesce(lb.title->>'nb', lb.title->>'nn') as label
              from legal_bases lb join datasets d on d.id = lb.dataset_id
              where lb.uri = u.uri and ${visible} order by lb.id limit 1) as l`,
        )
      : [],
  ])
  const label = (values: FacetValue[], labels: { value: string; label: string }[]) => {
    const byValue = new Map(labels.map((row) => [row.value, row.label]))
    for (const facet of values) {
      const found = byValue.get(facet.value)
      if (found) facet.label = found
    }
  }
  for (const facet of facets.theme) {
    const { labels } = themeConcept(facet.value)
    const text = labels.nb ?? labels.nn ?? labels.en
    if (text) facet.label = text
  }
  for (const facet of facets.lifeEvent) {
    const event = findLifeEvent(facet.value)
    if (event) Object.assign(facet, { label: event.labels.nb, labels: event.labels })
  }
  label(facets.publisher, publishers)
  label(facets.legalBasis, laws)
}

/**
 * A small least-recently-used cache of search pages. Keys include the catalog's version, so an entry is never
 * served after a change: it simply stops being asked for, and falls out.
 */
export class SearchCache<Page> {
  readonly #entries = new Map<string, Page>()
  readonly #capacity: number

  constructor(capacity = 500) {
    this.#capacity = capacity
  }

  get(key: string): Page | undefined {
    const page = this.#entries.get(key)
    if (page !== undefined) {
      this.#entries.delete(key)
      this.#entries.set(key, page)
    }
    return page
  }

  set(key: string, page: Page): void {
    this.#entries.delete(key)
    this.#entries.set(key, page)
    if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value!)
  }
}
