import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RequestWorld, requestWorld } from './world.ts'

describe('access requests: the events feed', () => {
  let world: RequestWorld
  beforeAll(async () => {
    world = await requestWorld()
  })
  afterAll(() => world?.close())

  it('feeds each party the changes of its requests, cursor paged, and holds an empty page with wait', async () => {
    const { app } = world
    const navToken = await world.nav()
    const skattToken = await world.skatteetaten()
    const navStart = (await app.get('/access-requests/events?limit=500', { token: navToken })).body.next
    const skattStart = (await app.get('/access-requests/events?limit=500', { token: skattToken })).body.next

    // The publisher waits for the request to arrive.
    const publisherWaiting = app.get(`/access-requests/events?after=${skattStart}&wait=10`, { token: skattToken })
    await new Promise((resolve) => setTimeout(resolve, 300))
    const id = await world.submit()
    const arrived = await publisherWaiting
    expect(arrived.body.items).toEqual([
      {
        id: expect.stringMatching(/^ev_/),
        requestId: id,
        to: 'submitted',
        actor: { orgnr: '889640782', clientId: expect.any(String), role: 'requester', via: 'api' },
        at: expect.any(String),
        role: 'publisher',
      },
    ])

    // The requester waits for the decision.
    const navFirst = await app.get(`/access-requests/events?after=${navStart}`, { token: navToken })
    expect(navFirst.body.items).toMatchObject([{ requestId: id, to: 'submitted', role: 'requester' }])
    const requesterWaiting = app.get(`/access-requests/events?after=${navFirst.body.next}&wait=10`, { token: navToken })
    await new Promise((resolve) => setTimeout(resolve, 300))
    await app.post(`/access-requests/${id}/reject`, { reason: 'Ikke hjemmel.' }, { token: skattToken })
    const decided = await requesterWaiting
    expect(decided.body.items).toMatchObject([
      { requestId: id, from: 'submitted', to: 'rejected', message: 'Ikke hjemmel.', role: 'requester' },
    ])

    const empty = await app.get(`/access-requests/events?after=${decided.body.next}&wait=1`, { token: navToken })
    expect(empty.body).toEqual({ items: [], next: decided.body.next })
    // A third organisation sees none of it.
    const dnb = await app.get(`/access-requests/events?after=0`, { token: await world.dnb() })
    expect(dnb.body).toEqual({ items: [], next: '0' })
  })

  it('shows a token only the parts its scopes allow', async () => {
    const id = await world.submit({ purpose: { code: 'feed-scope', text: { nb: 'Test' } } })
    // NAV's catalog-only token is a publisher's token: NAV publishes nothing here, so it sees nothing.
    const asPublisher = await world.app.get('/access-requests/events?after=0', { token: await world.navCatalog() })
    expect(asPublisher.body.items).toEqual([])
    expect((await world.app.get(`/access-requests/${id}`, { token: await world.navCatalog() })).status).toBe(404)
  })

  it('refuses a bad cursor or wait', async () => {
    const token = await world.nav()
    for (const query of ['after=-1', 'wait=31', 'after=x', 'limit=0', 'other=1'])
      expect((await world.app.get(`/access-requests/events?${query}`, { token })).status, query).toBe(400)
  })
})
