import { readdir, readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { parseRdf } from '../../src/catalog/dcat/harvest-parse.ts'
import { type HarvestReading, readCatalog } from '../../src/catalog/dcat/harvest-read.ts'
import { Problem } from '../../src/http/problem.ts'

const examples = new URL('../../../shared/conformance/dcat/examples/', import.meta.url)
const fixtures = new URL('./fixtures/', import.meta.url)

const read = async (body: string, contentType = 'text/turtle', base = 'https://example.org/') =>
  readCatalog(await parseRdf(body, contentType, base))

const byUri = (reading: HarvestReading, uri: string) => reading.datasets.find((dataset) => dataset.uri === uri)!

/** Awaits a rejection and returns it, so a test can look at the Problem's status, slug and detail. */
async function rejection(promise: Promise<unknown>): Promise<Problem> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(Problem)
  return error as Problem
}

describe('the specification examples', async () => {
  const files = (await readdir(examples)).filter((file) => file.endsWith('.ttl')).sort()
  const example = (file: string) => readFile(new URL(file, examples), 'utf8')

  it.each(files)('%s is read without throwing, every problem naming its resource', async (file) => {
    const reading = await read(await example(file))
    const problems = [...reading.problems, ...reading.datasets.flatMap((dataset) => dataset.problems)]
    for (const problem of problems) {
      expect(problem.resource).toMatch(/^(https?:\/\/|\(document\))/)
      expect(problem.detail.length).toBeGreaterThan(0)
    }
    for (const dataset of reading.datasets) {
      if (dataset.dataset === undefined) expect(dataset.problems.length).toBeGreaterThan(0)
    }
  })

  it('imports the DCAT-AP-NO 2 example dataset with its Digdir publisher', async () => {
    const reading = await read(await example('dcat-ap-no-2-spec-examples.ttl'))
    expect(reading.problems).toEqual([])
    expect(reading.datasets).toEqual([
      {
        uri: 'https://examples.org/dcatno_Examples#dsBuildings',
        publisherOrgnr: '991825827',
        dataset: {
          title: { nb: 'Bygninger - et eksempeldatasett', en: 'Buildings - an example dataset' },
          description: { nb: 'Et eksempeldatasett.', en: 'An example dataset.' },
          accessRights: 'RESTRICTED',
          themes: ['http://publications.europa.eu/resource/authority/data-theme/GOVE'],
          lifeEvents: [],
          keywords: {},
          containsPersonalData: false,
          legalBases: [],
          dataServices: [],
        },
        problems: [
          {
            resource: 'https://examples.org/dcatno_Examples#dsBuildings',
            property: 'dct:accessRights',
            detail: 'No EU access right is given; the dataset is imported as RESTRICTED',
          },
        ],
      },
    ])
  })

  it('skips the DCAT-AP-NO 3 dataset series but reads its members, which lack a Norwegian title', async () => {
    const reading = await read(await example('dcat-ap-no-3-dataset-series.ttl'))
    expect(reading.problems).toEqual([
      { resource: 'http://example.org/budget', property: 'rdf:type', detail: expect.stringContaining('series') },
    ])
    expect(reading.datasets.map((dataset) => dataset.uri)).toEqual([
      'http://example.org/budget-2018',
      'http://example.org/budget-2019',
      'http://example.org/budget-2020',
    ])
    for (const dataset of reading.datasets) {
      expect(dataset.publisherOrgnr).toBe('991825827')
      expect(dataset.dataset).toBeUndefined()
      expect(dataset.problems).toContainEqual({
        resource: dataset.uri,
        property: 'dct:title',
        detail: expect.any(String),
      })
    }
  })

  it('finds no dataset in the EU data-service example, and says so', async () => {
    const reading = await read(await example('dcat-ap-3-data-service.ttl'))
    expect(reading.datasets).toEqual([])
    expect(reading.problems).toEqual([{ resource: '(document)', detail: 'The document describes no dcat:Dataset' }])
  })

  it('reports the EU datasets with English titles only, per resource and property', async () => {
    const reading = await read(await example('dcat-ap-3-dataset-with-service.ttl'))
    expect(reading.datasets.map(({ uri, dataset, publisherOrgnr }) => ({ uri, dataset, publisherOrgnr }))).toEqual([
      { uri: 'https://data.exampleMS.gov/id/dataset/1T2p3o4B', dataset: undefined, publisherOrgnr: undefined },
      { uri: 'https://data.exampleMS.gov/id/dataset/1W2o3p4T', dataset: undefined, publisherOrgnr: undefined },
    ])
    for (const { uri, problems } of reading.datasets) {
      expect(problems.map((problem) => [problem.resource, problem.property])).toEqual([
        [uri, 'dct:publisher'],
        [uri, 'dct:title'],
      ])
    }
  })

  it('reads applicable legislation and the serving API of the EU example once it has a Norwegian title', async () => {
    const text = `${await example('dcat-ap-3-dataset-with-service.ttl')}\nexampleMS:1T2p3o4B dct:title "Biebestanden"@nb .\n`
    const { dataset, problems } = byUri(await read(text), 'https://data.exampleMS.gov/id/dataset/1T2p3o4B')
    expect(dataset?.legalBases).toEqual([
      {
        type: 'processing',
        title: { nb: 'http://data.europa.eu/eli/dir/2007/2/2019-06-26' },
        uri: 'http://data.europa.eu/eli/dir/2007/2/2019-06-26',
      },
      {
        type: 'processing',
        title: { nb: 'http://data.europa.eu/eli/reg_impl/2023/138/oj' },
        uri: 'http://data.europa.eu/eli/reg_impl/2023/138/oj',
      },
    ])
    expect(dataset?.dataServices).toEqual([
      { title: { nb: 'EA API platform', en: 'EA API platform' }, endpointUrl: 'https://orgea.exampleMS.gov/api/v2/' },
    ])
    expect(dataset?.description).toEqual({ nb: 'Biebestanden', en: 'The population of bees' })
    expect(problems).toContainEqual({
      resource: 'https://data.exampleMS.gov/id/dataset/EAMS-APIplatform',
      property: 'dct:title',
      detail: 'The data service has no Norwegian title; the English title is used for bokmål too',
    })
    expect(problems.filter((problem) => problem.property === 'dcatap:applicableLegislation')).toHaveLength(4)
  })
})

