import { afterAll, beforeAll, describe, it } from 'vitest'
import { checkAuthorization, type RoleActors } from './authorization-table.ts'
import { tableDigester } from './digest.ts'
import { type SecurityWorld, securityWorld } from './world.ts'

describe('consent: the consumer and the citizen, and no one else (OWASP API1, API5)', () => {
  let world: SecurityWorld
  let consumerSide: RoleActors
  let citizenSide: RoleActors
  beforeAll(async () => {
    world = await securityWorld()
    const digest = await tableDigester(world.app)
    const others = { citizen: world.ingrid, otherCitizen: world.lars, operator: world.operator, noOne: world.anonymous }
    consumerSide = { actors: { ...others, owner: world.dnb, otherOrganisation: world.nav }, digest }
    // The citizen side: the data subject owns the consent; the other organisation is the consumer itself.
    citizenSide = {
      actors: {
        owner: world.ingrid,
        otherCitizen: world.lars,
        otherOrganisation: world.dnb,
        operator: world.operator,
        noOne: world.anonymous,
      },
      digest,
    }
  })
  afterAll(() => world?.close())

  const consumerOnly = (owner: number) => ({
    owner,
    otherOrganisation: 404,
    citizen: 401,
    otherCitizen: 401,
    operator: 403,
    noOne: 401,
  })

  it('shows a consent request to the organisation that asked, and lets only it withdraw', () =>
    checkAuthorization(world, consumerSide, [
      {
        name: 'read a consent request',
        method: 'GET',
        path: `/consent/requests/${world.pendingConsentId}`,
        expect: consumerOnly(200),
      },
      {
        name: 'withdraw a consent request',
        method: 'POST',
        path: `/consent/requests/${world.pendingConsentId}/withdraw`,
        expect: consumerOnly(200),
      },
    ]))

  it('shows and decides a consent only for its subject; another citizen gets 404, organisations the login', () =>
    checkAuthorization(world, citizenSide, [
      {
        name: 'read the consent screen',
        method: 'GET',
        path: `/consent/view/${world.acceptedConsentId}`,
        accept: 'text/html',
        expect: { owner: 200, otherCitizen: 404, otherOrganisation: 303, operator: 303, noOne: 303 },
      },
      {
        name: 'download the receipt',
        method: 'GET',
        path: `/me/consents/${world.acceptedConsentId}/receipt`,
        expect: { owner: 200, otherCitizen: 404, otherOrganisation: 401, operator: 401, noOne: 401 },
      },
      {
        name: 'revoke the consent',
        method: 'POST',
        path: `/me/consents/${world.acceptedConsentId}/revoke`,
        expect: { owner: 200, otherCitizen: 404, otherOrganisation: 401, operator: 401, noOne: 401 },
      },
    ]))
})
