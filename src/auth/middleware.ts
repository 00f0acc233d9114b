import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../http/env.ts'
import { Problem } from '../http/problem.ts'
import type { Caller, OrganisationCaller } from './caller.ts'
import type { TokenVerifier } from './verify.ts'

/** The URLs a DPoP proof may name for this request: the public one, and the one that reached this process. */
export function requestUrls(c: Context, publicUrl: string): string[] {
  const reached = new URL(c.req.url)
  return [`${publicUrl}${reached.pathname}`, `${reached.origin}${reached.pathname}`]
}

/** Establishes the caller from the Authorization header, once per request. */
export async function authenticateRequest(
  c: Context<AppEnv>,
  verifier: TokenVerifier,
  publicUrl: string,
): Promise<Caller> {
  const existing = c.get('caller')
  if (existing) return existing
  const dpopHeaders = c.req.raw.headers.get('DPoP')
  if (dpopHeaders?.includes(',')) throw new Problem(401, 'invalid-dpop-proof', 'send exactly one DPoP header')
  const caller = await verifier.authenticate(c.get('db'), {
    authorization: c.req.header('Authorization'),
    dpop: dpopHeaders ?? undefined,
    method: c.req.method,
    // only a DPoP proof names URLs; working them out for every bearer token would cost two URL parses a request
    urls: dpopHeaders ? requestUrls(c, publicUrl) : [],
  })
  c.set('caller', caller)
  return caller
}

/** Route middleware: an organisation token with `scope`, else 401 (no or bad token) or 403 (wrong kind or scope). */
export function requireScope(verifier: TokenVerifier, publicUrl: string, scope: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = await authenticateRequest(c, verifier, publicUrl)
    if (caller.kind !== 'organisation')
      throw new Problem(403, 'forbidden', 'This operation is for organisations, not citizens')
    if (!caller.scopes.has(scope)) {
      throw new Problem(403, 'insufficient-scope', `This operation needs the scope ${scope}`, {
        headers: { 'WWW-Authenticate': `Bearer realm="deling", error="insufficient_scope", scope="${scope}"` },
      })
    }
    await next()
  }
}

/** The organisation caller that `requireScope` established. */
export function organisationCaller(c: Context<AppEnv>): OrganisationCaller {
  const caller = c.get('caller')
  if (caller?.kind !== 'organisation') throw new Problem(403, 'forbidden', 'This operation is for organisations')
  return caller
}

/** Route middleware for public reads: a token, when sent, must be valid and identifies the caller; none is fine. */
export function identifyCaller(verifier: TokenVerifier, publicUrl: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.header('Authorization') !== undefined) await authenticateRequest(c, verifier, publicUrl)
    await next()
  }
}

/** The organisation a read is made for, if any: it sees its own non-public resources too. */
export function viewingOrganisation(c: Context<AppEnv>): { orgnr: string } | undefined {
  const caller = c.get('caller')
  return caller?.kind === 'organisation' ? { orgnr: caller.orgnr } : undefined
}
