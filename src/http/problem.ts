import { type ProblemSlug, problemTypes } from './problem-types.ts'

/** One invalid field of a request: where it is (`in` + JSON pointer) and what is wrong with it. */
export interface FieldError {
  in: 'body' | 'query' | 'path' | 'header' | 'cookie' | 'form'
  pointer: string
  detail: string
}

export interface ProblemOptions {
  errors?: FieldError[]
  headers?: Record<string, string>
  /** Extension members (RFC 9457 §3.2) added to the body. */
  extensions?: Record<string, unknown>
}

/** The one error type Deling throws for anything a caller did or may retry; `onError` renders it as problem+json. */
export class Problem extends Error {
  readonly status: number
  readonly slug: ProblemSlug
  readonly detail: string | undefined
  readonly options: ProblemOptions

  constructor(status: number, slug: ProblemSlug, detail?: string, options: ProblemOptions = {}) {
    super(detail ?? problemTypes[slug].title)
    this.status = status
    this.slug = slug
    this.detail = detail
    this.options = options
  }
}

export interface ProblemBody {
  type: string
  title: string
  status: number
  detail?: string
  instance?: string
  requestId?: string
  errors?: FieldError[]
  [extension: string]: unknown
}

/** Builds the RFC 9457 body; `type` is absolute so that clients need no base URI to resolve it. */
export function problemBody(problem: Problem, publicUrl: string, instance: string, requestId: string): ProblemBody {
  return {
    ...problem.options.extensions,
    type: `${publicUrl}/problems/${problem.slug}`,
    title: problemTypes[problem.slug].title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    instance,
    requestId,
    ...(problem.options.errors ? { errors: problem.options.errors } : {}),
  }
}

/** RFC 6901: `~` and `/` inside a path segment are escaped. */
export const jsonPointer = (path: readonly PropertyKey[]) =>
  path.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')

/** 413, closing the connection: the rest of the unread body must not be taken for the next request. */
export const payloadTooLarge = () =>
  new Problem(413, 'payload-too-large', 'Request bodies are limited to 1 MiB', { headers: { Connection: 'close' } })

/** 400 `validation-failed` naming every bad field: the one shape for zod's findings and the services' own checks. */
export function validationFailed(errors: FieldError[]): Problem {
  const noun = errors.length === 1 ? 'field is' : 'fields are'
  return new Problem(400, 'validation-failed', `${errors.length} ${noun} not valid`, { errors })
}
