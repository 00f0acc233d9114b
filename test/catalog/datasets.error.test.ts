import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../src/db/database.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { type CatalogActors, catalogActors, dagpengerRule, incomeDataset } from '../support/catalog.ts'

describe('catalog: bad input is refused with a problem and changes nothing', () => {
  let app: TestApp
  let actors: CatalogActors
  let skatt: string
  let dataset: { id: string; legalBases: { id: string; type: string }[] }
  const counts = async () =>
    (
      await queryRows<Record<string, number>>(
        app.host.database.db,
        sql`select (select count(*)::int from datasets) as datasets, (select count(*)::int from access_rules) as rules,
          (select count(*)::int from catalog_changes) as changes, (select max(version)::int from datasets) as version`,
      )
    )[0]

  beforeAll(async () => {
    app = await startTestApp()
    actors = await catalogActors(app)
    skatt = await actors.skatteetaten()
    dataset = (await app.post('/catalog/datasets', incomeDataset(), { token: skatt })).body
  })
  afterAll(() => app?.close())

  const refused = async (
    request: Promise<{ status: number; headers: Headers; body: any }>,
    status: number,
    slug: string,
    pointers: string[] = [],
  ) => {
    const before = await counts()
    const res = await request
    expect(res.status, JSON.stringify(res.body)).toBe(status)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(res.body.type).toMatch(new RegExp(`/problems/${slug}$`))
    for (const pointer of pointers)
      expect(res.body.errors.map((error: { pointer: string }) => error.pointer)).toContain(pointer)
    expect(await counts()).toEqual(before)
    return res.body
  }

  it.each([
    ['a publisher field', { ...incomeDataset(), publisher: { orgnr: '889640782' } }, ''],
    ['no Norwegian title', { ...incomeDataset(), title: { en: 'Income' } }, '/title'],
    ['an unknown access right', { ...incomeDataset(), accessRights: 'SECRET' }, '/accessRights'],
    ['a theme outside the vocabularies', { ...incomeDataset(), themes: ['https://example.org/tema'] }, '/themes/0'],
    [
      'a legal basis without a URI',
      { ...incomeDataset(), legalBases: [{ type: 'disclosure', title: { nb: '§ 7' } }] },
      '/legalBases/0/uri',
    ],
    [
      'a record schema that is not an object',
      { ...incomeDataset(), recordSchema: { type: 'array' } },
      '/recordSchema/type',
    ],
    [
      'a data service at a non-http URL',
      { ...incomeDataset(), dataServices: [{ title: { nb: 'x' }, endpointUrl: 'ftp://x.no' }] },
      '/dataServices/0/endpointUrl',
    ],
  ])('refuses a dataset with %s', async (_, body, pointer) => {
    await refused(
      app.post('/catalog/datasets', body, { token: skatt }),
      400,
      'validation-failed',
      pointer ? [pointer] : [],
    )
  })

  it('refuses a producer OpenAPI document that does not parse, with the parser’s reasons', async () => {
    const body = {
      ...incomeDataset(),
      dataServices: [{ title: { nb: 'API' }, endpointUrl: 'https://api.example.no', openapi: { swagger: '2.0' } }],
    }
    const problem = await refused(app.post('/catalog/datasets', body, { token: skatt }), 400, 'validation-failed', [
      '/dataServices/0/openapi',
    ])
    expect(problem.errors[0].detail).toMatch(/2\.0|OpenAPI 3/)
  })

  it('refuses legal basis ids that belong to no basis of the dataset', async () => {
    const body = {
      ...incomeDataset(),
      legalBases: [{ ...incomeDataset().legalBases[0]!, id: 'lb_00000000000000000000' }],
    }
    await refused(
      app.request('PUT', `/catalog/datasets/${dataset.id}`, { token: skatt, body }),
      400,
      'validation-failed',
      ['/legalBases/0/id'],
    )
  })

  it('refuses rules whose fields, basis or recipient do not hold', async () => {
    const rule = dagpengerRule(dataset.legalBases[0]!.id)
    const path = `/catalog/datasets/${dataset.id}/access-rules`
    await refused(app.post(path, { ...rule, fields: ['/skattekort'] }, { token: skatt }), 400, 'validation-failed', [
      '/fields/0',
    ])
    await refused(
      app.post(path, { ...rule, basis: { legalBasisId: 'lb_00000000000000000000' } }, { token: skatt }),
      400,
      'validation-failed',
      ['/basis/legalBasisId'],
    )
    await refused(app.post(path, { ...rule, recipient: 'any' }, { token: skatt }), 400, 'validation-failed', [
      '/recipient',
    ])
    await refused(
      app.post(path, { ...rule, validFrom: '2030-01-01T00:00:00Z', validTo: '2029-01-01T00:00:00Z' }, { token: skatt }),
      400,
      'validation-failed',
      ['/validTo'],
    )
    await refused(app.post(path, { ...rule, fields: ['inntekt'] }, { token: skatt }), 400, 'validation-failed', [
      '/fields/0',
    ])
  })

  it('refuses a second rule for the same recipient and purpose, and a change that would break a rule', async () => {
    const rule = dagpengerRule(dataset.legalBases[0]!.id)
    const path = `/catalog/datasets/${dataset.id}/access-rules`
    expect((await app.post(path, rule, { token: skatt })).status).toBe(201)
    await refused(app.post(path, rule, { token: skatt }), 409, 'conflict')
    const withoutBasis = { ...incomeDataset(), legalBases: [] }
    const problem = await refused(
      app.request('PUT', `/catalog/datasets/${dataset.id}`, { token: skatt, body: withoutBasis }),
      409,
      'conflict',
    )
    expect(problem.detail).toMatch(/relies on legal basis/)
  })

  it('refuses a change based on an old version (If-Match) with 412', async () => {
    await refused(
      app.request('PUT', `/catalog/datasets/${dataset.id}`, {
        token: skatt,
        body: incomeDataset(),
        headers: { 'If-Match': '"99"' },
      }),
      412,
      'precondition-failed',
    )
  })

  it.each([
    ['malformed JSON', { rawBody: '{"title":', contentType: 'application/json' }, 400, 'malformed-json'],
    [
      'a form body',
      { rawBody: 'title=x', contentType: 'application/x-www-form-urlencoded' },
      415,
      'unsupported-media-type',
    ],
  ])('refuses %s', async (_, options, status, slug) => {
    await refused(app.request('POST', '/catalog/datasets', { token: skatt, ...options }), status, slug)
  })

  it.each([
    ['a bad dataset id', '/catalog/datasets/nope', 400],
    ['an unknown dataset', '/catalog/datasets/ds_00000000000000000000', 404],
    ['a bad limit', '/catalog/datasets?limit=0', 400],
    ['an unknown filter', '/catalog/datasets?colour=red', 400],
    ['a forged cursor', '/catalog/datasets?cursor=bm90LWEtY3Vyc29y', 400],
  ])('answers %s with a problem', async (_, path, status) => {
    const res = await app.get(path)
    expect(res.status).toBe(status)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  it('finds nothing, and no error, for a query of only punctuation or tsquery syntax', async () => {
    for (const q of ['&|!():*', '<>']) {
      const res = await app.get(`/catalog/datasets?q=${encodeURIComponent(q)}`)
      expect(res.status).toBe(200)
      expect(res.body.items).toEqual([])
    }
    const injection = await app.get(`/catalog/datasets?q=${encodeURIComponent("'; drop table datasets; --")}`)
    expect(injection.status).toBe(200)
    expect((await counts())!.datasets).toBeGreaterThan(0)
  })
})
