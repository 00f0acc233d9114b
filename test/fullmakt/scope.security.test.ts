import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'drizzle-orm'
import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { urlForSchema } from '../support/database.ts'
import {
  authorisation,
  type Citizen,
  dnb,
  type FullmaktWorld,
  fullmaktWorld,
  ingrid,
  lars,
  nav,
  sofie,
} from './world.ts'

// Ingrid (the giver) authorises Lars (the representative) in turn with each scope; Sofie is nobody to either.
describe('fullmakt: every scope boundary', () => {
  let world: FullmaktWorld
  let offsetMs = 0
  let giver: Citizen
  let representative: Citizen
  let stranger: Citizen
  const ids = {} as Record<'dnbPending' | 'dnbAccepted' | 'navPending' | 'navAccepted' | 'larsOwn', string>

  const give = async (extra: Record<string, unknown>) => {
    const created = await giver.post('/me/authorisations', authorisation(world, lars.fnr, extra))
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    return created.body.id as string
  }
  const actFor = async (who: Citizen, fnr: string | null) => who.post('/me/acting-for', { fnr })
  const consentIds = async (who: Citizen) => {
    const list = await who.json('/me/consents')
    expect(list.status).toBe(200)
    return list.body.items.map((item: { id: string }) => item.id) as string[]
  }
  const actionsOfIngrid = () =>
    world.db.execute(sql`select representative_fnr, represented_fnr, basis_kind, action, consent_id, consent_event_id
      from representative_actions where represented_fnr = ${ingrid.fnr} order by seq`)
  const rows = (result: unknown) =>
    ((result as { rows?: unknown[] }).rows ?? (result as unknown[])) as Record<string, string>[]

  beforeAll(async () => {
    world = await fullmaktWorld({ offsetMs: () => offsetMs })
    giver = await world.logInAs(ingrid.fnr)
    representative = await world.logInAs(lars.fnr)
    stranger = await world.logInAs(sofie.fnr)
    ids.dnbPending = await world.requestConsent(ingrid.fnr, dnb.orgnr)
    ids.dnbAccepted = await world.requestConsent(ingrid.fnr, dnb.orgnr)
    ids.navPending = await world.requestConsent(ingrid.fnr, nav.orgnr)
    ids.navAccepted = await world.requestConsent(ingrid.fnr, nav.orgnr)
    ids.larsOwn = await world.requestConsent(lars.fnr, dnb.orgnr)
    await world.answer(giver, ids.dnbAccepted, 'accept')
    await world.answer(giver, ids.navAccepted, 'accept')
    await world.deliver(ingrid.fnr, dnb.orgnr)
    await world.deliver(ingrid.fnr, nav.orgnr)
    await world.deliver(lars.fnr, dnb.orgnr)
  })
  afterAll(() => world?.app.close())

  it('view only: sees all the giver’s consents, but cannot revoke, accept or reject; loses everything at once on revocation', async () => {
    const id = await give({ scope: 'view' })
    const options = await representative.json('/me/acting-for')
    expect(options.body).toMatchObject({
      actingFor: null,
      options: [
        {
          fnr: ingrid.fnr,
          name: 'Ingrid Fjellheim',
          bases: ['authorisation'],
          rights: ['view'],
          orgnrs: null,
          pendingRequests: 2,
        },
      ],
    })
    expect((await actFor(representative, ingrid.fnr)).status).toBe(200)

    const seen = await consentIds(representative)
    expect(seen.sort()).toEqual([ids.dnbPending, ids.dnbAccepted, ids.navPending, ids.navAccepted].sort())
    expect(seen).not.toContain(ids.larsOwn)

    const revoke = await representative.post(`/me/consents/${ids.dnbAccepted}/revoke`)
    expect(revoke.status).toBe(403)
    expect(await world.statusOf(ids.dnbAccepted)).toBe('accepted')
    for (const decision of ['accept', 'reject']) {
      const answered = await representative.submit(`/consent/view/${ids.dnbPending}`, { decision })
      expect(answered.status).toBe(403)
      expect(await answered.text()).toContain('gir deg ikke rett til å svare')
    }
    expect(await world.statusOf(ids.dnbPending)).toBe('pending')

    const screen = await representative.page(`/consent/view/${ids.dnbPending}`)
    expect(screen.status).toBe(200)
    expect(screen.html).toContain('Du handler nå for Ingrid Fjellheim')
    expect(screen.html).not.toContain('name="decision"')
    const list = await representative.page('/me/consents')
    expect(list.html).not.toContain('/revoke"')
    expect((await representative.browser.send(`${world.app.url}/me/consents/${ids.dnbAccepted}/receipt`)).status).toBe(
      200,
    )

    // Ingrid revokes: Lars's very next request is refused once, then he is himself again.
    expect((await giver.post(`/me/authorisations/${id}/revoke`)).status).toBe(200)
    const refused = await representative.json('/me/consents')
    expect(refused.status).toBe(403)
    expect(refused.body.type).toMatch(/\/problems\/forbidden$/)
    expect(await consentIds(representative)).toEqual([ids.larsOwn])
    expect((await representative.json('/me/acting-for')).body).toEqual({ actingFor: null, options: [] })
    expect((await actFor(representative, ingrid.fnr)).status).toBe(403)
    expect((await representative.page(`/consent/view/${ids.dnbPending}`)).status).toBe(404)
  })

  it('named organisations only: revokes DNB’s consents, and never sees NAV’s consents or deliveries', async () => {
    const id = await give({ scope: 'view-and-revoke', orgnrs: [dnb.orgnr] })
    expect((await actFor(representative, ingrid.fnr)).body.actingFor).toMatchObject({
      rights: ['view', 'revoke'],
      orgnrs: [dnb.orgnr],
      pendingRequests: 1,
    })
    expect((await consentIds(representative)).sort()).toEqual([ids.dnbPending, ids.dnbAccepted].sort())
    expect((await representative.page(`/consent/view/${ids.navPending}`)).status).toBe(404)
    expect((await representative.post(`/me/consents/${ids.navAccepted}/revoke`)).status).toBe(404)
    expect((await representative.browser.send(`${world.app.url}/me/consents/${ids.navAccepted}/receipt`)).status).toBe(
      404,
    )
    expect(await world.statusOf(ids.navAccepted, nav.orgnr)).toBe('accepted')

    const log = await representative.json('/me/access-log')
    expect(log.body.total).toBe(1)
    expect(log.body.items.map((item: { receiver: { orgnr: string } }) => item.receiver.orgnr)).toEqual([dnb.orgnr])
    const usages = await representative.json('/me/access-log/usages')
    expect(usages.body.usages.map((usage: { receiverCode: string }) => usage.receiverCode)).toEqual([dnb.orgnr])
    const page = await representative.page('/me')
    expect(page.html).toContain('Min side for Ingrid Fjellheim')
    expect(page.html).toContain('Bare samtykker til: DNB Bank ASA (984851006).')
    expect(page.html).not.toContain(`data-consent="${ids.navAccepted}"`)

    expect((await representative.submit(`/consent/view/${ids.dnbPending}`, { decision: 'accept' })).status).toBe(403)
    const revoked = await representative.post(`/me/consents/${ids.dnbAccepted}/revoke`)
    expect(revoked.status).toBe(200)
    expect(await world.statusOf(ids.dnbAccepted)).toBe('revoked')

    // The change carries who acted for whom, beside its consent event; the consumer's feed names no person.
    const [action] = rows(await actionsOfIngrid()).filter((row) => row.action === 'consent-revoked')
    expect(action).toMatchObject({
      representative_fnr: lars.fnr,
      represented_fnr: ingrid.fnr,
      basis_kind: 'authorisation',
      consent_id: ids.dnbAccepted,
    })
    const events = rows(
      await world.db.execute(
        sql`select id, to_status, actor from consent_events where request_id = ${ids.dnbAccepted} order by seq`,
      ),
    )
    expect(events.at(-1)).toMatchObject({ id: action!.consent_event_id, to_status: 'revoked', actor: 'citizen' })

    const ingridsPage = (await giver.page('/me')).html
    expect(ingridsPage).toMatch(/Lars Bakken Strøm \(med fullmakt\) trakk tilbake et samtykke \(DNB Bank ASA\)/)
    expect(ingridsPage).toMatch(/Lars Bakken Strøm \(med fullmakt\) begynte å handle for deg/)
    expect(ingridsPage).toMatch(/Lars Bakken Strøm \(med fullmakt\) lastet ned en kvittering/)
    expect((await giver.post(`/me/authorisations/${id}/revoke`)).status).toBe(200)
  })

  it('answers requests only with accept granted, and records the decision as the representative’s', async () => {
    const id = await give({ scope: 'view', accept: true, orgnrs: [dnb.orgnr] })
    expect((await actFor(representative, ingrid.fnr)).status).toBe(200)
    const screen = await representative.page(`/consent/view/${ids.dnbPending}`)
    expect(screen.html).toContain('name="decision"')
    const accepted = await representative.submit(`/consent/view/${ids.dnbPending}`, { decision: 'accept' })
    expect(accepted.status).toBe(303)
    expect(accepted.headers.get('Location')).toContain('status=accepted')
    expect(await world.statusOf(ids.dnbPending)).toBe('accepted')
    // View-only for revoking: what was accepted for her, only she (or a revoking authority) takes back.
    expect((await representative.post(`/me/consents/${ids.dnbPending}/revoke`)).status).toBe(403)
    expect(rows(await actionsOfIngrid()).map((row) => row.action)).toContain('consent-accepted')
    expect((await giver.post(`/me/authorisations/${id}/revoke`)).status).toBe(200)
  })

  it('a second, unrelated citizen sees nothing and can change nothing', async () => {
    const id = await give({ scope: 'view-and-revoke' })
    expect((await actFor(stranger, ingrid.fnr)).status).toBe(403)
    expect((await stranger.json('/me/acting-for')).body).toEqual({ actingFor: null, options: [] })
    expect(await consentIds(stranger)).toEqual([])
    expect((await stranger.json('/me/access-log')).body.total).toBe(0)
    expect((await stranger.page(`/consent/view/${ids.navPending}`)).status).toBe(404)
    expect((await stranger.post(`/me/consents/${ids.navAccepted}/revoke`)).status).toBe(404)
    expect((await stranger.post(`/me/authorisations/${id}/revoke`)).status).toBe(404)
    expect((await stranger.json('/me/authorisations')).body).toEqual({ given: [], received: [] })
    expect(await world.statusOf(ids.navAccepted, nav.orgnr)).toBe('accepted')
    expect((await giver.post(`/me/authorisations/${id}/revoke`)).status).toBe(200)
  })

  it('a revocation committing while the representative revokes a consent stops that change (Postgres row lock)', async () => {
    const id = await give({ scope: 'view-and-revoke' })
    expect((await actFor(representative, ingrid.fnr)).status).toBe(200)
    // The giver's revocation, held open in a transaction of its own while the representative's change comes in.
    const other = postgres(urlForSchema(world.app.database.schema!), { max: 1, onnotice: () => {} })
    try {
      const change = await other.begin(async (revocation) => {
        await revocation`update authorisations set revoked_at = now(), revoked_by_fnr = ${ingrid.fnr} where id = ${id}`
        const pending = representative.post(`/me/consents/${ids.navAccepted}/revoke`)
        // The change must wait for the revocation rather than act on the authorisation as it was before it.
        const settled = await Promise.race([pending.then(() => 'answered'), sleep(300).then(() => 'waiting')])
        expect(settled).toBe('waiting')
        return { pending } // wrapped: returning the promise itself would wait for it inside the transaction
      })
      expect((await change.pending).status).toBe(403)
      expect(await world.statusOf(ids.navAccepted, nav.orgnr)).toBe('accepted')
    } finally {
      await other.end()
    }
  })

  it('loses access at once when the authorisation expires (the app’s clock moves past validTo)', async () => {
    const validTo = new Date(world.now().getTime() + 10 * 60 * 1000).toISOString()
    await give({ scope: 'view-and-revoke', validTo })
    expect((await actFor(representative, ingrid.fnr)).status).toBe(200)
    expect(await consentIds(representative)).toContain(ids.navAccepted)
    offsetMs = 15 * 60 * 1000
    try {
      const page = await representative.page('/me/consents')
      expect(page.status).toBe(200)
      expect(page.html).toContain('Du kan ikke lenger handle for Ingrid Fjellheim')
      expect(page.html).not.toContain(`data-consent="${ids.navAccepted}"`)
      expect(await consentIds(representative)).toEqual([ids.larsOwn])
      expect((await actFor(representative, ingrid.fnr)).status).toBe(403)
      const given = (await giver.json('/me/authorisations')).body.given
      expect(given[0]).toMatchObject({ status: 'expired', representative: { fnr: lars.fnr } })
    } finally {
      offsetMs = 0
    }
  })
})
