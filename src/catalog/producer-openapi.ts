/**
 * Checks a producer's OpenAPI document before a data service is published with it.
 *
 * The validator compiles the OpenAPI meta-schemas with ajv, which generates code (`new Function`) and reads
 * the schemas from disk: Workers forbid both. Publication is therefore a Node-host operation, and this file
 * stays apart from the pure catalog modules that the Worker bundles.
 */
import { Validator } from '@seriousme/openapi-schema-validator'
import { basicOpenApiReasons } from './producer-openapi-basics.ts'

const maxReasons = 20

// One validator for the process: it caches the compiled meta-schema per OpenAPI version. allErrors, so that
// a producer sees every problem at once (up to maxReasons), not one per attempt.
let validator: Validator | undefined

type ValidationError = { instancePath?: string; message?: string; keyword?: string; params?: unknown }

// ajv explains a failed oneOf/anyOf/if by each branch's errors and then by the combinator itself;
// the branches say what is wrong, the combinator line only repeats that something is.
const combinatorKeywords = new Set(['oneOf', 'anyOf', 'if'])

// "must have required property '$ref'" only says the value is not a Reference Object either.
const isReferenceAlternative = (error: ValidationError) =>
  error.keyword === 'required' && (error.params as { missingProperty?: unknown })?.missingProperty === '$ref'

function readable(errors: ValidationError[]): string[] {
  const specific = errors.filter((error) => {
    if (combinatorKeywords.has(error.keyword ?? '')) return false
    if (!isReferenceAlternative(error)) return true
    return !errors.some((other) => other.instancePath === error.instancePath && !isReferenceAlternative(other))
  })
  const shown = specific.length > 0 ? specific : errors
  const reasons = shown.map((error) => `${error.instancePath || '/'}: ${error.message ?? 'is not valid'}`)
  return [...new Set(reasons)]
}

/**
 * Reasons the producer's API document cannot be published; an empty list means it can.
 * It must be an OpenAPI 3.0.x or 3.1.x document, valid against the OpenAPI schema, with at least one path.
 */
export async function checkProducerOpenApi(document: unknown): Promise<string[]> {
  const basics = basicOpenApiReasons(document)
  // Without a version we know, the schema validator has nothing to say that helps.
  if (basics.length && !/^3\.[01]\.\d+$/.test(String((document as { openapi?: unknown })?.openapi))) return basics
  validator ??= new Validator({ allErrors: true })
  // the validator may add keys to what it is given; the caller's document stays as it was
  const result = await validator.validate(structuredClone(document as object) as Record<string, unknown>)
  const reasons: string[] = []
  if (!result.valid) {
    if (typeof result.errors === 'string') reasons.push(result.errors)
    else reasons.push(...readable(result.errors ?? []))
    if (reasons.length === 0) reasons.push('the document is not a valid OpenAPI document')
  }
  reasons.push(...basics)
  return reasons.slice(0, maxReasons)
}
