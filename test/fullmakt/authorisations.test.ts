import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CookieBrowser } from '../support/citizen-browser.ts'
import {
  arne,
  authorisation,
  type Citizen,
  dnb,
  type FullmaktWorld,
  fullmaktWorld,
  ingrid,
  lars,
  sofie,
} from './world.ts'

const year = 365 * 24 * 3600 * 1000

describe('fullmakt: the authorisations API and pages', () => {
  let world: FullmaktWorld
  let giver: Citizen
  let representative: Citizen

  beforeAll(async () => {
    world = await fullmaktWorld()
    giver = await world.logInAs(ingrid.fnr)
    representative = await world.logInAs(lars.fnr)
  })
  afterAll(() => world?.app.close())

  it('creates, lists as given and received, and ends an authorisation (by the giver, or given up by the representative)', async () => {
    const created = await giver.post(
      '/me/authorisations',
      authorisation(world, lars.fnr, { scope: 'view-and-revoke', orgnrs: [dnb.orgnr] }),
    )
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^fm_[0-9a-z]{20}$/),
      giver: { fnr: ingrid.fnr, name: 'Ingrid Fjellheim' },
      representative: { fnr: lars.fnr, name: 'Lars Bakken Strøm' },
      scope: 'view-and-revoke',
      accept: false,
      orgnrs: [dnb.orgnr],
      status: 'active',
    })
    expect((await giver.json('/me/authorisations')).body).toMatchObject({
      given: [{ id: created.body.id }],
      received: [],
    })
    expect((await representative.json('/me/authorisations')).body).toMatchObject({
      given: [],
      received: [{ id: created.body.id }],
    })

    const givenUp = await representative.post(`/me/authorisations/${created.body.id}/revoke`)
    expect(givenUp.body).toMatchObject({ status: 'revoked', revokedBy: 'representative' })
    expect((await giver.post(`/me/authorisations/${created.body.id}/revoke`)).status).toBe(409)

    const scheduled = await giver.post(
      '/me/authorisations',
      authorisation(world, arne.fnr, {
        validFrom: new Date(world.now().getTime() + year / 12).toISOString(),
        validTo: new Date(world.now().getTime() + year / 6).toISOString(),
      }),
    )
    expect(scheduled.body.status).toBe('scheduled')
    // Not yet in force: Arne may not act for Ingrid.
    const arnes = await world.logInAs(arne.fnr)
    expect((await arnes.json('/me/acting-for')).body.options).toEqual([])
    expect((await giver.post(`/me/authorisations/${scheduled.body.id}/revoke`)).body).toMatchObject({
      status: 'revoked',
      revokedBy: 'giver',
    })
  })

  it('refuses what cannot be an authorisation with 400 naming each field, and stores nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [authorisation(world, ingrid.fnr), '/representative'],
      [authorisation(world, '12858440016'), '/representative'],
      [authorisation(world, lars.fnr, { validTo: new Date(world.now().getTime() - 1000).toISOString() }), '/validTo'],
      [
        authorisation(world, lars.fnr, { validTo: new Date(world.now().getTime() + 4 * year).toISOString() }),
        '/validTo',
      ],
      [authorisation(world, lars.fnr, { orgnrs: ['123456785'] }), '/orgnrs/0'],
      [authorisation(world, lars.fnr, { orgnrs: [] }), '/orgnrs'],
      [authorisation(world, lars.fnr, { scope: 'everything' }), '/scope'],
      [authorisation(world, lars.fnr, { accept: 'yes' }), '/accept'],
      [{ ...authorisation(world, lars.fnr), giver: lars.fnr }, ''],
    ]
    for (const [body, pointer] of cases) {
      const res = await giver.post('/me/authorisations', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.type).toMatch(/\/problems\/validation-failed$/)
      expect(res.body.errors.map((error: { pointer: string }) => error.pointer)).toContain(pointer)
    }
    const plain = await giver.browser.send(`${world.app.url}/me/authorisations`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'X-CSRF-Token': giver.csrf },
      body: 'lars',
    })
    expect(plain.status).toBe(415)
    const forged = await giver.browser.send(`${world.app.url}/me/authorisations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': 'not-the-token' },
      body: JSON.stringify(authorisation(world, lars.fnr)),
    })
    expect(forged.status).toBe(403)
    const anonymous = await new CookieBrowser().send(`${world.app.url}/me/authorisations`, {
      headers: { Accept: 'application/json' },
    })
    expect(anonymous.status).toBe(401)
    expect((await giver.post('/me/authorisations/fm_00000000000000000000/revoke')).status).toBe(404)
    expect((await giver.post('/me/authorisations/not-an-id/revoke')).status).toBe(400)
    expect(
      (await giver.json('/me/authorisations')).body.given.filter(
        (item: { status: string }) => item.status === 'active',
      ),
    ).toEqual([])
  })

  it('gives and revokes from the page’s form, shows errors in the page’s language, and refuses while acting for another', async () => {
    const page = await giver.page('/me/authorisations')
    expect(page.html).toContain('<h1>Fullmakter</h1>')
    expect(page.html).toContain('action="/me/authorisations"')

    const wrong = await giver.submit('/me/authorisations', {
      representative: '123',
      scope: 'view',
      validTo: '2020-13-01',
      lang: 'nb',
    })
    expect(wrong.status).toBe(400)
    const wrongHtml = await wrong.text()
    expect(wrongHtml).toContain('Fullmakten ble ikke gitt')
    expect(wrongHtml).toContain('class="field field--error"')
    expect(wrongHtml).toContain('Skriv et gyldig fødselsnummer med 11 siffer, ikke ditt eget.')
    expect(wrongHtml).toContain('Velg en gyldig sluttdato etter startdatoen')
    // The last day of the calendar has no day after it: a 400 page, not a 500.
    const endOfTime = await giver.submit('/me/authorisations', {
      representative: sofie.fnr,
      scope: 'view',
      validTo: '9999-12-31',
    })
    expect(endOfTime.status).toBe(400)

    const lastDay = new Date(world.now().getTime() + year / 2).toISOString().slice(0, 10)
    const given = await giver.submit('/me/authorisations', {
      representative: sofie.fnr,
      scope: 'view-and-revoke',
      accept: 'on',
      orgnrs: dnb.orgnr,
      validTo: lastDay,
    })
    expect(given.status).toBe(303)
    expect(given.headers.get('Location')).toBe('/me/authorisations')
    const [made] = (await giver.json('/me/authorisations')).body.given
    expect(made).toMatchObject({
      representative: { fnr: sofie.fnr },
      scope: 'view-and-revoke',
      accept: true,
      orgnrs: [dnb.orgnr],
    })
    // The last day is included: in force until its end, Norwegian time.
    expect(new Date(made.validTo).getTime()).toBeGreaterThan(Date.parse(`${lastDay}T20:00:00Z`))

    const listed = await giver.page('/me')
    expect(listed.html).toContain(`action="/me/authorisations/${made.id}/revoke"`)
    const revoked = await giver.submit(`/me/authorisations/${made.id}/revoke`, { returnTo: '/me' })
    expect(revoked.status).toBe(303)
    expect(revoked.headers.get('Location')).toBe('/me')
    expect(
      (await giver.submit(`/me/authorisations/${made.id}/revoke`, { returnTo: 'https://evil.example' })).headers.get(
        'Location',
      ),
    ).toBe('/me/authorisations')

    // Acting for someone, a citizen cannot hand on or end authorisations: those are their own business.
    const forLars = await giver.post('/me/authorisations', authorisation(world, lars.fnr, { scope: 'view' }))
    expect((await representative.post('/me/acting-for', { fnr: ingrid.fnr })).status).toBe(200)
    expect((await representative.post('/me/authorisations', authorisation(world, sofie.fnr))).status).toBe(403)
    const english = await representative.page('/me/authorisations?lang=en')
    expect(english.html).toContain('You are now acting for Ingrid Fjellheim')
    expect(english.html).toContain('Go back to yourself to give or revoke authorisations.')
    expect(english.html).not.toContain('action="/me/authorisations"')
    expect((await representative.submit('/me/acting-for', { fnr: 'self' })).status).toBe(303)
    expect((await representative.json('/me/acting-for')).body.actingFor).toBeNull()
    expect((await giver.post(`/me/authorisations/${forLars.body.id}/revoke`)).status).toBe(200)
  })
})
