import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { requireCsrf } from '../auth/citizen-login/csrf.ts'
import { citizenSession, currentSession, requireCitizen } from '../auth/citizen-login/middleware.ts'
import type { AppDeps } from '../deps.ts'
import type { AppEnv } from '../http/env.ts'
import { createRouter, problemResponses } from '../http/openapi.ts'
import { Problem } from '../http/problem.ts'
import { pageLanguage, renderPage } from '../web/layout.tsx'
import { type CitizenFrame, citizenFrame, htmlContent, pageOrJson, sentForm, sentJson } from '../web/page-or-json.ts'
import { actingFor } from './acting.ts'
import { actingBanner } from './banner.tsx'
import { fromForm, fromJson } from './form.ts'
import { type AuthorisationFormState, AuthorisationsPage } from './pages.tsx'
import {
  AuthorisationId,
  AuthorisationListSchema,
  AuthorisationSchema,
  NewAuthorisationFormSchema,
  NewAuthorisationSchema,
} from './schemas.ts'
import { createAuthorisation, listAuthorisations, revokeAuthorisation } from './service.ts'

const tags = ['Citizen']
const csrfNote =
  "Needs the citizen's session cookie and its CSRF token (the `csrf` form field, or `X-CSRF-Token` for a script on Deling's pages)."

const listRoute = createRoute({
  method: 'get',
  path: '/me/authorisations',
  operationId: 'listMyAuthorisations',
  summary: 'My authorisations (fullmakter)',
  description:
    'The authorisations the logged-in citizen gave and received, in every state, newest first. JSON, or for `Accept: text/html` the page with the form for a new one (bokmål by default, `?lang=en`).',
  tags,
  security: [],
  responses: {
    200: {
      description: 'Given and received',
      content: {
        'application/json': { schema: AuthorisationListSchema },
        ...htmlContent('<!doctype html>…<h1>Fullmakter</h1>…'),
      },
    },
    303: { description: 'A page, not logged in: to the login, and back here afterwards' },
    ...problemResponses(401),
  },
})

const createAuthorisationRoute = createRoute({
  method: 'post',
  path: '/me/authorisations',
  operationId: 'createMyAuthorisation',
  summary: 'Authorise another person',
  description: `The logged-in citizen (the giver) lets a representative see their consents (\`view\`), also revoke them (\`view-and-revoke\`), and, only with \`accept: true\`, answer pending requests for consent; for all consuming organisations or only \`orgnrs\`; from \`validFrom\` (default now) to \`validTo\` (at most three years ahead). Refused (403) while the citizen acts for someone else: nobody passes on authority they hold for another. ${csrfNote} From the page's form the answer is a redirect to \`/me/authorisations\`, or the page again with the errors.`,
  tags,
  security: [],
  request: {
    body: {
      required: false,
      description: 'The new authorisation',
      content: {
        'application/json': { schema: NewAuthorisationSchema },
        'application/x-www-form-urlencoded': { schema: NewAuthorisationFormSchema },
      },
    },
  },
  responses: {
    201: { description: 'Given', content: { 'application/json': { schema: AuthorisationSchema } } },
    303: { description: 'From the form: to `/me/authorisations`' },
    ...problemResponses(400, 401, 403, 413, 415),
  },
})

const revokeRoute = createRoute({
  method: 'post',
  path: '/me/authorisations/{id}/revoke',
  operationId: 'revokeMyAuthorisation',
  summary: 'Revoke an authorisation',
  description: `The giver revokes an authorisation, or the representative gives it up; it stops at once, also for a representative acting at this moment. Anybody else gets 404; one already revoked or expired gets 409. ${csrfNote} From a form the answer is a redirect back (\`returnTo\`: \`/me\` or \`/me/authorisations\`).`,
  tags,
  security: [],
  request: { params: z.object({ id: AuthorisationId }) },
  responses: {
    200: { description: 'Revoked', content: { 'application/json': { schema: AuthorisationSchema } } },
    303: { description: 'From the form: back to the page it came from' },
    ...problemResponses(400, 401, 403, 404, 409),
  },
})

