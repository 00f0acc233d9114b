import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'
import { type CatalogActors, catalogActors, dagpengerRule, incomeDataset, openDataset } from '../support/catalog.ts'

// Findings of a review of the catalog, each kept as a test so it stays fixed.
describe.each(['postgres', 'pglite'] as const)('catalog edge cases on %s', (driver) => {
  let app: TestApp
  let actors: CatalogActors
  let skatt: string

  beforeAll(async () => {
    app = await startTestApp({ driver })
    actors = await catalogActors(app)
    skatt = await actors.skatteetaten()
  })
  afterAll(() => app?.close())

  it('refuses IRIs that would break out of Turtle, so no publisher can corrupt the export', async () => {
    const uri = 'https://lovdata.no/x> . <https://evil.example/a> <https://evil.example/b> <https://lovdata.no/y'
    const body = { ...incomeDataset(), legalBases: [{ type: 'disclosure', title: { nb: '§ 7' }, uri }] }
    const res = await app.post('/catalog/datasets', body, { token: skatt })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].pointer).toBe('/legalBases/0/uri')
  })

  it.each([
    ['a NUL in a title', { ...openDataset(), title: { nb: 'a\u0000b' } }],
    ['an unpaired surrogate in a description', { ...openDataset(), description: { nb: 'x\ud800y' } }],
  ])('answers %s with 400, not 500', async (_, body) => {
    const res = await app.post('/catalog/datasets', body, { token: skatt })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/problem\+json/)
  })

  it.each([
    '/catalog/datasets?theme=%00',
    '/catalog/datasets?legalBasis=https%3A%2F%2Fx%00',
    `/catalog/datasets?cursor=${btoa(JSON.stringify({ after: [] }))}`,
    `/catalog/datasets?cursor=${btoa(JSON.stringify({ after: ['a'] }))}`,
    `/catalog/datasets?cursor=${btoa(JSON.stringify({ after: ['a\u0000', 'b'] }))}`,
    `/catalog/datasets?q=skatt&cursor=${btoa(JSON.stringify({ after: ['a', 'b'] }))}`,
  ])('answers %s with a 4xx problem', async (path) => {
    const res = await app.get(path)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
  })

  it('answers a date the database cannot hold with 400', async () => {
    const { body: dataset } = await app.post('/catalog/datasets', incomeDataset(), { token: skatt })
    const rule = { ...dagpengerRule(dataset.legalBases[0].id), validFrom: '0000-01-01T00:00:00Z' }
    expect((await app.post(`/catalog/datasets/${dataset.id}/access-rules`, rule, { token: skatt })).status).toBe(400)
  })

  it('refuses to turn a legal basis a rule relies on into a non-disclosure basis', async () => {
    const { body: dataset } = await app.post('/catalog/datasets', incomeDataset(), { token: skatt })
    await app.post(`/catalog/datasets/${dataset.id}/access-rules`, dagpengerRule(dataset.legalBases[0].id), {
      token: skatt,
    })
    const legalBases = [{ ...dataset.legalBases[0], type: 'non-disclosure' }, dataset.legalBases[1]]
    const res = await app.request('PUT', `/catalog/datasets/${dataset.id}`, {
      token: skatt,
      body: { ...incomeDataset(), legalBases },
    })
    expect(res.status).toBe(409)
  })

  it('compares If-Match strongly and accepts a list (RFC 9110)', async () => {
    const { body: dataset } = await app.post('/catalog/datasets', openDataset('Etag'), { token: skatt })
    const put = (ifMatch: string) =>
      app.request('PUT', `/catalog/datasets/${dataset.id}`, {
        token: skatt,
        body: openDataset('Etag'),
        headers: { 'If-Match': ifMatch },
      })
    expect((await put('W/"1"')).status).toBe(412)
    expect((await put('"7", "1"')).status).toBe(200)
    expect(
      (await app.get(`/catalog/datasets/${dataset.id}`, { headers: { Accept: 'text/turtle' } })).headers.get('etag'),
    ).toBeNull()
  })

  it('labels a law in the facets only from datasets the viewer may see', async () => {
    const nav = await actors.nav()
    const uri = 'https://lovdata.no/lov/2099-01-01-1/§1'
    const secret = {
      ...incomeDataset(),
      accessRights: 'NON_PUBLIC',
      legalBases: [{ type: 'processing', title: { nb: 'Hemmelig lov § 9' }, uri }],
    }
    await app.post('/catalog/datasets', secret, { token: nav })
    const visible = { ...incomeDataset(), legalBases: [{ type: 'processing', title: { nb: 'Åpen lov § 1' }, uri }] }
    await app.post('/catalog/datasets', visible, { token: skatt })
    const facets = (await app.get('/catalog/datasets?limit=1')).body.facets.legalBasis
    expect(facets.find((facet: { value: string }) => facet.value === uri)).toEqual({
      value: uri,
      label: 'Åpen lov § 1',
      count: 1,
    })
  })

  it('leaves a rule that starts in the future out of recipient=', async () => {
    const { body: dataset } = await app.post(
      '/catalog/datasets',
      { ...incomeDataset(), title: { nb: 'Fremtid' } },
      { token: skatt },
    )
    const rule = {
      ...dagpengerRule(dataset.legalBases[0].id),
      recipient: { orgnr: '984851006' },
      validFrom: '2099-01-01T00:00:00Z',
    }
    expect((await app.post(`/catalog/datasets/${dataset.id}/access-rules`, rule, { token: skatt })).status).toBe(201)
    const ids = (await app.get('/catalog/datasets?recipient=984851006&limit=100')).body.items.map(
      (d: { id: string }) => d.id,
    )
    expect(ids).not.toContain(dataset.id)
  })
})
