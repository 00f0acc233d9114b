import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { grantRole, revokeRole } from '../../src/organisation-roles/service.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { seedPersons } from '../support/citizen-browser.ts'
import {
  arne,
  ensureOrganisation,
  giveRole,
  ingrid,
  lars,
  type PortalPerson,
  portalPerson,
  sofie,
} from '../support/portal.ts'
import { accessToken, demoOrganisations, registerClient } from '../support/tokens.ts'

const { skatteetaten, nav } = demoOrganisations

describe('organisation roles: operator API', () => {
  let app: TestApp
  let operator: string
  let consumerToken: string
  const rolesPath = `/admin/organisations/${skatteetaten.orgnr}/roles`

  beforeAll(async () => {
    app = await startTestApp()
    const digdir = await registerClient(app, demoOrganisations.digdir.orgnr, ['deling:admin'], 'operator')
    operator = await accessToken(app, digdir, 'deling:admin')
    const navClient = await registerClient(app, nav.orgnr, ['deling:consent.request'], 'nav')
    consumerToken = await accessToken(app, navClient, 'deling:consent.request')
    await ensureOrganisation(app, skatteetaten.orgnr)
  })
  afterAll(() => app?.close())

  it('gives a role, refuses the same role twice, and lists it', async () => {
    const given = await app.post(rolesPath, { pid: ingrid.fnr, role: 'publisher' }, { token: operator })
    expect(given.status, given.text).toBe(201)
    expect(given.body).toMatchObject({ orgnr: skatteetaten.orgnr, pid: ingrid.fnr, role: 'publisher' })
    expect(given.body.grantedBy).toMatchObject({ kind: 'operator' })
    const again = await app.post(rolesPath, { pid: ingrid.fnr, role: 'publisher' }, { token: operator })
    expect(again.status).toBe(409)
    expect(again.headers.get('content-type')).toContain('application/problem+json')
    const listed = await app.get(rolesPath, { token: operator })
    expect(listed.body.items.map((grant: { role: string }) => grant.role)).toEqual(['publisher'])
  })

  it('takes a role back, keeps it in the history, and refuses taking it twice', async () => {
    const given = await app.post(rolesPath, { pid: lars.fnr, role: 'consumer' }, { token: operator })
    const taken = await app.request('DELETE', `${rolesPath}/${given.body.id}`, { token: operator })
    expect(taken.status, taken.text).toBe(200)
    expect(taken.body.revokedAt).toBeTruthy()
    expect((await app.request('DELETE', `${rolesPath}/${given.body.id}`, { token: operator })).status).toBe(409)
    const held = await app.get(rolesPath, { token: operator })
    expect(held.body.items.some((grant: { id: string }) => grant.id === given.body.id)).toBe(false)
    const history = await app.get(`${rolesPath}?history=true`, { token: operator })
    expect(history.body.items.find((grant: { id: string }) => grant.id === given.body.id)).toMatchObject({
      revokedBy: { kind: 'operator' },
    })
    // After revoking, the role can be given again: a new grant, the old one stays in the history.
    expect((await app.post(rolesPath, { pid: lars.fnr, role: 'consumer' }, { token: operator })).status).toBe(201)
  })

  it.each([
    ['a number with wrong control digits', { pid: '12858440016', role: 'admin' }],
    ['an unknown role', { pid: ingrid.fnr, role: 'owner' }],
    ['an extra field', { pid: ingrid.fnr, role: 'admin', orgnr: nav.orgnr }],
    ['no pid', { role: 'admin' }],
  ])('refuses %s with a 400 problem', async (_name, body) => {
    const before = await app.get(`${rolesPath}?history=true`, { token: operator })
    const refused = await app.post(rolesPath, body, { token: operator })
    expect(refused.status).toBe(400)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    const after = await app.get(`${rolesPath}?history=true`, { token: operator })
    expect(after.body).toEqual(before.body)
  })

  it('refuses a change by a person who is not (or no longer) admin, checked under the lock', async () => {
    const given = await app.post(rolesPath, { pid: sofie.fnr, role: 'consumer' }, { token: operator })
    const byLars = { kind: 'person', pid: lars.fnr } as const
    await expect(
      revokeRole(app.host.database.db, skatteetaten.orgnr, given.body.id, byLars, new Date()),
    ).rejects.toMatchObject({
      status: 403,
    })
    await expect(
      grantRole(app.host.database.db, skatteetaten.orgnr, { pid: arne.fnr, role: 'admin' }, byLars, new Date()),
    ).rejects.toMatchObject({ status: 403 })
    const held = await app.get(rolesPath, { token: operator })
    expect(held.body.items.find((grant: { id: string }) => grant.id === given.body.id)).toBeTruthy()
    expect(held.body.items.some((grant: { pid: string }) => grant.pid === arne.fnr)).toBe(false)
  })

  it('answers 404 for an unknown organisation or grant, 401 without a token, 403 without the admin scope', async () => {
    expect((await app.get('/admin/organisations/923609016/roles', { token: operator })).status).toBe(404)
    expect((await app.request('DELETE', `${rolesPath}/rg_00000000000000000000`, { token: operator })).status).toBe(404)
    expect((await app.get(rolesPath)).status).toBe(401)
    expect((await app.get(rolesPath, { token: consumerToken })).status).toBe(403)
    expect((await app.post(rolesPath, { pid: sofie.fnr, role: 'admin' }, { token: consumerToken })).status).toBe(403)
  })
})

