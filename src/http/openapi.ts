import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { AppEnv } from './env.ts'
import { type FieldError, jsonPointer, validationFailed } from './problem.ts'

const targets: Record<string, FieldError['in']> = {
  json: 'body',
  form: 'form',
  query: 'query',
  param: 'path',
  header: 'header',
  cookie: 'cookie',
}

/** A router whose validation failures become one `validation-failed` problem naming every bad field. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return
      const location = targets[result.target] ?? 'body'
      const errors = result.error.issues.map((issue) => ({
        in: location,
        pointer: jsonPointer(issue.path),
        detail: issue.message,
      }))
      throw validationFailed(errors)
    },
  })
}

export const ProblemSchema = z
  .object({
    type: z.url().openapi({ example: 'http://127.0.0.1:8080/problems/validation-failed' }),
    title: z.string().openapi({ example: 'The request is not valid' }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z.string().optional().openapi({ example: '1 field is not valid' }),
    instance: z.string().optional().openapi({ example: '/admin/organisations' }),
    requestId: z.string().optional().openapi({ example: 'req_7w3k0qz2m9d4x8c1v5b6' }),
    errors: z
      .array(
        z.object({
          in: z.enum(['body', 'query', 'path', 'header', 'cookie', 'form']),
          pointer: z.string().openapi({ example: '/orgnr' }),
          detail: z.string().openapi({ example: 'orgnr must be nine digits with a valid mod-11 control digit' }),
        }),
      )
      .optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' })

const statusDescriptions: Record<number, string> = {
  400: 'The request is not valid (problem `validation-failed` or `malformed-json`)',
  401: 'No valid access token (problem `unauthorized`, `invalid-token` or `invalid-dpop-proof`)',
  403: 'The token lacks the scope, or the caller may not do this',
  404: 'Not found, or not visible to the caller',
  406: 'None of the media types in Accept can be produced',
  409: 'Conflict with the current state',
  413: 'The body is larger than 1 MiB',
  415: 'The body has an unsupported Content-Type',
  429: 'Rate limit reached; see Retry-After',
  503: 'The database is unavailable; retry shortly',
}

/** The problem responses of an operation, spread into every route's `responses`. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: statusDescriptions[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  ) as Record<
    number,
    { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }
  >
}

/** Operations that need an organisation token accept it as a Bearer or a DPoP-bound token. */
export const organisationSecurity: Record<string, string[]>[] = [{ bearerAuth: [] }, { dpopAuth: [] }]

export const jsonBody = <T extends z.ZodType>(schema: T, description: string) => ({
  required: true as const,
  description,
  content: { 'application/json': { schema } },
})
