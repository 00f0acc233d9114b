import { readFile } from 'node:fs/promises'
import rdf from '@zazuko/env-node'
import { Parser, type Quad } from 'n3'
import SHACLValidator from 'rdf-validate-shacl'

/** The official shapes, read from the shared conformance folder (shared/conformance/README.md). */
const conformance = new URL('../../../shared/conformance/dcat/', import.meta.url)

export const shapeFiles = {
  'dcat-ap-no-2.2': ['dcat-ap-no-2.2-shapes.ttl'],
  'dcat-ap-no-3.0': ['dcat-ap-no-3.0-core-shapes.ttl', 'dcat-ap-no-3.0-vocabulary-shapes.ttl'],
} as const

export type ShapeSet = keyof typeof shapeFiles

/** One SHACL result, in words. */
export type ShaclResult = {
  severity: 'Violation' | 'Warning' | 'Info'
  focusNode: string
  path: string | undefined
  value: string | undefined
  message: string
  shape: string
}

const validators = new Map<ShapeSet, Promise<SHACLValidator>>()

/**
 * Parses a shape set once per test file. The Norwegian shapes declare `dcatap:` without its trailing slash,
 * so their dcatap:applicableLegislation and dcatap:availability constraints would name non-existent IRIs;
 * the README says to correct the prefix before parsing, as the EU shapes have it.
 */
export function shapes(set: ShapeSet): Promise<SHACLValidator> {
  let validator = validators.get(set)
  if (!validator) {
    validator = Promise.all(shapeFiles[set].map((file) => readFile(new URL(file, conformance), 'utf8'))).then(
      (texts) => {
        const quads = texts.flatMap((text) =>
          new Parser().parse(text.replaceAll('<http://data.europa.eu/r5r>', '<http://data.europa.eu/r5r/>')),
        )
        return new SHACLValidator(rdf.dataset(quads), { factory: rdf })
      },
    )
    validators.set(set, validator)
  }
  return validator
}

/** Every result of validating the quads against a shape set, violations first. */
export async function validate(set: ShapeSet, quads: Quad[]): Promise<ShaclResult[]> {
  const report = await (await shapes(set)).validate(rdf.dataset(quads))
  const order = { Violation: 0, Warning: 1, Info: 2 }
  return report.results
    .map(
      (result): ShaclResult => ({
        severity: localName(result.severity?.value) as ShaclResult['severity'],
        focusNode: result.focusNode?.value ?? '',
        path: result.path?.value,
        value: result.value?.value,
        message: result.message.map((term) => term.value).join(' / '),
        shape: result.sourceShape?.value ?? '',
      }),
    )
    .sort((a, b) => order[a.severity] - order[b.severity])
}

/** The results of one severity as lines a failing assertion can show. */
export function describe(results: ShaclResult[], severity: ShaclResult['severity'] = 'Violation'): string[] {
  return results
    .filter((result) => result.severity === severity)
    .map(
      (result) =>
        `${result.focusNode} ${result.path ?? '(node)'}${result.value ? ` = ${result.value}` : ''}: ${result.message || result.shape}`,
    )
}

const localName = (iri: string | undefined) => iri?.replace(/^.*[#/]/, '') ?? 'Violation'
