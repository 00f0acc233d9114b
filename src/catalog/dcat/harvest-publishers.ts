import type { Quad, Term } from 'n3'
import { isValidOrgnr } from '../../identifiers/orgnr.ts'
import { HarvestGraph } from './harvest-graph.ts'

/** What a harvested document says about who publishes what, beyond the orgnr the reader gives each dataset. */
export interface HarvestedPublishers {
  /** foaf:name (DCAT-AP-NO's agent name) by orgnr: the operator's harvest registers an unknown publisher by it. */
  names: Map<string, string>
  /** Whether the dataset, or a catalog that lists it, names a publisher at all (readable or not). */
  namesPublisher(datasetUri: string): boolean
}

/** Reads publisher names and presence; the orgnr is found as the reader finds it (IRI ending or dct:identifier). */
export function readPublishers(quads: Quad[]): HarvestedPublishers {
  const graph = new HarvestGraph(quads)
  const names = new Map<string, string>()
  const agents = graph.subjects('dct:publisher', null).flatMap((resource) => graph.objects(resource, 'dct:publisher'))
  for (const agent of agents) {
    const name = graph.anyText(agent, 'foaf:name')
    const orgnr = orgnrOf(graph, agent)
    if (name && orgnr && !names.has(orgnr)) names.set(orgnr, name.slice(0, 200))
  }
  return {
    names,
    namesPublisher(datasetUri) {
      const dataset = graph.resource(datasetUri)
      if (graph.objects(dataset, 'dct:publisher').length > 0) return true
      return graph.subjects('dcat:dataset', dataset).some((catalog) => graph.objects(catalog, 'dct:publisher').length)
    },
  }
}

function orgnrOf(graph: HarvestGraph, agent: Term): string | undefined {
  const candidates = [
    agent.termType === 'NamedNode' ? agent.value.match(/\/(\d{9})\/?$/)?.[1] : undefined,
    ...graph.objects(agent, 'dct:identifier').map((identifier) => identifier.value.trim().match(/(\d{9})$/)?.[1]),
  ]
  return candidates.find((candidate) => candidate !== undefined && isValidOrgnr(candidate))
}
