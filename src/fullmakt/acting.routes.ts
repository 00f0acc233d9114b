import { createRoute, type z } from '@hono/zod-openapi'
import { requireCsrf } from '../auth/citizen-login/csrf.ts'
import { currentSession, requireCitizen } from '../auth/citizen-login/middleware.ts'
import type { AppDeps } from '../deps.ts'
import { createRouter, problemResponses } from '../http/openapi.ts'
import { Problem } from '../http/problem.ts'
import { classifyIdentityNumber } from '../identifiers/fodselsnummer.ts'
import { pageLanguage } from '../web/layout.tsx'
import { sentForm, sentJson } from '../web/page-or-json.ts'
import { actingFor, chooseActingFor } from './acting.ts'
import { ActingForChoiceSchema, ActingForFormSchema, ActingForSchema } from './schemas.ts'
import { representedPeople } from './service.ts'

const tags = ['Citizen']

const getRoute = createRoute({
  method: 'get',
  path: '/me/acting-for',
  operationId: 'getMyActingFor',
  summary: 'Whom I act for',
  description:
    "The person this session acts for (null: oneself) and everyone the logged-in citizen may act for now: by an authorisation they gave, as a parent of a minor child, or as a guardian, with the rights and organisations that holds for and the pending requests for consent they can see. While acting for someone, `/me/consents`, `/consent/view/{id}`, receipts and `/me/access-log` show that person's data within those limits. A JSON caller whose authority ended since the last request gets 403 once, and acts for itself again.",
  tags,
  security: [],
  responses: {
    200: { description: 'The choice and the options', content: { 'application/json': { schema: ActingForSchema } } },
    ...problemResponses(401, 403),
  },
})

const chooseRoute = createRoute({
  method: 'post',
  path: '/me/acting-for',
  operationId: 'chooseMyActingFor',
  summary: 'Act for someone, or for oneself again',
  description:
    "Starts acting for `fnr` in this session (kept with the session, never in URLs; gone at logout), or for oneself again with `null` (a form sends `self`). Someone the citizen may not act for now is 403, whether or not the number belongs to anyone. The represented person sees on their own page that the representative started acting for them. Needs the session cookie and its CSRF token (`csrf` form field or `X-CSRF-Token`). From the page's form the answer is a redirect to `/me`.",
  tags,
  security: [],
  request: {
    body: {
      required: false,
      description: 'Whom to act for',
      content: {
        'application/json': { schema: ActingForChoiceSchema },
        'application/x-www-form-urlencoded': { schema: ActingForFormSchema },
      },
    },
  },
  responses: {
    200: { description: 'Acting as chosen', content: { 'application/json': { schema: ActingForSchema } } },
    303: { description: 'From the form: to `/me`' },
    ...problemResponses(400, 401, 403, 413, 415),
  },
})

/** The "acting for" switch: read it, set it (JSON for scripts, a form on "my page"). */
export function actingForRoutes(deps: AppDeps) {
  const { clock } = deps
  const api = requireCitizen(deps)
  return createRouter()
    .openapi({ ...getRoute, middleware: api }, async (c) => {
      const session = currentSession(c)!
      const acting = await actingFor(c, deps, { page: false })
      const options = await representedPeople(c.get('db'), session.fnr, clock())
      const current = acting.representative
        ? (options.find((person) => person.fnr === acting.subject.fnr) ?? null)
        : null
      c.header('Cache-Control', 'no-store')
      return c.json({ actingFor: current, options }, 200)
    })
    .openapi({ ...chooseRoute, middleware: [api, requireCsrf()] }, async (c) => {
      const session = currentSession(c)!
      const db = c.get('db')
      if (sentJson(c)) {
        const chosen = await chooseActingFor(
          db,
          session,
          (c.req.valid('json') as z.infer<typeof ActingForChoiceSchema>).fnr,
          clock(),
        )
        return c.json({ actingFor: chosen, options: await representedPeople(db, session.fnr, clock()) }, 200)
      }
      if (!sentForm(c)) throw new Problem(415, 'unsupported-media-type', 'Send the body as application/json or a form')
      // The router validated the body by its Content-Type: here, the form.
      const { fnr, lang } = c.req.valid('form') as z.infer<typeof ActingForFormSchema>
      if (fnr !== 'self' && !classifyIdentityNumber(fnr))
        throw new Problem(400, 'validation-failed', 'fnr must be `self` or a fødselsnummer', {
          errors: [
            { in: 'form', pointer: '/fnr', detail: 'self, or a fødselsnummer or d-nummer with valid control digits' },
          ],
        })
      await chooseActingFor(db, session, fnr === 'self' ? null : fnr, clock())
      // Remembers the page's language, so "my page" keeps it after the redirect.
      pageLanguage(c, { chosen: lang })
      return c.redirect('/me', 303) as never
    })
}
