import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../../http/env.ts'
import { Problem } from '../../http/problem.ts'
import { currentSession } from './middleware.ts'

/** The hidden form field that carries the session's CSRF token. */
export const csrfFieldName = 'csrf'
/** Or, for a script on Deling's own pages, this header. */
export const csrfHeaderName = 'X-CSRF-Token'

/** The CSRF token of the citizen's session, for the hidden field of every state-changing form. */
export const csrfTokenOf = (c: Context): string | undefined => currentSession(c)?.csrfToken

// Constant time for equal lengths, so a wrong guess does not reveal how much of it was right.
function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return difference === 0
}

async function offeredToken(c: Context): Promise<string | undefined> {
  const header = c.req.header(csrfHeaderName)
  if (header) return header
  const type = c.req.header('Content-Type') ?? ''
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return undefined
  // A body that is not the form it claims to be (multipart without a boundary, cut short) is the caller's error.
  const form = await c.req.parseBody().catch(() => {
    throw new Problem(400, 'bad-request', `The body is not valid ${type.split(';')[0]}`)
  })
  const value = form[csrfFieldName]
  return typeof value === 'string' ? value : undefined
}

/** Throws 403 `csrf-failed` unless the request carries the token of the current citizen session. */
export async function verifyCsrf(c: Context): Promise<void> {
  const expected = csrfTokenOf(c)
  const offered = await offeredToken(c)
  if (!expected || !offered || !sameToken(offered, expected)) {
    throw new Problem(403, 'csrf-failed', `The form must carry this session's token in the ${csrfFieldName} field`)
  }
}

/** Route middleware for every state-changing citizen form: after `requireCitizen`, checks the CSRF token. */
export function requireCsrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await verifyCsrf(c)
    await next()
  }
}
