/**
 * The checks of a producer's OpenAPI document that need no schema compiler, so the Worker can run them too:
 * a JSON object, OpenAPI 3.0.x or 3.1.x (not Swagger 2.0), an `info` with title and version, and at least one
 * path. The Node host adds full validation against the OpenAPI schema (./producer-openapi.ts).
 */
export function basicOpenApiReasons(document: unknown): string[] {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return ['the OpenAPI document must be a JSON object']
  }
  const { openapi, swagger, info, paths } = document as Record<string, unknown>
  if (swagger !== undefined) {
    return [
      'Swagger 2.0 is not supported: convert the document to OpenAPI 3.0 or 3.1 (for example with swagger2openapi)',
    ]
  }
  if (typeof openapi !== 'string' || !/^3\.[01]\.\d+$/.test(openapi)) {
    return [`"openapi" must be a 3.0.x or 3.1.x version, not ${JSON.stringify(openapi ?? null)}`]
  }
  const reasons: string[] = []
  const { title, version } = (typeof info === 'object' && info !== null ? info : {}) as Record<string, unknown>
  if (typeof title !== 'string' || typeof version !== 'string') reasons.push('/info: must have a title and a version')
  if (typeof paths !== 'object' || paths === null || Object.keys(paths).length === 0) {
    reasons.push('the document must describe at least one path')
  } else {
    for (const path of Object.keys(paths)
      .filter((key) => !key.startsWith('/'))
      .slice(0, 5))
      reasons.push(`/paths: ${JSON.stringify(path)} must start with "/"`)
  }
  return reasons
}

/** Checks a producer's OpenAPI document; the list of reasons is empty when it can be published. */
export type ProducerApiCheck = (document: unknown) => Promise<string[]>

/** The Worker's check: the basic one. */
export const checkOpenApiBasics: ProducerApiCheck = async (document) => basicOpenApiReasons(document)