describe("Skatteetaten's catalog in data.norge.no's style", async () => {
  const fixture = (file: string) => readFile(new URL(file, fixtures), 'utf8')
  const turtle = await read(await fixture('skatteetaten-catalog.ttl'), 'text/turtle')

  it('imports the personal-data dataset with its legal bases from all three encodings, de-duplicated', () => {
    expect(byUri(turtle, 'https://data.skatteetaten.no/datasett/inntekt')).toEqual({
      uri: 'https://data.skatteetaten.no/datasett/inntekt',
      publisherOrgnr: '974761076',
      dataset: {
        title: { nb: 'Inntektsopplysninger fra a-ordningen', en: 'Income information from the a-ordning' },
        description: {
          nb: 'Inntekt og arbeidsforhold rapportert i a-meldingen.',
          en: 'Income and employment reported in the a-melding.',
        },
        accessRights: 'RESTRICTED',
        themes: [
          'http://publications.europa.eu/resource/authority/data-theme/ECON',
          'https://psi.norge.no/los/tema/skatt-og-avgift',
        ],
        lifeEvents: [],
        keywords: { nb: ['a-melding', 'inntekt'], en: ['income'] },
        contactPoint: { name: 'Skatteetaten', email: 'datadeling@skatteetaten.no', phone: '+4722077000' },
        containsPersonalData: true,
        legalBases: [
          {
            type: 'disclosure',
            title: { nb: 'A-opplysningsloven § 7', en: 'A-reporting Act section 7' },
            uri: 'https://lovdata.no/lov/2012-06-22-43/§7',
          },
          {
            type: 'processing',
            title: { nb: 'Skatteforvaltningsloven § 12-1', en: 'Tax Administration Act section 12-1' },
            uri: 'https://lovdata.no/lov/2016-05-27-14/§12-1',
          },
        ],
        dataServices: [
          { title: { nb: 'Inntekts-API', en: 'Income API' }, endpointUrl: 'https://api.skatteetaten.no/inntekt/v1' },
        ],
      },
      problems: [],
    })
  })

  it('keeps the second dataset, leaving out the bad theme and e-mail address and reporting each', () => {
    const uri = 'https://data.skatteetaten.no/datasett/skattemelding'
    const { dataset, problems, publisherOrgnr } = byUri(turtle, uri)
    expect(publisherOrgnr).toBe('974761076')
    expect(dataset).toMatchObject({
      title: { nb: 'Skattemelding for lønnstakere og pensjonister' },
      description: { nb: 'Skattemelding for lønnstakere og pensjonister' },
      accessRights: 'PUBLIC',
      themes: ['http://publications.europa.eu/resource/authority/data-theme/GOVE'],
      contactPoint: { name: 'Skattemelding', url: 'https://www.skatteetaten.no/kontakt/' },
      legalBases: [
        { type: 'processing', title: { nb: 'Skatteforvaltningsloven' }, uri: 'https://lovdata.no/lov/2016-05-27-14' },
      ],
      dataServices: [],
    })
    expect(problems.map((problem) => [problem.resource, problem.property])).toEqual([
      [uri, 'dct:description'],
      [uri, 'dcat:theme'],
      [uri, 'dcat:contactPoint/vcard:hasEmail'],
      [uri, 'dcatap:applicableLegislation'],
      ['https://data.skatteetaten.no/api/skattemelding', 'dcat:endpointURL'],
    ])
  })

  it('does not import the dataset without a Norwegian title, but still names its publisher', () => {
    expect(byUri(turtle, 'https://data.skatteetaten.no/datasett/tax-statistics')).toEqual({
      uri: 'https://data.skatteetaten.no/datasett/tax-statistics',
      publisherOrgnr: '974761076',
      dataset: undefined,
      problems: [
        {
          resource: 'https://data.skatteetaten.no/datasett/tax-statistics',
          property: 'dct:title',
          detail: 'The dataset has no title in bokmål or nynorsk (DCAT-AP-NO); not imported',
        },
      ],
    })
    expect(turtle.problems).toEqual([])
  })

  it.each([
    ['skatteetaten-catalog.rdf', 'application/rdf+xml'],
    ['skatteetaten-catalog.jsonld', 'application/ld+json; charset=utf-8'],
  ])('reads %s exactly as the Turtle', async (file, contentType) => {
    expect(await read(await fixture(file), contentType)).toEqual(turtle)
  })
})

