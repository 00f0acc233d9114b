/**
 * Fields of a dataset's record schema, named by JSON pointer, as access rules use them.
 *
 * Pointer semantics (decided; access rules, the consent screen, the gateway's API document and the gateway's
 * projection all follow them):
 * - A pointer is a path of property names through one record: `/arbeidsgiver/orgnr`. `~1` stands for `/`
 *   and `~0` for `~` inside a name (RFC 6901). Array indices are not used: they would name one element.
 * - When a segment meets an array, it applies to every element: `/inntekt/beloep` names `beloep` in every
 *   element of the `inntekt` array (in the schema: properties.inntekt.items.properties.beloep).
 * - Selecting an object or an array field selects it whole, with everything under it.
 * - In the schema, a field exists if some branch of allOf/anyOf/oneOf, or a local `$ref`, has it.
 * - At run time a field the record lacks is simply absent from the result; an object or array the record has
 *   is kept (possibly empty) when only some of its fields are selected, so arrays keep their length.
 */

export type JsonSchema = Record<string, unknown>

/** The field tree that a list of pointers selects; `whole` wins over any deeper selection. */
type FieldTree = { whole: boolean; children: Map<string, FieldTree> }

/** Splits a JSON pointer into unescaped property names; throws when it is not a pointer. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return []
  if (!pointer.startsWith('/') || /~[^01]|~$/.test(pointer)) throw new Error(`not a JSON pointer: ${pointer}`)
  // RFC 6901 §4: ~1 before ~0, so that "~01" becomes "~1" and not "/"
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
}

function fieldTree(pointers: readonly string[]): FieldTree {
  const root: FieldTree = { whole: false, children: new Map() }
  for (const pointer of pointers) {
    const segments = pointerSegments(pointer)
    if (segments.length === 0) throw new Error('the empty pointer names the whole record, not a field')
    let node = root
    for (const name of segments) {
      const child = node.children.get(name) ?? { whole: false, children: new Map() }
      node.children.set(name, child)
      node = child
    }
    node.whole = true
  }
  return root
}

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Resolves a local reference (`#/$defs/…`, `#/definitions/…`, `#/components/schemas/…`) in `root`. */
export function resolveLocalRef(root: unknown, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined
  let node: unknown = root
  try {
    for (const name of pointerSegments(decodeURIComponent(ref.slice(1)))) {
      node = isSchema(node) && Object.hasOwn(node, name) ? node[name] : undefined
    }
  } catch {
    return undefined
  }
  return isSchema(node) ? node : undefined
}

const branchKeywords = ['allOf', 'anyOf', 'oneOf'] as const

/** The schemas a property name leads to from `schema`: through refs, array items and every branch. */
function propertySchemas(root: unknown, schema: JsonSchema, name: string, seen = new Set<JsonSchema>()): JsonSchema[] {
  if (seen.has(schema)) return []
  seen.add(schema)
  const found: JsonSchema[] = []
  if (typeof schema.$ref === 'string') {
    const target = resolveLocalRef(root, schema.$ref)
    if (target) found.push(...propertySchemas(root, target, name, seen))
  }
  const properties = schema.properties
  if (isSchema(properties) && Object.hasOwn(properties, name) && isSchema(properties[name])) {
    found.push(properties[name])
  }
  const items = Array.isArray(schema.items) ? schema.items : [schema.items]
  for (const item of [...items, ...(Array.isArray(schema.prefixItems) ? schema.prefixItems : [])]) {
    if (isSchema(item)) found.push(...propertySchemas(root, item, name, seen))
  }
  for (const keyword of branchKeywords) {
    const branches = schema[keyword]
    if (Array.isArray(branches)) {
      for (const branch of branches) if (isSchema(branch)) found.push(...propertySchemas(root, branch, name, seen))
    }
  }
  return found
}

/** Every schema the pointer can name, from the first segment to the last: one list per segment. */
function schemasAlong(recordSchema: JsonSchema, pointer: string, root: unknown = recordSchema): JsonSchema[][] {
  let current = [recordSchema]
  const along: JsonSchema[][] = []
  for (const name of pointerSegments(pointer)) {
    current = current.flatMap((schema) => propertySchemas(root, schema, name))
    along.push(current)
  }
  return along
}

