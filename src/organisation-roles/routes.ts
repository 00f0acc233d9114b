import { createRoute, z } from '@hono/zod-openapi'
import { organisationCaller, requireScope } from '../auth/middleware.ts'
import { Orgnr } from '../catalog/organisation.schemas.ts'
import type { AppDeps } from '../deps.ts'
import { createRouter, jsonBody, organisationSecurity, problemResponses } from '../http/openapi.ts'
import { NewRoleGrantSchema, RoleGrantId, RoleGrantSchema } from './schemas.ts'
import { grantRole, listRoleGrants, revokeRole } from './service.ts'

const tags = ['Operator']
const OrgnrParam = Orgnr.openapi({ param: { name: 'orgnr', in: 'path' } })

/**
 * Operator API for the roles people hold in organisations (scope `deling:admin`), mirrored by
 * `npm run deling -- role …`. An organisation's own admins manage the same roles on the page /org/{orgnr}/people.
 */
export function organisationRoleRoutes(deps: AppDeps) {
  const admin = requireScope(deps.tokens, deps.config.publicUrl, 'deling:admin')
  const secured = { tags, security: organisationSecurity, middleware: admin }
  const operator = (c: Parameters<typeof organisationCaller>[0]) =>
    ({ kind: 'operator', clientId: organisationCaller(c).clientId }) as const
  return createRouter()
    .openapi(
      createRoute({
        ...secured,
        method: 'get',
        path: '/admin/organisations/{orgnr}/roles',
        operationId: 'listOrganisationRoles',
        summary: 'List the roles people hold in an organisation',
        description:
          'The roles held now; with `history=true` also the revoked ones, with who gave and who took them. This is the delegation history of the organisation.',
        request: {
          params: z.object({ orgnr: OrgnrParam }),
          query: z.object({
            history: z
              .enum(['true', 'false'])
              .optional()
              .openapi({ description: 'Include revoked roles', example: 'true' }),
          }),
        },
        responses: {
          200: {
            description: 'The role grants',
            content: {
              'application/json': { schema: z.object({ items: z.array(RoleGrantSchema) }).openapi('RoleGrantList') },
            },
          },
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => {
        const { orgnr } = c.req.valid('param')
        const history = c.req.valid('query').history === 'true'
        return c.json({ items: await listRoleGrants(c.get('db'), orgnr, { history }) }, 200)
      },
    )
    .openapi(
      createRoute({
        ...secured,
        method: 'post',
        path: '/admin/organisations/{orgnr}/roles',
        operationId: 'grantOrganisationRole',
        summary: 'Give a person a role in an organisation',
        description:
          "The person then acts for the organisation in the portal after logging in: `admin` manages the organisation's roles, `publisher` its datasets, rules and incoming access requests, `consumer` its own access requests. Holding the role already is a conflict.",
        request: { params: z.object({ orgnr: OrgnrParam }), body: jsonBody(NewRoleGrantSchema, 'Who gets which role') },
        responses: {
          201: { description: 'Given', content: { 'application/json': { schema: RoleGrantSchema } } },
          ...problemResponses(400, 401, 403, 404, 409, 413, 415),
        },
      }),
      async (c) => {
        const { orgnr } = c.req.valid('param')
        return c.json(await grantRole(c.get('db'), orgnr, c.req.valid('json'), operator(c), deps.clock()), 201)
      },
    )
    .openapi(
      createRoute({
        ...secured,
        method: 'delete',
        path: '/admin/organisations/{orgnr}/roles/{id}',
        operationId: 'revokeOrganisationRole',
        summary: 'Take a role back',
        description:
          'The person stops acting for the organisation in that role at once (their next page load checks it). The grant stays in the history as revoked.',
        request: { params: z.object({ orgnr: OrgnrParam, id: RoleGrantId }) },
        responses: {
          200: { description: 'Revoked', content: { 'application/json': { schema: RoleGrantSchema } } },
          ...problemResponses(400, 401, 403, 404, 409),
        },
      }),
      async (c) => {
        const { orgnr, id } = c.req.valid('param')
        return c.json(await revokeRole(c.get('db'), orgnr, id, operator(c), deps.clock()), 200)
      },
    )
}
