import type { Term } from 'n3'
import { isLifeEventUri, lifeEventOf } from '../life-events.ts'
import type { HarvestGraph } from './harvest-graph.ts'

/**
 * The life events a dataset serves (ADR 0012): dcat:theme or dct:relation values that name Digdir's life-event-type
 * concepts or a Deling installation's own ones. Deling writes them as themes; other catalogs may relate them.
 */
export function readLifeEvents(graph: HarvestGraph, dataset: Term): string[] {
  const uris = new Map<string, string>()
  for (const term of [...graph.objects(dataset, 'dcat:theme'), ...graph.objects(dataset, 'dct:relation')]) {
    if (term.termType !== 'NamedNode' || !isLifeEventUri(term.value)) continue
    const key = lifeEventOf(term.value)!.key
    if (!uris.has(key)) uris.set(key, term.value)
  }
  return [...uris.values()]
}

/** Whether a dcat:theme value is a life event, read by {@link readLifeEvents} rather than as a theme. */
export const isLifeEventTheme = (term: Term) => term.termType === 'NamedNode' && isLifeEventUri(term.value)