/** Whether the record schema has the field the pointer names (see the pointer semantics above). */
export function fieldExists(recordSchema: JsonSchema, pointer: string): boolean {
  try {
    const along = schemasAlong(recordSchema, pointer)
    return along.length > 0 && along.every((schemas) => schemas.length > 0)
  } catch {
    return false
  }
}

export type FieldDescription = {
  pointer: string
  /** The field in words, with the fields it sits in: "Inntekter › Beløp". */
  title: string
  /** The words for each segment of the pointer, outermost first. */
  path: string[]
}

/** "arbeidsgiverOrgnr" or "arbeidsgiver_orgnr" → "Arbeidsgiver orgnr": the name when the schema gives no title. */
function humanise(name: string): string {
  const words = name
    .replace(/([a-zæøå0-9])([A-ZÆØÅ])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1) || name
}

function schemaWords(schemas: JsonSchema[], lang: 'nb' | 'en'): string | undefined {
  // `x-title-en` lets a producer give the English words without changing the (Norwegian) title
  for (const keyword of lang === 'en' ? ['x-title-en', 'title'] : ['title']) {
    const text = schemas.map((schema) => schema[keyword]).find((value) => typeof value === 'string' && value.trim())
    if (typeof text === 'string') return text.trim()
  }
  const description = schemas.map((schema) => schema.description).find((value) => typeof value === 'string')
  return typeof description === 'string' && description.trim() ? description.trim() : undefined
}

/** Each field in words, for the citizen's consent screen and the dataset page ("which fields, in words"). */
export function describeFields(
  recordSchema: JsonSchema,
  pointers: readonly string[],
  lang: 'nb' | 'en',
): FieldDescription[] {
  return pointers.map((pointer) => {
    let segments: string[]
    let along: JsonSchema[][]
    try {
      segments = pointerSegments(pointer)
      along = schemasAlong(recordSchema, pointer)
    } catch {
      return { pointer, title: pointer, path: [pointer] }
    }
    const path = segments.map((name, index) => schemaWords(along[index] ?? [], lang) ?? humanise(name))
    return { pointer, title: path.join(' › '), path }
  })
}

// Keywords that stay true of a cut object or array. Left out: `uniqueItems` (cut elements may repeat),
// `additionalProperties` (the gateway keeps an object it cannot fill), examples and enums of whole values.
const keptKeywords = new Set(['$schema', '$id', 'type', 'title', 'description', 'nullable', 'deprecated'])
for (const keyword of ['readOnly', 'writeOnly', '$comment', 'minItems', 'maxItems']) keptKeywords.add(keyword)

const annotations = (schema: JsonSchema): JsonSchema =>
  Object.fromEntries(Object.entries(schema).filter(([key]) => keptKeywords.has(key) || key.startsWith('x-')))

type Cut = { root: unknown; refs: Set<string>; refStack: Set<string> }

/** A whole field keeps its schema as it is; its references are noted so that their targets are kept. */
function copyWhole(schema: JsonSchema, cut: Cut): JsonSchema {
  const noteRefs = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) noteRefs(item)
    else if (isSchema(node)) {
      if (typeof node.$ref === 'string' && !cut.refs.has(node.$ref)) {
        cut.refs.add(node.$ref)
        noteRefs(resolveLocalRef(cut.root, node.$ref))
      }
      for (const value of Object.values(node)) noteRefs(value)
    }
  }
  noteRefs(schema)
  return structuredClone(schema)
}

