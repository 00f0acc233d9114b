import type { MiddlewareHandler } from 'hono'
import { currentSession, requireCitizen } from '../auth/citizen-login/middleware.ts'
import type { ChangeActor } from '../catalog/datasets.repo.ts'
import { findOrganisation } from '../catalog/organisations.ts'
import type { AppDeps } from '../deps.ts'
import type { AppEnv } from '../http/env.ts'
import { Problem } from '../http/problem.ts'
import { isValidOrgnr } from '../identifiers/orgnr.ts'
import { heldRoles } from './repo.ts'
import type { OrganisationRoleName } from './schemas.ts'

/** A logged-in person acting for an organisation, with every role they hold there now. */
export interface OrganisationActor {
  orgnr: string
  name: string
  pid: string
  roles: OrganisationRoleName[]
}

/**
 * Route middleware for the pages under `/org/{orgnr}`: a logged-in person who holds one of `roles` in that
 * organisation. The roles are read on every request, so a revoked role stops working at the next click.
 */
export function actingFor(deps: AppDeps, roles: readonly OrganisationRoleName[]): MiddlewareHandler<AppEnv> {
  const citizen = requireCitizen(deps, { page: true })
  return (c, next) =>
    citizen(c, async () => {
      const orgnr = c.req.param('orgnr') ?? ''
      const organisation = isValidOrgnr(orgnr) ? await findOrganisation(c.get('db'), orgnr) : undefined
      if (!organisation) throw new Problem(404, 'not-found', `No organisation with orgnr ${orgnr}`)
      const pid = currentSession(c)!.fnr
      const held = await heldRoles(c.get('db'), pid, orgnr)
      if (!held.some((role) => roles.includes(role)))
        throw new Problem(403, 'forbidden', `You do not act for ${organisation.name} as ${roles.join(' or ')}`)
      c.set('organisationActor', { orgnr, name: organisation.name, pid, roles: held })
      await next()
    })
}

/** The person's change to the catalog, as the catalog records it: for the organisation, by them, in the portal. */
export const portalChangeActor = (actor: OrganisationActor): ChangeActor => ({
  orgnr: actor.orgnr,
  clientId: undefined,
  pid: actor.pid,
  via: 'portal',
})
