import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'
import { type CatalogActors, catalogActors, dagpengerRule, incomeDataset } from '../support/catalog.ts'
import { type HarvestEntry, harvest, storedDatasets, threePublisherCatalog } from '../support/harvest.ts'
import { accessToken, demoOrganisations, registerClient } from '../support/tokens.ts'

const fixture = (file: string) => readFile(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')
const inntekt = 'https://data.skatteetaten.no/datasett/inntekt'
const skattemelding = 'https://data.skatteetaten.no/datasett/skattemelding'
const taxStatistics = 'https://data.skatteetaten.no/datasett/tax-statistics'

describe('POST /catalog/harvest', () => {
  let app: TestApp
  let actors: CatalogActors
  let operator: () => Promise<string>
  let turtle: string
  const entry = (datasets: HarvestEntry[], uri: string) => datasets.find((dataset) => dataset.uri === uri)!

  beforeAll(async () => {
    app = await startTestApp()
    actors = await catalogActors(app)
    const client = await registerClient(app, demoOrganisations.digdir.orgnr, ['deling:admin'])
    operator = () => accessToken(app, client, 'deling:admin')
    turtle = await fixture('skatteetaten-catalog.ttl')
  })
  afterAll(() => app?.close())

  it("imports Skatteetaten's own catalog and reports each problem by resource and property", async () => {
    const { status, body } = await harvest(app, await actors.skatteetaten(), turtle)
    expect(status).toBe(200)
    expect(body.summary).toEqual({ created: 2, updated: 0, unchanged: 0, skipped: 1 })
    expect(entry(body.datasets, inntekt)).toMatchObject({ result: 'created', publisher: { orgnr: '974761076' } })
    expect(entry(body.datasets, inntekt).problems).toEqual([])
    const second = entry(body.datasets, skattemelding)
    expect(second.result).toBe('created')
    expect(second.problems.map((problem) => problem.property)).toContain('dcat:theme')
    expect(entry(body.datasets, taxStatistics)).toMatchObject({
      result: 'skipped',
      problems: [{ resource: taxStatistics, property: 'dct:title' }],
    })

    const read = await app.get(`/catalog/datasets/${entry(body.datasets, inntekt).id}`)
    expect(read.body).toMatchObject({
      publisher: { orgnr: '974761076', name: 'Skatteetaten' },
      accessRights: 'RESTRICTED',
    })
    expect(read.body.legalBases.map((basis: { type: string }) => basis.type)).toEqual(['disclosure', 'processing'])
    const versions = await app.get(`/catalog/datasets/${read.body.id}/versions`)
    expect(versions.body.items).toMatchObject([{ change: 'created', via: 'harvest', by: { orgnr: '974761076' } }])
  })

  it('harvests again without duplicates or new versions, in any RDF syntax', async () => {
    const before = await storedDatasets(app)
    for (const [body, contentType] of [
      [turtle, 'text/turtle'],
      [await fixture('skatteetaten-catalog.rdf'), 'application/rdf+xml'],
      [await fixture('skatteetaten-catalog.jsonld'), 'application/ld+json'],
    ] as const) {
      const again = await harvest(app, await actors.skatteetaten(), body, contentType)
      expect(again.status).toBe(200)
      expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: 2, skipped: 1 })
    }
    expect(await storedDatasets(app)).toEqual(before)
  })

  it('updates a changed dataset, keeping the legal bases and record schema that an access rule relies on', async () => {
    const skatt = await actors.skatteetaten()
    const { body: first } = await harvest(app, skatt, turtle)
    const id = entry(first.datasets, inntekt).id
    const { body: stored } = await app.get(`/catalog/datasets/${id}`)
    const { id: _id, publisher, version, createdAt, updatedAt, ...description } = stored
    const withSchema = { ...description, recordSchema: incomeDataset().recordSchema }
    expect((await app.request('PUT', `/catalog/datasets/${id}`, { token: skatt, body: withSchema })).status).toBe(200)
    const rule = await app.post(`/catalog/datasets/${id}/access-rules`, dagpengerRule(stored.legalBases[0].id), {
      token: skatt,
    })
    expect(rule.status).toBe(201)
    expect((await harvest(app, skatt, turtle)).body.summary.unchanged).toBe(2)

    const changed = turtle.replace('rapportert i a-meldingen."@nb', 'som arbeidsgivere rapporterer i a-meldingen."@nb')
    const { body } = await harvest(app, skatt, changed)
    expect(body.summary).toEqual({ created: 0, updated: 1, unchanged: 1, skipped: 1 })
    const { body: updated } = await app.get(`/catalog/datasets/${id}`)
    expect(updated.description.nb).toBe('Inntekt og arbeidsforhold som arbeidsgivere rapporterer i a-meldingen.')
    expect(updated.legalBases.map((basis: { id: string }) => basis.id)).toEqual(
      stored.legalBases.map((basis: { id: string }) => basis.id),
    )
    expect(updated.dataServices[0].id).toBe(stored.dataServices[0].id)
    expect(updated.recordSchema).toEqual(incomeDataset().recordSchema)
    expect((await app.get(`/catalog/datasets/${id}/access-rules/${rule.body.id}`)).status).toBe(200)

    // Without the legal basis the rule relies on, the update is refused for this dataset alone.
    const withoutBasis = changed
      .replace('dcatap:applicableLegislation <https://lovdata.no/lov/2012-06-22-43/§7> ;', '')
      .replace('cpsv:follows <https://data.skatteetaten.no/datasett/inntekt#utleveringshjemmel> ;', '')
      .replace(/dcatno:legalBasisForAccess \[[^\]]*\] ;/, '')
    const refused = await harvest(app, skatt, withoutBasis)
    expect(refused.status).toBe(200)
    expect(entry(refused.body.datasets, inntekt)).toMatchObject({ result: 'skipped', id })
    expect(entry(refused.body.datasets, inntekt).problems.at(-1)?.detail).toMatch(
      /access rule .* relies on legal basis/,
    )
    expect((await app.get(`/catalog/datasets/${id}`)).body.version).toBe(updated.version)
  })

  it("skips every dataset when NAV harvests Skatteetaten's catalog", async () => {
    const before = await storedDatasets(app)
    const { status, body } = await harvest(app, await actors.nav(), turtle)
    expect(status).toBe(200)
    expect(body.summary).toEqual({ created: 0, updated: 0, unchanged: 0, skipped: 3 })
    expect(entry(body.datasets, inntekt).problems.at(-1)?.detail).toMatch(/^Published by 974761076, not by you/)
    expect(await storedDatasets(app)).toEqual(before)
  })

  it('lets the operator import a catalog of three publishers, each keeping its publisher', async () => {
    const { status, body } = await harvest(app, await operator(), threePublisherCatalog)
    expect(status).toBe(200)
    expect(body.summary).toEqual({ created: 3, updated: 0, unchanged: 0, skipped: 0 })
    expect(body.registeredOrganisations).toEqual([
      { orgnr: '974760673', name: 'Brønnøysundregistrene' },
      { orgnr: '971526920', name: 'Organisation 971526920' },
    ])
    const publishers = await Promise.all(
      body.datasets.map(async (dataset: HarvestEntry) => (await app.get(`/catalog/datasets/${dataset.id}`)).body),
    )
    expect(publishers.map((dataset) => [dataset.publisher.orgnr, dataset.publisher.name])).toEqual([
      ['974760673', 'Brønnøysundregistrene'],
      ['889640782', 'Arbeids- og velferdsetaten'],
      ['971526920', 'Organisation 971526920'],
    ])
    expect((await harvest(app, await operator(), threePublisherCatalog)).body.summary.unchanged).toBe(3)
  })

  it('takes a dataset that names no publisher as the caller’s own, and says so', async () => {
    const document = `<https://data.nav.no/datasett/aap> a <http://www.w3.org/ns/dcat#Dataset> ;
      <http://purl.org/dc/terms/title> "Arbeidsavklaringspenger"@nb .`
    const { body } = await harvest(app, await actors.nav(), document)
    expect(body.datasets[0]).toMatchObject({ result: 'created', publisher: { orgnr: '889640782' } })
    expect(body.datasets[0].problems.map((problem: { detail: string }) => problem.detail)).toContain(
      'No publisher is named; imported as published by you (889640782)',
    )
  })

  describe('refusals that change nothing', () => {
    it.each([
      ['a document that is not Turtle', '<not turtle', 'text/turtle', 400, 'not-rdf'],
      ['plain JSON sent as JSON-LD', '{"title": "Inntekt"}', 'application/ld+json', 400, 'not-rdf'],
      ['an HTML page', '<html></html>', 'text/html', 415, 'unsupported-media-type'],
      ['{url} without a url', '{"uri": "https://x.example/"}', 'application/json', 400, 'validation-failed'],
      ['JSON that does not parse', '{"url": ', 'application/json', 400, 'malformed-json'],
    ])('%s', async (_, document, contentType, status, slug) => {
      const before = await storedDatasets(app)
      const response = await harvest(app, await actors.skatteetaten(), document, contentType)
      expect(response.status).toBe(status)
      expect(response.body.type).toMatch(new RegExp(`/problems/${slug}$`))
      expect(await storedDatasets(app)).toEqual(before)
    })

    it('needs an organisation token with the catalog or operator scope', async () => {
      expect((await harvest(app, undefined, turtle)).status).toBe(401)
      const gatewayOnly = await harvest(app, await actors.navGateway(), turtle)
      expect(gatewayOnly.status).toBe(403)
      expect(gatewayOnly.body.type).toMatch(/insufficient-scope$/)
    })
  })
})
