import { DataFactory, type NamedNode } from 'n3'
import { findLifeEvent, lifeEventScheme, lifeEventUri } from '../life-events.ts'

/**
 * Namespaces and controlled-vocabulary concepts of the DCAT-AP-NO export.
 * Prefixes follow the DCAT-AP-NO 2.2 and 3.0 SHACL files, except `dcatap:` which carries its trailing slash
 * (the Norwegian shapes lack it; see shared/conformance/README.md).
 */
export const prefixes = {
  adms: 'http://www.w3.org/ns/adms#',
  cpsv: 'http://purl.org/vocab/cpsv#',
  cpsvno: 'https://data.norge.no/vocabulary/cpsvno#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dcatap: 'http://data.europa.eu/r5r/',
  dcatno: 'https://data.norge.no/vocabulary/dcatno#',
  dct: 'http://purl.org/dc/terms/',
  eli: 'http://data.europa.eu/eli/ontology#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  odrl: 'http://www.w3.org/ns/odrl/2/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const

type Prefix = keyof typeof prefixes

/** `ns.dct('title')` is the IRI dct:title. */
const namespace =
  (prefix: Prefix) =>
  (local: string): NamedNode =>
    DataFactory.namedNode(prefixes[prefix] + local)

export const ns = Object.fromEntries(Object.keys(prefixes).map((prefix) => [prefix, namespace(prefix as Prefix)])) as {
  [P in Prefix]: (local: string) => NamedNode
}

/** Labels by language: what a skos:prefLabel or a dct:title carries. */
export type Labels = { nb?: string; nn?: string; en?: string }

/** A controlled-vocabulary value as the DCAT-AP-NO 3.0 vocabulary shapes want it in the graph. */
export type Concept = { uri: string; scheme?: string; labels: Labels }

const authority = 'http://publications.europa.eu/resource/authority/'

export const accessRightScheme = `${authority}access-right`
export const dataThemeScheme = `${authority}data-theme`
/** The LOS scheme (Norwegian public-sector themes), as data.norge.no names it. */
export const losScheme = 'https://psi.norge.no/los/all'

/** EU access-right authority table (DCAT-AP-NO 3.0 core `hasShapeCV-dctAccessRights`). */
export const accessRightConcepts = {
  PUBLIC: { nb: 'Offentlig', nn: 'Offentleg', en: 'Public' },
  RESTRICTED: { nb: 'Begrenset', nn: 'Avgrensa', en: 'Restricted' },
  NON_PUBLIC: { nb: 'Ikke-offentlig', nn: 'Ikkje-offentleg', en: 'Non-public' },
} as const satisfies Record<string, Labels>

export function accessRightConcept(code: keyof typeof accessRightConcepts): Concept {
  return { uri: `${accessRightScheme}/${code}`, scheme: accessRightScheme, labels: accessRightConcepts[code] }
}

/** The 13 EU data themes DCAT-AP-NO 3.0 allows (`hasShapeCV-dcatTheme`), with their official labels. */
export const dataThemeLabels: Record<string, Labels> = {
  AGRI: { nb: 'Jordbruk, fiske, skogbruk og mat', en: 'Agriculture, fisheries, forestry and food' },
  ECON: { nb: 'Økonomi og finans', en: 'Economy and finance' },
  EDUC: { nb: 'Utdanning, kultur og sport', en: 'Education, culture and sport' },
  ENER: { nb: 'Energi', en: 'Energy' },
  ENVI: { nb: 'Miljø', en: 'Environment' },
  GOVE: { nb: 'Forvaltning og offentlig sektor', en: 'Government and public sector' },
  HEAL: { nb: 'Helse', en: 'Health' },
  INTR: { nb: 'Internasjonale temaer', en: 'International issues' },
  JUST: { nb: 'Justis, rettssystem og allmenn sikkerhet', en: 'Justice, legal system and public safety' },
  REGI: { nb: 'Regioner og byer', en: 'Regions and cities' },
  SOCI: { nb: 'Befolkning og samfunn', en: 'Population and society' },
  TECH: { nb: 'Vitenskap og teknologi', en: 'Science and technology' },
  TRAN: { nb: 'Transport', en: 'Transport' },
  // The EU table's placeholder for "not yet classified": used when a dataset names no EU theme, because
  // DCAT-AP-NO 2.2 requires a theme and the 3.0 vocabulary shapes require one from the data-theme scheme.
  OP_DATPRO: { nb: 'Foreløpige data', en: 'Provisional data' },
}

/** The theme used when a dataset names no EU data theme. */
export const provisionalDataTheme = `${dataThemeScheme}/OP_DATPRO`

/** A theme IRI as a concept: EU data themes with their labels, LOS themes labelled by their last path segment. */
export function themeConcept(uri: string): Concept {
  if (uri.startsWith(`${dataThemeScheme}/`)) {
    const code = uri.slice(dataThemeScheme.length + 1)
    return { uri, scheme: dataThemeScheme, labels: dataThemeLabels[code] ?? { en: code } }
  }
  return { uri, scheme: losScheme, labels: { nb: humanise(uri) } }
}

/** `https://psi.norge.no/los/tema/skatt-og-avgift` → `Skatt og avgift`. */
function humanise(uri: string): string {
  const segment = decodeURIComponent(uri.replace(/\/+$/, '').split('/').pop() ?? uri).replace(/[-_]+/g, ' ')
  return segment.charAt(0).toUpperCase() + segment.slice(1)
}

/**
 * The life events a dataset serves, as concepts (ADR 0012): Digdir's life-event-type concept where there is one,
 * else Deling's own under this installation's URL, whichever Deling's URI the publisher sent.
 */
export function lifeEventConcepts(keysOrUris: readonly string[], publicUrl: string): Concept[] {
  return keysOrUris.flatMap((value) => {
    const event = findLifeEvent(value)
    if (!event) return []
    return [{ uri: lifeEventUri(event, publicUrl), scheme: lifeEventScheme(event, publicUrl), labels: event.labels }]
  })
}

/**
 * The type of every exported law. Digdir's legal-resource-type vocabulary ("lov") is what the 3.0 vocabulary
 * shapes name, but its skos:inScheme is left out: the 2.2 shapes (`LegalResourceTypeRestriction`) only accept
 * the EU resource-type scheme there, so stating the Norwegian scheme would be a 2.2 violation.
 */
export const legalResourceTypeAct: Concept = {
  uri: 'https://data.norge.no/vocabulary/legal-resource-type#act',
  labels: { nb: 'lov', en: 'act' },
}

/** cpsvno rule types, by the legal basis type Deling stores (DCAT-AP-NO 2.x `cpsv:Rule` / `dct:type`). */
export const ruleTypes = {
  disclosure: ns.cpsvno('ruleForDisclosure'),
  processing: ns.cpsvno('ruleForDataProcessing'),
  'non-disclosure': ns.cpsvno('ruleForNonDisclosure'),
} as const

/** The legacy dcatno properties data.norge.no still parses, by legal basis type. */
export const legacyLegalBasisProperties = {
  disclosure: ns.dcatno('legalBasisForAccess'),
  processing: ns.dcatno('legalBasisForProcessing'),
  'non-disclosure': ns.dcatno('legalBasisForRestriction'),
} as const

/** Words that describe each legal basis type, for the cpsv:Rule's required dct:description. */
export const ruleTypeLabels = {
  disclosure: { nb: 'Utleveringshjemmel', nn: 'Utleveringsheimel', en: 'Legal basis for disclosure' },
  processing: { nb: 'Behandlingsgrunnlag', nn: 'Behandlingsgrunnlag', en: 'Legal basis for processing' },
  'non-disclosure': { nb: 'Skjermingshjemmel', nn: 'Skjermingsheimel', en: 'Legal basis for non-disclosure' },
} as const satisfies Record<string, Labels>

/**
 * Whether the dataset holds personal data. Neither the DCAT-AP-NO shapes nor the dcatno ontology (0.7) define a
 * property for it; this is the name data.norge.no's dcatno namespace would give it.
 */
export const containsPersonalData = ns.dcatno('containsPersonalData')

/** The Central Coordinating Register for Legal Entities: publisher and recipient URIs by orgnr. */
export const organisationUri = (orgnr: string) => `https://data.brreg.no/enhetsregisteret/api/enheter/${orgnr}`