describe('messy catalogs', () => {
  const prefixes = `
    @prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
    @prefix dcatno: <https://data.norge.no/vocabulary/dcatno#> . @prefix cpsv: <http://purl.org/vocab/cpsv#> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
  `
  const one = async (body: string) => (await read(prefixes + body)).datasets[0]!

  it('reads untagged text as bokmål and takes the strictest of several access rights', async () => {
    const { dataset, problems } = await one(`<https://x.no/d> a dcat:Dataset ; dct:title "Tittel" ;
      dct:description "Beskrivelse" ;
      dct:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC>, "ikke-offentlig" .`)
    expect(dataset).toMatchObject({ title: { nb: 'Tittel' }, accessRights: 'NON_PUBLIC' })
    expect(problems).toContainEqual({
      resource: 'https://x.no/d',
      property: 'dct:accessRights',
      detail: 'Several access rights are given; the strictest, NON_PUBLIC, is used',
    })
  })

  it('reports a publisher whose orgnr fails the control digit', async () => {
    const dataset = await one(`<https://x.no/d> a dcat:Dataset ; dct:title "T"@nb ;
      dct:publisher <https://data.brreg.no/enhetsregisteret/api/enheter/974761077> .`)
    expect(dataset.publisherOrgnr).toBeUndefined()
    expect(dataset.problems).toContainEqual({
      resource: 'https://x.no/d',
      property: 'dct:publisher',
      detail: '974761077 is not a valid organisation number (mod-11 control digit)',
    })
  })

  it('drops a legal basis it cannot store and keeps the dataset', async () => {
    const long = `https://lovdata.no/${'a'.repeat(600)}`
    const { dataset, problems } = await one(`<https://x.no/d> a dcat:Dataset ; dct:title "T"@nb ;
      dcatno:legalBasisForAccess [ dct:source <${long}> ; dct:title "Lang lov"@nb ] ;
      dcatno:containsPersonalData "ja" .`)
    expect(dataset?.legalBases).toEqual([])
    expect(dataset?.containsPersonalData).toBe(true)
    expect(problems.map((problem) => problem.property)).toEqual(
      expect.arrayContaining(['dcatno:legalBasisForAccess', 'dcatno:containsPersonalData']),
    )
  })

  it('skips a dataset without an IRI, reporting it on the catalog', async () => {
    const reading = await read(`${prefixes} <https://x.no/katalog> a dcat:Catalog ;
      dcat:dataset [ a dcat:Dataset ; dct:title "Uten IRI"@nb ] .`)
    expect(reading.datasets).toEqual([])
    expect(reading.problems).toEqual([
      { resource: 'https://x.no/katalog', property: 'dcat:dataset', detail: expect.stringContaining('Uten IRI') },
    ])
  })

  it('merges the named graphs of a TriG document', async () => {
    const reading = await read(
      `${prefixes} <https://x.no/g1> { <https://x.no/d> a dcat:Dataset ; dct:title "T"@nb . }
       <https://x.no/g2> { <https://x.no/d> dct:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> . }`,
      'application/trig',
    )
    expect(reading.datasets[0]?.dataset?.accessRights).toBe('PUBLIC')
  })
})

