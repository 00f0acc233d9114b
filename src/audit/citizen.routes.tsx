import { createRoute } from '@hono/zod-openapi'
import { citizenSession, requireCitizen } from '../auth/citizen-login/middleware.ts'
import { inLanguage } from '../consent/pages.tsx'
import type { AppDeps } from '../deps.ts'
import { actingFor, visibleConsumers } from '../fullmakt/acting.ts'
import { actingBanner } from '../fullmakt/banner.tsx'
import { createRouter, problemResponses } from '../http/openapi.ts'
import { renderPage } from '../web/layout.tsx'
import { htmlContent, pageOrJson } from '../web/page-or-json.ts'
import { CitizenAccessLogSchema, FindUsageResponseSchema, usageQuery } from './citizen.schemas.ts'
import { explainDeliveries } from './citizen-log.ts'
import { AccessLogPage } from './pages.tsx'
import { deliveriesOfSubject } from './repo.ts'

const tags = ['Citizen']
// The page and its JSON show this many; older deliveries are reached with the usages API's offset.
const pageSize = 1000

const accessLogRoute = createRoute({
  method: 'get',
  path: '/me/access-log',
  operationId: 'listMyAccessLog',
  summary: 'Who has received my data',
  description:
    "Every delivery of the logged-in citizen's data through the gateway, newest first: when, to which organisation and system, from which dataset, for which purpose, under which legal basis or consent, and which fields (in words, from the dataset's record schema). Denied requests are not listed: nothing was delivered. JSON, or a page for `Accept: text/html` (bokmål by default, `?lang=en`). While the citizen acts for someone (`/me/acting-for`), that person's deliveries to the organisations the authority covers.",
  tags,
  security: [],
  responses: {
    200: {
      description: "The citizen's deliveries",
      content: {
        'application/json': { schema: CitizenAccessLogSchema },
        ...htmlContent('<!doctype html>…<h1>Hvem har fått opplysninger om meg</h1>…'),
      },
    },
    303: { description: 'A page, not logged in: to `/auth/login?returnTo=…`, and back here afterwards' },
    ...problemResponses(401),
  },
})

const usagesRoute = createRoute({
  method: 'get',
  path: '/me/access-log/usages',
  operationId: 'findMyUsages',
  summary: 'My deliveries in the shape of Data Tracker findUsage',
  description:
    "The same deliveries for other portals, in the shape of Estonia's Data Tracker (Andmejälgija) `GET /v2/findUsage`: `periodStart`, `periodEnd`, `offset`, `limit` (default and at most 1000); `totalUsages` and `usages` with `logtime`, `action` (the purpose in words), `receiverCode` (orgnr), `receiverName` and `receiverSystem`, followed by Deling's own fields (legal basis, consent, dataset, fields). The subject is the logged-in citizen (session cookie), so the spec's `userCode` and `X-Road-UserId` are not taken; while acting for someone, theirs within the authority's organisations.",
  tags,
  security: [],
  request: { query: usageQuery },
  responses: {
    200: { description: 'The usages', content: { 'application/json': { schema: FindUsageResponseSchema } } },
    ...problemResponses(400, 401),
  },
})

/** The citizen's view of the access log: the page and its JSON, and the Data Tracker-shaped API for portals. */
export function citizenAccessLogRoutes(deps: AppDeps) {
  return (
    createRouter()
      .openapi({ ...accessLogRoute, middleware: citizenSession(deps) }, async (c) => {
        const db = c.get('db')
        return pageOrJson(c, {
          load: async (_session, { page, language }) => {
            const acting = await actingFor(c, deps, { page })
            const { total, entries } = await deliveriesOfSubject(db, {
              fnr: acting.subject.fnr,
              consumerOrgnrs: visibleConsumers(acting),
              offset: 0,
              limit: pageSize,
            })
            return { acting, total, deliveries: await explainDeliveries(db, entries, language()) }
          },
          json: ({ deliveries, total }) => ({ items: deliveries, total }),
          page: async ({ acting, deliveries, total }, frame) =>
            renderPage(
              c,
              <AccessLogPage
                {...frame}
                deliveries={deliveries}
                total={total}
                banner={await actingBanner(db, acting)}
              />,
              { language: frame.language },
            ),
        }) as never
      })
      // A portal token (a portal acting for a logged-in citizen, as eesti.ee does over X-Road) is for later:
      // for now the session cookie is the only way in.
      .openapi({ ...usagesRoute, middleware: requireCitizen(deps) }, async (c) => {
        const query = c.req.valid('query')
        const db = c.get('db')
        const acting = await actingFor(c, deps, { page: false })
        const { total, entries } = await deliveriesOfSubject(db, {
          fnr: acting.subject.fnr,
          consumerOrgnrs: visibleConsumers(acting),
          from: query.periodStart ? new Date(query.periodStart) : undefined,
          to: query.periodEnd ? new Date(query.periodEnd) : undefined,
          offset: query.offset,
          limit: query.limit,
        })
        const usages = (await explainDeliveries(db, entries, 'nb')).map((delivery) => ({
          logtime: delivery.at,
          action: inLanguage(delivery.purpose.text ?? undefined, 'nb') || delivery.purpose.code || delivery.dataset.id,
          receiverCode: delivery.receiver.orgnr,
          receiverName: delivery.receiver.name,
          receiverSystem: delivery.receiver.system,
          purposeCode: delivery.purpose.code,
          legalBasis: delivery.legalBasis?.uri ?? null,
          consentId: delivery.consent?.id ?? null,
          datasetId: delivery.dataset.id,
          datasetTitle: inLanguage(delivery.dataset.title ?? undefined, 'nb') || delivery.dataset.id,
          fields: delivery.fields.map((field) => field.pointer),
        }))
        c.header('Cache-Control', 'no-store')
        return c.json({ totalUsages: total, usages }, 200)
      })
  )
}
