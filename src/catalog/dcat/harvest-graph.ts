import { DataFactory, type Quad, Store, type Term } from 'n3'
import { type Curie, iri } from './harvest-terms.ts'

export type Language = 'nb' | 'nn' | 'en'
export type Texts = { nb?: string; nn?: string; en?: string }

/**
 * How sure we are that a literal is in a language: an explicit tag beats a macro-language tag ("no"), which beats
 * an untagged literal (DCAT-AP-NO asks for tags; untagged text in a Norwegian catalog is taken as bokmål).
 */
function languageOf(tag: string): { language: Language; rank: number } | undefined {
  const primary = tag.toLowerCase().split('-')[0]
  if (primary === 'nb' || primary === 'nob') return { language: 'nb', rank: 3 }
  if (primary === 'no' || primary === 'nor') return { language: 'nb', rank: 2 }
  if (primary === '') return { language: 'nb', rank: 1 }
  if (primary === 'nn' || primary === 'nno') return { language: 'nn', rank: 3 }
  if (primary === 'en' || primary === 'eng') return { language: 'en', rank: 3 }
  return undefined
}

/** Terms in an order that does not depend on the syntax: IRIs and literals by value, blank nodes last. */
const byValue = (a: Term, b: Term) =>
  Number(a.termType === 'BlankNode') - Number(b.termType === 'BlankNode') || a.value.localeCompare(b.value)

/** Read access to a harvested graph. Named graphs (TriG, N-Quads) are merged: a catalog is one description. */
export class HarvestGraph {
  private readonly store: Store

  constructor(quads: Quad[]) {
    this.store = new Store(quads)
  }

  /** The resource an IRI names, to read what the graph says about it. */
  resource(uri: string): Term {
    return DataFactory.namedNode(uri)
  }

  objects(subject: Term, property: Curie): Term[] {
    return unique(this.store.getObjects(subject, iri(property), null)).sort(byValue)
  }

  subjects(property: Curie, object: Term | null): Term[] {
    return unique(this.store.getSubjects(iri(property), object, null)).sort(byValue)
  }

  ofType(type: Curie): Term[] {
    return this.subjects('rdf:type', DataFactory.namedNode(iri(type)))
  }

  isA(subject: Term, type: Curie): boolean {
    return this.objects(subject, 'rdf:type').some((term) => term.value === iri(type))
  }

  /** The literals of a property by language (nb, nn, en); other languages are left out. */
  texts(subject: Term, ...properties: Curie[]): Texts {
    const best: Partial<Record<Language, { text: string; rank: number }>> = {}
    for (const property of properties) {
      for (const term of this.objects(subject, property)) {
        if (term.termType !== 'Literal') continue
        const language = languageOf(term.language)
        const text = term.value.trim()
        if (!language || text === '') continue
        const current = best[language.language]
        if (!current || language.rank > current.rank) best[language.language] = { text, rank: language.rank }
      }
      if (Object.keys(best).length > 0) break
    }
    return Object.fromEntries(Object.entries(best).map(([language, value]) => [language, value.text])) as Texts
  }

  /** Any literal of the properties, Norwegian first: for names that need not be by language (vcard:fn). */
  anyText(subject: Term, ...properties: Curie[]): string | undefined {
    const texts = this.texts(subject, ...properties)
    const tagged = texts.nb ?? texts.nn ?? texts.en
    if (tagged) return tagged
    for (const property of properties) {
      const literal = this.objects(subject, property).find((term) => term.termType === 'Literal' && term.value.trim())
      if (literal) return literal.value.trim()
    }
    return undefined
  }

  /** The http(s) IRIs (or literals holding one) a property names. */
  webAddresses(subject: Term, property: Curie): string[] {
    return this.objects(subject, property)
      .filter((term) => term.termType === 'NamedNode' || term.termType === 'Literal')
      .map((term) => term.value.trim())
      .filter((value) => /^https?:\/\/\S+$/i.test(value))
  }
}

function unique(terms: Term[]): Term[] {
  const seen = new Set<string>()
  return terms.filter((term) => {
    const key = `${term.termType} ${term.value} ${term.termType === 'Literal' ? `${term.language} ${term.datatype.value}` : ''}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Whether a Texts has the Norwegian form DCAT-AP-NO requires (bokmål or nynorsk). */
export const hasNorwegian = (texts: Texts) => texts.nb !== undefined || texts.nn !== undefined

/** Cuts each text to the schema's maximum length, on a word boundary where one is near. */
export function clip(texts: Texts, max: number): { texts: Texts; clipped: boolean } {
  let clipped = false
  const result: Texts = {}
  for (const [language, text] of Object.entries(texts) as [Language, string | undefined][]) {
    if (text === undefined) continue
    if (text.length <= max) {
      result[language] = text
      continue
    }
    clipped = true
    const cut = text.slice(0, max - 1)
    const space = cut.lastIndexOf(' ')
    result[language] = `${space > max * 0.8 ? cut.slice(0, space) : cut}…`
  }
  return { texts: result, clipped }
}

/** A resource's name in a problem report: its IRI, or the path from a named resource for a blank node. */
export const nameOf = (term: Term, fallback: string) => (term.termType === 'NamedNode' ? term.value : fallback)
