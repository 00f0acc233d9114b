import type { Context } from 'hono'
import { requireCsrf } from '../../auth/citizen-login/csrf.ts'
import { currentSession, requireCitizen } from '../../auth/citizen-login/middleware.ts'
import type { AppDeps } from '../../deps.ts'
import type { AppEnv } from '../../http/env.ts'
import { createRouter } from '../../http/openapi.ts'
import { actingFor } from '../../organisation-roles/acting-for.ts'
import { organisationsOfPerson } from '../../organisation-roles/repo.ts'
import { NewRoleGrantSchema, organisationRoleNames } from '../../organisation-roles/schemas.ts'
import { grantRole, listRoleGrants, revokeRole } from '../../organisation-roles/service.ts'
import type { FieldErrors } from '../form.tsx'
import { messages } from '../i18n/index.ts'
import { accountView, pageLanguage, pagePath, renderPage } from '../layout.tsx'
import { OrganisationChooserPage, OrganisationHomePage, PeoplePage } from './pages.tsx'

const frameOf = (c: Context<AppEnv>) => ({
  language: pageLanguage(c),
  path: pagePath(c),
  account: accountView(currentSession(c)!),
})

async function renderPeople(
  c: Context<AppEnv>,
  form: { pid?: string; role?: string; errors: FieldErrors },
  status: 200 | 400 = 200,
) {
  const actor = c.get('organisationActor')!
  const frame = frameOf(c)
  const t = messages(frame.language)
  const grants = await listRoleGrants(c.get('db'), actor.orgnr, { history: true })
  const done = c.req.query('done')
  const flash = done === 'granted' ? t.orgGranted : done === 'revoked' ? t.orgRevoked : undefined
  return renderPage(
    c,
    <PeoplePage
      {...frame}
      actor={actor}
      held={grants.filter((grant) => !grant.revokedAt)}
      history={grants.filter((grant) => grant.revokedAt)}
      form={form}
      flash={status === 200 ? flash : undefined}
    />,
    { language: frame.language, status },
  )
}

/**
 * The pages where a logged-in person acts for an organisation (/org): the chooser, the organisation's start page,
 * and its admins' page for people and roles. Pages only, so they stay out of the OpenAPI document; the operator's
 * API for the same roles is /admin/organisations/{orgnr}/roles.
 */
export function organisationPageRoutes(deps: AppDeps) {
  const router = createRouter()
  router.get('/org', requireCitizen(deps, { page: true }), async (c) => {
    const choices = await organisationsOfPerson(c.get('db'), currentSession(c)!.fnr)
    const frame = frameOf(c)
    return renderPage(c, <OrganisationChooserPage {...frame} choices={choices} />, { language: frame.language })
  })
  router.get('/org/:orgnr', actingFor(deps, organisationRoleNames), async (c) => {
    const frame = frameOf(c)
    return renderPage(c, <OrganisationHomePage {...frame} actor={c.get('organisationActor')!} />, {
      language: frame.language,
    })
  })
  router.get('/org/:orgnr/people', actingFor(deps, ['admin']), (c) => renderPeople(c, { errors: {} }))
  router.post('/org/:orgnr/people', actingFor(deps, ['admin']), requireCsrf(), async (c) => {
    const actor = c.get('organisationActor')!
    const t = messages(pageLanguage(c))
    const body = await c.req.parseBody()
    const form = { pid: String(body.pid ?? '').replaceAll(/\s/g, ''), role: String(body.role ?? '') }
    const parsed = NewRoleGrantSchema.safeParse(form)
    if (!parsed.success) {
      const errors: FieldErrors = {}
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0])
        errors[field] = field === 'pid' ? t.orgGrantPidInvalid : t.orgGrantRoleInvalid
      }
      return renderPeople(c, { ...form, errors }, 400)
    }
    await grantRole(c.get('db'), actor.orgnr, parsed.data, { kind: 'person', pid: actor.pid }, deps.clock())
    return c.redirect(`/org/${actor.orgnr}/people?done=granted`, 303)
  })
  router.post('/org/:orgnr/people/:id/revoke', actingFor(deps, ['admin']), requireCsrf(), async (c) => {
    const actor = c.get('organisationActor')!
    await revokeRole(
      c.get('db'),
      actor.orgnr,
      c.req.param('id') ?? '',
      { kind: 'person', pid: actor.pid },
      deps.clock(),
    )
    return c.redirect(`/org/${actor.orgnr}/people?done=revoked`, 303)
  })
  return router
}
