import type { Quad, Term } from 'n3'
import { readContactPoint } from './harvest-contact-point.ts'
import { readDataServices } from './harvest-data-service.ts'
import { clip, HarvestGraph, hasNorwegian, type Texts } from './harvest-graph.ts'
import { readLegalBases } from './harvest-legal-basis.ts'
import { readLifeEvents } from './harvest-life-events.ts'
import {
  readAccessRights,
  readContainsPersonalData,
  readKeywords,
  readPublisherOrgnr,
  readThemes,
} from './harvest-properties.ts'
import type { HarvestedDataset, HarvestProblem, HarvestReading, Report } from './harvest-types.ts'
import { validateDataset } from './harvest-validate.ts'

export type { HarvestedDataset, HarvestProblem, HarvestReading } from './harvest-types.ts'

/**
 * Reads every dataset of a harvested DCAT-AP-NO catalog. Never throws for one bad dataset: what cannot be used is
 * reported by resource and property, and a dataset that cannot be imported at all has `dataset: undefined`.
 *
 * Datasets are the resources typed dcat:Dataset, plus untyped resources a catalog lists with dcat:dataset.
 * A dcat:DatasetSeries that is not also typed dcat:Dataset is not imported (Deling has no series): DCAT 3 §6.7
 * makes its members ordinary datasets, and those are read on their own.
 */
export function readCatalog(quads: Quad[]): HarvestReading {
  const graph = new HarvestGraph(quads)
  const problems: HarvestProblem[] = []
  const catalogs = graph.ofType('dcat:Catalog')
  const documentName = catalogs.find((catalog) => catalog.termType === 'NamedNode')?.value ?? '(document)'

  const candidates = new Map<string, Term>()
  for (const dataset of graph.ofType('dcat:Dataset')) candidates.set(dataset.value, dataset)
  for (const listed of graph
    .subjects('dcat:dataset', null)
    .flatMap((catalog) => graph.objects(catalog, 'dcat:dataset'))) {
    if (candidates.has(listed.value)) continue
    if (graph.isA(listed, 'dcat:DatasetSeries')) {
      problems.push({
        resource: listed.termType === 'NamedNode' ? listed.value : documentName,
        property: 'rdf:type',
        detail: 'A dataset series is not imported; its member datasets are',
      })
      continue
    }
    candidates.set(listed.value, listed)
  }

  const datasets: HarvestedDataset[] = []
  for (const dataset of candidates.values()) {
    if (dataset.termType !== 'NamedNode') {
      const title = graph.anyText(dataset, 'dct:title')
      problems.push({
        resource: documentName,
        property: 'dcat:dataset',
        detail: `The dataset ${title ? `"${title}" ` : ''}has no IRI, so it cannot be recognised at the next harvest; skipped`,
      })
      continue
    }
    datasets.push(readDataset(graph, dataset))
  }
  if (candidates.size === 0) problems.push({ resource: documentName, detail: 'The document describes no dcat:Dataset' })
  datasets.sort((a, b) => a.uri.localeCompare(b.uri))
  return { datasets, problems }
}

function readDataset(graph: HarvestGraph, dataset: Term): HarvestedDataset {
  const uri = dataset.value
  const problems: HarvestProblem[] = []
  const report: Report = (property, detail, resource = uri) =>
    problems.push(property ? { resource, property, detail } : { resource, detail })
  const publisherOrgnr = readPublisherOrgnr(graph, dataset, report)
  if (!graph.isA(dataset, 'dcat:Dataset'))
    report('rdf:type', 'Not typed dcat:Dataset; read as one because a catalog lists it')

  const title = graph.texts(dataset, 'dct:title')
  if (!hasNorwegian(title)) {
    report('dct:title', 'The dataset has no title in bokmål or nynorsk (DCAT-AP-NO); not imported')
    return { uri, publisherOrgnr, dataset: undefined, problems }
  }
  const clippedTitle = clip(title, 300)
  if (clippedTitle.clipped) report('dct:title', 'The title is longer than 300 characters; shortened')

  const candidate = {
    title: clippedTitle.texts,
    description: readDescription(graph, dataset, clippedTitle.texts, report),
    accessRights: readAccessRights(graph, dataset, report),
    themes: readThemes(graph, dataset, report),
    lifeEvents: readLifeEvents(graph, dataset),
    keywords: readKeywords(graph, dataset, report),
    contactPoint: readContactPoint(graph, dataset, report),
    containsPersonalData: readContainsPersonalData(graph, dataset, report),
    legalBases: readLegalBases(graph, dataset, report),
    dataServices: readDataServices(graph, dataset, uri, report),
  }
  if (!candidate.contactPoint) delete candidate.contactPoint
  return { uri, publisherOrgnr, dataset: validateDataset(candidate, report), problems }
}

/**
 * dct:description (required in DCAT-AP-NO). A dataset without a Norwegian description is still worth importing:
 * the title stands in for it, reported, and an English description is kept beside it.
 */
function readDescription(graph: HarvestGraph, dataset: Term, title: Texts, report: Report): Texts {
  const description = graph.texts(dataset, 'dct:description')
  if (hasNorwegian(description)) {
    const clipped = clip(description, 10_000)
    if (clipped.clipped) report('dct:description', 'The description is longer than 10 000 characters; shortened')
    return clipped.texts
  }
  report('dct:description', 'The dataset has no description in bokmål or nynorsk; the title is used instead')
  return clip({ ...description, nb: title.nb, nn: title.nn, en: description.en ?? title.en }, 10_000).texts
}
