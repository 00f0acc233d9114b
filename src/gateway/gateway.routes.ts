import { createRoute, type RouteConfig, z } from '@hono/zod-openapi'
import { organisationCaller, requireScope } from '../auth/middleware.ts'
import type { AppDeps } from '../deps.ts'
import { createRouter, organisationSecurity, problemResponses } from '../http/openapi.ts'
import { Problem, validationFailed } from '../http/problem.ts'
import { hasValidControlDigits } from '../identifiers/fodselsnummer.ts'
import { addressGuard } from './address-guard.ts'
import { assertionSigner, gatewayJwks } from './assertion.ts'
import { GatewayCatalogCache } from './catalog-cache.ts'
import { GatewayConsentLookup } from './consent-lookup.ts'
import { rateLimiter } from './rate-limit.ts'
import { serveGatewayCall } from './service.ts'
import { fetchUpstream } from './upstream.ts'

const tags = ['Gateway']
const purposePattern = /^[a-z0-9][a-z0-9._-]{0,63}$/

const GatewayParams = z.object({
  datasetId: z.string().openapi({ description: 'The dataset', example: 'ds_4k9x0qz2m9d4x8c1v5b6' }),
  path: z.string().openapi({
    description:
      "The rest of the path, as in the data service's own API (see `GET /catalog/datasets/{id}/openapi.json`); it may span several segments. `.`, `..` and encoded slashes are refused.",
    example: 'inntekt/12858440015',
  }),
})

const GatewayHeaders = z.object({
  'deling-purpose': z.string().regex(purposePattern).openapi({
    description: 'The purpose code of your access rule or consent',
    example: 'dagpenger',
  }),
  'deling-subject': z
    .string()
    .regex(/^\d{11}$/)
    .optional()
    .openapi({
      description: 'Fødselsnummer or d-nummer the request is about: required for datasets with personal data',
      example: '12858440015',
    }),
})

const JwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).openapi('GatewayJwks', {
  example: { keys: [{ kty: 'EC', crv: 'P-256', x: '…', y: '…', kid: 'k1', alg: 'ES256', use: 'sig' }] },
})

const description = (method: string) =>
  `Brokered ${method} to the dataset's data service. Deling decides first: a rule in force for (your organisation, the dataset, Deling-Purpose) with a legal basis, or the consent in your token (accepted, unexpired, for your organisation, the dataset, the purpose and the person in Deling-Subject). It then forwards to the data service's endpoint + {path} + query with a \`Deling-Assertion\` (a JWT signed by Deling, verifiable at \`/gateway/jwks\`) instead of your token, cuts the JSON answer (one record, an array, or \`{items: [...]}\`) to the fields you may have, writes the access log, and answers. Non-JSON answers pass only under a rule that gives the whole record. A one-time consent is used by its first delivery. Denials are 403 problems whose type says why: no-rule, purpose-mismatch, consent-required, consent-revoked, consent-expired, consent-used, consent-not-accepted, consumer-mismatch, subject-mismatch, subject-required, dataset-mismatch. PUT, PATCH and DELETE are brokered the same way.`

const gatewayResponses = {
  200: {
    description: "The data service's answer, cut to your fields",
    content: {
      'application/json': {
        schema: z.unknown().openapi({ example: { personidentifikator: '12858440015', inntekt: [{ beloep: 52300 }] } }),
      },
    },
  },
  ...problemResponses(400, 401, 403, 404, 413, 415, 429),
  502: {
    description: 'The data service failed, answered too much or unreadably, or is on an address that is not allowed',
    content: problemResponses(502)[502]!.content,
  },
  504: { description: 'The data service did not answer in time', content: problemResponses(504)[504]!.content },
}

function documented(method: 'get' | 'post'): RouteConfig {
  return {
    method,
    path: '/gateway/{datasetId}/{path}',
    operationId: method === 'get' ? 'gatewayGet' : 'gatewayPost',
    summary: method === 'get' ? 'Read data through the gateway' : 'Send a request through the gateway',
    description: description(method.toUpperCase()),
    tags,
    security: organisationSecurity,
    request: {
      params: GatewayParams,
      headers: GatewayHeaders,
      ...(method === 'post'
        ? {
            body: {
              description: "Passed to the data service as it is (at most 1 MiB), in the data service's format",
              content: { 'application/json': { schema: z.unknown().openapi({ example: { periode: '2025-01' } }) } },
            },
          }
        : {}),
    },
    responses: gatewayResponses,
  }
}

