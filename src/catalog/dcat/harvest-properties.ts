import type { Term } from 'n3'
import { isValidOrgnr } from '../../identifiers/orgnr.ts'
import { type AccessRights, accessRightsValues, ThemeUri } from '../dataset.schemas.ts'
import { type HarvestGraph, type Language, nameOf } from './harvest-graph.ts'
import { isLifeEventTheme } from './harvest-life-events.ts'
import { dataThemePrefix, euAuthority } from './harvest-terms.ts'
import type { Report } from './harvest-types.ts'

type AccessRight = (typeof AccessRights)['_output']

/** Literal and label forms seen in older data.norge.no exports and hand-written catalogs, by code. */
const accessRightWords: Record<string, AccessRight> = {
  PUBLIC: 'PUBLIC',
  OFFENTLIG: 'PUBLIC',
  OFFENTLEG: 'PUBLIC',
  RESTRICTED: 'RESTRICTED',
  BEGRENSET: 'RESTRICTED',
  AVGRENSA: 'RESTRICTED',
  NON_PUBLIC: 'NON_PUBLIC',
  NONPUBLIC: 'NON_PUBLIC',
  IKKE_OFFENTLIG: 'NON_PUBLIC',
  IKKJE_OFFENTLEG: 'NON_PUBLIC',
  UNNTATT_OFFENTLIGHET: 'NON_PUBLIC',
}

/**
 * dct:accessRights from the EU access-right authority table (either scheme, as the DCAT-AP-NO 2.2 shapes allow),
 * or its code or Norwegian label as a literal. Missing or unknown → RESTRICTED, reported: shared only under
 * Deling's access rules, so nothing becomes open data by accident, while the (already published) description
 * stays findable. Several values → the most restrictive.
 */
export function readAccessRights(graph: HarvestGraph, dataset: Term, report: Report): AccessRight {
  const found = new Set<AccessRight>()
  for (const term of graph.objects(dataset, 'dct:accessRights')) {
    const code = accessRightOf(term) ?? accessRightOf(graph.anyText(term, 'skos:prefLabel', 'rdfs:label'))
    if (code) found.add(code)
    else report('dct:accessRights', `${term.value} is not an EU access right; ignored`)
  }
  if (found.size === 0) {
    report('dct:accessRights', 'No EU access right is given; the dataset is imported as RESTRICTED')
    return 'RESTRICTED'
  }
  const strictest = [...accessRightsValues].reverse().find((code) => found.has(code))!
  if (found.size > 1)
    report('dct:accessRights', `Several access rights are given; the strictest, ${strictest}, is used`)
  return strictest
}

function accessRightOf(value: Term | string | undefined): AccessRight | undefined {
  if (value === undefined || (typeof value !== 'string' && value.termType === 'BlankNode')) return undefined
  const text = typeof value === 'string' ? value : value.value
  const iri = text.match(/^https?:\/\/(.+)\/([A-Z_]+)$/)
  if (iri) return iri[1] === `${euAuthority}access-right` ? accessRightWords[iri[2]!] : undefined
  return accessRightWords[
    text
      .trim()
      .toUpperCase()
      .replace(/[\s-]+/g, '_')
  ]
}

/** The EU placeholder theme that Deling's own export adds when a dataset has none; it says nothing on import. */
const provisionalTheme = `${dataThemePrefix}OP_DATPRO`
const maxThemes = 20

/** dcat:theme IRIs from the EU data-theme table or LOS; life events are read apart, any other theme is reported. */
export function readThemes(graph: HarvestGraph, dataset: Term, report: Report): string[] {
  const themes = new Set<string>()
  for (const term of graph.objects(dataset, 'dcat:theme')) {
    // The EU authority answers on both schemes; the schema (and DCAT-AP-NO) name it with http.
    const uri = term.value.replace(`https://${euAuthority}`, `http://${euAuthority}`)
    if (uri === provisionalTheme || isLifeEventTheme(term)) continue
    if (term.termType === 'NamedNode' && ThemeUri.safeParse(uri).success) themes.add(uri)
    else report('dcat:theme', `${term.value} is neither an EU data theme nor a LOS theme; left out`)
  }
  const sorted = [...themes].sort()
  if (sorted.length > maxThemes)
    report('dcat:theme', `${sorted.length} themes are given; the first ${maxThemes} are kept`)
  return sorted.slice(0, maxThemes)
}

