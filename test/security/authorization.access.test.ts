import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingrid } from '../support/citizen-browser.ts'
import { checkAuthorization, type RoleActors } from './authorization-table.ts'
import { tableDigester } from './digest.ts'
import { type SecurityWorld, securityWorld } from './world.ts'

describe('access requests and the access log: the parties, and no one else (OWASP API1, API5)', () => {
  let world: SecurityWorld
  let requester: RoleActors
  let publisher: RoleActors
  beforeAll(async () => {
    world = await securityWorld()
    const digest = await tableDigester(world.app)
    const others = {
      otherOrganisation: world.dnb,
      citizen: world.ingrid,
      otherCitizen: world.lars,
      operator: world.operator,
      noOne: world.anonymous,
    }
    requester = { actors: { ...others, owner: world.nav, counterpart: world.publisher }, digest }
    publisher = { actors: { ...others, owner: world.publisher, counterpart: world.nav }, digest }
    // One delivery to NAV of Ingrid's income, so the log has an entry with a consumer and a producer.
    const delivered = await world.app.get(`/gateway/${world.incomeDatasetId}/inntekt/${ingrid.fnr}`, {
      headers: { ...world.nav.headers, 'Deling-Purpose': 'dagpenger', 'Deling-Subject': ingrid.fnr },
    })
    expect(delivered.status, delivered.text).toBe(200)
  })
  afterAll(() => world?.close())

  const strangers = { otherOrganisation: 404, citizen: 401, otherCitizen: 401, operator: 403, noOne: 401 }

  it('lets the requester and the publisher read a request, each act only in their part, and hides it from others', async () => {
    const id = world.accessRequestId
    const path = `/access-requests/${id}`
    await checkAuthorization(world, requester, [
      { name: 'read an access request', method: 'GET', path, expect: { ...strangers, owner: 200, counterpart: 200 } },
    ])
    await checkAuthorization(world, publisher, [
      {
        name: 'ask for changes',
        method: 'POST',
        path: `${path}/request-changes`,
        body: { message: 'Begrunn behovet for beløp.' },
        expect: { ...strangers, counterpart: 403, owner: 200 },
      },
    ])
    await checkAuthorization(world, requester, [
      {
        name: 'revise',
        method: 'POST',
        path: `${path}/revise`,
        body: {
          purpose: { code: 'sykepenger', text: { nb: 'Behandle sykepenger' } },
          basis: { legalBasisId: world.legalBasisId },
          fields: ['/personidentifikator', '/inntekt/beloep'],
          justification: 'Beløpet trengs for å beregne sykepengegrunnlaget.',
        },
        expect: { ...strangers, counterpart: 403, owner: 200 },
      },
    ])
    await checkAuthorization(world, publisher, [
      {
        name: 'approve',
        method: 'POST',
        path: `${path}/approve`,
        body: {},
        expect: { ...strangers, counterpart: 403, owner: 200 },
      },
    ])
  })

  it('shows each organisation only its own log entries, and the chain and export only to the operator', async () => {
    const log = `/audit/log?datasetId=${world.incomeDatasetId}`
    const readers = { citizen: 401, otherCitizen: 401, noOne: 401 }
    await checkAuthorization(world, requester, [
      {
        name: 'read the access log',
        method: 'GET',
        path: log,
        expect: { ...readers, owner: 200, counterpart: 200, otherOrganisation: 200, operator: 200 },
      },
      {
        name: 'verify the chain',
        method: 'GET',
        path: '/audit/verify',
        expect: { ...readers, owner: 403, counterpart: 403, otherOrganisation: 403, operator: 200 },
      },
      {
        name: 'export the log',
        method: 'GET',
        path: '/audit/export',
        expect: { ...readers, owner: 403, counterpart: 403, otherOrganisation: 403, operator: 200 },
      },
    ])
    const entries = async (headers: Record<string, string>) =>
      (await world.app.get(log, { headers })).body.items.length as number
    expect(await entries(world.nav.headers)).toBe(1)
    expect(await entries(world.publisher.headers)).toBe(1)
    expect(await entries(world.dnb.headers)).toBe(0)
    expect(await entries(world.operator.headers)).toBe(0)
    const citizenLog = async (headers: Record<string, string>) =>
      (await world.app.get('/me/access-log', { headers: { ...headers, Accept: 'application/json' } })).body
    expect(JSON.stringify(await citizenLog(world.ingrid.headers))).toContain(world.incomeDatasetId)
    expect(JSON.stringify(await citizenLog(world.lars.headers))).not.toContain(world.incomeDatasetId)
  })
})
