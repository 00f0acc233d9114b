import { createRoute, z } from '@hono/zod-openapi'
import { requireScope } from '../auth/middleware.ts'
import type { AppDeps } from '../deps.ts'
import { createRouter, jsonBody, organisationSecurity, problemResponses } from '../http/openapi.ts'
import { NewOrganisationSchema, OrganisationSchema, Orgnr } from './organisation.schemas.ts'
import { addOrganisation, getOrganisation, listOrganisations } from './organisations.ts'

const tags = ['Operator']

/** Operator API for organisations (scope `deling:admin`), mirrored by `npm run deling -- org …`. */
export function organisationAdminRoutes(deps: AppDeps) {
  const admin = requireScope(deps.tokens, deps.config.publicUrl, 'deling:admin')
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/admin/organisations',
        operationId: 'listOrganisations',
        summary: 'List organisations',
        description: 'Every organisation registered in Deling: publishers, consumers and the operator.',
        tags,
        security: organisationSecurity,
        middleware: admin,
        responses: {
          200: {
            description: 'The organisations, by name',
            content: {
              'application/json': {
                schema: z.object({ items: z.array(OrganisationSchema) }).openapi('OrganisationList'),
              },
            },
          },
          ...problemResponses(401, 403),
        },
      }),
      async (c) => c.json({ items: await listOrganisations(c.get('db')) }, 200),
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/admin/organisations',
        operationId: 'addOrganisation',
        summary: 'Register an organisation',
        description:
          'Registers an organisation by its orgnr (mod-11 checked). Registering the same orgnr twice is a conflict.',
        tags,
        security: organisationSecurity,
        middleware: admin,
        request: { body: jsonBody(NewOrganisationSchema, 'The organisation') },
        responses: {
          201: { description: 'Registered', content: { 'application/json': { schema: OrganisationSchema } } },
          ...problemResponses(400, 401, 403, 409, 413, 415),
        },
      }),
      async (c) => c.json(await addOrganisation(c.get('db'), c.req.valid('json')), 201),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/admin/organisations/{orgnr}',
        operationId: 'getOrganisation',
        summary: 'Get an organisation',
        description: 'One registered organisation.',
        tags,
        security: organisationSecurity,
        middleware: admin,
        request: { params: z.object({ orgnr: Orgnr.openapi({ param: { name: 'orgnr', in: 'path' } }) }) },
        responses: {
          200: { description: 'The organisation', content: { 'application/json': { schema: OrganisationSchema } } },
          ...problemResponses(400, 401, 403, 404),
        },
      }),
      async (c) => c.json(await getOrganisation(c.get('db'), c.req.valid('param').orgnr), 200),
    )
}
