import { createRoute, z } from '@hono/zod-openapi'
import { organisationCaller, requireScope } from '../auth/middleware.ts'
import type { AppDeps } from '../deps.ts'
import { FeedQuery } from '../http/feed.ts'
import { createRouter, jsonBody, organisationSecurity, problemResponses } from '../http/openapi.ts'
import { ConsentEventPageSchema, ConsentId, ConsentRequestSchema, NewConsentRequestSchema } from './consent.schemas.ts'
import { consentEventPage } from './events.ts'
import { changeConsent, createConsentRequest, getConsentForConsumer, presentConsent } from './service.ts'

const tags = ['Consent']

/** The consumer side of consent (scope `deling:consent.request`), modelled on Altinn 3's consent requests. */
export function consentRoutes(deps: AppDeps) {
  const { tokens, config, clock } = deps
  const secured = {
    tags,
    security: organisationSecurity,
    middleware: requireScope(tokens, config.publicUrl, 'deling:consent.request'),
  }
  const context = () => ({ now: clock(), publicUrl: config.publicUrl })
  const consentResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: ConsentRequestSchema } },
  })
  return createRouter()
    .openapi(
      createRoute({
        ...secured,
        method: 'post',
        path: '/consent/requests',
        operationId: 'createConsentRequest',
        summary: "Ask for a citizen's consent",
        description:
          "Asks the citizen (`subject`) to consent to the delivery of datasets to the caller's organisation for a purpose. Each dataset needs an access rule with consent as its basis, for this organisation or any, and this purpose; the consent covers exactly that rule's fields. Send the citizen to `viewUri`; follow the request with `GET /consent/requests/{id}` or `GET /consent/events`.",
        request: { body: jsonBody(NewConsentRequestSchema, 'The request') },
        responses: {
          201: {
            ...consentResponse('Created, pending'),
            headers: { Location: { schema: { type: 'string' } } },
          },
          ...problemResponses(400, 401, 403, 413, 415),
        },
      }),
      async (c) => {
        const caller = organisationCaller(c)
        const consumer = { orgnr: caller.orgnr, clientId: caller.clientId }
        const consent = await createConsentRequest(c.get('db'), consumer, c.req.valid('json'), context())
        c.header('Location', `${config.publicUrl}/consent/requests/${consent.id}`)
        return c.json(consent, 201)
      },
    )
    .openapi(
      createRoute({
        ...secured,
        method: 'get',
        path: '/consent/requests/{id}',
        operationId: 'getConsentRequest',
        summary: 'Follow a consent request',
        description: "A consent request of the caller's organisation and its state; other organisations get 404.",
        request: { params: z.object({ id: ConsentId }) },
        responses: { 200: consentResponse('The request'), ...problemResponses(400, 401, 403, 404) },
      }),
      async (c) => {
        const consent = await getConsentForConsumer(
          c.get('db'),
          c.req.valid('param').id,
          organisationCaller(c).orgnr,
          context(),
        )
        return c.json(consent, 200)
      },
    )
    .openapi(
      createRoute({
        ...secured,
        method: 'post',
        path: '/consent/requests/{id}/withdraw',
        operationId: 'withdrawConsentRequest',
        summary: 'Withdraw a request or give up a consent',
        description:
          'The consumer withdraws a pending request (it becomes `withdrawn`) or gives up an accepted consent (it becomes `revoked`, and the gateway stops delivering at once).',
        request: { params: z.object({ id: ConsentId }) },
        responses: { 200: consentResponse('Withdrawn or revoked'), ...problemResponses(400, 401, 403, 404, 409) },
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        const orgnr = organisationCaller(c).orgnr
        const db = c.get('db')
        const owns = (row: { consumerOrgnr: string }) => row.consumerOrgnr === orgnr
        const current = await getConsentForConsumer(db, id, orgnr, context())
        const to = current.status === 'pending' ? 'withdrawn' : 'revoked'
        const stored = await changeConsent(db, id, { to, actor: 'consumer', now: clock() }, owns)
        return c.json(await presentConsent(db, stored, context()), 200)
      },
    )
    .openapi(
      createRoute({
        ...secured,
        method: 'get',
        path: '/consent/events',
        operationId: 'listConsentEvents',
        summary: "State changes of the caller's consent requests",
        description:
          "Every state change of the organisation's consent requests, oldest first, after the cursor `after` (start with 0; pass `next` back). With `wait` (seconds, at most 30) an empty page is held back until an event arrives (long poll).",
        request: {
          query: FeedQuery,
        },
        responses: {
          200: { description: 'A page of events', content: { 'application/json': { schema: ConsentEventPageSchema } } },
          ...problemResponses(400, 401, 403),
        },
      }),
      async (c) => {
        const page = await consentEventPage(c.get('db'), organisationCaller(c).orgnr, {
          ...c.req.valid('query'),
          now: clock,
        })
        return c.json(page, 200)
      },
    )
}
