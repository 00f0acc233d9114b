import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { errorCodes, isRolledBackByConcurrentChange } from '../db/errors.ts'
import type { AppEnv } from './env.ts'
import { type Logger, redactSecrets } from './logger.ts'
import { Problem, payloadTooLarge, problemBody } from './problem.ts'
import { problemTypes } from './problem-types.ts'

const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'EAI_AGAIN',
])

/** Postgres unreachable, shutting down or refusing connections: the caller may retry, nothing was changed. */
export const isDatabaseUnavailable = (error: unknown): boolean =>
  errorCodes(error).some(
    (code) => connectionErrorCodes.has(code) || code.startsWith('08') || code === '57P01' || code === '57P03',
  )

/**
 * Postgres class 22 (data exception): a value the database cannot store, such as a NUL character, an unpaired
 * surrogate or the year 0. The statement failed and its transaction rolled back, so the request changed nothing.
 */
export const isUnstorableValue = (error: unknown): boolean =>
  errorCodes(error).some((code) => /^22[0-9A-Z]{3}$/.test(code))

function toProblem(error: unknown): Problem | undefined {
  if (error instanceof Problem) return error
  if (error instanceof HTTPException) {
    if (error.status === 400 && /json/i.test(error.message))
      return new Problem(400, 'malformed-json', 'The request body is not valid JSON')
    if (error.status === 413) return payloadTooLarge()
    if (error.status === 415) return new Problem(415, 'unsupported-media-type', 'Send the body as application/json')
    if (error.status === 400) return new Problem(400, 'bad-request', error.message)
    return undefined
  }
  if (isUnstorableValue(error)) {
    return new Problem(
      400,
      'validation-failed',
      'A value cannot be stored: a NUL character, an unpaired surrogate, or a date outside the years 1–9999',
    )
  }
  if (isDatabaseUnavailable(error)) {
    return new Problem(503, 'database-unavailable', 'The database cannot be reached; retry shortly', {
      headers: { 'Retry-After': '2' },
    })
  }
  if (isRolledBackByConcurrentChange(error)) {
    return new Problem(
      503,
      'concurrent-change',
      'A concurrent change got in the way and the database rolled back this request’s transaction; retry it',
      {
        headers: { 'Retry-After': '1' },
      },
    )
  }
  return undefined
}

/**
 * What a log line may say about an error: the driver's own message and code. drizzle wraps a failed statement in
 * an error whose message quotes the SQL and its parameters (fødselsnumre, hashes, whole log entries); those stay out.
 */
export function loggableError(error: unknown): { error: string; code?: string } {
  let current: unknown = error
  for (let depth = 0; depth < 5; depth++) {
    const cause = (current as { cause?: unknown }).cause
    if (!(current instanceof Error && current.message.startsWith('Failed query:') && cause)) break
    current = cause
  }
  const message = current instanceof Error ? current.message : String(current)
  const code = (current as { code?: unknown } | undefined)?.code
  return { error: redactSecrets(message), ...(typeof code === 'string' ? { code } : {}) }
}

/** Renders a problem as `application/problem+json`; the one place that writes an error response. */
export function renderProblem(c: Context<AppEnv>, problem: Problem, publicUrl: string): Response {
  const body = problemBody(problem, publicUrl, new URL(c.req.url).pathname, c.get('requestId'))
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: {
      'Content-Type': 'application/problem+json',
      'Cache-Control': 'no-store',
      'X-Request-Id': c.get('requestId'),
      ...problem.options.headers,
    },
  })
}

/** `app.onError`: known errors become their problem; anything else is logged and answered without a stack trace. */
export function errorHandler(publicUrl: string, logger: Logger) {
  return (error: Error, c: Context<AppEnv>) => {
    let problem = toProblem(error)
    if (!problem) {
      const described = loggableError(error)
      logger.error('unexpected error', {
        requestId: c.get('requestId'),
        ...described,
        stack: redactSecrets((error.stack ?? '').replace(error.message, described.error)),
      })
      problem = new Problem(
        500,
        'internal-error',
        `An unexpected error occurred; quote request id ${c.get('requestId')}`,
      )
    } else if (problem.status === 503) {
      logger.warn(problemTypes[problem.slug].title, { requestId: c.get('requestId'), ...loggableError(error) })
    }
    return renderProblem(c, problem, publicUrl)
  }
}
