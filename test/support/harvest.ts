import { asc } from 'drizzle-orm'
import { catalogChanges, datasets } from '../../src/db/schema/index.ts'
import type { TestApp } from './app.ts'

export interface HarvestEntry {
  uri: string
  id?: string
  result: string
  publisher?: { orgnr: string }
  problems: { resource: string; property?: string; detail: string }[]
}

/** POST /catalog/harvest with a document (Turtle unless told) or, for application/json, a `{url}` body. */
export const harvest = (app: TestApp, token: string | undefined, document: string, contentType = 'text/turtle') =>
  app.request('POST', '/catalog/harvest', { token, rawBody: document, contentType })

/** Every dataset row with its version, and the number of recorded changes: a harvest that changes nothing keeps both. */
export async function storedDatasets(app: TestApp) {
  const db = app.host.database.db
  const rows = await db
    .select({ id: datasets.id, version: datasets.version, publisher: datasets.publisherOrgnr })
    .from(datasets)
    .orderBy(asc(datasets.id))
  const changes = await db.select({ id: catalogChanges.id }).from(catalogChanges)
  return { rows, changes: changes.length }
}

/**
 * A catalog of three publishers, as the operator harvests it: NAV (registered), Brønnøysundregistrene (unknown, named
 * by foaf:name) and Statistisk sentralbyrå (unknown, no name: registered as "Organisation <orgnr>").
 */
export const threePublisherCatalog = `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix access: <http://publications.europa.eu/resource/authority/access-right/> .

<https://data.norge.no/katalog> a dcat:Catalog ;
  dcat:dataset <https://data.nav.no/datasett/dagpenger>, <https://data.brreg.no/datasett/enheter>,
    <https://data.ssb.no/datasett/befolkning> .

<https://data.brreg.no/enhetsregisteret/api/enheter/974760673> a foaf:Agent ; foaf:name "Brønnøysundregistrene"@nb .

<https://data.nav.no/datasett/dagpenger> a dcat:Dataset ;
  dct:title "Dagpengevedtak"@nb ; dct:description "Vedtak om dagpenger."@nb ;
  dct:accessRights access:RESTRICTED ;
  dct:publisher <https://data.brreg.no/enhetsregisteret/api/enheter/889640782> .

<https://data.brreg.no/datasett/enheter> a dcat:Dataset ;
  dct:title "Enhetsregisteret"@nb ; dct:description "Alle registrerte enheter."@nb ;
  dct:accessRights access:PUBLIC ;
  dct:publisher <https://data.brreg.no/enhetsregisteret/api/enheter/974760673> .

<https://data.ssb.no/datasett/befolkning> a dcat:Dataset ;
  dct:title "Befolkning"@nb ; dct:description "Folkemengde etter kommune."@nb ;
  dct:accessRights access:PUBLIC ;
  dct:publisher [ a foaf:Agent ; dct:identifier "971526920" ] .
`
