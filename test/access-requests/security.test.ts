import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accessToken, demoOrganisations, registerClient } from '../support/tokens.ts'
import { type RequestWorld, requestWorld } from './world.ts'

describe('access requests: who may read and act', () => {
  let world: RequestWorld
  let id: string
  let consentOnly: string
  const actions: [string, unknown][] = [
    ['request-changes', { message: 'Endre.' }],
    ['approve', {}],
    ['reject', { reason: 'Nei.' }],
    ['withdraw', {}],
  ]
  beforeAll(async () => {
    world = await requestWorld()
    id = await world.submit()
    const client = await registerClient(world.app, demoOrganisations.digdir.orgnr, ['deling:consent.request'])
    consentOnly = await accessToken(world.app, client, 'deling:consent.request')
  })
  afterAll(() => world?.close())

  const routes = (): [string, string, unknown][] => [
    ['POST', '/access-requests', world.request()],
    ['GET', '/access-requests?role=requester', undefined],
    ['GET', '/access-requests/events', undefined],
    ['GET', `/access-requests/${id}`, undefined],
    ...actions.map(([action, body]): [string, string, unknown] => ['POST', `/access-requests/${id}/${action}`, body]),
    ['POST', `/access-requests/${id}/revise`, { ...world.request(), datasetId: undefined }],
  ]

  it('needs a token (401) with the right scope (403) on every route', async () => {
    for (const [method, path, body] of routes()) {
      const anonymous = await world.app.request(method, path, { body })
      expect(anonymous.status, `${method} ${path}`).toBe(401)
      const wrongScope = await world.app.request(method, path, { body, token: consentOnly })
      expect(wrongScope.status, `${method} ${path}`).toBe(403)
      expect(wrongScope.body.type).toMatch(/insufficient-scope$/)
    }
  })

  it('gives asking to the gateway scope and deciding to the catalog scope', async () => {
    const skatt = await world.skatteetaten()
    expect((await world.app.post('/access-requests', world.request(), { token: skatt })).status).toBe(403)
    expect((await world.app.get('/access-requests?role=requester', { token: skatt })).status).toBe(403)
    expect((await world.app.get('/access-requests?role=publisher', { token: await world.nav() })).status).toBe(403)
    for (const [action, body] of actions.slice(0, 3)) {
      const res = await world.app.post(`/access-requests/${id}/${action}`, body, { token: await world.nav() })
      expect(res.status, action).toBe(403)
    }
    // NAV with the catalog scope is still only the requester of its own request.
    const selfApproval = await world.app.post(`/access-requests/${id}/approve`, {}, { token: await world.navCatalog() })
    expect(selfApproval.status).toBe(403)
    expect(selfApproval.body.type).toMatch(/forbidden$/)
    const publisherWithdrawal = await world.app.post(
      `/access-requests/${id}/withdraw`,
      {},
      { token: await world.skatteetaten() },
    )
    expect(publisherWithdrawal.status).toBe(403)
  })

  it('hides a request from every other organisation: 404 to read or act, and nothing changes', async () => {
    const before = await world.counts()
    const dnb = await world.dnb()
    const read = await world.app.get(`/access-requests/${id}`, { token: dnb })
    expect(read.status).toBe(404)
    expect(read.body.detail).toBe(`No access request ${id}`)
    for (const [action, body] of [...actions, ['revise', { ...world.request(), datasetId: undefined }] as const]) {
      const res = await world.app.post(`/access-requests/${id}/${action}`, body, { token: dnb })
      expect(res.status, action).toBe(404)
    }
    for (const role of ['requester', 'publisher'])
      expect((await world.app.get(`/access-requests?role=${role}`, { token: dnb })).body.items).toEqual([])
    expect((await world.app.get(`/access-requests/xr_00000000000000000000`, { token: dnb })).status).toBe(404)
    expect((await world.app.get('/access-requests/not-an-id', { token: dnb })).status).toBe(400)
    expect(await world.counts()).toEqual(before)
    const seen = await world.app.get(`/access-requests/${id}`, { token: await world.nav() })
    expect(seen.body.status).toBe('submitted')
  })
})
