import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { accepts } from 'hono/accepts'
import { identifyCaller, organisationCaller, requireScope, viewingOrganisation } from '../auth/middleware.ts'
import type { AppDeps } from '../deps.ts'
import type { AppEnv } from '../http/env.ts'
import { createRouter, jsonBody, organisationSecurity, problemResponses } from '../http/openapi.ts'
import { Problem } from '../http/problem.ts'
import { listAccessRules } from './access-rules.ts'
import {
  CatalogChangeListSchema,
  DatasetPageSchema,
  DatasetParams,
  etag,
  IfMatchHeaders,
  ifMatchVersion,
  SearchQuery,
} from './catalog.schemas.ts'
import { DatasetSchema, NewDatasetSchema } from './dataset.schemas.ts'
import {
  actorOf,
  type CatalogWrite,
  createDataset,
  datasetHistory,
  deleteDataset,
  getDataset,
  updateDataset,
} from './datasets.ts'
import { dcatMediaTypes, renderDatasetDcat } from './dcat/respond.ts'
import { type DatasetPage, searchDatasets } from './search.ts'
import { SearchCache } from './search-facets.ts'

const tags = ['Catalog']
const readSecurity = [{}, ...organisationSecurity]
const dcatContent = {
  'text/turtle': {
    schema: z.string().openapi({ description: 'DCAT-AP-NO in Turtle' }),
    example:
      '<http://127.0.0.1:8080/catalog/datasets/ds_4k9x0qz2m9d4x8c1v5b6> a dcat:Dataset ; dct:title "Inntekt"@nb .',
  },
  'application/ld+json': {
    schema: z.record(z.string(), z.unknown()).openapi({ description: 'DCAT-AP-NO in JSON-LD' }),
    example: { '@context': { dcat: 'http://www.w3.org/ns/dcat#' }, '@graph': [{ '@type': ['dcat:Dataset'] }] },
  },
}

