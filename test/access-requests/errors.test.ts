import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dagpengerRule, incomeDataset } from '../support/catalog.ts'
import { type RequestWorld, requestWorld } from './world.ts'

describe('access requests: refused input and transitions', () => {
  let world: RequestWorld
  let otherBasisId: string
  let nonDisclosure: { datasetId: string; basisId: string }
  let hiddenDatasetId: string
  let navDatasetId: string
  beforeAll(async () => {
    world = await requestWorld()
    const skatt = await world.skatteetaten()
    const other = incomeDataset()
    other.legalBases = [
      {
        type: 'non-disclosure',
        title: { nb: 'skatteforvaltningsloven § 3-1' },
        uri: 'https://lovdata.no/lov/2016-05-27-14/§3-1',
      },
    ]
    otherBasisId = (await world.app.post('/catalog/datasets', other, { token: skatt })).body.legalBases[0].id
    const withNonDisclosure = incomeDataset()
    withNonDisclosure.legalBases.push(other.legalBases[0]!)
    const created = await world.app.post('/catalog/datasets', withNonDisclosure, { token: skatt })
    nonDisclosure = { datasetId: created.body.id, basisId: created.body.legalBases[2].id }
    hiddenDatasetId = (
      await world.app.post('/catalog/datasets', { ...incomeDataset(), accessRights: 'NON_PUBLIC' }, { token: skatt })
    ).body.id
    navDatasetId = (await world.app.post('/catalog/datasets', incomeDataset(), { token: await world.navCatalog() }))
      .body.id
  })
  afterAll(() => world?.close())

  it('refuses bad requests with a problem naming each field, and stores nothing', async () => {
    const before = await world.counts()
    const cases: [string, Record<string, unknown>, string][] = [
      ['unknown dataset', { datasetId: 'ds_00000000000000000000' }, '/datasetId'],
      ['hidden dataset', { datasetId: hiddenDatasetId }, '/datasetId'],
      ['own dataset', { datasetId: navDatasetId }, '/datasetId'],
      ['field not in the schema', { fields: ['/personidentifikator', '/skattetrekk'] }, '/fields/1'],
      ['field named twice', { fields: ['/navn', '/navn'] }, '/fields'],
      ['no fields', { fields: [] }, '/fields'],
      ['not a pointer', { fields: ['navn'] }, '/fields/0'],
      ['basis of another dataset', { basis: { legalBasisId: otherBasisId } }, '/basis/legalBasisId'],
      ['unknown basis', { basis: { legalBasisId: 'lb_00000000000000000000' } }, '/basis/legalBasisId'],
      ['consent false', { basis: { consent: false } }, '/basis'],
      ['justification too long', { justification: 'x'.repeat(4001) }, '/justification'],
      ['blank justification', { justification: '   ' }, '/justification'],
      ['validTo in the past', { validTo: '2020-01-01T00:00:00Z' }, '/validTo'],
      ['unknown member', { recipient: { orgnr: '984851006' } }, ''],
      ['bad purpose code', { purpose: { code: 'Dagpenger!', text: { nb: 'x' } } }, '/purpose/code'],
    ]
    const token = await world.nav()
    for (const [name, overrides, pointer] of cases) {
      const res = await world.app.post('/access-requests', world.request(overrides), { token })
      expect(res.status, name).toBe(400)
      expect(res.headers.get('content-type'), name).toMatch(/application\/problem\+json/)
      expect(
        res.body.errors.map((error: { pointer: string }) => error.pointer),
        name,
      ).toContain(pointer)
    }
    const withNonDisclosure = await world.app.post(
      '/access-requests',
      world.request({ datasetId: nonDisclosure.datasetId, basis: { legalBasisId: nonDisclosure.basisId } }),
      { token },
    )
    expect(withNonDisclosure.status).toBe(400)
    expect(withNonDisclosure.body.errors).toEqual([
      {
        in: 'body',
        pointer: '/basis/legalBasisId',
        detail: 'a non-disclosure basis (skjermingshjemmel) cannot give access',
      },
    ])
    const malformed = await world.app.request('POST', '/access-requests', {
      token,
      rawBody: '{"datasetId":',
      contentType: 'application/json',
    })
    expect(malformed.status).toBe(400)
    expect(await world.counts()).toEqual(before)
  })

  it('accepts consent as the basis', async () => {
    const res = await world.app.post('/access-requests', world.request({ basis: { consent: true } }), {
      token: await world.nav(),
    })
    expect(res.status, res.text).toBe(201)
    expect(res.body.basis).toEqual({ consent: true })
  })

  it('refuses every transition the state table does not allow, with 409 and no change', async () => {
    const skatt = () => world.skatteetaten()
    const nav = () => world.nav()
    const act = async (id: string, action: string, token: string, body: unknown = {}) =>
      world.app.post(`/access-requests/${id}/${action}`, body, { token })
    const revision = { ...world.request(), datasetId: undefined }
    const approved = await world.submit({ purpose: { code: 'a-approved', text: { nb: 'x' } } })
    expect((await act(approved, 'approve', await skatt())).status).toBe(200)
    const rejected = await world.submit()
    expect((await act(rejected, 'reject', await skatt(), { reason: 'Nei.' })).status).toBe(200)
    const withdrawn = await world.submit()
    expect((await act(withdrawn, 'withdraw', await nav())).status).toBe(200)
    const changes = await world.submit()
    expect((await act(changes, 'request-changes', await skatt(), { message: 'Færre felt.' })).status).toBe(200)
    const submitted = await world.submit()

    const refused: [string, string, 'nav' | 'skatt', unknown][] = [
      [submitted, 'revise', 'nav', revision],
      [changes, 'approve', 'skatt', {}],
      [changes, 'request-changes', 'skatt', { message: 'Igjen.' }],
    ]
    for (const id of [approved, rejected, withdrawn]) {
      refused.push(
        [id, 'approve', 'skatt', {}],
        [id, 'reject', 'skatt', { reason: 'Nei.' }],
        [id, 'request-changes', 'skatt', { message: 'Endre.' }],
        [id, 'revise', 'nav', revision],
        [id, 'withdraw', 'nav', {}],
      )
    }
    const before = await world.counts()
    for (const [id, action, who, body] of refused) {
      const statusBefore = (await world.app.get(`/access-requests/${id}`, { token: await nav() })).body.status
      const res = await act(id, action, who === 'nav' ? await nav() : await skatt(), body)
      expect(res.status, `${statusBefore} ${action}`).toBe(409)
      expect(res.body.detail).toMatch(/cannot become/)
      expect((await world.app.get(`/access-requests/${id}`, { token: await nav() })).body.status).toBe(statusBefore)
    }
    expect(await world.counts()).toEqual(before)
  })

  it('refuses a bad revision with 400 and keeps the request as it was', async () => {
    const id = await world.submit()
    await world.app.post(
      `/access-requests/${id}/request-changes`,
      { message: 'Færre felt.' },
      {
        token: await world.skatteetaten(),
      },
    )
    const before = await world.counts()
    const res = await world.app.post(
      `/access-requests/${id}/revise`,
      { ...world.request(), datasetId: undefined, fields: ['/finnes-ikke'] },
      { token: await world.nav() },
    )
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/fields/0' })])
    const after = await world.app.get(`/access-requests/${id}`, { token: await world.nav() })
    expect(after.body).toMatchObject({ status: 'changes-requested', fields: world.request().fields })
    expect(await world.counts()).toEqual(before)
  })

  it('answers an approval that would duplicate a rule with the catalog’s 409, changing nothing', async () => {
    const id = await world.submit()
    const skatt = await world.skatteetaten()
    const rule = await world.app.post(
      `/catalog/datasets/${world.datasetId}/access-rules`,
      dagpengerRule(world.legalBasisIds.disclosure),
      { token: skatt },
    )
    expect(rule.status).toBe(201)
    const before = await world.counts()
    const res = await world.app.post(`/access-requests/${id}/approve`, {}, { token: skatt })
    expect(res.status).toBe(409)
    expect(res.body.detail).toBe(`Access rule ${rule.body.id} already covers 889640782 for purpose dagpenger`)
    expect(await world.counts()).toEqual(before)
    const still = await world.app.get(`/access-requests/${id}`, { token: skatt })
    expect(still.body.status).toBe('submitted')
    expect(still.body.ruleId).toBeUndefined()
    // The request is still open to a decision.
    expect(
      (await world.app.post(`/access-requests/${id}/reject`, { reason: 'Har regel.' }, { token: skatt })).status,
    ).toBe(200)
  })

  it('answers 409 when the dataset changed so that the request no longer fits, changing nothing', async () => {
    const skatt = await world.skatteetaten()
    const dataset = (await world.app.post('/catalog/datasets', incomeDataset(), { token: skatt })).body
    const id = await world.submit({
      datasetId: dataset.id,
      basis: { legalBasisId: dataset.legalBases[0].id },
      fields: ['/navn'],
    })
    const { id: _id, publisher, version, createdAt, updatedAt, ...input } = dataset
    const withoutName = {
      ...input,
      recordSchema: { type: 'object', properties: { personidentifikator: { type: 'string' } } },
    }
    expect(
      (await world.app.request('PUT', `/catalog/datasets/${dataset.id}`, { body: withoutName, token: skatt })).status,
    ).toBe(200)
    const before = await world.counts()
    const res = await world.app.post(`/access-requests/${id}/approve`, {}, { token: skatt })
    expect(res.status).toBe(409)
    expect(res.body.detail).toBe(
      `The request no longer fits dataset ${dataset.id}: /fields/0 /navn is not in the record schema`,
    )
    expect(await world.counts()).toEqual(before)
  })

  it('refuses an approval validTo in the past', async () => {
    const id = await world.submit({ purpose: { code: 'past', text: { nb: 'x' } } })
    const res = await world.app.post(
      `/access-requests/${id}/approve`,
      { validTo: '2020-01-01T00:00:00Z' },
      {
        token: await world.skatteetaten(),
      },
    )
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/validTo' })])
  })
})
