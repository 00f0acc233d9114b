import fc from 'fast-check'

/** The parts of an OpenAPI 3.1 JSON Schema that our zod schemas produce. */
export interface JsonSchema {
  $ref?: string
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  enum?: unknown[]
  const?: unknown
  pattern?: string
  format?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  minItems?: number
  maxItems?: number
  example?: unknown
  default?: unknown
}

export interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema: JsonSchema
}

export interface Operation {
  operationId: string
  method: string
  /** The OpenAPI path template, e.g. `/catalog/datasets/{id}`. */
  path: string
  tags: string[]
  parameters: Parameter[]
  /** Media type → schema of the request body, when the operation takes one. */
  body: Record<string, JsonSchema> | undefined
  /** Whether the operation names an organisation token in `security`. */
  secured: boolean
  responses: Record<string, { content?: Record<string, unknown> }>
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, any>>
  components: { schemas: Record<string, JsonSchema> }
}

/** Every operation of the document, in document order. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = []
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation?.operationId) continue
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        tags: operation.tags ?? [],
        parameters: operation.parameters ?? [],
        body: operation.requestBody
          ? Object.fromEntries(
              Object.entries(operation.requestBody.content as Record<string, { schema: JsonSchema }>).map(
                ([type, media]) => [type, media.schema],
              ),
            )
          : undefined,
        secured: (operation.security ?? []).some((requirement: object) => Object.keys(requirement).length > 0),
        responses: operation.responses ?? {},
      })
    }
  }
  return operations
}

/**
 * Values the test world holds (ids of real datasets, consents, …), by the pattern or name of what they fill: with
 * them, a generated request reaches the rules behind "no such id" as often as the validation in front of it.
 */
export type KnownValues = (hint: { pattern?: string; name?: string }) => readonly string[]

export interface SchemaContext {
  components: Record<string, JsonSchema>
  known: KnownValues
}

const maxDepth = 4

export function resolve(schema: JsonSchema, context: SchemaContext): JsonSchema {
  let current = schema
  for (let hops = 0; current.$ref && hops < 10; hops++) {
    current = context.components[current.$ref.replace('#/components/schemas/', '')] ?? {}
  }
  return current
}

const types = (schema: JsonSchema) => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [])

/** Values the schema accepts (as far as JSON Schema says; zod's refinements such as mod-11 are not in it). */
export function conformingValue(
  schema: JsonSchema,
  context: SchemaContext,
  name?: string,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(schema, context)
  if (s.const !== undefined) return fc.constant(s.const)
  if (s.enum) return fc.constantFrom(...s.enum)
  const alternatives = s.anyOf ?? s.oneOf
  if (alternatives)
    return fc.oneof(...alternatives.map((alternative) => conformingValue(alternative, context, name, depth)))
  if (s.allOf)
    return conformingValue(Object.assign({}, ...s.allOf.map((part) => resolve(part, context))), context, name, depth)
  const kinds = types(s)
  const nullable = kinds.includes('null')
  const kind = kinds.find((candidate) => candidate !== 'null') ?? (s.properties ? 'object' : 'string')
  const value = valueOfKind(kind, s, context, name, depth)
  return nullable ? fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }) : value
}

function valueOfKind(kind: string, s: JsonSchema, context: SchemaContext, name: string | undefined, depth: number) {
  switch (kind) {
    case 'string':
      return stringValue(s, context, name)
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 })
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true })
    case 'boolean':
      return fc.boolean()
    case 'array': {
      if (depth > maxDepth) return fc.constant([])
      const minLength = s.minItems ?? 0
      const maxLength = Math.min(s.maxItems ?? minLength + 3, minLength + 3)
      return fc.array(conformingValue(s.items ?? {}, context, name, depth + 1), { minLength, maxLength })
    }
    default:
      return objectValue(s, context, depth)
  }
}

function stringValue(s: JsonSchema, context: SchemaContext, name: string | undefined): fc.Arbitrary<string> {
  const known = context.known({ pattern: s.pattern, name })
  const generated = s.pattern
    ? fc.stringMatching(new RegExp(s.pattern))
    : s.format === 'date-time'
      ? fc
          .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
          .map((date) => date.toISOString())
      : s.format === 'uri'
        ? fc.webUrl({ validSchemes: ['https'] })
        : s.format === 'email'
          ? fc.emailAddress()
          : fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) })
  const candidates: { weight: number; arbitrary: fc.Arbitrary<string> }[] = [{ weight: 3, arbitrary: generated }]
  if (known.length) candidates.push({ weight: 6, arbitrary: fc.constantFrom(...known) })
  if (typeof s.example === 'string') candidates.push({ weight: 2, arbitrary: fc.constant(s.example) })
  return fc.oneof(...candidates)
}

function objectValue(s: JsonSchema, context: SchemaContext, depth: number): fc.Arbitrary<unknown> {
  if (depth > maxDepth) return fc.constant({})
  const properties = s.properties ?? {}
  if (!Object.keys(properties).length && typeof s.additionalProperties === 'object') {
    // A map such as keywords by language: keys the app knows, and one it does not.
    const entry = conformingValue(s.additionalProperties, context, undefined, depth + 1)
    return fc.dictionary(fc.constantFrom('nb', 'nn', 'en', 'se'), entry, { maxKeys: 3 })
  }
  const required = new Set(s.required ?? [])
  const record = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([key, property]) => [key, conformingValue(property, context, key, depth + 1)]),
    ),
    { requiredKeys: Object.keys(properties).filter((key) => required.has(key)) },
  )
  // Built from the documented examples (the world's ids where it has them): what a developer copying the docs
  // sends, and so the requests that get past validation to the rules behind it.
  const exemplary = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([key, property]) => {
        const resolved = resolve(property, context)
        const known = context.known({ pattern: resolved.pattern, name: key })
        const value = known.length
          ? fc.constantFrom(...known)
          : resolved.example !== undefined
            ? fc.constant(resolved.example)
            : conformingValue(property, context, key, depth + 1)
        return [key, value]
      }),
    ),
    { requiredKeys: Object.keys(properties).filter((key) => required.has(key)) },
  )
  const example = resolve(s, context).example
  const candidates = [
    { weight: 3, arbitrary: record },
    { weight: 3, arbitrary: exemplary },
  ]
  if (example && typeof example === 'object' && !Array.isArray(example))
    candidates.push({ weight: 1, arbitrary: fc.constant(example) as fc.Arbitrary<Record<string, unknown>> })
  return fc.oneof(...candidates)
}
