import { type Quad, type Term, Writer } from 'n3'
import { type CatalogOptions, catalogLinkQuads, catalogQuads } from './catalog.ts'
import { type CatalogEntry, datasetQuads } from './dataset.ts'
import { type Labels, prefixes } from './vocabulary.ts'

/** Turtle with the DCAT-AP-NO prefixes. */
export function toTurtle(quads: Quad[]): Promise<string> {
  const writer = new Writer({ prefixes })
  writer.addQuads(bySubject(quads))
  return new Promise((resolve, reject) =>
    writer.end((error, result: string) => (error ? reject(error) : resolve(result))),
  )
}

/** The @context of every JSON-LD export: the same prefixes as the Turtle, so compact IRIs read alike. */
export const jsonLdContext: Record<string, string> = { ...prefixes }

export type JsonLdNode = { '@id': string; '@type'?: string[]; [property: string]: unknown }
export type JsonLdDocument = { '@context': Record<string, string>; '@graph': JsonLdNode[] }

/** Compact JSON-LD: one node per subject, properties and types as prefixed names. */
export async function toJsonLd(quads: Quad[]): Promise<JsonLdDocument> {
  return { '@context': jsonLdContext, '@graph': jsonLdNodes(quads) }
}

export type CatalogStreamOptions = CatalogOptions & { title?: Labels }

/**
 * The whole catalog as Turtle, page by page: the prefixes and the catalog header first, then each dataset with
 * the catalog's link to it. One writer spans the stream so prefixes are declared once.
 */
export async function* catalogTurtle(
  publicUrl: string,
  pages: AsyncIterable<CatalogEntry[]>,
  options: CatalogStreamOptions = {},
): AsyncGenerator<string> {
  const chunks: string[] = []
  const sink = {
    write: (chunk: string, _encoding?: string, done?: () => void) => {
      chunks.push(chunk)
      done?.()
      return true
    },
    end: (done?: () => void) => done?.(),
  }
  const writer = new Writer(sink, { prefixes })
  const drain = () => chunks.splice(0).join('')

  writer.addQuads(bySubject(catalogQuads(publicUrl, [], options.title, options)))
  yield drain()
  for await (const page of pages) {
    for (const entry of page) {
      writer.addQuads(bySubject([...catalogLinkQuads(publicUrl, entry), ...datasetQuads(entry, publicUrl)]))
    }
    yield drain()
  }
  writer.end()
  yield drain()
}

/** The whole catalog as one JSON-LD document, `{"@context":…,"@graph":[…]}`, built page by page. */
export async function* catalogJsonLd(
  publicUrl: string,
  pages: AsyncIterable<CatalogEntry[]>,
  options: CatalogStreamOptions = {},
): AsyncGenerator<string> {
  const nodes = (quads: Quad[]) => jsonLdNodes(quads).map((node) => JSON.stringify(node))
  yield `{"@context":${JSON.stringify(jsonLdContext)},"@graph":[\n${nodes(catalogQuads(publicUrl, [], options.title, options)).join(',\n')}`
  for await (const page of pages) {
    const quads = page.flatMap((entry) => [...catalogLinkQuads(publicUrl, entry), ...datasetQuads(entry, publicUrl)])
    if (quads.length > 0) yield `,\n${nodes(quads).join(',\n')}`
  }
  yield '\n]}\n'
}

/** Stable grouping by subject, so the Turtle writer states each resource in one block. */
function bySubject(quads: Quad[]): Quad[] {
  const groups = new Map<string, Quad[]>()
  for (const quad of quads) {
    const key = nodeId(quad.subject)
    const group = groups.get(key)
    if (group) group.push(quad)
    else groups.set(key, [quad])
  }
  return [...groups.values()].flat()
}

const rdfType = `${prefixes.rdf}type`
const xsdString = `${prefixes.xsd}string`
const localName = /^[A-Za-z_][A-Za-z0-9_.-]*$/

/** `http://purl.org/dc/terms/title` → `dct:title`; IRIs outside the known namespaces stay whole. */
function compact(iri: string): string {
  for (const [prefix, namespace] of Object.entries(prefixes)) {
    if (iri.startsWith(namespace) && localName.test(iri.slice(namespace.length))) {
      return `${prefix}:${iri.slice(namespace.length)}`
    }
  }
  return iri
}

function nodeId(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value
}

function jsonLdValue(term: Term): unknown {
  if (term.termType !== 'Literal') return { '@id': nodeId(term) }
  if (term.language) return { '@value': term.value, '@language': term.language }
  if (term.datatype.value === xsdString) return term.value
  return { '@value': term.value, '@type': compact(term.datatype.value) }
}

/** Groups the quads by subject, in the order subjects first appear. */
function jsonLdNodes(quads: Quad[]): JsonLdNode[] {
  const nodes = new Map<string, JsonLdNode>()
  for (const { subject, predicate, object } of quads) {
    const id = nodeId(subject)
    const node = nodes.get(id) ?? { '@id': id }
    nodes.set(id, node)
    if (predicate.value === rdfType && object.termType === 'NamedNode') {
      node['@type'] = [...(node['@type'] ?? []), compact(object.value)]
      continue
    }
    const key = compact(predicate.value)
    const values = (node[key] as unknown[] | undefined) ?? []
    node[key] = [...values, jsonLdValue(object)]
  }
  return [...nodes.values()]
}
