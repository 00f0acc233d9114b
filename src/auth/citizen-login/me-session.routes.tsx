import { createRoute, z } from '@hono/zod-openapi'
import type { AppDeps } from '../../deps.ts'
import { createRouter, ProblemSchema } from '../../http/openapi.ts'
import { Problem } from '../../http/problem.ts'
import { messages } from '../../web/i18n/index.ts'
import { accountView, pageLanguage, pagePath, renderPage } from '../../web/layout.tsx'
import { citizenSession, currentSession, sessionCookieName, wantsPage } from './middleware.ts'
import { MessagePage, SessionPage } from './pages.tsx'

const CitizenSessionView = z
  .object({
    fnr: z
      .string()
      .regex(/^\d{11}$/)
      .openapi({
        description: 'Fødselsnummer or d-nummer of the logged-in citizen (`pid` from the login)',
        example: '12858440015',
      }),
    name: z.string().nullable().openapi({ description: 'Name, when Deling knows it', example: 'Ingrid Fjellheim' }),
    acr: z.string().nullable().openapi({
      description:
        'Security level of the login: `idporten-loa-substantial` or `idporten-loa-high` through ID-porten, `deling-test-idp` at the test login',
      example: 'idporten-loa-high',
    }),
    expiresAt: z.iso.datetime().openapi({
      description:
        'When the session ends unless the citizen is active again (30 minutes idle, at most 2 hours after login)',
      example: '2026-11-22T14:32:00.000Z',
    }),
  })
  .openapi('CitizenSession')

const route = createRoute({
  method: 'get',
  path: '/me/session',
  operationId: 'getCitizenSession',
  summary: 'Who is logged in',
  description: `The logged-in citizen's own session: fødselsnummer, name, security level (\`acr\`) and when it ends.

Citizens log in through the portal (\`GET /auth/login?returnTo=/me\`), which sets the session cookie
\`${sessionCookieName}\` (\`__Host-${sessionCookieName}\` over HTTPS): HttpOnly, SameSite=Lax. This operation takes no
token; the cookie is the credential, so it works from Deling's own pages only. Browsers asking for \`text/html\` get a page.`,
  tags: ['Citizen'],
  security: [],
  responses: {
    200: {
      description: 'The session of the citizen the cookie belongs to',
      content: {
        'application/json': { schema: CitizenSessionView },
        'text/html': {
          schema: z.string().openapi({ example: '<!doctype html><html lang="nb">…<h1>Din innlogging</h1>…</html>' }),
        },
      },
    },
    401: {
      description: 'Not logged in: no session cookie, or its session ended (problem `unauthorized`)',
      content: { 'application/problem+json': { schema: ProblemSchema } },
    },
  },
})

/** `GET /me/session`: JSON for scripts and tests, a page for people. */
export function meSessionRoutes(deps: AppDeps) {
  const router = createRouter()
  router.use('/me/session', citizenSession(deps))
  router.openapi(route, async (c) => {
    const session = currentSession(c)
    c.header('Cache-Control', 'no-store')
    c.header('Vary', 'Accept, Cookie')
    if (wantsPage(c)) {
      const language = pageLanguage(c)
      const t = messages(language)
      const frame = { language, path: pagePath(c) }
      if (!session) {
        return renderPage(
          c,
          <MessagePage
            {...frame}
            title={t.notLoggedInTitle}
            text={t.notLoggedInText}
            action={{ href: `/auth/login?returnTo=${encodeURIComponent(frame.path)}`, label: t.logIn }}
          />,
          { status: 401, language },
        )
      }
      return renderPage(c, <SessionPage {...frame} account={accountView(session)} session={session} />, {
        language,
      }) as never
    }
    if (!session)
      throw new Problem(401, 'login-required', 'Not logged in: log in at /auth/login to get a citizen session')
    return c.json(
      {
        fnr: session.fnr,
        name: session.name ?? null,
        acr: session.acr ?? null,
        expiresAt: session.expiresAt.toISOString(),
      },
      200,
    )
  })
  return router
}