const maxKeywords = 30

/** dcat:keyword by language (nb, nn, en; "no" and untagged as bokmål), each at most 100 characters. */
export function readKeywords(graph: HarvestGraph, dataset: Term, report: Report): Partial<Record<Language, string[]>> {
  const keywords: Partial<Record<Language, Set<string>>> = {}
  for (const term of graph.objects(dataset, 'dcat:keyword')) {
    if (term.termType !== 'Literal') continue
    const language = ({ '': 'nb', nb: 'nb', no: 'nb', nn: 'nn', en: 'en' } as const)[
      term.language.toLowerCase().split('-')[0] as 'nb'
    ]
    const keyword = term.value.trim()
    if (!language || keyword === '') continue
    if (keyword.length > 100) {
      report('dcat:keyword', `"${keyword.slice(0, 40)}…" is longer than 100 characters; left out`)
      continue
    }
    keywords[language] ??= new Set()
    keywords[language].add(keyword)
  }
  const result: Partial<Record<Language, string[]>> = {}
  for (const [language, set] of Object.entries(keywords) as [Language, Set<string>][]) {
    const sorted = [...set].sort((a, b) => a.localeCompare(b, 'nb'))
    if (sorted.length > maxKeywords)
      report('dcat:keyword', `${sorted.length} ${language} keywords; the first ${maxKeywords} are kept`)
    result[language] = sorted.slice(0, maxKeywords)
  }
  return result
}

/**
 * dcatno:containsPersonalData (xsd:boolean). Neither DCAT-AP-NO 2.2 nor 3.0 defines a property for personal data,
 * so this is the dcatno name Deling exports. Missing → false; a value that is not a boolean → true, reported:
 * the publisher said something about personal data, and treating it as personal is the safe reading.
 */
export function readContainsPersonalData(graph: HarvestGraph, dataset: Term, report: Report): boolean {
  const values = graph.objects(dataset, 'dcatno:containsPersonalData').map((term) => term.value.trim().toLowerCase())
  if (values.length === 0) return false
  if (values.every((value) => value === 'false' || value === '0')) return false
  if (values.some((value) => value === 'true' || value === '1')) return true
  report('dcatno:containsPersonalData', `${values.join(', ')} is not a boolean; read as true`)
  return true
}

/**
 * The publisher's orgnr: from the dct:publisher IRI when it ends in nine digits (data.brreg.no's
 * enhetsregisteret/api/enheter/<orgnr> and enhetsregisteret/enhet/<orgnr>, data.norge.no's organization catalog),
 * else from the agent's dct:identifier. A dataset without a publisher inherits the catalog's (DCAT-AP-NO:
 * the catalog's publisher is responsible for its datasets). Checked with the mod-11 control digit.
 */
export function readPublisherOrgnr(graph: HarvestGraph, dataset: Term, report: Report): string | undefined {
  let publishers = graph.objects(dataset, 'dct:publisher')
  if (publishers.length === 0) {
    publishers = graph.subjects('dcat:dataset', dataset).flatMap((catalog) => graph.objects(catalog, 'dct:publisher'))
  }
  if (publishers.length === 0) {
    report('dct:publisher', 'The dataset names no publisher')
    return undefined
  }
  const candidates = publishers.flatMap((publisher) => [
    ...(publisher.termType === 'NamedNode' ? [publisher.value.match(/\/(\d{9})\/?$/)?.[1]] : []),
    ...graph
      .objects(publisher, 'dct:identifier')
      .map((identifier) => identifier.value.trim().match(/(?:^|\D)(\d{9})$/)?.[1]),
  ])
  const orgnr = candidates.find((candidate) => candidate !== undefined && isValidOrgnr(candidate))
  if (orgnr) return orgnr
  const invalid = candidates.find((candidate) => candidate !== undefined)
  report(
    'dct:publisher',
    invalid
      ? `${invalid} is not a valid organisation number (mod-11 control digit)`
      : `The publisher ${nameOf(publishers[0]!, '(a blank node)')} gives no organisation number (IRI or dct:identifier)`,
  )
  return undefined
}
