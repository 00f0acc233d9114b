import jsonld from 'jsonld'
import { DataFactory, Parser, type Quad, type Term } from 'n3'
import { RdfXmlParser } from 'rdfxml-streaming-parser'
import { Problem } from '../../http/problem.ts'

/** The n3 parser's name for each syntax it reads, by media type (RDF 1.1 Turtle, N-Triples, N-Quads, TriG). */
const n3Formats: Record<string, string> = {
  'text/turtle': 'Turtle',
  'application/x-turtle': 'Turtle',
  'application/n-triples': 'N-Triples',
  'application/n-quads': 'N-Quads',
  'application/trig': 'TriG',
  'text/n3': 'N3',
}

const rdfXmlTypes = new Set(['application/rdf+xml', 'application/xml', 'text/xml'])

// Many servers send JSON-LD as plain JSON; the body decides whether it is RDF.
const jsonLdTypes = new Set(['application/ld+json', 'application/json'])

/** The media types a harvest source may answer with, for the 415 detail and the Accept header of a fetch. */
export const harvestMediaTypes = [...Object.keys(n3Formats), ...rdfXmlTypes, ...jsonLdTypes]

/**
 * Parses a harvested document into quads. Throws `Problem(415, 'unsupported-media-type')` for a syntax it does not
 * read and `Problem(400, 'not-rdf')` when the body is not RDF in the syntax its content type names.
 * JSON-LD contexts are never fetched: a harvest must not make requests the operator did not ask for.
 */
export async function parseRdf(body: string, contentType: string, baseIri: string): Promise<Quad[]> {
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase()
  const n3Format = n3Formats[mediaType]
  if (n3Format) return parseN3(body, n3Format, baseIri)
  if (rdfXmlTypes.has(mediaType)) return parseRdfXml(body, baseIri)
  if (jsonLdTypes.has(mediaType)) return parseJsonLd(body, baseIri)
  throw new Problem(
    415,
    'unsupported-media-type',
    `${mediaType || 'no content type'} is not an RDF syntax Deling reads; send one of ${harvestMediaTypes.join(', ')}`,
  )
}

const notRdf = (syntax: string, error: unknown) =>
  new Problem(
    400,
    'not-rdf',
    `The document is not valid ${syntax}: ${error instanceof Error ? error.message : String(error)}`,
  )

function parseN3(body: string, format: string, baseIri: string): Quad[] {
  try {
    return new Parser({ format, baseIRI: baseIri }).parse(body)
  } catch (error) {
    throw notRdf(format, error)
  }
}

function parseRdfXml(body: string, baseIri: string): Promise<Quad[]> {
  return new Promise((resolve, reject) => {
    const quads: Quad[] = []
    const parser = new RdfXmlParser({ baseIRI: baseIri })
    parser.on('data', (quad) => quads.push(DataFactory.fromQuad(quad) as Quad))
    parser.on('error', (error) => reject(notRdf('RDF/XML', error)))
    parser.on('end', () => resolve(quads))
    try {
      parser.write(body)
      parser.end()
    } catch (error) {
      reject(notRdf('RDF/XML', error))
    }
  })
}

/** Refuses every remote document: only inline contexts are used (JSON-LD 1.1 API §9.4, LoadDocumentCallback). */
const refuseRemoteDocuments = async (url: string): Promise<never> => {
  throw new Problem(
    400,
    'not-rdf',
    `The JSON-LD names a remote @context (${url}); Deling does not fetch contexts during a harvest. Inline the context in the document.`,
  )
}

async function parseJsonLd(body: string, baseIri: string): Promise<Quad[]> {
  let document: unknown
  try {
    document = JSON.parse(body)
  } catch (error) {
    throw notRdf('JSON-LD', error)
  }
  if (typeof document !== 'object' || document === null)
    throw notRdf('JSON-LD', 'the top level is not an object or array')
  let dataset: JsonLdQuad[]
  try {
    dataset = (await jsonld.toRDF(document as jsonld.JsonLdDocument, {
      base: baseIri,
      documentLoader: refuseRemoteDocuments,
    })) as unknown as JsonLdQuad[]
  } catch (error) {
    throw error instanceof Problem ? error : (remoteContextProblem(error) ?? notRdf('JSON-LD', error))
  }
  // JSON-LD silently drops every key it cannot map to an IRI, so plain JSON "parses" to nothing.
  if (dataset.length === 0 && !isEmptyJson(document)) {
    throw notRdf('JSON-LD', 'no property maps to an IRI (is the @context missing?), so the document holds no RDF')
  }
  return dataset.map(toN3Quad)
}

/** jsonld wraps the loader's error; unwrap it so the caller sees why the context was refused. */
function remoteContextProblem(error: unknown): Problem | undefined {
  for (
    let cause: unknown = error;
    cause instanceof Object;
    cause = (cause as { details?: { cause?: unknown } }).details?.cause
  ) {
    if (cause instanceof Problem) return cause
  }
  return undefined
}

const isEmptyJson = (document: object) =>
  Array.isArray(document) ? document.length === 0 : Object.keys(document).every((key) => key === '@context')

type JsonLdTerm = { termType: string; value: string; language?: string; datatype?: { value: string } }
type JsonLdQuad = { subject: JsonLdTerm; predicate: JsonLdTerm; object: JsonLdTerm; graph: JsonLdTerm }

const { namedNode, blankNode, literal, defaultGraph, quad } = DataFactory

function toN3Term(term: JsonLdTerm): Term {
  switch (term.termType) {
    case 'NamedNode':
      return namedNode(term.value)
    case 'BlankNode':
      return blankNode(term.value.replace(/^_:/, ''))
    case 'Literal':
      return literal(term.value, term.language || (term.datatype ? namedNode(term.datatype.value) : undefined))
    default:
      return defaultGraph()
  }
}

function toN3Quad({ subject, predicate, object, graph }: JsonLdQuad): Quad {
  return quad(
    toN3Term(subject) as Quad['subject'],
    toN3Term(predicate) as Quad['predicate'],
    toN3Term(object) as Quad['object'],
    toN3Term(graph) as Quad['graph'],
  )
}