describe('organisation roles: acting for an organisation in the portal', () => {
  let app: TestApp
  let admin: PortalPerson
  let nobody: PortalPerson

  beforeAll(async () => {
    app = await startTestApp()
    await seedPersons(app)
    await ensureOrganisation(app, nav.orgnr)
    admin = await portalPerson(app, ingrid.fnr, [
      { orgnr: skatteetaten.orgnr, role: 'admin' },
      { orgnr: skatteetaten.orgnr, role: 'publisher' },
    ])
    nobody = await portalPerson(app, arne.fnr)
  })
  afterAll(() => app?.close())

  it('sends a visitor without a session to the login', async () => {
    const response = await fetch(`${app.url}/org/${skatteetaten.orgnr}`, { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toContain('/auth/login?returnTo=')
  })

  it('lists the organisations a person acts for, with their roles', async () => {
    const chooser = await admin.page('/org')
    expect(chooser.status).toBe(200)
    expect(chooser.html).toContain(`href="/org/${skatteetaten.orgnr}"`)
    expect(chooser.html).toContain('Administrator')
    const empty = await nobody.page('/org')
    expect(empty.html).not.toContain(`/org/${skatteetaten.orgnr}`)
    expect(empty.html).toContain('Du har ingen rolle')
  })

  it('shows the tasks of the roles held, and refuses someone without a role with a 403 page', async () => {
    const home = await admin.page(`/org/${skatteetaten.orgnr}`)
    expect(home.html).toContain(`/org/${skatteetaten.orgnr}/people`)
    expect(home.html).toContain(`/org/${skatteetaten.orgnr}/datasets`)
    const refused = await nobody.page(`/org/${skatteetaten.orgnr}`)
    expect(refused.status).toBe(403)
    expect(refused.headers.get('content-type')).toContain('text/html')
    expect(refused.html).toContain('Du har ikke tilgang til denne siden')
    expect((await nobody.page('/org/923609016')).status).toBe(404)
    expect((await nobody.page('/org/not-an-orgnr')).status).toBe(404)
  })

  it('lets the admin give a role by form; the new role works at the next click', async () => {
    const sofiePerson = await portalPerson(app, sofie.fnr)
    expect((await sofiePerson.page(`/org/${skatteetaten.orgnr}`)).status).toBe(403)
    const given = await admin.submit(`/org/${skatteetaten.orgnr}/people`, { pid: sofie.fnr, role: 'publisher' })
    expect(given.status).toBe(303)
    expect(given.headers.get('location')).toBe(`/org/${skatteetaten.orgnr}/people?done=granted`)
    const people = await admin.page(`/org/${skatteetaten.orgnr}/people?done=granted`)
    expect(people.html).toContain('Rollen er gitt.')
    expect(people.html).toContain('128584 40015') // the admin herself
    expect(people.html).toContain(`${sofie.fnr.slice(0, 6)} ${sofie.fnr.slice(6)}`)
    expect((await sofiePerson.page(`/org/${skatteetaten.orgnr}`)).status).toBe(200)
    // A publisher is not an admin: the people page is not theirs.
    expect((await sofiePerson.page(`/org/${skatteetaten.orgnr}/people`)).status).toBe(403)
  })

  it('shows form errors in the page, with the fields kept, and changes nothing', async () => {
    const refused = await admin.submit(`/org/${skatteetaten.orgnr}/people`, { pid: '1285 8440016', role: 'boss' })
    expect(refused.status).toBe(400)
    const html = await refused.text()
    expect(html).toContain('Det er en feil i skjemaet')
    expect(html).toContain('href="#pid"')
    expect(html).toContain('value="12858440016"')
    expect(html).toContain('aria-invalid="true"')
  })

  it('refuses a form without the session CSRF token', async () => {
    const response = await admin.browser.send(`${app.url}/org/${skatteetaten.orgnr}/people`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
      body: new URLSearchParams({ pid: lars.fnr, role: 'admin', csrf: 'forged' }).toString(),
    })
    expect(response.status).toBe(403)
    expect((await admin.page(`/org/${skatteetaten.orgnr}/people`)).html).not.toContain(
      `${lars.fnr.slice(0, 6)} ${lars.fnr.slice(6)}`,
    )
  })

  it('takes a role back at once, and never the last admin role by a person', async () => {
    const larsPerson = await portalPerson(app, lars.fnr, [{ orgnr: skatteetaten.orgnr, role: 'consumer' }])
    expect((await larsPerson.page(`/org/${skatteetaten.orgnr}`)).status).toBe(200)
    const people = await admin.page(`/org/${skatteetaten.orgnr}/people`)
    const grantOf = (pid: string, role: string) =>
      people.html
        .split('<tr data-grant="')
        .slice(1)
        .find((row) => row.includes(`${pid.slice(0, 6)} ${pid.slice(6)}`) && row.includes(`>${role}<`))
        ?.split('"')[0]
    const larsGrant = grantOf(lars.fnr, 'Konsument')
    expect(larsGrant).toBeTruthy()
    const taken = await admin.submit(`/org/${skatteetaten.orgnr}/people/${larsGrant}/revoke`, {})
    expect(taken.status).toBe(303)
    expect((await larsPerson.page(`/org/${skatteetaten.orgnr}`)).status).toBe(403)

    const adminGrant = grantOf(ingrid.fnr, 'Administrator')
    const last = await admin.submit(`/org/${skatteetaten.orgnr}/people/${adminGrant}/revoke`, {})
    expect(last.status).toBe(409)
    expect(await last.text()).toContain('Endringen kan ikke gjøres')
    expect((await admin.page(`/org/${skatteetaten.orgnr}/people`)).status).toBe(200)
  })

  it("never lets an admin of one organisation touch another's roles", async () => {
    await giveRole(app, lars.fnr, nav.orgnr, 'admin')
    const people = await admin.page(`/org/${nav.orgnr}/people`)
    expect(people.status).toBe(403)
    const larsAdmin = await portalPerson(app, lars.fnr)
    const navPeople = await larsAdmin.page(`/org/${nav.orgnr}/people`)
    const navGrant = /data-grant="(rg_[0-9a-z]+)"/.exec(navPeople.html)?.[1]
    expect(navGrant).toBeTruthy()
    // The grant id of NAV under Skatteetaten's path: not found there, and not revoked.
    const crossed = await admin.submit(`/org/${skatteetaten.orgnr}/people/${navGrant}/revoke`, {})
    expect(crossed.status).toBe(404)
    expect((await larsAdmin.page(`/org/${nav.orgnr}/people`)).status).toBe(200)
  })
})
