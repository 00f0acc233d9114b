import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RequestWorld, requestWorld } from './world.ts'

// The embedded default runs on PGlite: the approval's rule is made in a nested transaction (a savepoint) there too.
describe('access requests on PGlite', () => {
  let world: RequestWorld
  beforeAll(async () => {
    world = await requestWorld({ driver: 'pglite' })
  })
  afterAll(() => world?.close())

  it('approves into a rule, and refuses a second approval for the same purpose atomically', async () => {
    const skatt = await world.skatteetaten()
    const first = await world.submit()
    const approved = await world.app.post(`/access-requests/${first}/approve`, {}, { token: skatt })
    expect(approved.status, approved.text).toBe(200)
    const second = await world.submit()
    const before = await world.counts()
    const conflict = await world.app.post(`/access-requests/${second}/approve`, {}, { token: skatt })
    expect(conflict.status).toBe(409)
    expect(conflict.body.detail).toBe(
      `Access rule ${approved.body.ruleId} already covers 889640782 for purpose dagpenger`,
    )
    expect(await world.counts()).toEqual(before)
    expect((await world.app.get(`/access-requests/${second}`, { token: skatt })).body.status).toBe('submitted')
  })
})
