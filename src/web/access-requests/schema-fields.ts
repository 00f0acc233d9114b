import { type JsonSchema, resolveLocalRef } from '../../catalog/record-schema.ts'

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const escapeSegment = (name: string) => name.replaceAll('~', '~0').replaceAll('/', '~1')

/** The properties one level down from `schema`: through local refs, array items and every allOf/anyOf/oneOf branch. */
function propertiesOf(root: JsonSchema, schema: JsonSchema, seen: Set<JsonSchema>): [string, JsonSchema][] {
  if (seen.has(schema)) return []
  seen.add(schema)
  const found: [string, JsonSchema][] = []
  if (typeof schema.$ref === 'string') {
    const target = resolveLocalRef(root, schema.$ref)
    if (target) found.push(...propertiesOf(root, target, seen))
  }
  if (isSchema(schema.properties))
    for (const [name, property] of Object.entries(schema.properties))
      if (isSchema(property)) found.push([name, property])
  const items = [...(Array.isArray(schema.items) ? schema.items : [schema.items])]
  if (Array.isArray(schema.prefixItems)) items.push(...schema.prefixItems)
  for (const item of items) if (isSchema(item)) found.push(...propertiesOf(root, item, seen))
  for (const keyword of ['allOf', 'anyOf', 'oneOf'])
    for (const branch of Array.isArray(schema[keyword]) ? (schema[keyword] as unknown[]) : [])
      if (isSchema(branch)) found.push(...propertiesOf(root, branch, seen))
  return found
}

/**
 * Every field a request can name in a record schema, as JSON pointers, outer fields before the fields inside them:
 * `/inntekt`, `/inntekt/beloep`, … The same pointer semantics as access rules (src/catalog/record-schema.ts).
 * Bounded in depth and count, as a rule names at most 200 fields.
 */
export function recordSchemaFields(recordSchema: JsonSchema, limits = { depth: 6, count: 200 }): string[] {
  const pointers: string[] = []
  const visit = (schema: JsonSchema, prefix: string, depth: number) => {
    const children = new Map<string, JsonSchema[]>()
    for (const [name, property] of propertiesOf(recordSchema, schema, new Set()))
      children.set(name, [...(children.get(name) ?? []), property])
    for (const [name, schemas] of children) {
      if (pointers.length >= limits.count) return
      const pointer = `${prefix}/${escapeSegment(name)}`
      pointers.push(pointer)
      if (depth < limits.depth) for (const child of schemas) visit(child, pointer, depth + 1)
    }
  }
  visit(recordSchema, '', 1)
  return [...new Set(pointers)]
}
