import type { Quad } from 'n3'
import type { AccessRule, Dataset } from '../dataset.schemas.ts'
import { lifeEventKeys } from '../life-events.ts'
import { addAccessPolicy } from './access-policy.ts'
import { Graph } from './graph.ts'
import { addLegalBasis } from './legal-basis.ts'
import { dataServiceUri, datasetUri, gatewayUri, landingPageUri, openApiUri } from './uris.ts'
import {
  accessRightConcept,
  containsPersonalData,
  dataThemeScheme,
  lifeEventConcepts,
  ns,
  provisionalDataTheme,
  themeConcept,
} from './vocabulary.ts'

/** A dataset with the access rules that share it: what one export describes. */
export type CatalogEntry = { dataset: Dataset; accessRules: AccessRule[] }

/** The DCAT-AP-NO description of one dataset, its publisher, contact point, services, legal bases and rules. */
export function datasetQuads(entry: CatalogEntry, publicUrl: string): Quad[] {
  const { dataset, accessRules } = entry
  const graph = new Graph()
  const uri = datasetUri(publicUrl, dataset.id)
  const contact = `${uri}#contact-point`

  graph.type(uri, ns.dcat('Dataset'))
  graph.text(uri, ns.dct('identifier'), dataset.id)
  graph.texts(uri, ns.dct('title'), dataset.title).texts(uri, ns.dct('description'), dataset.description)
  graph.add(uri, ns.dct('publisher'), dataset.publisher.uri)
  graph.add(uri, ns.dcat('contactPoint'), contact)
  graph.concept(uri, ns.dct('accessRights'), accessRightConcept(dataset.accessRights))
  for (const theme of themes(dataset)) graph.concept(uri, ns.dcat('theme'), themeConcept(theme))
  // Life events are themes of the dataset; its data services relate to them (a service's themes would need an EU one).
  const lifeEvents = lifeEventConcepts(lifeEventKeys(dataset.lifeEvents ?? []), publicUrl)
  for (const lifeEvent of lifeEvents) graph.concept(uri, ns.dcat('theme'), lifeEvent)
  for (const language of ['nb', 'nn', 'en'] as const) {
    for (const keyword of dataset.keywords[language] ?? [])
      graph.texts(uri, ns.dcat('keyword'), { [language]: keyword })
  }
  graph.add(uri, ns.dcat('landingPage'), landingPageUri(publicUrl, dataset.id))
  graph.dateTime(uri, ns.dct('issued'), dataset.createdAt).dateTime(uri, ns.dct('modified'), dataset.updatedAt)
  graph.text(uri, ns.dcat('version'), String(dataset.version))
  graph.boolean(uri, containsPersonalData, dataset.containsPersonalData)

  addPublisher(graph, dataset.publisher)
  addContactPoint(graph, contact, dataset, landingPageUri(publicUrl, dataset.id))
  for (const service of dataset.dataServices) {
    addDataService(graph, publicUrl, uri, contact, dataset, service)
    for (const lifeEvent of lifeEvents)
      graph.add(dataServiceUri(publicUrl, dataset.id, service.id), ns.dct('relation'), lifeEvent.uri)
  }
  for (const basis of dataset.legalBases) addLegalBasis(graph, publicUrl, uri, dataset.id, basis)
  for (const rule of accessRules) addAccessPolicy(graph, publicUrl, uri, dataset.publisher.uri, rule)
  return graph.quads
}

/**
 * The dataset's themes, plus the EU "provisional data" theme when none is an EU data theme: DCAT-AP-NO 2.2
 * requires a theme and the 3.0 vocabulary shapes (`hasShapeCVInScheme-dcatThemeAtLeast1`) one from that scheme.
 */
function themes(dataset: Dataset): string[] {
  const hasDataTheme = dataset.themes.some((theme) => theme.startsWith(`${dataThemeScheme}/`))
  return hasDataTheme ? dataset.themes : [provisionalDataTheme, ...dataset.themes]
}

/** The publisher as a foaf:Agent named by its orgnr (DESIGN.md §6: publisher URIs by orgnr). */
export function addPublisher(graph: Graph, publisher: { uri: string; name: string; orgnr?: string }) {
  if (!graph.firstTime(publisher.uri)) return
  graph.type(publisher.uri, ns.foaf('Agent')).text(publisher.uri, ns.foaf('name'), publisher.name)
  if (publisher.orgnr) graph.text(publisher.uri, ns.dct('identifier'), publisher.orgnr)
}

/**
 * The contact point. DCAT-AP-NO 3.0 requires one on every dataset and service, with vcard:fn and an e-mail
 * address or a web page (`KindShape`); when the producer gave neither, the dataset's portal page is the web page,
 * since that is where access is requested.
 */
function addContactPoint(graph: Graph, uri: string, dataset: Dataset, landingPage: string) {
  const contact = dataset.contactPoint
  graph.type(uri, ns.vcard('Organization'))
  graph.text(uri, ns.vcard('fn'), contact?.name ?? dataset.publisher.name)
  if (contact?.email) graph.add(uri, ns.vcard('hasEmail'), `mailto:${contact.email}`)
  if (contact?.url) graph.add(uri, ns.vcard('hasURL'), contact.url)
  if (!contact?.email && !contact?.url) graph.add(uri, ns.vcard('hasURL'), landingPage)
  if (contact?.phone) graph.add(uri, ns.vcard('hasTelephone'), `tel:${contact.phone.replace(/ /g, '')}`)
}

/**
 * A data service, reached through Deling's gateway, and the distribution that links the dataset to it
 * (DCAT-AP 3: a dataset served by an API has a distribution whose dcat:accessService is that API).
 * The producer's own endpoint is left out on purpose: consumers must go through the gateway.
 */
function addDataService(
  graph: Graph,
  publicUrl: string,
  dataset: string,
  contact: string,
  { id: datasetId, publisher, accessRights }: Dataset,
  service: Dataset['dataServices'][number],
) {
  const uri = dataServiceUri(publicUrl, datasetId, service.id)
  const distribution = `${uri}-distribution`
  const endpoint = gatewayUri(publicUrl, datasetId)

  // 2.2 DataService_Shape: one endpoint URL, an identifier and a title; 3.0 core adds contact point and publisher.
  graph.type(uri, ns.dcat('DataService'))
  graph.text(uri, ns.dct('identifier'), service.id).texts(uri, ns.dct('title'), service.title)
  graph
    .add(uri, ns.dcat('endpointURL'), endpoint)
    .add(uri, ns.dcat('endpointDescription'), openApiUri(publicUrl, datasetId))
  graph.add(uri, ns.dcat('servesDataset'), dataset).add(uri, ns.dct('publisher'), publisher.uri)
  graph.add(uri, ns.dcat('contactPoint'), contact)
  graph.concept(uri, ns.dct('accessRights'), accessRightConcept(accessRights))

  graph.add(dataset, ns.dcat('distribution'), distribution)
  graph.type(distribution, ns.dcat('Distribution')).texts(distribution, ns.dct('title'), service.title)
  graph.add(distribution, ns.dcat('accessURL'), endpoint).add(distribution, ns.dcat('accessService'), uri)
}