/** `schema` cut down to the fields in `tree`, with local references inlined; undefined when none is left. */
function cutNode(schema: JsonSchema, tree: FieldTree, cut: Cut): JsonSchema | undefined {
  if (tree.whole) return copyWhole(schema, cut)
  const result = annotations(schema)
  let kept = false
  const properties = isSchema(schema.properties) ? schema.properties : {}
  const keptProperties: JsonSchema = {}
  for (const [name, subtree] of tree.children) {
    const property = Object.hasOwn(properties, name) ? properties[name] : undefined
    const projected = isSchema(property) ? cutNode(property, subtree, cut) : undefined
    if (projected) keptProperties[name] = projected
  }
  if (Object.keys(keptProperties).length > 0) {
    result.properties = keptProperties
    const required = Array.isArray(schema.required) ? schema.required : []
    const keptRequired = required.filter((name) => typeof name === 'string' && Object.hasOwn(keptProperties, name))
    if (keptRequired.length > 0) result.required = keptRequired
    kept = true
  }
  if (isSchema(schema.items)) {
    const items = cutNode(schema.items, tree, cut)
    if (items) [result.items, kept] = [items, true]
  }
  const allOf = Array.isArray(schema.allOf) ? schema.allOf.filter(isSchema) : []
  const keptAllOf = allOf.map((branch) => cutNode(branch, tree, cut)).filter((branch) => branch !== undefined)
  if (typeof schema.$ref === 'string' && !cut.refStack.has(schema.$ref)) {
    const target = resolveLocalRef(cut.root, schema.$ref)
    cut.refStack.add(schema.$ref)
    const inlined = target && cutNode(target, tree, cut)
    cut.refStack.delete(schema.$ref)
    // the referring schema's own title and description win, as OpenAPI 3.1 says of $ref siblings
    if (inlined && !kept && keptAllOf.length === 0) return { ...inlined, ...result }
    if (inlined) keptAllOf.push(inlined)
  }
  if (keptAllOf.length > 0) [result.allOf, kept] = [keptAllOf, true]
  // Cut variants may overlap where they differed only in cut fields, so oneOf becomes anyOf; a variant
  // without any selected field still matches its (empty) cut record.
  const variants = [schema.anyOf, schema.oneOf].flatMap((list) => (Array.isArray(list) ? list.filter(isSchema) : []))
  const cutVariants = variants.map((variant) => cutNode(variant, tree, cut))
  if (cutVariants.some((variant) => variant !== undefined)) {
    result.anyOf = cutVariants.map((variant) => variant ?? {})
    kept = true
  }
  return kept ? result : undefined
}

/**
 * A copy of `schema` cut down to the fields the pointers name: `required` only for kept properties, local
 * references inlined where only part of their target is kept, and objects without a kept field gone.
 * With `root` (an OpenAPI document) references resolve there and stay valid in it; without, they resolve in
 * the schema itself and the `$defs`/`definitions` still referenced by whole fields are kept, pruned.
 */
export function projectSchema(
  schema: JsonSchema,
  pointers: readonly string[],
  options: { root?: unknown } = {},
): JsonSchema {
  const cut: Cut = { root: options.root ?? schema, refs: new Set(), refStack: new Set() }
  const projected = cutNode(schema, fieldTree(pointers), cut) ?? { ...annotations(schema), properties: {} }
  if (options.root !== undefined) return projected
  for (const keyword of ['$defs', 'definitions']) {
    const defs = schema[keyword]
    if (!isSchema(defs)) continue
    const prefix = `#/${keyword}/`
    const kept = Object.entries(defs).filter(([name]) =>
      cut.refs.has(prefix + name.replaceAll('~', '~0').replaceAll('/', '~1')),
    )
    if (kept.length > 0) projected[keyword] = structuredClone(Object.fromEntries(kept))
  }
  return projected
}

type CompiledNode = Array<[name: string, child: CompiledNode | null]>

const compileTree = (tree: FieldTree): CompiledNode =>
  [...tree.children].map(([name, child]) => [name, child.whole ? null : compileTree(child)])

function projectValue(value: unknown, node: CompiledNode): unknown {
  if (typeof value !== 'object' || value === null) return undefined
  if (Array.isArray(value)) {
    const elements: unknown[] = []
    for (const element of value) {
      const projected = projectValue(element, node)
      if (projected !== undefined) elements.push(projected)
    }
    return elements
  }
  const record = value as Record<string, unknown>
  const result: Record<string, unknown> = {}
  for (const [name, child] of node) {
    if (!Object.hasOwn(record, name)) continue
    const field = child === null ? record[name] : projectValue(record[name], child)
    if (field === undefined) continue
    // a plain assignment to "__proto__" would set the prototype instead of a field
    if (name === '__proto__') Object.defineProperty(result, name, { value: field, enumerable: true, writable: true })
    else result[name] = field
  }
  return result
}

/**
 * Compiles the pointers once into a function that projects a record (or an array of records) to the named
 * fields; the gateway runs it per response. Whole fields are shared with the input, not copied: the result
 * is meant to be serialised. A value that is not an object or array projects to undefined.
 */
export function compileProjection(pointers: readonly string[]): (record: unknown) => unknown {
  const node = compileTree(fieldTree(pointers))
  return (record) => projectValue(record, node)
}

/** The record with only the named fields; compile once with compileProjection when projecting many. */
export function projectRecord(record: unknown, pointers: readonly string[]): unknown {
  return compileProjection(pointers)(record)
}
