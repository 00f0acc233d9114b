import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dataset, NewDataset } from '../../src/catalog/dataset.schemas.ts'
import { lifeEventOf } from '../../src/catalog/life-events.ts'
import { readingMatches, textMatch } from '../../src/catalog/search.ts'
import { queryRows } from '../../src/db/database.ts'
import { migrate } from '../../src/db/migrate.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { catalogActors, dagpengerRule, incomeDataset, openDataset } from '../support/catalog.ts'
import { demoOrganisations } from '../support/tokens.ts'

const theme = (code: string) => `http://publications.europa.eu/resource/authority/data-theme/${code}`
const laws = [
  { uri: 'https://lovdata.no/lov/2012-06-22-43/§7', title: 'a-opplysningsloven § 7' },
  { uri: 'https://lovdata.no/lov/2016-05-27-14/§3-1', title: 'skatteforvaltningsloven § 3-1' },
  { uri: 'https://lovdata.no/lov/1997-02-28-19/§21-4', title: 'folketrygdloven § 21-4' },
]
const accessRights = ['PUBLIC', 'RESTRICTED', 'NON_PUBLIC'] as const
const skattOrgnr = demoOrganisations.skatteetaten.orgnr
const navOrgnr = demoOrganisations.nav.orgnr

/** The i-th dataset of a varied catalog: themes, laws, life events and access rights all come round in turn. */
function variedDataset(i: number, publicUrl: string): NewDataset {
  const events = [
    [],
    ['https://data.norge.no/vocabulary/life-event-type#having-a-child'],
    [`${publicUrl}/life-events/falling-ill`],
  ]
  return {
    ...openDataset(`Datasett ${i}`),
    accessRights: accessRights[i % 3]!,
    themes: [theme(['ECON', 'GOVE', 'SOCI', 'ECON'][i % 4]!), ...(i % 5 === 0 ? [theme('GOVE')] : [])],
    lifeEvents: events[i % 3],
    legalBases: laws
      .filter((_, law) => (i + law) % 2 === 0)
      .map((law) => ({ type: 'disclosure' as const, title: { nb: law.title }, uri: law.uri })),
  }
}

type Counts = Record<string, Record<string, number>>

/** The facets a result should have, counted from its datasets as the API shows them. */
function countOf(datasets: Dataset[]): { total: number; facets: Counts } {
  const facets: Counts = { theme: {}, publisher: {}, accessRights: {}, legalBasis: {}, lifeEvent: {} }
  const add = (facet: string, values: string[]) => {
    for (const value of new Set(values)) facets[facet]![value] = (facets[facet]![value] ?? 0) + 1
  }
  for (const dataset of datasets) {
    add('theme', dataset.themes)
    add('publisher', [dataset.publisher.orgnr])
    add('accessRights', [dataset.accessRights])
    add(
      'legalBasis',
      dataset.legalBases.map((basis) => basis.uri),
    )
    add(
      'lifeEvent',
      dataset.lifeEvents.map((uri) => lifeEventOf(uri)!.key),
    )
  }
  return { total: datasets.length, facets }
}

/** The same shape from an answer of the API. */
function countsIn(page: { total: number; facets: Record<string, { value: string; count: number }[]> }) {
  const facets: Counts = {}
  for (const [facet, values] of Object.entries(page.facets))
    facets[facet] = Object.fromEntries(values.map(({ value, count }) => [value, count]))
  return { total: page.total, facets }
}

