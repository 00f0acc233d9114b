import type { Dataset } from '../dataset.schemas.ts'
import type { Graph } from './graph.ts'
import { legalBasisUri } from './uris.ts'
import { legacyLegalBasisProperties, legalResourceTypeAct, ns, ruleTypeLabels, ruleTypes } from './vocabulary.ts'

type LegalBasis = Dataset['legalBases'][number]

/**
 * A legal basis, three ways so every harvester understands it (DESIGN.md §6):
 * DCAT-AP-NO 3 `dcatap:applicableLegislation` → eli:LegalResource; DCAT-AP-NO 2.x `cpsv:follows` → cpsv:Rule
 * (typed cpsvno:ruleFor…) → `cpsv:implements` → eli:LegalResource; and the legacy `dcatno:legalBasisFor…`
 * node with dct:source and skos:prefLabel that data.norge.no still parses.
 */
export function addLegalBasis(
  graph: Graph,
  publicUrl: string,
  datasetUri: string,
  datasetId: string,
  basis: LegalBasis,
) {
  const law = basis.uri
  const rule = legalBasisUri(publicUrl, datasetId, basis.id)
  const legacy = `${rule}-dcatno`

  graph.add(datasetUri, ns.dcatap('applicableLegislation'), law)
  if (graph.firstTime(law)) {
    // 2.2 LegalResource_Shape requires dct:type; 3.0 core allows at most one, and one title per language.
    graph.type(law, ns.eli('LegalResource')).texts(law, ns.dct('title'), basis.title)
    graph.concept(law, ns.dct('type'), legalResourceTypeAct)
  }

  // 2.2 Rule_Shape requires dct:identifier (one), dct:title and dct:description.
  graph.add(datasetUri, ns.cpsv('follows'), rule)
  graph.type(rule, ns.cpsv('Rule')).text(rule, ns.dct('identifier'), basis.id).texts(rule, ns.dct('title'), basis.title)
  graph.texts(rule, ns.dct('description'), describe(basis))
  graph.add(rule, ns.dct('type'), ruleTypes[basis.type]).add(rule, ns.cpsv('implements'), law)

  graph.add(datasetUri, legacyLegalBasisProperties[basis.type], legacy)
  graph.type(legacy, ns.skos('Concept'), ns.foaf('Document')).add(legacy, ns.dct('source'), law)
  graph.texts(legacy, ns.skos('prefLabel'), basis.title)
}

/** "Utleveringshjemmel: a-opplysningsloven § 7", in each language the title has (falling back to bokmål). */
function describe(basis: LegalBasis) {
  const kind = ruleTypeLabels[basis.type]
  const title = (language: 'nb' | 'nn' | 'en') => basis.title[language]
  const norwegian = basis.title.nb ?? basis.title.nn ?? ''
  return {
    nb: `${kind.nb}: ${title('nb') ?? norwegian}`,
    nn: title('nn') === undefined ? undefined : `${kind.nn}: ${title('nn')}`,
    en: title('en') === undefined ? undefined : `${kind.en}: ${title('en')}`,
  }
}
