import jsonld from 'jsonld'
import { Parser, type Quad } from 'n3'
import { afterAll, beforeAll, expect, it, describe as suite } from 'vitest'
import {
  skatteetatenInntektOpenApi,
  skatteetatenInntektRecordSchema,
} from '../../src/catalog/fixtures/skatteetaten-inntekt.openapi.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { type CatalogActors, catalogActors, dagpengerRule, incomeDataset, openDataset } from '../support/catalog.ts'
import { describe, type ShapeSet, validate } from '../support/shacl.ts'

const shapeSets: ShapeSet[] = ['dcat-ap-no-2.2', 'dcat-ap-no-3.0']

suite('catalog exports over HTTP: DCAT-AP-NO and the OpenAPI catalog', () => {
  let app: TestApp
  let actors: CatalogActors
  let income: { id: string; legalBases: { id: string }[] }
  let open: { id: string }
  let hidden: { id: string }

  beforeAll(async () => {
    app = await startTestApp()
    actors = await catalogActors(app)
    const skatt = await actors.skatteetaten()
    const dataset = {
      ...incomeDataset(),
      recordSchema: skatteetatenInntektRecordSchema,
      dataServices: [
        {
          title: { nb: 'Inntekts-API' },
          endpointUrl: 'https://api.skatteetaten.example/inntekt/v1',
          openapi: skatteetatenInntektOpenApi,
        },
      ],
    }
    income = (await app.post('/catalog/datasets', dataset, { token: skatt })).body
    await app.post(`/catalog/datasets/${income.id}/access-rules`, dagpengerRule(income.legalBases[0]!.id), {
      token: skatt,
    })
    await app.post(
      `/catalog/datasets/${income.id}/access-rules`,
      {
        recipient: 'any',
        purpose: { code: 'laanesoknad', text: { nb: 'Vurdere søknad om lån' } },
        basis: { consent: true },
        fields: ['/personidentifikator', '/inntekt'],
        oneTime: true,
      },
      { token: skatt },
    )
    open = (await app.post('/catalog/datasets', openDataset(), { token: skatt })).body
    hidden = (
      await app.post('/catalog/datasets', { ...openDataset('Hemmelig'), accessRights: 'NON_PUBLIC' }, { token: skatt })
    ).body
  })
  afterAll(() => app?.close())

  const turtle = (text: string): Quad[] => new Parser().parse(text)

  it.each(shapeSets)('serves a dataset as Turtle and JSON-LD with zero %s violations', async (set) => {
    for (const id of [income.id, open.id]) {
      const res = await app.get(`/catalog/datasets/${id}`, { headers: { Accept: 'text/turtle' } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/turtle/)
      expect(res.headers.get('vary')).toMatch(/Accept/)
      expect(describe(await validate(set, turtle(res.text)))).toEqual([])

      const ld = await app.get(`/catalog/datasets/${id}`, { headers: { Accept: 'application/ld+json' } })
      expect(ld.headers.get('content-type')).toMatch(/^application\/ld\+json/)
      const quads = (await jsonld.toRDF(ld.body as jsonld.JsonLdDocument)) as unknown as Quad[]
      expect(quads.length).toBe(turtle(res.text).length)
    }
  })

  it('exports the legal basis three ways and the rules as ODRL policies', async () => {
    const { text } = await app.get(`/catalog/datasets/${income.id}`, { headers: { Accept: 'text/turtle' } })
    const predicates = new Set(turtle(text).map((quad) => quad.predicate.value))
    for (const predicate of [
      'http://data.europa.eu/r5r/applicableLegislation',
      'http://purl.org/vocab/cpsv#follows',
      'https://data.norge.no/vocabulary/dcatno#legalBasisForAccess',
      'http://www.w3.org/ns/odrl/2/hasPolicy',
    ])
      expect(predicates).toContain(predicate)
  })

  it.each(shapeSets)('streams the whole catalog with zero %s violations, without NON_PUBLIC datasets', async (set) => {
    const res = await app.get('/catalog/dcat')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/turtle/)
    const quads = turtle(res.text)
    expect(describe(await validate(set, quads))).toEqual([])
    const datasets = quads
      .filter((quad) => quad.predicate.value === 'http://www.w3.org/ns/dcat#dataset')
      .map((quad) => quad.object.value)
    expect(datasets.sort()).toEqual([income.id, open.id].map((id) => `${app.url}/catalog/datasets/${id}`).sort())
    expect(res.text).not.toContain(hidden.id)
  })

  it('streams the catalog as JSON-LD too, and shows the publisher its own NON_PUBLIC datasets', async () => {
    const res = await app.get('/catalog/dcat', {
      headers: { Accept: 'application/ld+json' },
      token: await actors.skatteetaten(),
    })
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/)
    const quads = (await jsonld.toRDF(res.body as jsonld.JsonLdDocument)) as unknown as Quad[]
    expect(quads.some((quad) => quad.subject.value.endsWith(hidden.id))).toBe(true)
  })

  it("serves the producer's API rewritten for the gateway", async () => {
    const res = await app.get(`/catalog/datasets/${income.id}/openapi.json`)
    expect(res.status).toBe(200)
    expect(res.body.servers).toEqual([expect.objectContaining({ url: `${app.url}/gateway/${income.id}` })])
    const operation = res.body.paths['/inntekt/{personidentifikator}'].get
    const headers = operation.parameters
      .filter((p: { in: string }) => p.in === 'header')
      .map((p: { name: string }) => p.name)
    expect(headers).toEqual(expect.arrayContaining(['Deling-Purpose', 'Deling-Subject']))
  })

  it('cuts the API document to the fields a rule delivers', async () => {
    const res = await app.get(`/catalog/datasets/${income.id}/openapi.json?recipient=889640782&purpose=dagpenger`)
    expect(res.status).toBe(200)
    const text = JSON.stringify(res.body)
    expect(text).toContain('beloep')
    expect(text).not.toContain('arbeidsgiver')
    const consent = await app.get(`/catalog/datasets/${income.id}/openapi.json?recipient=any&purpose=laanesoknad`)
    expect(consent.status).toBe(200)
    const none = await app.get(`/catalog/datasets/${income.id}/openapi.json?recipient=984851006&purpose=dagpenger`)
    expect(none.status).toBe(404)
    expect((await app.get(`/catalog/datasets/${income.id}/openapi.json?purpose=dagpenger`)).status).toBe(400)
    expect((await app.get(`/catalog/datasets/${open.id}/openapi.json`)).status).toBe(404)
  })

  it('lists every dataset API with a document per rule', async () => {
    const res = await app.get('/catalog/apis')
    expect(res.status).toBe(200)
    expect(res.body.items).toHaveLength(1)
    expect(res.body.items[0]).toMatchObject({
      datasetId: income.id,
      gateway: `${app.url}/gateway/${income.id}`,
      openapi: `${app.url}/catalog/datasets/${income.id}/openapi.json`,
    })
    const links = res.body.items[0].rules.map((rule: { openapi: string }) => rule.openapi)
    for (const link of links) expect((await app.get(link.slice(app.url.length))).status).toBe(200)
  })
})
