import { createRoute, z } from '@hono/zod-openapi'
import { identifyCaller, viewingOrganisation } from '../auth/middleware.ts'
import type { AppDeps } from '../deps.ts'
import { createRouter, organisationSecurity, problemResponses } from '../http/openapi.ts'
import { gatewayApiDocument, listApis } from './apis.ts'
import { DatasetParams } from './catalog.schemas.ts'
import { AccessRights, Title } from './dataset.schemas.ts'
import { Orgnr } from './organisation.schemas.ts'

const ApiDocumentQuery = z
  .object({
    recipient: z
      .union([Orgnr, z.literal('any')])
      .optional()
      .openapi({ description: 'The receiving organisation (or `any`, for consent rules)', example: '889640782' }),
    purpose: z
      .string()
      .max(64)
      .optional()
      .openapi({ description: 'The purpose code of the rule', example: 'dagpenger' }),
  })
  .strict()
  .refine((query) => (query.recipient === undefined) === (query.purpose === undefined), {
    message: 'give both recipient and purpose, or neither',
    path: ['purpose'],
  })

const ApiListingSchema = z
  .object({
    datasetId: z.string(),
    title: Title,
    publisher: z.object({ orgnr: Orgnr, name: z.string(), uri: z.url() }),
    accessRights: AccessRights,
    dataService: z.object({ id: z.string(), title: Title }),
    gateway: z.url().openapi({ description: 'Where to call the API, through Deling' }),
    openapi: z.url().openapi({ description: 'The API document as callable through the gateway' }),
    rules: z.array(
      z.object({
        id: z.string(),
        recipient: z.union([z.object({ orgnr: Orgnr }), z.literal('any')]),
        purpose: z.string(),
        openapi: z.url().openapi({ description: 'The API document cut to the fields this rule delivers' }),
      }),
    ),
  })
  .openapi('ApiListing')

const exampleDocument = {
  openapi: '3.0.3',
  info: { title: 'Inntekt API (a-ordningen) (via Deling)', version: '1.2.0' },
  servers: [{ url: 'http://127.0.0.1:8080/gateway/ds_4k9x0qz2m9d4x8c1v5b6' }],
  paths: {},
}

/** The OpenAPI catalog for developers: every dataset's API as callable through Deling. */
export function apiCatalogRoutes(deps: AppDeps) {
  const { config, tokens } = deps
  const read = {
    tags: ['Catalog'],
    security: [{}, ...organisationSecurity],
    middleware: identifyCaller(tokens, config.publicUrl),
  }
  return createRouter()
    .openapi(
      createRoute({
        ...read,
        method: 'get',
        path: '/catalog/datasets/{id}/openapi.json',
        operationId: 'getDatasetApi',
        summary: "The dataset's API, through Deling",
        description:
          "The producer's OpenAPI document rewritten for the gateway: `servers` is Deling's `/gateway/{id}`, security is Deling's token schemes, and every operation documents the `Deling-Purpose` (and, for personal data, `Deling-Subject`) header. With `recipient` and `purpose`, response schemas are cut to exactly the fields that rule delivers: generate a client (openapi-typescript, openapi-generator) from it.",
        request: { params: DatasetParams, query: ApiDocumentQuery },
        responses: {
          200: {
            description: 'The OpenAPI document',
            content: { 'application/json': { schema: z.record(z.string(), z.unknown()), example: exampleDocument } },
          },
          ...problemResponses(400, 401, 404),
        },
      }),
      async (c) => {
        const { recipient, purpose } = c.req.valid('query')
        const document = await gatewayApiDocument(c.get('db'), {
          datasetId: c.req.valid('param').id,
          viewer: viewingOrganisation(c),
          publicUrl: config.publicUrl,
          rule: recipient && purpose ? { recipient, purpose } : undefined,
        })
        return c.json(document, 200)
      },
    )
    .openapi(
      createRoute({
        ...read,
        method: 'get',
        path: '/catalog/apis',
        operationId: 'listApis',
        summary: 'Every dataset API',
        description:
          'The datasets whose data service has an OpenAPI document, with links to the document through the gateway and to one document per access rule, cut to what that rule delivers.',
        request: {
          query: z
            .object({
              limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ example: 50 }),
              cursor: z
                .string()
                .regex(/^ds_[0-9a-z]{20}$/)
                .optional()
                .openapi({ description: 'The `next` value of the previous page', example: 'ds_4k9x0qz2m9d4x8c1v5b6' }),
            })
            .strict(),
        },
        responses: {
          200: {
            description: 'A page of APIs',
            content: {
              'application/json': {
                schema: z
                  .object({ items: z.array(ApiListingSchema), next: z.string().optional() })
                  .openapi('ApiListingPage'),
              },
            },
          },
          ...problemResponses(400, 401),
        },
      }),
      async (c) => {
        const { limit, cursor } = c.req.valid('query')
        const page = await listApis(c.get('db'), {
          viewer: viewingOrganisation(c),
          publicUrl: config.publicUrl,
          limit,
          after: cursor,
        })
        return c.json(page, 200)
      },
    )
}
