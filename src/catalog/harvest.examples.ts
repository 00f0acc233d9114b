/**
 * The request body of `POST /catalog/harvest`, documented by media type. The schemas are plain OpenAPI objects on
 * purpose: a zod schema would make the router validate every JSON-like body (application/ld+json included) as
 * `{url}`, so the handler reads the body itself and checks `{url}` with HarvestSourceSchema.
 */

const dataset = 'https://data.skatteetaten.no/datasett/inntekt'
const publisher = 'https://data.brreg.no/enhetsregisteret/api/enheter/974761076'

const turtle = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix dcatap: <http://data.europa.eu/r5r/> .

<https://data.skatteetaten.no/katalog> a dcat:Catalog ;
  dct:publisher <${publisher}> ;
  dcat:dataset <${dataset}> .

<${dataset}> a dcat:Dataset ;
  dct:title "Inntektsopplysninger fra a-ordningen"@nb ;
  dct:description "Inntekt og arbeidsforhold rapportert i a-meldingen."@nb ;
  dct:publisher <${publisher}> ;
  dct:accessRights <http://publications.europa.eu/resource/authority/access-right/RESTRICTED> ;
  dcat:theme <http://publications.europa.eu/resource/authority/data-theme/ECON> ;
  dcatap:applicableLegislation <https://lovdata.no/lov/2012-06-22-43/§7> .
`

const rdfXml = `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/">
  <dcat:Dataset rdf:about="${dataset}">
    <dct:title xml:lang="nb">Inntektsopplysninger fra a-ordningen</dct:title>
    <dct:description xml:lang="nb">Inntekt og arbeidsforhold rapportert i a-meldingen.</dct:description>
    <dct:publisher rdf:resource="${publisher}"/>
    <dct:accessRights rdf:resource="http://publications.europa.eu/resource/authority/access-right/RESTRICTED"/>
  </dcat:Dataset>
</rdf:RDF>
`

const jsonLd = {
  '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/' },
  '@id': dataset,
  '@type': 'dcat:Dataset',
  'dct:title': { '@value': 'Inntektsopplysninger fra a-ordningen', '@language': 'nb' },
  'dct:description': { '@value': 'Inntekt og arbeidsforhold rapportert i a-meldingen.', '@language': 'nb' },
  'dct:publisher': { '@id': publisher },
  'dct:accessRights': { '@id': 'http://publications.europa.eu/resource/authority/access-right/RESTRICTED' },
}

const nTriples = [
  `<${dataset}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset> .`,
  `<${dataset}> <http://purl.org/dc/terms/title> "Inntektsopplysninger fra a-ordningen"@nb .`,
  `<${dataset}> <http://purl.org/dc/terms/description> "Inntekt og arbeidsforhold rapportert i a-meldingen."@nb .`,
  `<${dataset}> <http://purl.org/dc/terms/publisher> <${publisher}> .`,
  '',
].join('\n')

const rdfDocument = (syntax: string) => ({ type: 'string' as const, description: `A DCAT-AP-NO document in ${syntax}` })

export const harvestBodyContent = {
  'text/turtle': { schema: rdfDocument('Turtle'), example: turtle },
  'application/rdf+xml': { schema: rdfDocument('RDF/XML'), example: rdfXml },
  'application/ld+json': {
    schema: {
      type: 'object' as const,
      description: 'A DCAT-AP-NO document in JSON-LD; the @context must be inline (Deling fetches no contexts)',
    },
    example: jsonLd,
  },
  'application/n-triples': { schema: rdfDocument('N-Triples'), example: nTriples },
  'application/json': {
    schema: { $ref: '#/components/schemas/HarvestSource' },
    example: { url: 'https://data.skatteetaten.no/katalog/catalog.ttl' },
  },
}
