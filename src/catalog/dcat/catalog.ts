import type { Quad } from 'n3'
import type { CatalogEntry } from './dataset.ts'
import { addPublisher } from './dataset.ts'
import { Graph } from './graph.ts'
import { catalogUri, dataServiceUri, datasetUri } from './uris.ts'
import { type Labels, ns } from './vocabulary.ts'

/** Who publishes the catalog itself: the organisation that runs this Deling. */
export type CatalogPublisher = { uri: string; name: string; orgnr?: string }

export type CatalogOptions = {
  /** dcat:service links, besides those written per dataset by {@link catalogLinkQuads}. */
  serviceUris?: string[]
  /** Defaults to an agent named "Deling" under the catalog URI; pass the operator's orgnr-based URI. */
  publisher?: CatalogPublisher
}

export const defaultCatalogTitle: Labels = { nb: 'Deling – datakatalog', en: 'Deling – data catalogue' }

/**
 * The dcat:Catalog resource. With no dataset URIs it is the header of a streamed export, whose datasets are
 * linked one by one with {@link catalogLinkQuads}, so nothing has to be buffered.
 * 2.2 Catalog_Shape requires a description, one identifier, a title and one publisher; 3.0 core a contact point.
 */
export function catalogQuads(
  publicUrl: string,
  datasetUris: string[],
  title: Labels = defaultCatalogTitle,
  options: CatalogOptions = {},
): Quad[] {
  const graph = new Graph()
  const uri = catalogUri(publicUrl)
  const contact = `${uri}#contact-point`
  const publisher = options.publisher ?? { uri: `${uri}#publisher`, name: 'Deling' }

  graph.type(uri, ns.dcat('Catalog')).text(uri, ns.dct('identifier'), uri)
  graph.texts(uri, ns.dct('title'), title)
  graph.texts(uri, ns.dct('description'), {
    nb: 'Datasett som offentlige virksomheter deler gjennom Deling, med hjemler og tilgangsregler.',
    en: 'Datasets that public bodies share through Deling, with their legal bases and access rules.',
  })
  graph.add(uri, ns.dct('publisher'), publisher.uri).add(uri, ns.dcat('contactPoint'), contact)
  graph.add(uri, ns.foaf('homepage'), publicUrl.replace(/\/+$/, ''))
  addPublisher(graph, publisher)
  graph.type(contact, ns.vcard('Organization')).text(contact, ns.vcard('fn'), publisher.name)
  graph.add(contact, ns.vcard('hasURL'), publicUrl.replace(/\/+$/, ''))
  for (const dataset of datasetUris) graph.add(uri, ns.dcat('dataset'), dataset)
  for (const service of options.serviceUris ?? []) graph.add(uri, ns.dcat('service'), service)
  return graph.quads
}

/** The catalog's links to one dataset and its data services, written beside that dataset in a stream. */
export function catalogLinkQuads(publicUrl: string, entry: CatalogEntry): Quad[] {
  const graph = new Graph()
  const uri = catalogUri(publicUrl)
  const { dataset } = entry
  graph.add(uri, ns.dcat('dataset'), datasetUri(publicUrl, dataset.id))
  for (const service of dataset.dataServices) {
    graph.add(uri, ns.dcat('service'), dataServiceUri(publicUrl, dataset.id, service.id))
  }
  return graph.quads
}
