import { sql } from 'drizzle-orm'
import { Parser } from 'n3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../src/db/database.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { type CatalogActors, catalogActors, incomeDataset, openDataset } from '../support/catalog.ts'
import { harvest } from '../support/harvest.ts'
import { describe as describeResults, validate } from '../support/shacl.ts'

const havingAChild = 'https://data.norge.no/vocabulary/life-event-type#having-a-child'

describe('life events on datasets: API, search and DCAT-AP-NO (ADR 0012)', () => {
  let app: TestApp
  let actors: CatalogActors
  let skatt: string
  let nav: string
  const own = (key: string) => `${app.url}/life-events/${key}`
  const counts = async () =>
    (
      await queryRows<Record<string, number>>(
        app.host.database.db,
        sql`select (select count(*)::int from datasets) as datasets, (select count(*)::int from catalog_changes) as changes`,
      )
    )[0]

  beforeAll(async () => {
    app = await startTestApp()
    actors = await catalogActors(app)
    skatt = await actors.skatteetaten()
    nav = await actors.nav()
  })
  afterAll(() => app?.close())

  it('stores each life event once, in the vocabulary order, an own concept under this installation', async () => {
    const res = await app.post(
      '/catalog/datasets',
      {
        ...incomeDataset(),
        lifeEvents: [
          'https://another-deling.example/life-events/losing-a-job',
          havingAChild,
          own('losing-a-job'),
          own('falling-ill'),
        ],
      },
      { token: skatt },
    )
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.lifeEvents).toEqual([havingAChild, own('falling-ill'), own('losing-a-job')])
    const read = await app.get(`/catalog/datasets/${res.body.id}`)
    expect(read.body.lifeEvents).toEqual(res.body.lifeEvents)
    const untagged = await app.post('/catalog/datasets', openDataset('Postnummer'), { token: skatt })
    expect(untagged.body.lifeEvents).toEqual([])
  })

  it.each([
    ['a concept the national vocabulary does not have', [`${havingAChild.split('#')[0]}#made-up`]],
    ['an own URI for a life event that has a national concept', ['https://deling.example/life-events/having-a-child']],
    ['an unknown own key', ['https://deling.example/life-events/winning-the-lottery']],
    ['a bare key instead of a URI', ['losing-a-job']],
    ['a URI with a query after the key', ['https://deling.example/life-events/moving?x=1']],
  ])('refuses %s with a problem and stores nothing', async (_, lifeEvents) => {
    const before = await counts()
    const res = await app.post('/catalog/datasets', { ...openDataset('Feil'), lifeEvents }, { token: skatt })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(res.body.type).toMatch(/\/problems\/validation-failed$/)
    expect(res.body.errors.map((error: { pointer: string }) => error.pointer)).toContain('/lifeEvents/0')
    expect(await counts()).toEqual(before)
  })

  it('refuses a life-event list that is not a list of strings, and a bad filter, as problems', async () => {
    const notList = await app.post('/catalog/datasets', { ...openDataset('X'), lifeEvents: 'moving' }, { token: skatt })
    expect(notList.status).toBe(400)
    expect(notList.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const filter = await app.get('/catalog/datasets?lifeEvent=winning-the-lottery')
    expect(filter.status).toBe(400)
    expect(filter.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(filter.body.errors.map((error: { pointer: string }) => error.pointer)).toContain('/lifeEvent')
  })

  it('filters by key or URI, and counts life events as a facet with labels, never from hidden datasets', async () => {
    const jobs = await app.post(
      '/catalog/datasets',
      { ...openDataset('Ledige stillinger'), lifeEvents: [own('losing-a-job'), own('moving-to-norway')] },
      { token: nav },
    )
    expect(jobs.status).toBe(201)
    // NAV's own non-public dataset: nobody else may learn it exists, not even as a facet count.
    const hidden = await app.post(
      '/catalog/datasets',
      { ...openDataset('Intern'), accessRights: 'NON_PUBLIC', lifeEvents: [own('retiring')] },
      { token: nav },
    )
    expect(hidden.status).toBe(201)

    const byKey = await app.get('/catalog/datasets?lifeEvent=losing-a-job')
    expect(byKey.status).toBe(200)
    expect(byKey.body.items.map((item: { title: { nb: string } }) => item.title.nb).sort()).toEqual([
      'Inntektsopplysninger fra a-ordningen',
      'Ledige stillinger',
    ])
    const byUri = await app.get(`/catalog/datasets?lifeEvent=${encodeURIComponent(havingAChild)}`)
    expect(byUri.body.total).toBe(1)
    const byOtherHost = await app.get(
      `/catalog/datasets?lifeEvent=${encodeURIComponent('https://another-deling.example/life-events/losing-a-job')}`,
    )
    expect(byOtherHost.body.total).toBe(2)

    const all = await app.get('/catalog/datasets')
    expect(all.body.facets.lifeEvent).toEqual([
      {
        value: 'losing-a-job',
        label: 'Miste jobben',
        labels: { nb: 'Miste jobben', nn: 'Miste jobben', en: 'Losing a job' },
        count: 2,
      },
      expect.objectContaining({
        value: 'falling-ill',
        count: 1,
        labels: expect.objectContaining({ en: 'Falling ill' }),
      }),
      expect.objectContaining({ value: 'having-a-child', label: 'Å få barn', count: 1 }),
      expect.objectContaining({ value: 'moving-to-norway', count: 1 }),
    ])
    const narrowed = await app.get('/catalog/datasets?lifeEvent=moving-to-norway')
    expect(narrowed.body.facets.lifeEvent.map((facet: { value: string }) => facet.value)).toEqual([
      'losing-a-job',
      'moving-to-norway',
    ])
    // The publisher sees its own non-public dataset and its count.
    const asNav = await app.get('/catalog/datasets?lifeEvent=retiring', { token: nav })
    expect(asNav.body.total).toBe(1)
    expect((await app.get('/catalog/datasets?lifeEvent=retiring')).body.total).toBe(0)
    expect(all.body.facets.lifeEvent.map((facet: { value: string }) => facet.value)).not.toContain('retiring')
  })

  it('finds a dataset by the words of its life events', async () => {
    const res = await app.get('/catalog/datasets?q=bli%20syk')
    expect(res.body.items.map((item: { title: { nb: string } }) => item.title.nb)).toContain(
      'Inntektsopplysninger fra a-ordningen',
    )
  })

  it('exports the tags in DCAT-AP-NO without SHACL violations, and a harvest reads them back unchanged', async () => {
    const [tagged] = (await app.get('/catalog/datasets?lifeEvent=falling-ill')).body.items
    const turtle = await app.get(`/catalog/datasets/${tagged.id}`, { headers: { Accept: 'text/turtle' } })
    expect(turtle.status).toBe(200)
    const quads = new Parser().parse(turtle.text)
    for (const set of ['dcat-ap-no-2.2', 'dcat-ap-no-3.0'] as const)
      expect(describeResults(await validate(set, quads))).toEqual([])
    expect(turtle.text).toContain(havingAChild)
    expect(turtle.text).toContain(own('losing-a-job'))

    // The export harvested back (as a copy under its IRI) carries the same life events; a second harvest changes nothing.
    const first = await harvest(app, skatt, turtle.text)
    expect(first.status).toBe(200)
    const [entry] = first.body.datasets
    expect(entry.result).toBe('created')
    expect(entry.problems.filter((problem: { property?: string }) => problem.property === 'dcat:theme')).toEqual([])
    const copy = await app.get(`/catalog/datasets/${entry.id}`)
    expect(copy.body.lifeEvents).toEqual(tagged.lifeEvents)
    const again = await harvest(app, skatt, turtle.text)
    expect(again.body.datasets[0].result).toBe('unchanged')
  })

  it('reads life events another catalog relates with dct:relation, and leaves them out of the themes', async () => {
    const document = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://data.skatteetaten.example/datasett/barnetrygd> a dcat:Dataset ;
  dct:title "Barnetrygdgrunnlag"@nb ; dct:description "Grunnlag for barnetrygd."@nb ;
  dct:publisher <https://data.brreg.no/enhetsregisteret/api/enheter/974761076> ;
  dct:relation <${havingAChild}> ;
  dcat:theme <http://publications.europa.eu/resource/authority/data-theme/SOCI>,
    <https://old-host.example/life-events/moving> .`
    const res = await harvest(app, skatt, document)
    expect(res.status).toBe(200)
    const [entry] = res.body.datasets
    expect(entry.result).toBe('created')
    expect(entry.problems).not.toContainEqual(expect.objectContaining({ property: 'dcat:theme' }))
    const stored = await app.get(`/catalog/datasets/${entry.id}`)
    expect(stored.body.themes).toEqual(['http://publications.europa.eu/resource/authority/data-theme/SOCI'])
    expect(stored.body.lifeEvents).toEqual([havingAChild, own('moving')])
  })
})
