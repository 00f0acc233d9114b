import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dagpengerRule, incomeDataset, openDataset } from '../support/catalog.ts'
import { checkAuthorization, type RoleActors } from './authorization-table.ts'
import { tableDigester } from './digest.ts'
import { type SecurityWorld, securityWorld } from './world.ts'

describe('catalog: who may read and change a dataset and its rules (OWASP API1, API5)', () => {
  let world: SecurityWorld
  let table: RoleActors
  let hidden: { id: string; ruleId: string; legalBasisId: string }
  beforeAll(async () => {
    world = await securityWorld()
    table = {
      actors: {
        owner: world.publisher,
        otherOrganisation: world.nav,
        citizen: world.ingrid,
        otherCitizen: world.lars,
        operator: world.operator,
        noOne: world.anonymous,
      },
      digest: await tableDigester(world.app),
    }
    const created = await world.app.request('POST', '/catalog/datasets', {
      headers: world.publisher.headers,
      body: { ...incomeDataset(), accessRights: 'NON_PUBLIC' },
    })
    expect(created.status, created.text).toBe(201)
    const legalBasisId = created.body.legalBases[0].id
    const rule = await world.app.request('POST', `/catalog/datasets/${created.body.id}/access-rules`, {
      headers: world.publisher.headers,
      body: dagpengerRule(legalBasisId),
    })
    hidden = { id: created.body.id, ruleId: rule.body.id, legalBasisId }
  })
  afterAll(() => world?.close())

  const hiddenRead = { owner: 200, otherOrganisation: 404, citizen: 404, otherCitizen: 404, operator: 404, noOne: 404 }
  const write = (owner: number, other: number) => ({
    owner,
    otherOrganisation: other,
    citizen: 401,
    otherCitizen: 401,
    operator: 403,
    noOne: 401,
  })

  it('keeps a NON_PUBLIC dataset, its history and its rules to its publisher', () =>
    checkAuthorization(world, table, [
      { name: 'read a NON_PUBLIC dataset', method: 'GET', path: `/catalog/datasets/${hidden.id}`, expect: hiddenRead },
      { name: 'read its versions', method: 'GET', path: `/catalog/datasets/${hidden.id}/versions`, expect: hiddenRead },
      {
        name: 'list its rules',
        method: 'GET',
        path: `/catalog/datasets/${hidden.id}/access-rules`,
        expect: hiddenRead,
      },
      {
        name: 'read one rule',
        method: 'GET',
        path: `/catalog/datasets/${hidden.id}/access-rules/${hidden.ruleId}`,
        expect: hiddenRead,
      },
    ]))

  it('lets only the publisher change a dataset and its rules: 404 where hidden, 403 where visible', () =>
    checkAuthorization(world, table, [
      {
        name: 'add a rule',
        method: 'POST',
        path: `/catalog/datasets/${hidden.id}/access-rules`,
        body: {
          ...dagpengerRule(hidden.legalBasisId),
          basis: { consent: true },
          purpose: { code: 'sykepenger', text: { nb: 'Sykepenger' } },
        },
        expect: write(201, 404),
      },
      {
        name: 'add a rule to a visible dataset of another publisher',
        method: 'POST',
        path: `/catalog/datasets/${world.incomeDatasetId}/access-rules`,
        body: {
          ...dagpengerRule(world.legalBasisId),
          purpose: { code: 'foreldrepenger', text: { nb: 'Foreldrepenger' } },
        },
        expect: write(201, 403),
      },
      {
        name: 'change a rule',
        method: 'PUT',
        path: `/catalog/datasets/${hidden.id}/access-rules/${hidden.ruleId}`,
        body: { ...dagpengerRule(hidden.legalBasisId), fields: ['/personidentifikator'] },
        expect: write(200, 404),
      },
      {
        name: 'delete a rule',
        method: 'DELETE',
        path: `/catalog/datasets/${hidden.id}/access-rules/${hidden.ruleId}`,
        expect: write(204, 404),
      },
      {
        name: 'delete a rule of a visible dataset of another publisher',
        method: 'DELETE',
        path: `/catalog/datasets/${world.incomeDatasetId}/access-rules/${world.dagpengerRuleId}`,
        expect: write(204, 403),
      },
      {
        name: 'change a NON_PUBLIC dataset (its rules gone)',
        method: 'PUT',
        path: `/catalog/datasets/${hidden.id}`,
        body: { ...incomeDataset(), accessRights: 'NON_PUBLIC' },
        expect: write(200, 404),
      },
      {
        name: 'change a PUBLIC dataset of another publisher',
        method: 'PUT',
        path: `/catalog/datasets/${world.openDatasetId}`,
        body: openDataset('Skattelister 2026'),
        expect: write(200, 403),
      },
      {
        name: 'delete a NON_PUBLIC dataset',
        method: 'DELETE',
        path: `/catalog/datasets/${hidden.id}`,
        expect: write(204, 404),
      },
      {
        name: 'delete a PUBLIC dataset of another publisher',
        method: 'DELETE',
        path: `/catalog/datasets/${world.openDatasetId}`,
        expect: write(204, 403),
      },
    ]))
})
