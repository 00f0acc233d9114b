import { afterAll, beforeAll, describe, it } from 'vitest'
import { demoOrganisations } from '../support/tokens.ts'
import { checkAuthorization, type RoleActors } from './authorization-table.ts'
import { tableDigester } from './digest.ts'
import { type SecurityWorld, securityWorld } from './world.ts'

describe('operator routes: the operator only, not even the organisation they concern (OWASP API5)', () => {
  let world: SecurityWorld
  let table: RoleActors
  beforeAll(async () => {
    world = await securityWorld()
    // "owner" is the operator; "counterpart" the organisation the route is about (NAV), with every scope but admin.
    table = {
      actors: {
        owner: world.operator,
        counterpart: world.nav,
        otherOrganisation: world.dnb,
        citizen: world.ingrid,
        otherCitizen: world.lars,
        noOne: world.anonymous,
      },
      digest: await tableDigester(world.app),
    }
  })
  afterAll(() => world?.close())

  const operatorOnly = (owner: number) => ({
    owner,
    counterpart: 403,
    otherOrganisation: 403,
    citizen: 401,
    otherCitizen: 401,
    noOne: 401,
  })
  const nav = demoOrganisations.nav.orgnr

  it('answers 403 to organisations and 401 to citizens and anonymous callers on every route with an id', () =>
    checkAuthorization(world, table, [
      { name: 'read an organisation', method: 'GET', path: `/admin/organisations/${nav}`, expect: operatorOnly(200) },
      { name: 'list its clients', method: 'GET', path: `/admin/clients?orgnr=${nav}`, expect: operatorOnly(200) },
      {
        name: 'read a client',
        method: 'GET',
        path: `/admin/clients/${world.spareClientId}`,
        expect: operatorOnly(200),
      },
      {
        name: 'list its redirect origins',
        method: 'GET',
        path: `/admin/organisations/${nav}/redirect-origins`,
        expect: operatorOnly(200),
      },
      {
        name: 'register a redirect origin',
        method: 'POST',
        path: `/admin/organisations/${nav}/redirect-origins`,
        body: { origin: 'https://evil.example' },
        expect: operatorOnly(201),
      },
      {
        name: 'remove a redirect origin',
        method: 'DELETE',
        path: `/admin/organisations/${nav}/redirect-origins?origin=${encodeURIComponent('https://evil.example')}`,
        expect: operatorOnly(204),
      },
      {
        name: 'disable a client',
        method: 'POST',
        path: `/admin/clients/${world.spareClientId}/disable`,
        expect: operatorOnly(200),
      },
    ]))
})
