import type { Term } from 'n3'
import { clip, type HarvestGraph, hasNorwegian, nameOf, type Texts } from './harvest-graph.ts'
import type { Report } from './harvest-types.ts'

type DataService = { title: Texts; endpointUrl: string }

/** DataServiceInput allows ten services per dataset. */
const maxServices = 10

/**
 * The data services of a dataset: every dcat:DataService that `dcat:servesDataset` it, and every service a
 * distribution reaches by `dcat:accessService` (DCAT-AP 3 §Distribution). A service needs an http(s)
 * dcat:endpointURL; the OpenAPI document (dcat:endpointDescription) is not fetched here.
 */
export function readDataServices(
  graph: HarvestGraph,
  dataset: Term,
  datasetUri: string,
  report: Report,
): DataService[] {
  const candidates = new Map<string, { service: Term; path: string }>()
  for (const service of graph.subjects('dcat:servesDataset', dataset)) {
    candidates.set(service.value, { service, path: '^dcat:servesDataset' })
  }
  for (const distribution of graph.objects(dataset, 'dcat:distribution')) {
    for (const service of graph.objects(distribution, 'dcat:accessService')) {
      if (!candidates.has(service.value))
        candidates.set(service.value, { service, path: 'dcat:distribution/dcat:accessService' })
    }
  }

  const services = new Map<string, DataService>()
  for (const { service, path } of candidates.values()) {
    const resource = nameOf(service, datasetUri)
    const property = (local: string) => (resource === datasetUri ? `${path}/${local}` : local)
    const endpointUrl = graph.webAddresses(service, 'dcat:endpointURL').sort(httpsFirst)[0]
    if (!endpointUrl) {
      report(property('dcat:endpointURL'), 'The data service has no http(s) endpoint URL; skipped', resource)
      continue
    }
    if (endpointUrl.length > 500) {
      report(property('dcat:endpointURL'), 'The endpoint URL is longer than 500 characters; skipped', resource)
      continue
    }
    const title = serviceTitle(graph.texts(service, 'dct:title'), endpointUrl, (detail) =>
      report(property('dct:title'), detail, resource),
    )
    if (!services.has(endpointUrl)) services.set(endpointUrl, { title, endpointUrl })
  }

  const sorted = [...services.values()].sort((a, b) => a.endpointUrl.localeCompare(b.endpointUrl))
  if (sorted.length > maxServices) {
    report('dcat:DataService', `The dataset has ${sorted.length} data services; the first ${maxServices} are kept`)
  }
  return sorted.slice(0, maxServices)
}

const httpsFirst = (a: string, b: string) => Number(!a.startsWith('https:')) - Number(!b.startsWith('https:'))

/**
 * A service's title. The schema asks for bokmål or nynorsk; an English-only title (common in EU examples) is kept
 * and also used as the bokmål title, and a service with no title at all is named by its endpoint.
 */
function serviceTitle(title: Texts, endpointUrl: string, report: (detail: string) => void): Texts {
  if (hasNorwegian(title)) return clip(title, 300).texts
  if (title.en) {
    report('The data service has no Norwegian title; the English title is used for bokmål too')
    return clip({ nb: title.en, en: title.en }, 300).texts
  }
  report('The data service has no title; its endpoint URL is used as the title')
  return clip({ nb: endpointUrl }, 300).texts
}
