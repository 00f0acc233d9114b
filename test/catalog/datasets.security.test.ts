import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'
import { type CatalogActors, catalogActors, dagpengerRule, incomeDataset } from '../support/catalog.ts'

describe('catalog: one organisation never sees or changes what another keeps to itself', () => {
  let app: TestApp
  let actors: CatalogActors
  let skatt: string
  let nav: string
  let restricted: { id: string; legalBases: { id: string }[] }
  let hidden: { id: string; legalBases: { id: string }[] }
  let ruleId: string

  beforeAll(async () => {
    app = await startTestApp()
    actors = await catalogActors(app)
    skatt = await actors.skatteetaten()
    nav = await actors.nav()
    restricted = (await app.post('/catalog/datasets', incomeDataset(), { token: skatt })).body
    hidden = (
      await app.post(
        '/catalog/datasets',
        { ...incomeDataset(), title: { nb: 'Interne kontrollsaker' }, accessRights: 'NON_PUBLIC' },
        { token: skatt },
      )
    ).body
    ruleId = (
      await app.post(`/catalog/datasets/${hidden.id}/access-rules`, dagpengerRule(hidden.legalBases[0]!.id), {
        token: skatt,
      })
    ).body.id
  })
  afterAll(() => app?.close())

  it('lets another organisation read a restricted dataset but not change it (403), and changes nothing', async () => {
    expect((await app.get(`/catalog/datasets/${restricted.id}`, { token: nav })).status).toBe(200)
    const put = await app.request('PUT', `/catalog/datasets/${restricted.id}`, {
      token: nav,
      body: { ...incomeDataset(), title: { nb: 'Kapret' } },
    })
    expect(put.status).toBe(403)
    expect((await app.request('DELETE', `/catalog/datasets/${restricted.id}`, { token: nav })).status).toBe(403)
    const rule = await app.post(
      `/catalog/datasets/${restricted.id}/access-rules`,
      dagpengerRule(restricted.legalBases[0]!.id),
      { token: nav },
    )
    expect(rule.status).toBe(403)
    const after = await app.get(`/catalog/datasets/${restricted.id}`)
    expect(after.body).toMatchObject({ version: 1, title: incomeDataset().title })
    expect((await app.get(`/catalog/datasets/${restricted.id}/access-rules`)).body.items).toEqual([])
  })

  it('hides a NON_PUBLIC dataset, its rules and its history from everyone but its publisher (404)', async () => {
    for (const path of [
      `/catalog/datasets/${hidden.id}`,
      `/catalog/datasets/${hidden.id}/access-rules`,
      `/catalog/datasets/${hidden.id}/access-rules/${ruleId}`,
      `/catalog/datasets/${hidden.id}/versions`,
    ]) {
      expect((await app.get(path)).status, path).toBe(404)
      expect((await app.get(path, { token: nav })).status, path).toBe(404)
      expect((await app.get(path, { token: skatt })).status, path).toBe(200)
    }
    const put = await app.request('PUT', `/catalog/datasets/${hidden.id}`, { token: nav, body: incomeDataset() })
    expect(put.status).toBe(404)
    const ruleChange = await app.request('DELETE', `/catalog/datasets/${hidden.id}/access-rules/${ruleId}`, {
      token: nav,
    })
    expect(ruleChange.status).toBe(404)
  })

  it('leaves NON_PUBLIC datasets out of others’ searches and facets', async () => {
    const anonymous = await app.get('/catalog/datasets?q=kontrollsaker')
    expect(anonymous.body).toMatchObject({ items: [], total: 0 })
    expect((await app.get('/catalog/datasets?accessRights=NON_PUBLIC', { token: nav })).body.total).toBe(0)
    const own = await app.get('/catalog/datasets?q=kontrollsaker', { token: skatt })
    expect(own.body.items.map((dataset: { id: string }) => dataset.id)).toEqual([hidden.id])
    const facets = (await app.get('/catalog/datasets')).body.facets.accessRights
    expect(facets.map((facet: { value: string }) => facet.value)).not.toContain('NON_PUBLIC')
  })

  it('needs a token with deling:catalog.write to publish', async () => {
    const none = await app.post('/catalog/datasets', incomeDataset())
    expect(none.status).toBe(401)
    const gateway = await app.post('/catalog/datasets', incomeDataset(), { token: await actors.navGateway() })
    expect(gateway.status).toBe(403)
    expect(gateway.body.type).toMatch(/insufficient-scope$/)
  })

  it('refuses a read with a bad token rather than treating it as anonymous', async () => {
    const res = await app.get(`/catalog/datasets/${restricted.id}`, { token: 'not-a-token' })
    expect(res.status).toBe(401)
  })
})
