import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { accessRequestRoutes } from './access-requests/routes.ts'
import { citizenAccessLogRoutes } from './audit/citizen.routes.tsx'
import { auditRoutes } from './audit/routes.ts'
import { authAdminRoutes } from './auth/admin.routes.ts'
import { citizenLoginRoutes } from './auth/citizen-login/portal.routes.tsx'
import { accessRuleRoutes } from './catalog/access-rules.routes.ts'
import { apiCatalogRoutes } from './catalog/apis.routes.ts'
import { datasetRoutes } from './catalog/datasets.routes.ts'
import { dcatRoutes } from './catalog/dcat.routes.ts'
import { harvestRoutes } from './catalog/harvest.routes.ts'
import { organisationAdminRoutes } from './catalog/organisations.routes.ts'
import { citizenConsentRoutes } from './consent/citizen.routes.tsx'
import { consentRoutes } from './consent/consent.routes.ts'
import type { AppDeps } from './deps.ts'
import { docsRoutes } from './docs/routes.ts'
import { fullmaktRoutes } from './fullmakt/index.ts'
import { gatewayRoutes } from './gateway/gateway.routes.ts'
import { healthRoutes } from './health/routes.ts'
import type { AppEnv } from './http/env.ts'
import { errorHandler, renderProblem } from './http/errors.ts'
import { allowedMethods } from './http/method-not-allowed.ts'
import { createRouter } from './http/openapi.ts'
import { Problem, payloadTooLarge } from './http/problem.ts'
import { requestLog } from './http/request-log.ts'
import { securityHeaders } from './http/security-headers.ts'
import { describeApi } from './openapi-document.ts'
import { organisationRoleRoutes } from './organisation-roles/routes.ts'
import { accessRequestPageRoutes } from './web/access-requests/routes.tsx'
import { catalogPageRoutes } from './web/catalog/routes.tsx'
import { homeRoutes } from './web/home.tsx'
import { myPageRoutes } from './web/me/routes.tsx'
import { organisationPageRoutes } from './web/org/routes.tsx'
import { pageProblems } from './web/page-problems.tsx'
import { publishingPageRoutes } from './web/publish/routes.ts'

export type App = OpenAPIHono<AppEnv>

export interface BuildOptions {
  /** Host-specific routes mounted before the API (the Node host mounts oidc-provider under /oidc). */
  hostRoutes?: (app: App) => void
}

const maxBodyBytes = 1024 * 1024

/** The whole Deling API as one Hono app; the Node server, the Worker and the tests all run this. */
export function buildApp(deps: AppDeps, options: BuildOptions = {}): App {
  const { config, logger } = deps
  const app = createRouter()

  app.use('*', requestLog(logger))
  app.use('*', async (c, next) => {
    const lease = deps.database()
    c.set('db', lease.db)
    try {
      await next()
    } finally {
      if (lease.release) {
        const held = c.get('databaseHeldUntil')
        const released = held ? held.finally(lease.release) : lease.release()
        try {
          c.executionCtx.waitUntil(released)
        } catch {
          await released
        }
      }
    }
  })
  // Before the host's routes, so that /oidc (the login pages and oidc-provider) sends them too.
  const security = securityHeaders(config.publicUrl)
  app.use('*', security.headers)
  app.use('/oidc', security.onNodeResponse)
  app.use('/oidc/*', security.onNodeResponse)
  options.hostRoutes?.(app)
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw payloadTooLarge()
    },
  })
  // A GET or HEAD with neither header has no body (RFC 9112 §6.3). Asking Hono's limit anyway makes the Node
  // adapter build a full Request with a body stream for every read: a sixth of the gateway's time under load.
  const bodiless = (c: Context<AppEnv>) =>
    (c.req.method === 'GET' || c.req.method === 'HEAD') &&
    !c.req.raw.headers.has('content-length') &&
    !c.req.raw.headers.has('transfer-encoding')
  app.use('*', (c, next) => (bodiless(c) ? next() : limitBody(c, next)))

  // Every page under /org answers a refused request with a page, not problem+json (the routes of several slices).
  app.use('/org', pageProblems({ href: '/org' }))
  app.use('/org/*', pageProblems({ href: '/org' }))

  app.route('/', healthRoutes(deps))
  app.route('/', datasetRoutes(deps))
  app.route('/', accessRuleRoutes(deps))
  app.route('/', harvestRoutes(deps))
  app.route('/', apiCatalogRoutes(deps))
  app.route('/', dcatRoutes(deps))
  app.route('/', consentRoutes(deps))
  app.route('/', accessRequestRoutes(deps))
  app.route('/', citizenConsentRoutes(deps))
  app.route('/', fullmaktRoutes(deps))
  app.route('/', gatewayRoutes(deps))
  app.route('/', auditRoutes(deps))
  app.route('/', citizenAccessLogRoutes(deps))
  app.route('/', organisationAdminRoutes(deps))
  app.route('/', organisationRoleRoutes(deps))
  app.route('/', authAdminRoutes(deps))
  app.route('/', docsRoutes(deps))
  app.route('/', citizenLoginRoutes(deps))
  app.route('/', catalogPageRoutes(deps))
  app.route('/', myPageRoutes(deps))
  app.route('/', organisationPageRoutes(deps))
  app.route('/', publishingPageRoutes(deps))
  app.route('/', accessRequestPageRoutes(deps))
  app.route('/', homeRoutes(deps))

  describeApi(app, config)

  app.onError(errorHandler(config.publicUrl, logger))
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname
    const allowed = allowedMethods(app.routes, path)
    if (allowed.length) {
      return renderProblem(
        c,
        new Problem(405, 'method-not-allowed', `${c.req.method} is not allowed here; use ${allowed.join(', ')}`, {
          headers: { Allow: allowed.join(', ') },
        }),
        config.publicUrl,
      )
    }
    return renderProblem(c, new Problem(404, 'not-found', `Nothing at ${path}`), config.publicUrl)
  })
  return app
}
