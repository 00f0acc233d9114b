/**
 * What leaves the gateway: the producer's answer cut to the decision's fields. Pure, Web APIs only.
 */
import { compileProjection, type JsonSchema } from '../catalog/record-schema.ts'

export type Projected = { ok: true; body: Uint8Array; contentType: string } | { ok: false; detail: string }

const isJsonType = (contentType: string | undefined) =>
  contentType !== undefined && /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType)

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Whether the fields are the whole record: every top-level property of the record schema is selected whole.
 * Only then may a body Deling cannot read (CSV, PDF) pass, since nothing in it could be cut away.
 */
export function selectsWholeRecord(fields: readonly string[], recordSchema: JsonSchema | undefined): boolean {
  const properties = recordSchema && isObject(recordSchema.properties) ? Object.keys(recordSchema.properties) : []
  const selected = new Set(fields)
  return (
    properties.length > 0 &&
    properties.every((name) => selected.has(`/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`))
  )
}

/** A function that cuts one parsed JSON answer: an array of records, an `{items: [...]}` envelope, or one record. */
export function responseProjection(
  fields: readonly string[],
  recordSchema: JsonSchema | undefined,
): (answer: unknown) => unknown {
  const project = compileProjection(fields)
  // a record that has an `items` field of its own is a record, not an envelope
  const recordHasItems = isObject(recordSchema?.properties) && 'items' in recordSchema.properties
  return (answer) => {
    if (Array.isArray(answer)) return project(answer)
    // the envelope's other members (cursors, counts) are not record fields: nothing else leaves the gateway
    if (isObject(answer) && Array.isArray(answer.items) && !recordHasItems) return { items: project(answer.items) }
    return project(answer) ?? {}
  }
}

// A rule's fields are one array for as long as the gateway keeps the rule, so its projection is compiled once.
const compiled = new WeakMap<
  readonly string[],
  { recordSchema: JsonSchema | undefined; project: (answer: unknown) => unknown }
>()

function cachedProjection(fields: readonly string[], recordSchema: JsonSchema | undefined) {
  const known = compiled.get(fields)
  if (known && known.recordSchema === recordSchema) return known.project
  const project = responseProjection(fields, recordSchema)
  compiled.set(fields, { recordSchema, project })
  return project
}

/** The upstream body cut to the fields, or why it cannot be delivered under them. */
export function projectResponse(
  upstream: { contentType: string | undefined; body: Uint8Array },
  fields: readonly string[],
  recordSchema: JsonSchema | undefined,
): Projected {
  if (upstream.body.byteLength === 0)
    return { ok: true, body: upstream.body, contentType: upstream.contentType ?? 'application/json' }
  if (!isJsonType(upstream.contentType)) {
    if (selectsWholeRecord(fields, recordSchema))
      return { ok: true, body: upstream.body, contentType: upstream.contentType ?? 'application/octet-stream' }
    return {
      ok: false,
      detail: `The data service answered with ${upstream.contentType ?? 'no content type'}, which Deling cannot cut to the fields you may have`,
    }
  }
  let answer: unknown
  try {
    answer = JSON.parse(new TextDecoder().decode(upstream.body))
  } catch {
    return { ok: false, detail: 'The data service answered with JSON that Deling cannot read' }
  }
  const projected = cachedProjection(fields, recordSchema)(answer)
  return { ok: true, body: new TextEncoder().encode(JSON.stringify(projected)), contentType: 'application/json' }
}
