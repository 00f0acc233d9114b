import type { MiddlewareHandler } from 'hono'
import { authenticateRequest, organisationCaller, requireScope } from '../auth/middleware.ts'
import type { AppDeps } from '../deps.ts'
import type { AppEnv } from '../http/env.ts'
import { createRouter } from '../http/openapi.ts'
import { Problem } from '../http/problem.ts'
import { accessRequestEventPage } from './events.ts'
import { accessRequestOperations } from './operations.ts'
import { getAccessRequest, listAccessRequestsOf } from './read.ts'
import { changeAccessRequest, submitAccessRequest } from './service.ts'
import type { AccessRequestRole } from './states.ts'

/** The scope that lets a client act in each part: the consumer's gateway scope, the publisher's catalog scope. */
const scopeOf: Record<AccessRequestRole, string> = {
  requester: 'deling:gateway',
  publisher: 'deling:catalog.write',
}

/** Reads need an organisation token with either scope; what it then sees depends on which it has. */
function requireEitherScope(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const scopes = Object.values(scopeOf)
  return async (c, next) => {
    const caller = await authenticateRequest(c, deps.tokens, deps.config.publicUrl)
    if (caller.kind !== 'organisation')
      throw new Problem(403, 'forbidden', 'This operation is for organisations, not citizens')
    if (!scopes.some((scope) => caller.scopes.has(scope)))
      throw new Problem(403, 'insufficient-scope', `This operation needs the scope ${scopes.join(' or ')}`, {
        headers: {
          'WWW-Authenticate': `Bearer realm="deling", error="insufficient_scope", scope="${scopes.join(' ')}"`,
        },
      })
    await next()
  }
}

/** The parts the caller's token lets it play. */
const rolesOf = (scopes: ReadonlySet<string>) =>
  (Object.keys(scopeOf) as AccessRequestRole[]).filter((role) => scopes.has(scopeOf[role]))

/** The access-request workflow: consumers ask publishers for access rules (ADR 0010). */
export function accessRequestRoutes(deps: AppDeps) {
  const { tokens, config, clock } = deps
  const routes = accessRequestOperations({
    requester: requireScope(tokens, config.publicUrl, scopeOf.requester),
    publisher: requireScope(tokens, config.publicUrl, scopeOf.publisher),
    either: requireEitherScope(deps),
  })
  const actorAs = (role: AccessRequestRole, caller: { orgnr: string; clientId: string }) => ({
    orgnr: caller.orgnr,
    clientId: caller.clientId,
    role,
  })
  return createRouter()
    .openapi(routes.submit, async (c) => {
      const { orgnr, clientId } = organisationCaller(c)
      const request = await submitAccessRequest(c.get('db'), { orgnr, clientId }, c.req.valid('json'), clock())
      c.header('Location', `${config.publicUrl}/access-requests/${request.id}`)
      return c.json(request, 201)
    })
    .openapi(routes.list, async (c) => {
      const caller = organisationCaller(c)
      const query = c.req.valid('query')
      if (!caller.scopes.has(scopeOf[query.role]))
        throw new Problem(403, 'insufficient-scope', `role=${query.role} needs the scope ${scopeOf[query.role]}`)
      return c.json(await listAccessRequestsOf(c.get('db'), { ...query, orgnr: caller.orgnr }), 200)
    })
    .openapi(routes.events, async (c) => {
      const caller = organisationCaller(c)
      const viewer = { orgnr: caller.orgnr, roles: rolesOf(caller.scopes) }
      return c.json(await accessRequestEventPage(c.get('db'), viewer, c.req.valid('query')), 200)
    })
    .openapi(routes.get, async (c) => {
      const caller = organisationCaller(c)
      const viewer = { orgnr: caller.orgnr, roles: rolesOf(caller.scopes) }
      return c.json(await getAccessRequest(c.get('db'), c.req.valid('param').id, viewer), 200)
    })
    .openapi(routes.requestChanges, async (c) => {
      const { message } = c.req.valid('json')
      const actor = actorAs('publisher', organisationCaller(c))
      const change = { to: 'changes-requested' as const, actor, now: clock(), message }
      return c.json(await changeAccessRequest(c.get('db'), c.req.valid('param').id, change), 200)
    })
    .openapi(routes.approve, async (c) => {
      const approval = c.req.valid('json')
      const actor = actorAs('publisher', organisationCaller(c))
      const change = { to: 'approved' as const, actor, now: clock(), message: approval.message, approval }
      return c.json(await changeAccessRequest(c.get('db'), c.req.valid('param').id, change), 200)
    })
    .openapi(routes.reject, async (c) => {
      const { reason } = c.req.valid('json')
      const actor = actorAs('publisher', organisationCaller(c))
      const change = { to: 'rejected' as const, actor, now: clock(), message: reason }
      return c.json(await changeAccessRequest(c.get('db'), c.req.valid('param').id, change), 200)
    })
    .openapi(routes.revise, async (c) => {
      const revision = c.req.valid('json')
      const actor = actorAs('requester', organisationCaller(c))
      const change = { to: 'submitted' as const, actor, now: clock(), message: revision.message, revision }
      return c.json(await changeAccessRequest(c.get('db'), c.req.valid('param').id, change), 200)
    })
    .openapi(routes.withdraw, async (c) => {
      const { message } = c.req.valid('json')
      const actor = actorAs('requester', organisationCaller(c))
      const change = { to: 'withdrawn' as const, actor, now: clock(), message }
      return c.json(await changeAccessRequest(c.get('db'), c.req.valid('param').id, change), 200)
    })
}