/** Datasets: search, read (JSON or DCAT-AP-NO), publish, change, delete, and their history. */
export function datasetRoutes(deps: AppDeps) {
  const { tokens, config, clock } = deps
  const writer = requireScope(tokens, config.publicUrl, 'deling:catalog.write')
  const reader = identifyCaller(tokens, config.publicUrl)
  const write = { tags, security: organisationSecurity, middleware: writer }
  const read = { tags, security: readSecurity, middleware: reader }
  const cache = new SearchCache<DatasetPage>()
  const writeBy = (c: Context<AppEnv>): CatalogWrite => ({
    actor: actorOf(organisationCaller(c)),
    now: clock(),
    checkProducerApi: deps.checkProducerApi,
    publicUrl: config.publicUrl,
  })
  return createRouter()
    .openapi(
      createRoute({
        ...read,
        method: 'get',
        path: '/catalog/datasets',
        operationId: 'searchDatasets',
        summary: 'Search the catalog',
        description:
          'Full-text search in bokmål, nynorsk and English with filters and facet counts. Without `q` datasets come by title. Non-public datasets appear only for their publisher. Page with `next`.',
        request: { query: SearchQuery },
        responses: {
          200: { description: 'A page of datasets', content: { 'application/json': { schema: DatasetPageSchema } } },
          ...problemResponses(400, 401),
        },
      }),
      async (c) => {
        const query = c.req.valid('query')
        const page = await searchDatasets(c.get('db'), query, viewingOrganisation(c), { cache, now: clock() })
        return c.json(page, 200)
      },
    )
    .openapi(
      createRoute({
        ...write,
        method: 'post',
        path: '/catalog/datasets',
        operationId: 'createDataset',
        summary: 'Publish a dataset',
        description:
          "Publishes a dataset for the token's organisation (the publisher is never a body field). Producer OpenAPI documents are checked; their parser's reasons come back as `errors`.",
        request: { body: jsonBody(NewDatasetSchema, 'The dataset description') },
        responses: {
          201: {
            description: 'Published',
            headers: { ETag: { schema: { type: 'string' } }, Location: { schema: { type: 'string' } } },
            content: { 'application/json': { schema: DatasetSchema } },
          },
          ...problemResponses(400, 401, 403, 413, 415),
        },
      }),
      async (c) => {
        const dataset = await createDataset(c.get('db'), writeBy(c), c.req.valid('json'))
        c.header('ETag', etag(dataset.version))
        c.header('Location', `${config.publicUrl}/catalog/datasets/${dataset.id}`)
        return c.json(dataset, 201)
      },
    )
    .openapi(
      createRoute({
        ...read,
        method: 'get',
        path: '/catalog/datasets/{id}',
        operationId: 'getDataset',
        summary: 'Get a dataset',
        description:
          'The dataset as JSON, or as DCAT-AP-NO with `Accept: text/turtle` or `application/ld+json` (with its legal bases in all three encodings and its access rules as ODRL policies).',
        request: { params: DatasetParams },
        responses: {
          200: {
            description: 'The dataset (the ETag, on the JSON form, is its version for If-Match)',
            headers: { ETag: { schema: { type: 'string' } } },
            content: { 'application/json': { schema: DatasetSchema }, ...dcatContent },
          },
          ...problemResponses(400, 401, 404, 406),
        },
      }),
      async (c) => {
        const dataset = await getDataset(c.get('db'), c.req.valid('param').id, viewingOrganisation(c))
        c.header('Vary', 'Accept')
        const mediaType = accepts(c, {
          header: 'Accept',
          supports: ['application/json', ...dcatMediaTypes],
          default: 'application/json',
        })
        if (mediaType !== 'application/json') {
          const accessRules = await listAccessRules(c.get('db'), dataset.id, viewingOrganisation(c))
          const response = await renderDatasetDcat(c, { dataset, accessRules }, mediaType, config.publicUrl)
          return response as unknown as ReturnType<typeof c.json>
        }
        // The JSON form only: the DCAT forms also carry the access rules, which have versions of their own.
        c.header('ETag', etag(dataset.version))
        return c.json(dataset, 200)
      },
    )
    .openapi(
      createRoute({
        ...write,
        method: 'put',
        path: '/catalog/datasets/{id}',
        operationId: 'updateDataset',
        summary: 'Change a dataset',
        description:
          'Replaces the description of a dataset the caller publishes. Legal bases and data services named by `id` keep it (rules refer to them). A change that would break an access rule is refused with 409. `If-Match` guards against lost updates.',
        request: {
          params: DatasetParams,
          headers: IfMatchHeaders,
          body: jsonBody(NewDatasetSchema, 'The new description'),
        },
        responses: {
          200: {
            description: 'Changed',
            headers: { ETag: { schema: { type: 'string' } } },
            content: { 'application/json': { schema: DatasetSchema } },
          },
          ...problemResponses(400, 401, 403, 404, 409, 412, 413, 415),
        },
      }),
      async (c) => {
        const ifMatch = ifMatchVersion(c.req.valid('header')['if-match'])
        const { id } = c.req.valid('param')
        const dataset = await updateDataset(c.get('db'), writeBy(c), id, c.req.valid('json'), ifMatch)
        c.header('ETag', etag(dataset.version))
        return c.json(dataset, 200)
      },
    )
    .openapi(
      createRoute({
        ...write,
        method: 'delete',
        path: '/catalog/datasets/{id}',
        operationId: 'deleteDataset',
        summary: 'Delete a dataset',
        description:
          'Deletes a dataset the caller publishes together with its access rules: the gateway stops delivering it at once. Its history stays readable.',
        request: { params: DatasetParams, headers: IfMatchHeaders },
        responses: { 204: { description: 'Deleted' }, ...problemResponses(400, 401, 403, 404, 412) },
      }),
      async (c) => {
        const ifMatch = ifMatchVersion(c.req.valid('header')['if-match'])
        await deleteDataset(c.get('db'), actorOf(organisationCaller(c)), c.req.valid('param').id, clock(), ifMatch)
        return c.body(null, 204)
      },
    )
    .openapi(
      createRoute({
        ...read,
        method: 'get',
        path: '/catalog/datasets/{id}/versions',
        operationId: 'listDatasetVersions',
        summary: 'History of a dataset and its rules',
        description:
          'Every change of the dataset and of its access rules, oldest first: who (organisation and client), when, through which door, and the resource as it became.',
        request: { params: DatasetParams },
        responses: {
          200: { description: 'The changes', content: { 'application/json': { schema: CatalogChangeListSchema } } },
          ...problemResponses(400, 401, 404),
        },
      }),
      async (c) => {
        const items = await datasetHistory(c.get('db'), c.req.valid('param').id, viewingOrganisation(c))
        if (!items.length) throw new Problem(404, 'not-found', 'No such dataset')
        return c.json({ items }, 200)
      },
    )
}
