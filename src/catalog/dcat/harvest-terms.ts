/**
 * The IRIs the harvest reader looks for. Kept apart from the export's vocabulary.ts on purpose: the reader
 * also accepts forms Deling never writes (legacy data.norge.no properties, https variants of EU authorities).
 */
const namespaces = {
  cpsv: 'http://purl.org/vocab/cpsv#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dcatap: 'http://data.europa.eu/r5r/',
  dcatno: 'https://data.norge.no/vocabulary/dcatno#',
  dct: 'http://purl.org/dc/terms/',
  eli: 'http://data.europa.eu/eli/ontology#',
  foaf: 'http://xmlns.com/foaf/0.1/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
} as const

export type Curie = `${keyof typeof namespaces}:${string}`

/** `iri('dct:title')` is `http://purl.org/dc/terms/title`. */
export function iri(curie: Curie): string {
  const [prefix, local] = curie.split(':') as [keyof typeof namespaces, string]
  return namespaces[prefix] + local
}

export const euAuthority = 'publications.europa.eu/resource/authority/'
export const dataThemePrefix = `http://${euAuthority}data-theme/`