/** `ANY /gateway/{datasetId}/{path}` and the keys producers verify `Deling-Assertion` with. */
export function gatewayRoutes(deps: AppDeps) {
  const { config, tokens, clock } = deps
  const settings = config.gateway
  const guard = addressGuard(settings.upstreamAllow)
  const sign = assertionSigner(config.publicUrl, deps.signEs256)
  const upstream = deps.upstream ?? fetchUpstream()
  const limit = rateLimiter(settings.rateLimitPerMinute)
  const catalog = new GatewayCatalogCache()
  const consents = new GatewayConsentLookup()
  if (deps.catalogChanges)
    catalog.listen(deps.catalogChanges).catch((error: Error) =>
      deps.logger.warn('not listening for catalog changes: the gateway reads the catalog version on every request', {
        error: error.message,
      }),
    )
  const router = createRouter()
  router.openapi(
    createRoute({
      method: 'get',
      path: '/gateway/jwks',
      operationId: 'gatewayJwks',
      summary: 'Keys that sign Deling-Assertion',
      description:
        "The public keys (JWKS) of Deling's gateway. A producer verifies each request's `Deling-Assertion` with them (ES256; `iss` is Deling's public URL, `aud` the producer's origin, `exp` 60 s after `iat`). Cache it briefly: keys rotate, and a retired key stays here until its assertions have expired.",
      tags,
      security: [],
      responses: {
        200: { description: 'The keys', content: { 'application/json': { schema: JwksSchema } } },
        ...problemResponses(503),
      },
    }),
    async (c) => {
      c.header('Cache-Control', 'public, max-age=60')
      return c.json(await gatewayJwks(c.get('db'), clock()), 200)
    },
  )
  router.openAPIRegistry.registerPath(documented('get'))
  router.openAPIRegistry.registerPath(documented('post'))

  router.on(
    ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    ['/gateway/:datasetId', '/gateway/:datasetId/*'],
    requireScope(tokens, config.publicUrl, 'deling:gateway'),
    async (c) => {
      const caller = organisationCaller(c)
      const url = new URL(c.req.url)
      const [, , rawId = '', ...rest] = url.pathname.split('/')
      const datasetId = decodeURIComponent(rawId)
      const verdict = limit(`${caller.clientId}\u0000${datasetId}`, Date.now())
      if (!verdict.allowed)
        throw new Problem(
          429,
          'too-many-requests',
          `At most ${settings.rateLimitPerMinute} requests a minute per client and dataset`,
          {
            headers: { 'Retry-After': String(verdict.retryAfterSeconds) },
          },
        )
      const purpose = c.req.header('Deling-Purpose')
      const subject = c.req.header('Deling-Subject')
      const errors = []
      if (!purpose || !purposePattern.test(purpose))
        errors.push({ in: 'header' as const, pointer: '/Deling-Purpose', detail: 'a purpose code such as dagpenger' })
      if (subject !== undefined && !hasValidControlDigits(subject))
        errors.push({ in: 'header' as const, pointer: '/Deling-Subject', detail: 'a fødselsnummer or d-nummer' })
      if (errors.length) throw validationFailed(errors)
      const body = ['GET', 'DELETE'].includes(c.req.method) ? undefined : new Uint8Array(await c.req.arrayBuffer())
      const answer = await serveGatewayCall(
        {
          db: c.get('db'),
          now: clock(),
          publicUrl: config.publicUrl,
          upstream,
          guard,
          sign,
          timeoutMs: settings.timeoutMs,
          maxBytes: settings.maxResponseBytes,
          accessLog: deps.accessLog,
          catalog,
          consents,
        },
        {
          caller,
          requestId: c.get('requestId'),
          datasetId,
          path: rest.length ? `/${rest.join('/')}` : '',
          search: url.search,
          method: c.req.method,
          purpose: purpose!,
          subject,
          accept: c.req.header('Accept'),
          contentType: c.req.header('Content-Type'),
          body: body?.byteLength ? body : undefined,
        },
      )
      return new Response(answer.body as BodyInit, {
        status: answer.status,
        // personal data: no shared cache may keep it
        headers: { 'Content-Type': answer.contentType, 'Cache-Control': 'no-store' },
      })
    },
  )
  return router
}