describe.each(['postgres', 'pglite'] as const)('facet counts kept with every change, on %s', (driver) => {
  let app: TestApp
  let tokens: Record<'skatt' | 'nav', string>
  const viewers = { anonymous: undefined, skatt: () => tokens.skatt, nav: () => tokens.nav }

  const publish = async (i: number, token: string) => {
    const created = await app.post('/catalog/datasets', variedDataset(i, app.url), { token })
    expect(created.status).toBe(201)
    return created.body as Dataset
  }
  const replace = async (dataset: Dataset, i: number, token: string, change: Partial<NewDataset>) => {
    const put = await app.request('PUT', `/catalog/datasets/${dataset.id}`, {
      token,
      body: { ...variedDataset(i, app.url), ...change },
      headers: { 'If-Match': `"${dataset.version}"` },
    })
    expect(put.status).toBe(200)
  }
  // The kept counts against a recount from the datasets, rows at 0 left out.
  const keptAndRecounted = async () => {
    const select = (from: ReturnType<typeof sql>) =>
      queryRows<Record<string, unknown>>(
        app.host.database.db,
        sql`select filter_facet, filter_value, publisher_orgnr, access_rights, facet, value, count from ${from}
          order by 1, 2, 3, 4, 5, 6`,
      )
    return {
      kept: await select(sql`catalog_facet_counts where count <> 0`),
      // Each dataset counted under its publisher and under all publishers ('').
      recounted: await select(sql`(select r.filter_facet, r.filter_value, p.orgnr as publisher_orgnr, d.access_rights,
          r.facet, r.value, count(*)::int as count
        from datasets d, lateral (values (d.publisher_orgnr), ('')) as p(orgnr),
          deling_facet_rows(d.themes, d.legal_basis_uris, d.life_events) r
        where d.deleted_at is null group by 1, 2, 3, 4, 5, 6) as recount`),
    }
  }

  beforeAll(async () => {
    app = await startTestApp({ driver })
    const actors = await catalogActors(app)
    tokens = { skatt: await actors.skatteetaten(), nav: await actors.nav() }
    const published: Dataset[] = []
    for (let i = 0; i < 12; i++) published.push(await publish(i, i % 2 ? tokens.nav : tokens.skatt))
    // Changes the counts must follow: a new theme and law, public turned non-public, a theme given twice, a
    // description-only change, and a deletion.
    await replace(published[0]!, 0, tokens.skatt, {
      themes: [theme('TRAN')],
      legalBases: [{ type: 'disclosure', title: { nb: laws[2]!.title }, uri: laws[2]!.uri }],
    })
    await replace(published[3]!, 3, tokens.nav, { accessRights: 'NON_PUBLIC' })
    await replace(published[4]!, 4, tokens.skatt, { themes: [theme('SOCI'), theme('SOCI')] })
    await replace(published[5]!, 5, tokens.nav, { description: { nb: 'Bare beskrivelsen er ny.' } })
    const gone = await app.request('DELETE', `/catalog/datasets/${published[6]!.id}`, {
      token: tokens.skatt,
      headers: { 'If-Match': '"1"' },
    })
    expect(gone.status).toBe(204)
  })
  afterAll(() => app?.close())

  it.each([
    ['no filter', {}],
    ['a theme', { theme: theme('ECON') }],
    ['a legal basis', { legalBasis: laws[0]!.uri }],
    ['a life event', { lifeEvent: 'falling-ill' }],
    ['a publisher', { publisher: skattOrgnr }],
    ['access rights', { accessRights: 'NON_PUBLIC' }],
    ['a theme, a publisher and access rights', { theme: theme('SOCI'), publisher: navOrgnr, accessRights: 'PUBLIC' }],
    ['a theme nobody uses', { theme: theme('AGRI') }],
    // Two facet values: counted from the matching datasets instead, and the same.
    ['a theme and a legal basis', { theme: theme('ECON'), legalBasis: laws[1]!.uri }],
    // Words: every dataset's title starts with "Datasett", and no dataset has the other word.
    ['words', { q: 'datasett' }],
    ['words and a theme', { q: 'DATASETT', theme: theme('SOCI') }],
    ['words nobody uses', { q: 'finnesikke' }],
  ])('counts the facets of a search by %s as its datasets do, for every viewer', async (_, filters) => {
    for (const [viewer, token] of Object.entries(viewers)) {
      const bearer = token?.()
      const everything = await app.get('/catalog/datasets?limit=100', { token: bearer })
      expect(everything.status).toBe(200)
      const matching = (everything.body.items as Dataset[]).filter(
        (dataset) =>
          (!('q' in filters) || filters.q.toLowerCase() === 'datasett') &&
          (!('theme' in filters) || dataset.themes.includes(filters.theme)) &&
          (!('legalBasis' in filters) || dataset.legalBases.some((basis) => basis.uri === filters.legalBasis)) &&
          (!('lifeEvent' in filters) ||
            dataset.lifeEvents.some((uri) => lifeEventOf(uri)?.key === filters.lifeEvent)) &&
          (!('publisher' in filters) || dataset.publisher.orgnr === filters.publisher) &&
          (!('accessRights' in filters) || dataset.accessRights === filters.accessRights),
      )
      const search = await app.get(`/catalog/datasets?${new URLSearchParams(filters)}`, { token: bearer })
      expect(search.status).toBe(200)
      expect({ viewer, ...countsIn(search.body) }).toEqual({ viewer, ...countOf(matching) })
    }
  })

  it('asks the text index for each lexeme of a word once, and for every word (migration 0014)', async () => {
    const query = async (words: string[]) =>
      (
        await queryRows<{ query: string }>(
          app.host.database.db,
          sql`select deling_words_query(array[${sql.join(
            words.map((word) => sql`${word}`),
            sql`, `,
          )}]::text[], array['norwegian', 'english', 'simple']::regconfig[])::text as query`,
        )
      )[0]!.query
    // The same in all three configurations: once; an English stem besides the word as written; an English stop word.
    expect(await query(['inntekt'])).toBe("'inntekt':*")
    expect(await query(['inntekt', 'running', 'the'])).toBe("'inntekt':* & ( 'run':* | 'running':* ) & 'the':*")
  })

  it('matches the same texts as the three configurations’ queries joined one by one did before it', async () => {
    const texts = [
      'Straße og the a²b ½',
      'Running inntektsopplysninger 2024',
      'Привет 日本語 ǅemal',
      'a-opplysningsloven § 7',
    ]
    const searches = ['straße og', 'the', 'a²b', '½', 'run inntekt', 'привет', 'ǆemal', 'a opplysningsloven 7', '20']
    for (const search of searches) {
      const words = search.toLocaleLowerCase('nb').match(/[\p{L}\p{N}]+/gu) ?? []
      // The query as textMatch built it before migration 0014: per word, the three configurations' queries joined.
      const before = sql.join(
        words.map(
          (word) =>
            sql`(${sql.join(
              ['norwegian', 'english', 'simple'].map(
                (config) => sql`to_tsquery(${sql.raw(`'${config}'`)}, ${`${word}:*`})`,
              ),
              sql` || `,
            )})`,
        ),
        sql` && `,
      )
      for (const text of texts) {
        const vector = sql`(to_tsvector('norwegian', ${text}) || to_tsvector('english', ${text}) || to_tsvector('simple', ${text}))`
        const [row] = await queryRows<{ before: boolean; after: boolean }>(
          app.host.database.db,
          sql`select ${vector} @@ (${before}) as before, coalesce(${vector} @@ ${textMatch(search)!}, false) as after`,
        )
        expect({ search, text, matches: row!.after }).toEqual({ search, text, matches: row!.before })
      }
    }
  })

  it('plans the reads of every match with random_page_cost 1.1, and only those (ADR 0018)', async () => {
    const setting = sql`select current_setting('random_page_cost') as cost`
    const db = app.host.database.db
    const inside = await readingMatches(db, (tx) => queryRows<{ cost: string }>(tx, setting))
    const outside = await queryRows<{ cost: string }>(db, setting)
    expect([inside[0]!.cost, outside[0]!.cost]).toEqual(['1.1', '4'])
  })

  it('hides another publisher’s non-public datasets from the counts as from the list', async () => {
    const anonymous = await app.get('/catalog/datasets')
    const skatt = await app.get('/catalog/datasets', { token: tokens.skatt })
    const nav = await app.get('/catalog/datasets', { token: tokens.nav })
    expect(anonymous.body.facets.accessRights.map((facet: { value: string }) => facet.value)).not.toContain(
      'NON_PUBLIC',
    )
    const nonPublic = (page: typeof skatt) =>
      page.body.facets.accessRights.find((facet: { value: string }) => facet.value === 'NON_PUBLIC')?.count
    // Skatteetaten published datasets 2 and 8 non-public; NAV 5 and 11, and turned 3 non-public.
    expect([nonPublic(skatt), nonPublic(nav)]).toEqual([2, 3])
  })

  it('answers such searches from the kept counts, which follow every change exactly', async () => {
    const { kept, recounted } = await keptAndRecounted()
    expect(kept.length).toBeGreaterThan(50)
    expect(kept).toEqual(recounted)
    // Proof that the search reads the kept rows: one changed by hand shows (a page size not asked for before,
    // so no cached page answers). Put back afterwards.
    const bump = (by: number) =>
      app.host.database.db.execute(sql`update catalog_facet_counts set count = count + ${by}
        where filter_facet = '' and facet = 'total' and publisher_orgnr = '' and access_rights = 'PUBLIC'`)
    const before = (await app.get('/catalog/datasets?limit=3')).body.total
    await bump(1000)
    try {
      expect((await app.get('/catalog/datasets?limit=4')).body.total).toBe(before + 1000)
      // A search with words is counted from its matching datasets.
      expect((await app.get('/catalog/datasets?q=datasett&limit=4')).body.total).toBe(before)
    } finally {
      await bump(-1000)
    }
  })

  it('counts a legal basis whose URI is 500 characters of three bytes each', async () => {
    // As facet and as filter it is twice in a kept row's key: too long for an index entry, unless hashed.
    const uri = `https://lovdata.no/${'法'.repeat(481)}`
    expect(uri.length).toBe(500)
    const long = await app.post(
      '/catalog/datasets',
      { ...openDataset('Lang lov'), legalBases: [{ type: 'disclosure', title: { nb: 'Lang lov' }, uri }] },
      { token: tokens.skatt },
    )
    expect(long.status, long.text).toBe(201)
    const search = await app.get(`/catalog/datasets?${new URLSearchParams({ legalBasis: uri })}`)
    expect(search.status).toBe(200)
    expect(search.body.total).toBe(1)
    expect(search.body.facets.legalBasis).toEqual([{ value: uri, label: 'Lang lov', count: 1 }])
  })

  // On PGlite, one connection, the requests take turns: there it checks the counts after interleaved changes.
  it('deletes datasets with access rules while the same publisher publishes others, without a deadlock', async () => {
    // A deletion also deletes the dataset's rules, and every change takes the catalog version: were the version
    // taken before the dataset's count rows, a publication taking them the other way round could deadlock.
    const withRules = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const created = await app.post('/catalog/datasets', incomeDataset(), { token: tokens.skatt })
        const { id, legalBases } = created.body as Dataset
        const rule = await app.post(`/catalog/datasets/${id}/access-rules`, dagpengerRule(legalBases[0]!.id), {
          token: tokens.skatt,
        })
        expect(rule.status, rule.text).toBe(201)
        return created.body as Dataset
      }),
    )
    const statuses = await Promise.all([
      ...withRules.map(
        async (dataset) =>
          (
            await app.request('DELETE', `/catalog/datasets/${dataset.id}`, {
              token: tokens.skatt,
              headers: { 'If-Match': '"1"' },
            })
          ).status,
      ),
      ...Array.from({ length: 6 }, async (_, i) => (await publish(50 + i, tokens.skatt)) && 201),
    ])
    expect(statuses).toEqual([...withRules.map(() => 204), ...Array.from({ length: 6 }, () => 201)])
    const { kept, recounted } = await keptAndRecounted()
    expect(kept).toEqual(recounted)
  })

  it('keeps the counts right when both publishers change the catalog at the same time', async () => {
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) => publish(20 + i, i % 2 ? tokens.nav : tokens.skatt)),
    )
    await Promise.all(
      created.map((dataset, i) =>
        replace(dataset, 20 + i, i % 2 ? tokens.nav : tokens.skatt, {
          themes: [theme('HEAL')],
          accessRights: 'PUBLIC',
        }),
      ),
    )
    const { kept, recounted } = await keptAndRecounted()
    expect(kept).toEqual(recounted)
    const heal = await app.get(`/catalog/datasets?theme=${encodeURIComponent(theme('HEAL'))}`)
    expect(heal.body.total).toBe(8)
    expect(heal.body.facets.accessRights).toEqual([{ value: 'PUBLIC', count: 8 }])
  })

  it('migrates a catalog published before the kept counts: copies of a theme go, every dataset is counted', async () => {
    const db = app.host.database.db
    // Back to the state before migration 0013, with a theme given twice as it could be stored then.
    await db.execute(sql`drop table catalog_facet_counts`)
    await db.execute(sql`drop function deling_count_facets() cascade`)
    await db.execute(sql`drop function deling_clear_facet_counts() cascade`)
    await db.execute(sql`drop function deling_facet_rows(text[], text[], text[])`)
    await db.execute(sql`drop function deling_facet_key(text, text)`)
    await db.execute(sql`delete from deling_migrations where tag = '0013_facet_counts'`)
    const [twice] = await queryRows<{ id: string; themes: string[] }>(
      db,
      sql`update datasets set themes = themes || themes
        where id = (select id from datasets where deleted_at is null and cardinality(themes) = 2 order by id limit 1)
        returning id, themes`,
    )
    expect(twice!.themes).toHaveLength(4)

    expect(await migrate(db)).toEqual(['0013_facet_counts'])
    const [after] = await queryRows<{ themes: string[] }>(db, sql`select themes from datasets where id = ${twice!.id}`)
    expect(after!.themes).toEqual(twice!.themes.slice(0, 2))
    const { kept, recounted } = await keptAndRecounted()
    expect(kept.length).toBeGreaterThan(50)
    expect(kept).toEqual(recounted)
    // And the API counts as its datasets do (a new catalog version, so no page cached before answers).
    await db.execute(sql`update catalog_version set version = version + 1`)
    const everything = await app.get('/catalog/datasets?limit=100', { token: tokens.nav })
    expect(countsIn(everything.body)).toEqual(countOf(everything.body.items))
  })
})
