import { DataFactory, type NamedNode, type Quad, type Quad_Object } from 'n3'
import { type Concept, type Labels, ns } from './vocabulary.ts'

const { namedNode, literal, quad } = DataFactory

const languages = ['nb', 'nn', 'en'] as const

/** Collects the triples of one export, with helpers for the value shapes DCAT-AP-NO asks for. */
export class Graph {
  readonly quads: Quad[] = []
  private readonly described = new Set<string>()

  add(subject: string, predicate: NamedNode, object: Quad_Object | string): this {
    this.quads.push(quad(namedNode(subject), predicate, typeof object === 'string' ? namedNode(object) : object))
    return this
  }

  type(subject: string, ...classes: NamedNode[]): this {
    for (const type of classes) this.add(subject, ns.rdf('type'), type)
    return this
  }

  /** One language-tagged literal per language given (3.0 core: rdf:langString, sh:uniqueLang). */
  texts(subject: string, predicate: NamedNode, labels: Labels | undefined): this {
    for (const language of languages) {
      const text = labels?.[language]
      if (text !== undefined) this.add(subject, predicate, literal(text, language))
    }
    return this
  }

  text(subject: string, predicate: NamedNode, value: string): this {
    return this.add(subject, predicate, literal(value))
  }

  dateTime(subject: string, predicate: NamedNode, iso: string): this {
    return this.add(subject, predicate, literal(new Date(iso).toISOString(), ns.xsd('dateTime')))
  }

  boolean(subject: string, predicate: NamedNode, value: boolean): this {
    return this.add(subject, predicate, literal(String(value), ns.xsd('boolean')))
  }

  /** True the first time a resource is named: shared resources (laws, concepts) are described once per graph. */
  firstTime(uri: string): boolean {
    if (this.described.has(uri)) return false
    this.described.add(uri)
    return true
  }

  /**
   * Links a controlled-vocabulary value and describes it once as a skos:Concept with skos:inScheme and
   * skos:prefLabel, as the DCAT-AP-NO 3.0 vocabulary shapes expect (conformance README).
   */
  concept(subject: string, predicate: NamedNode, concept: Concept): this {
    this.add(subject, predicate, concept.uri)
    if (!this.firstTime(concept.uri)) return this
    this.type(concept.uri, ns.skos('Concept'))
    if (concept.scheme) this.add(concept.uri, ns.skos('inScheme'), concept.scheme)
    return this.texts(concept.uri, ns.skos('prefLabel'), concept.labels)
  }
}
