import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { persons } from '../../src/db/schema/index.ts'
import { syntheticFnr } from '../../src/demo/persons.ts'
import { osloDate, startOfOsloDay } from '../../src/fullmakt/birth-date.ts'
import { type Citizen, dnb, type FullmaktWorld, father, fullmaktWorld, mother } from './world.ts'

// A child whose 18th birthday began at midnight, Norwegian time, yesterday: the app's clock is set just before
// and just after that midnight (both in the past, so the consumers' real tokens stay valid for the app).
const yesterday = osloDate(new Date(Date.now() - 24 * 3600 * 1000))
const birthDate = `${Number(yesterday.slice(0, 4)) - 18}${yesterday.slice(4)}`
const teen = { fnr: syntheticFnr(birthDate, 500), name: 'Ola Dahl Lie' }
const comingOfAge = startOfOsloDay(yesterday)!.getTime()
const tenMinutes = 10 * 60 * 1000

describe('fullmakt: parents act for their minor child until the child turns 18', () => {
  let world: FullmaktWorld
  let at = comingOfAge - tenMinutes
  let parent: Citizen
  let child: Citizen
  let otherParent: Citizen
  let pending: string

  beforeAll(async () => {
    world = await fullmaktWorld({ offsetMs: () => at - Date.now() })
    await world.db.insert(persons).values(teen)
    await world.addParent(mother.fnr, teen.fnr)
    await world.addParent(father.fnr, teen.fnr)
    parent = await world.logInAs(mother.fnr)
    otherParent = await world.logInAs(father.fnr)
    child = await world.logInAs(teen.fnr)
    pending = await world.requestConsent(teen.fnr, dnb.orgnr)
  })
  afterAll(() => world?.app.close())

  it('shows a consent request about the child to the parents, who may answer it; the child sees who did', async () => {
    const options = (await parent.json('/me/acting-for')).body.options
    expect(options).toEqual([
      {
        fnr: teen.fnr,
        name: teen.name,
        bases: ['parent'],
        rights: ['view', 'revoke', 'accept'],
        orgnrs: null,
        pendingRequests: 1,
      },
    ])
    const myPage = (await parent.page('/me')).html
    expect(myPage).toContain('Handle for andre')
    expect(myPage).toContain('1 forespørsel om samtykke venter på svar')
    expect(myPage).toContain(`Handle for ${teen.name}`)

    expect((await parent.submit('/me/acting-for', { fnr: teen.fnr })).headers.get('Location')).toBe('/me')
    const list = await parent.json('/me/consents')
    expect(list.body.items.map((item: { id: string; status: string }) => [item.id, item.status])).toEqual([
      [pending, 'pending'],
    ])
    const screen = await parent.page(`/consent/view/${pending}`)
    expect(screen.html).toContain(`Du handler nå for ${teen.name}`)
    expect(screen.html).toContain('som forelder')
    expect(screen.html).toContain('name="decision"')
    const accepted = await parent.submit(`/consent/view/${pending}`, { decision: 'accept' })
    expect(accepted.status).toBe(303)
    expect(await world.statusOf(pending)).toBe('accepted')

    const childsPage = (await child.page('/me')).html
    expect(childsPage).toContain('Foreldre og verger')
    expect(childsPage).toContain('Hanne Lie Dahl (forelder)')
    expect(childsPage).toContain('Jonas Dahl (forelder)')
    expect(childsPage).toMatch(/Hanne Lie Dahl \(som forelder\) godtok et samtykke \(DNB Bank ASA\)/)
    // The other parent sees the child too, and nobody else's relation is theirs.
    expect(
      (await otherParent.json('/me/acting-for')).body.options.map((option: { fnr: string }) => option.fnr),
    ).toEqual([teen.fnr])
    expect((await child.json('/me/acting-for')).body.options).toEqual([])
  })

  it('loses the child at the 18th birthday, at once, even in the middle of acting for them', async () => {
    const later = await world.requestConsent(teen.fnr, dnb.orgnr)
    expect(await parent.json('/me/consents')).toMatchObject({ status: 200 })
    expect((await parent.page(`/consent/view/${later}`)).status).toBe(200)

    at = comingOfAge + tenMinutes
    const page = await parent.page('/me/consents')
    expect(page.status).toBe(200)
    expect(page.html).toContain(`Du kan ikke lenger handle for ${teen.name}`)
    expect(page.html).not.toContain(later)
    expect((await parent.page(`/consent/view/${later}`)).status).toBe(404)
    expect((await parent.json('/me/acting-for')).body).toEqual({ actingFor: null, options: [] })
    expect((await parent.post('/me/acting-for', { fnr: teen.fnr })).status).toBe(403)
    expect((await otherParent.json('/me/acting-for')).body.options).toEqual([])
    const childsPage = (await child.page('/me')).html
    expect(childsPage).not.toContain('Foreldre og verger')
    // What the parent did while the child was a minor stays on the child's page.
    expect(childsPage).toContain('godtok et samtykke')
  })
})