// With both media types declared, the router validates the body by its own Content-Type; these name that branch.
type NewAuthorisation = z.infer<typeof NewAuthorisationSchema>
type NewAuthorisationForm = z.infer<typeof NewAuthorisationFormSchema>
type AuthorisationLists = Awaited<ReturnType<typeof listAuthorisations>>

const returnPaths = ['/me', '/me/authorisations']

/** The citizen's authorisations: list, give, revoke; JSON and pages (session cookie, CSRF on changes). */
export function authorisationRoutes(deps: AppDeps) {
  const { clock } = deps
  const api = requireCitizen(deps)

  // Managing authorisations is about oneself: refused while acting for another person.
  const requireSelf = async (c: Context<AppEnv>, page: boolean) => {
    const acting = await actingFor(c, deps, { page })
    if (acting.representative)
      throw new Problem(403, 'forbidden', 'You act for another person now: act for yourself to manage authorisations')
  }

  const renderList = async (
    c: Context<AppEnv>,
    frame: CitizenFrame,
    lists: AuthorisationLists,
    form?: AuthorisationFormState,
  ) => {
    const acting = await actingFor(c, deps, { page: true })
    return renderPage(
      c,
      <AuthorisationsPage
        {...frame}
        {...lists}
        banner={await actingBanner(c.get('db'), acting)}
        {...(form ? { form } : {})}
      />,
      { language: frame.language, ...(form ? { status: 400 as const } : {}) },
    )
  }

  return createRouter()
    .openapi(
      { ...listRoute, middleware: citizenSession(deps) },
      async (c) =>
        pageOrJson(c, {
          load: (session) => listAuthorisations(c.get('db'), session.fnr, clock()),
          json: (lists) => lists,
          page: (lists, frame) => renderList(c, frame, lists),
        }) as never,
    )
    .openapi({ ...createAuthorisationRoute, middleware: [api, requireCsrf()] }, async (c) => {
      const session = currentSession(c)!
      const db = c.get('db')
      if (sentJson(c)) {
        await requireSelf(c, false)
        const created = await createAuthorisation(
          db,
          session.fnr,
          fromJson(c.req.valid('json') as NewAuthorisation),
          clock(),
        )
        return c.json(created, 201)
      }
      if (!sentForm(c)) throw new Problem(415, 'unsupported-media-type', 'Send the body as application/json or a form')
      await requireSelf(c, true)
      const values = c.req.valid('form') as NewAuthorisationForm
      const { input, errors } = fromForm(values)
      const again = async (found: typeof errors) =>
        renderList(
          c,
          citizenFrame(c, session, pageLanguage(c, { chosen: values.lang })),
          await listAuthorisations(db, session.fnr, clock()),
          { values: { ...values, csrf: '' } as Record<string, string>, errors: found },
        )
      if (!input) return again(errors) as never
      try {
        await createAuthorisation(db, session.fnr, input, clock(), 'form')
      } catch (error) {
        if (error instanceof Problem && error.slug === 'validation-failed')
          return again(error.options.errors ?? []) as never
        throw error
      }
      return c.redirect('/me/authorisations', 303) as never
    })
    .openapi({ ...revokeRoute, middleware: [api, requireCsrf()] }, async (c) => {
      const session = currentSession(c)!
      const form = sentForm(c)
      await requireSelf(c, form)
      const revoke = () => revokeAuthorisation(c.get('db'), session.fnr, c.req.valid('param').id, clock())
      if (!form) return c.json(await revoke(), 200)
      // From a page, one that ended already (a second click) simply shows the list as it is now.
      await revoke().catch((error) => {
        if (!(error instanceof Problem && error.status === 409)) throw error
      })
      const back = (await c.req.parseBody()).returnTo
      return c.redirect(
        typeof back === 'string' && returnPaths.includes(back) ? back : '/me/authorisations',
        303,
      ) as never
    })
}
