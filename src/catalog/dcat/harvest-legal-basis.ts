import type { Term } from 'n3'
import type { legalBasisTypes } from '../dataset.schemas.ts'
import { clip, type HarvestGraph, hasNorwegian, type Texts } from './harvest-graph.ts'
import type { Curie } from './harvest-terms.ts'
import type { Report } from './harvest-types.ts'

type LegalBasisType = (typeof legalBasisTypes)[number]
type LegalBasis = { type: LegalBasisType; title: Texts; uri: string }

/** cpsvno rule types (DCAT-AP-NO 2.x `cpsv:Rule` / `dct:type`), matched by local name so http/https forms both work. */
const ruleTypes: Record<string, LegalBasisType> = {
  ruleForDisclosure: 'disclosure',
  ruleForDataProcessing: 'processing',
  ruleForNonDisclosure: 'non-disclosure',
}

/** The legacy dcatno properties data.norge.no still parses. */
const legacyProperties: [Curie, LegalBasisType][] = [
  ['dcatno:legalBasisForAccess', 'disclosure'],
  ['dcatno:legalBasisForProcessing', 'processing'],
  ['dcatno:legalBasisForRestriction', 'non-disclosure'],
]

/**
 * The legal bases of a dataset from all three encodings of DESIGN.md §6, de-duplicated by (type, law):
 * 2.x `cpsv:follows` → cpsv:Rule → `cpsv:implements` → eli:LegalResource; the legacy `dcatno:legalBasisFor…`
 * nodes (dct:source, skos:prefLabel); and DCAT-AP-NO 3 `dcatap:applicableLegislation`. The first two say the type;
 * a law named only by the third takes its type from a cpsv:Rule implementing it, else it is assumed to be the
 * basis for processing: DCAT-AP 3 defines applicable legislation as what "mandates the creation or management"
 * of the dataset, and assuming less than a disclosure basis never widens what may be shared.
 */
export function readLegalBases(graph: HarvestGraph, dataset: Term, report: Report): LegalBasis[] {
  const found = new Map<string, LegalBasis>()
  const add = (basis: LegalBasis, property: string) => {
    if (basis.uri.length > 500) {
      report(property, `The law's IRI is longer than 500 characters; skipped`)
      return
    }
    const key = `${basis.type} ${basis.uri}`
    if (!found.has(key)) found.set(key, basis)
  }

  for (const rule of graph.objects(dataset, 'cpsv:follows')) {
    const type = ruleType(graph, rule)
    if (!type) report('cpsv:follows/dct:type', 'The rule has no cpsvno rule type; read as a basis for processing')
    const laws = graph.objects(rule, 'cpsv:implements')
    if (laws.length === 0) report('cpsv:follows/cpsv:implements', 'The rule names no law (eli:LegalResource); skipped')
    for (const law of laws) {
      const uri = lawUri(graph, law)
      if (!uri) {
        report('cpsv:follows/cpsv:implements', 'The law has no http(s) IRI, dct:source or foaf:page; skipped')
        continue
      }
      const title = firstNorwegian(
        graph.texts(rule, 'dct:title'),
        lawTitle(graph, law),
        graph.texts(rule, 'dct:description'),
      )
      add({ type: type ?? 'processing', uri, title: titleOrUri(title, uri, 'cpsv:follows', report) }, 'cpsv:follows')
    }
  }

  for (const [property, type] of legacyProperties) {
    for (const node of graph.objects(dataset, property)) {
      const uri = graph.webAddresses(node, 'dct:source')[0] ?? graph.webAddresses(node, 'foaf:page')[0]
      if (!uri) {
        report(`${property}/dct:source`, 'The legal basis names no http(s) source; skipped')
        continue
      }
      const title = firstNorwegian(graph.texts(node, 'skos:prefLabel', 'dct:title'), lawTitleByUri(graph, uri))
      add({ type, uri, title: titleOrUri(title, uri, property, report) }, property)
    }
  }

  const named = new Set([...found.values()].map((basis) => basis.uri))
  for (const law of graph.objects(dataset, 'dcatap:applicableLegislation')) {
    const uri = lawUri(graph, law)
    if (!uri) {
      report('dcatap:applicableLegislation', 'The law has no http(s) IRI, dct:source or foaf:page; skipped')
      continue
    }
    if (named.has(uri)) continue
    const types = graph
      .subjects('cpsv:implements', law)
      .map((rule) => ruleType(graph, rule))
      .filter((type) => type !== undefined)
    if (types.length === 0) {
      report('dcatap:applicableLegislation', `No cpsv:Rule gives the type of ${uri}; read as a basis for processing`)
    }
    const title = titleOrUri(lawTitle(graph, law), uri, 'dcatap:applicableLegislation', report)
    for (const type of types.length > 0 ? types : ['processing' as const])
      add({ type, uri, title }, 'dcatap:applicableLegislation')
  }

  return [...found.values()].sort((a, b) => a.type.localeCompare(b.type) || a.uri.localeCompare(b.uri))
}

function ruleType(graph: HarvestGraph, rule: Term): LegalBasisType | undefined {
  for (const type of graph.objects(rule, 'dct:type')) {
    const local = type.value.split(/[#/]/).pop() ?? ''
    if (ruleTypes[local]) return ruleTypes[local]
  }
  return undefined
}

/** A law is named by its IRI (ELI or Lovdata); a blank-node law by its dct:source or foaf:page. */
function lawUri(graph: HarvestGraph, law: Term): string | undefined {
  if (law.termType === 'NamedNode' && /^https?:\/\//i.test(law.value)) return law.value
  if (law.termType === 'Literal' && /^https?:\/\/\S+$/i.test(law.value.trim())) return law.value.trim()
  return graph.webAddresses(law, 'dct:source')[0] ?? graph.webAddresses(law, 'foaf:page')[0]
}

const lawTitle = (graph: HarvestGraph, law: Term) =>
  graph.texts(law, 'dct:title', 'eli:title', 'skos:prefLabel', 'rdfs:label')

const lawTitleByUri = (graph: HarvestGraph, uri: string) => lawTitle(graph, graph.resource(uri))

/** The first of the candidate titles that has a Norwegian form, else the first that has any. */
function firstNorwegian(...candidates: Texts[]): Texts {
  return candidates.find(hasNorwegian) ?? candidates.find((texts) => Object.keys(texts).length > 0) ?? {}
}

/** A law with no Norwegian title keeps its IRI as the bokmål title: the law matters more than its label. */
function titleOrUri(title: Texts, uri: string, property: string, report: Report): Texts {
  if (hasNorwegian(title)) return clip(title, 300).texts
  report(property, `${uri} has no Norwegian title; its IRI is used as the title`)
  return clip({ ...title, nb: uri }, 300).texts
}
