import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'
import { type CatalogActors, catalogActors, dagpengerRule, incomeDataset, openDataset } from '../support/catalog.ts'

describe.each(['postgres', 'pglite'] as const)('publishing datasets and access rules on %s', (driver) => {
  let app: TestApp
  let actors: CatalogActors
  let skatt: string

  beforeAll(async () => {
    app = await startTestApp({ driver })
    actors = await catalogActors(app)
    skatt = await actors.skatteetaten()
  })
  afterAll(() => app?.close())

  it('publishes a dataset for the token’s organisation and reads it back without a token', async () => {
    const created = await app.post('/catalog/datasets', incomeDataset(), { token: skatt })
    expect(created.status).toBe(201)
    expect(created.headers.get('etag')).toBe('"1"')
    expect(created.headers.get('location')).toBe(`${app.url}/catalog/datasets/${created.body.id}`)
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^ds_[0-9a-z]{20}$/),
      publisher: {
        orgnr: '974761076',
        name: 'Skatteetaten',
        uri: 'https://data.brreg.no/enhetsregisteret/api/enheter/974761076',
      },
      title: incomeDataset().title,
      accessRights: 'RESTRICTED',
      containsPersonalData: true,
      version: 1,
    })
    expect(created.body.legalBases.map((basis: { id: string }) => basis.id)).toEqual([
      expect.stringMatching(/^lb_/),
      expect.stringMatching(/^lb_/),
    ])
    expect(created.body.dataServices[0].id).toMatch(/^dsv_/)

    const read = await app.get(`/catalog/datasets/${created.body.id}`)
    expect(read.status).toBe(200)
    expect(read.body).toEqual(created.body)
  })

  it('changes a dataset, keeps the ids of legal bases it names, and keeps every version', async () => {
    const { body: dataset } = await app.post('/catalog/datasets', incomeDataset(), { token: skatt })
    const changed = {
      ...incomeDataset(),
      title: { nb: 'A-ordningen: inntekt' },
      legalBases: [{ ...incomeDataset().legalBases[0]!, id: dataset.legalBases[0].id }],
    }
    const put = await app.request('PUT', `/catalog/datasets/${dataset.id}`, {
      token: skatt,
      body: changed,
      headers: { 'If-Match': '"1"' },
    })
    expect(put.status).toBe(200)
    expect(put.body.version).toBe(2)
    expect(put.body.legalBases).toEqual([{ ...incomeDataset().legalBases[0], id: dataset.legalBases[0].id }])

    const versions = await app.get(`/catalog/datasets/${dataset.id}/versions`)
    expect(versions.status).toBe(200)
    expect(
      versions.body.items.map((change: { change: string; version: number }) => [change.change, change.version]),
    ).toEqual([
      ['created', 1],
      ['updated', 2],
    ])
    expect(versions.body.items[1]).toMatchObject({
      resource: 'dataset',
      by: { orgnr: '974761076', clientId: expect.any(String) },
      via: 'api',
      snapshot: { title: { nb: 'A-ordningen: inntekt' } },
    })
  })

  it('adds, reads, changes and deletes an access rule, each change versioned', async () => {
    const { body: dataset } = await app.post('/catalog/datasets', incomeDataset(), { token: skatt })
    const rule = dagpengerRule(dataset.legalBases[0].id)
    const added = await app.post(`/catalog/datasets/${dataset.id}/access-rules`, rule, { token: skatt })
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({ ...rule, id: expect.stringMatching(/^ar_/), datasetId: dataset.id, version: 1 })

    const listed = await app.get(`/catalog/datasets/${dataset.id}/access-rules`)
    expect(listed.body.items).toEqual([added.body])

    const consentRule = {
      recipient: 'any',
      purpose: { code: 'laanesoknad', text: { nb: 'Vurdere søknad om lån' } },
      basis: { consent: true },
      fields: ['/inntekt'],
      oneTime: true,
      validTo: '2030-01-01T00:00:00Z',
    }
    const consent = await app.post(`/catalog/datasets/${dataset.id}/access-rules`, consentRule, { token: skatt })
    expect(consent.status).toBe(201)
    expect(consent.body).toMatchObject({
      recipient: 'any',
      basis: { consent: true },
      validTo: '2030-01-01T00:00:00.000Z',
    })

    const path = `/catalog/datasets/${dataset.id}/access-rules/${added.body.id}`
    const put = await app.request('PUT', path, { token: skatt, body: { ...rule, fields: ['/personidentifikator'] } })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ fields: ['/personidentifikator'], version: 2 })
    expect((await app.get(path)).body.fields).toEqual(['/personidentifikator'])

    expect((await app.request('DELETE', path, { token: skatt, headers: { 'If-Match': '"2"' } })).status).toBe(204)
    expect((await app.get(path)).status).toBe(404)
    const history = (await app.get(`/catalog/datasets/${dataset.id}/versions`)).body.items
    expect(
      history
        .filter((change: { resourceId: string }) => change.resourceId === added.body.id)
        .map((change: { change: string }) => change.change),
    ).toEqual(['created', 'updated', 'deleted'])
  })

  it('deletes a dataset with its rules; the history stays readable', async () => {
    const { body: dataset } = await app.post('/catalog/datasets', incomeDataset(), { token: skatt })
    await app.post(`/catalog/datasets/${dataset.id}/access-rules`, dagpengerRule(dataset.legalBases[0].id), {
      token: skatt,
    })
    expect((await app.request('DELETE', `/catalog/datasets/${dataset.id}`, { token: skatt })).status).toBe(204)
    expect((await app.get(`/catalog/datasets/${dataset.id}`)).status).toBe(404)
    const history = (await app.get(`/catalog/datasets/${dataset.id}/versions`)).body.items
    expect(
      history.map((change: { resource: string; change: string }) => `${change.resource} ${change.change}`),
    ).toEqual(['dataset created', 'access-rule created', 'access-rule deleted', 'dataset deleted'])
  })

  it('finds a dataset as soon as it is published, and no longer once it is deleted', async () => {
    expect((await app.get('/catalog/datasets?q=fiskeflåten')).body.total).toBe(0)
    const { body: dataset } = await app.post('/catalog/datasets', openDataset('Fiskeflåten'), { token: skatt })
    expect((await app.get('/catalog/datasets?q=fiskeflåten')).body.items.map((d: { id: string }) => d.id)).toEqual([
      dataset.id,
    ])
    await app.request('DELETE', `/catalog/datasets/${dataset.id}`, { token: skatt })
    expect((await app.get('/catalog/datasets?q=fiskeflåten')).body.total).toBe(0)
  })

  it('searches in Norwegian and English with prefixes, filters and facets, and pages with a cursor', async () => {
    const nav = await actors.nav()
    const income = (await app.post('/catalog/datasets', incomeDataset(), { token: skatt })).body
    await app.post(`/catalog/datasets/${income.id}/access-rules`, dagpengerRule(income.legalBases[0].id), {
      token: skatt,
    })
    for (const title of ['Arbeidssøkere', 'Sykepengeperioder', 'Ytelser fra NAV'])
      await app.post('/catalog/datasets', openDataset(title), { token: nav })

    const byPrefix = await app.get('/catalog/datasets?q=inntekts')
    expect(byPrefix.status).toBe(200)
    expect(byPrefix.body.items.map((dataset: { id: string }) => dataset.id)).toContain(income.id)
    expect((await app.get('/catalog/datasets?q=income')).body.items.map((d: { id: string }) => d.id)).toContain(
      income.id,
    )
    expect(
      (await app.get('/catalog/datasets?q=sykepenger')).body.items.map((d: { title: { nb: string } }) => d.title.nb),
    ).toEqual(['Sykepengeperioder'])

    const byLaw = await app.get(`/catalog/datasets?legalBasis=${encodeURIComponent('a-opplysningsloven')}`)
    expect(
      byLaw.body.items.every((dataset: { publisher: { orgnr: string } }) => dataset.publisher.orgnr === '974761076'),
    ).toBe(true)
    // NAV may receive the income dataset by its rule; its own open datasets have no rules at all.
    const forNav = await app.get('/catalog/datasets?recipient=889640782&limit=100')
    expect(forNav.body.items.map((d: { id: string }) => d.id)).toContain(income.id)
    expect(forNav.body.items.every((d: { accessRights: string }) => d.accessRights === 'RESTRICTED')).toBe(true)

    const navOnly = await app.get('/catalog/datasets?publisher=889640782&limit=2')
    expect(navOnly.body.total).toBe(3)
    expect(navOnly.body.items).toHaveLength(2)
    expect(navOnly.body.facets.publisher).toEqual([
      { value: '889640782', label: 'Arbeids- og velferdsetaten', count: 3 },
    ])
    const second = await app.get(`/catalog/datasets?publisher=889640782&limit=2&cursor=${navOnly.body.next}`)
    expect(second.body.items.map((d: { title: { nb: string } }) => d.title.nb)).toEqual(['Ytelser fra NAV'])
    expect(second.body.next).toBeUndefined()
    expect(second.body.facets).toBeUndefined()

    const all = await app.get('/catalog/datasets?limit=100')
    expect(all.body.facets.accessRights).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 'PUBLIC', count: 3 })]),
    )
    expect(all.body.facets.legalBasis[0]).toMatchObject({ label: expect.stringContaining('§') })
    expect(all.body.facets.theme).toContainEqual({
      value: 'http://publications.europa.eu/resource/authority/data-theme/ECON',
      label: 'Økonomi og finans',
      count: expect.any(Number),
    })
  })
})
