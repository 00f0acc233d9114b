import { createRoute } from '@hono/zod-openapi'
import type { Context, MiddlewareHandler } from 'hono'
import { authenticateRequest, organisationCaller } from '../auth/middleware.ts'
import type { AppDeps } from '../deps.ts'
import type { AppEnv } from '../http/env.ts'
import { createRouter, organisationSecurity, problemResponses } from '../http/openapi.ts'
import { jsonPointer, Problem, validationFailed } from '../http/problem.ts'
import { harvestBodyContent } from './harvest.examples.ts'
import { HarvestReportSchema, HarvestSourceSchema } from './harvest.schemas.ts'
import { harvestCatalog, harvestSource } from './harvest.ts'

const harvestScopes = ['deling:catalog.write', 'deling:admin']

/** An organisation token with `deling:catalog.write` (its own datasets) or `deling:admin` (the operator: all). */
function requireHarvester(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const caller = await authenticateRequest(c, deps.tokens, deps.config.publicUrl)
    if (caller.kind !== 'organisation')
      throw new Problem(403, 'forbidden', 'This operation is for organisations, not citizens')
    if (!harvestScopes.some((scope) => caller.scopes.has(scope))) {
      throw new Problem(403, 'insufficient-scope', `This operation needs the scope ${harvestScopes.join(' or ')}`, {
        headers: {
          'WWW-Authenticate': `Bearer realm="deling", error="insufficient_scope", scope="${harvestScopes[0]}"`,
        },
      })
    }
    await next()
  }
}

/** The `{url}` form of the body, checked here because the route declares no zod body (see harvestBodyContent). */
async function sourceUrl(c: Context<AppEnv>): Promise<string> {
  let json: unknown
  try {
    json = JSON.parse(await c.req.text())
  } catch {
    throw new Problem(400, 'malformed-json', 'The request body is not valid JSON')
  }
  const parsed = HarvestSourceSchema.safeParse(json)
  if (parsed.success) return parsed.data.url
  throw validationFailed(
    parsed.error.issues.map((issue) => ({
      in: 'body' as const,
      pointer: jsonPointer(issue.path),
      detail: `${issue.message} (send a JSON-LD document as application/ld+json)`,
    })),
  )
}

/** Harvest import: a DCAT-AP-NO document, posted or fetched from a registered source, into the catalog. */
export function harvestRoutes(deps: AppDeps) {
  const { config, clock } = deps
  const router = createRouter()
  // The body is documented by a $ref (see harvestBodyContent), so the schema is registered by hand.
  router.openAPIRegistry.register('HarvestSource', HarvestSourceSchema)
  return router.openapi(
    createRoute({
      tags: ['Catalog'],
      security: organisationSecurity,
      middleware: requireHarvester(deps),
      method: 'post',
      path: '/catalog/harvest',
      operationId: 'harvestCatalog',
      summary: 'Import a DCAT-AP-NO catalog',
      description:
        'Imports the datasets of a DCAT-AP-NO document with their legal bases (all three encodings) and data services. Post the document (Turtle, RDF/XML, JSON-LD, N-Triples; also N-Quads and TriG; at most 1 MiB) or `{"url": …}` as JSON to have Deling fetch it from a source the operator registered (`DELING_HARVEST_SOURCES`; 15 s, 10 MiB). An organisation (`deling:catalog.write`) imports only the datasets it publishes, and a dataset that names no publisher as its own; the operator (`deling:admin`) imports every dataset for its publisher and registers unknown publishers by orgnr. A dataset is recognised at the next harvest by its publisher and IRI: it is updated (legal bases, data services, record schema and producer OpenAPI documents keep what access rules rely on) or left unchanged. One bad dataset never fails the harvest: the report says per dataset created, updated, unchanged or skipped, and each problem by resource and property. A document that is not RDF is a 400.',
      request: {
        body: { required: true, description: 'The catalog, or where to fetch it', content: harvestBodyContent },
      },
      responses: {
        200: {
          description: 'What was imported, and every problem by resource and property',
          content: { 'application/json': { schema: HarvestReportSchema } },
        },
        ...problemResponses(400, 401, 403, 413, 415),
        502: {
          ...problemResponses(502)[502]!,
          description: 'The registered source could not be fetched or did not answer with RDF (`upstream-failed`)',
        },
      },
    }),
    async (c) => {
      const caller = organisationCaller(c)
      const input = { caller, now: clock(), checkProducerApi: deps.checkProducerApi, publicUrl: config.publicUrl }
      const contentType = c.req.header('content-type') ?? ''
      const mediaType = contentType.split(';')[0]!.trim().toLowerCase()
      const report =
        mediaType === 'application/json'
          ? await harvestSource(c.get('db'), { ...input, url: await sourceUrl(c), sources: config.harvestSources })
          : await harvestCatalog(c.get('db'), {
              ...input,
              body: await c.req.text(),
              contentType,
              // Relative IRIs in a posted document resolve against this fixed base, so they are stable across harvests.
              baseIri: `${config.publicUrl}/catalog/harvest`,
            })
      return c.json(report, 200)
    },
  )
}
