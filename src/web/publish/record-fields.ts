import { type JsonSchema, resolveLocalRef } from '../../catalog/record-schema.ts'

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const escapeSegment = (name: string) => name.replaceAll('~', '~0').replaceAll('/', '~1')

// Deep enough for any record a person would pick fields from; a recursive $ref stops here too.
const maxDepth = 6

/**
 * Every field of a record schema that an access rule can name, as JSON pointers in the schema's order (depth first, so a
 * field comes before the fields inside it). It follows what `fieldExists` accepts: properties, array items, allOf/anyOf/oneOf
 * branches and local `$ref`s.
 */
export function recordFieldPointers(recordSchema: JsonSchema): string[] {
  const pointers: string[] = []
  const seen = new Set<string>()
  const visit = (schema: JsonSchema, prefix: string, depth: number, refs: Set<string>) => {
    if (depth > maxDepth) return
    if (typeof schema.$ref === 'string' && !refs.has(schema.$ref)) {
      const target = resolveLocalRef(recordSchema, schema.$ref)
      if (target) visit(target, prefix, depth, new Set([...refs, schema.$ref]))
    }
    if (isSchema(schema.properties)) {
      for (const [name, property] of Object.entries(schema.properties)) {
        const pointer = `${prefix}/${escapeSegment(name)}`
        if (!seen.has(pointer)) {
          seen.add(pointer)
          pointers.push(pointer)
        }
        if (isSchema(property)) visit(property, pointer, depth + 1, refs)
      }
    }
    if (isSchema(schema.items)) visit(schema.items, prefix, depth, refs)
    for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
      const branches = schema[keyword]
      if (Array.isArray(branches))
        for (const branch of branches) if (isSchema(branch)) visit(branch, prefix, depth, refs)
    }
  }
  visit(recordSchema, '', 0, new Set())
  return pointers
}

/** How deep a field sits: `/inntekt/beloep` is one level inside `/inntekt`. */
export const fieldDepth = (pointer: string) => pointer.split('/').length - 2