describe('documents that are not RDF', () => {
  it.each([
    ['HTML sent as Turtle', '<!doctype html><html><body><h1>Datakatalog</h1></body></html>', 'text/turtle'],
    [
      'truncated Turtle',
      '@prefix dct: <http://purl.org/dc/terms/> .\n<https://x.no/d> dct:title "Inntekt',
      'text/turtle',
    ],
    ['random JSON', '{"status": "ok", "items": [1, 2, 3]}', 'application/ld+json'],
    ['a JSON number', '42', 'application/ld+json'],
    ['broken JSON', '{"@context": {', 'application/ld+json'],
    ['HTML sent as RDF/XML', '<html><body><p>Hei</body></html>', 'application/rdf+xml'],
  ])('%s is a 400 not-rdf problem', async (_, body, contentType) => {
    const problem = await rejection(parseRdf(body, contentType, 'https://example.org/'))
    expect([problem.status, problem.slug]).toEqual([400, 'not-rdf'])
  })

  it('an unsupported content type is a 415', async () => {
    const problem = await rejection(parseRdf('<html></html>', 'text/html; charset=utf-8', 'https://example.org/'))
    expect([problem.status, problem.slug]).toEqual([415, 'unsupported-media-type'])
  })

  it('refuses a JSON-LD remote @context without fetching it', async () => {
    let requests = 0
    const server = createServer((_, response) => {
      requests++
      response.writeHead(200, { 'content-type': 'application/ld+json' })
      response.end(JSON.stringify({ '@context': { title: 'http://purl.org/dc/terms/title' } }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const context = `http://127.0.0.1:${(server.address() as AddressInfo).port}/context.jsonld`
    try {
      const body = JSON.stringify({ '@context': context, '@id': 'https://x.no/d', title: 'Inntekt' })
      const problem = await rejection(parseRdf(body, 'application/ld+json', 'https://example.org/'))
      expect([problem.status, problem.slug]).toEqual([400, 'not-rdf'])
      expect(problem.detail).toContain(context)
      expect(requests).toBe(0)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
