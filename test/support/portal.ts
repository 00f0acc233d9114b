import { expect } from 'vitest'
import { addOrganisation, findOrganisation } from '../../src/catalog/organisations.ts'
import { demoPersons } from '../../src/demo/persons.ts'
import type { OrganisationRoleName } from '../../src/organisation-roles/schemas.ts'
import { grantRole } from '../../src/organisation-roles/service.ts'
import type { TestApp } from './app.ts'
import { CookieBrowser, form, logIn } from './citizen-browser.ts'
import { demoOrganisations } from './tokens.ts'

/** A logged-in person in a cookie browser, with the CSRF token their forms carry. */
export interface PortalPerson {
  fnr: string
  browser: CookieBrowser
  csrf: string
  /** GET a page; returns status, headers and HTML. */
  page(path: string): Promise<{ status: number; headers: Headers; html: string }>
  /** POSTs a form with the CSRF field; returns the response without following a redirect. */
  submit(path: string, fields: Record<string, string | string[]>): Promise<Response>
}

export { ingrid, lars } from './citizen-browser.ts'
export const sofie = demoPersons[2]!
export const arne = demoPersons[3]!

/** The CSRF token a page's forms carry ('' when it has none). */
export const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''

/** The newest change a request page showed (its forms' hidden `seen` field). */
export const seenOn = (html: string) => /name="seen" value="([^"]+)"/.exec(html)?.[1] ?? ''

/** The text of a page without tags, whitespace collapsed: what a reader sees. */
export const visibleText = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')

/** Registers the organisation once, as the operator would. */
export async function ensureOrganisation(app: TestApp, orgnr: string) {
  const db = app.host.database.db
  if (await findOrganisation(db, orgnr)) return
  const known = Object.values(demoOrganisations).find((organisation) => organisation.orgnr === orgnr)
  await addOrganisation(db, { orgnr, name: known?.name ?? `Organisation ${orgnr}` })
}

/** Gives a person a role as the operator does (the same service the operator API calls). */
export async function giveRole(app: TestApp, pid: string, orgnr: string, role: OrganisationRoleName) {
  await ensureOrganisation(app, orgnr)
  await grantRole(app.host.database.db, orgnr, { pid, role }, { kind: 'operator', clientId: 'test' }, new Date())
}

/** Logs a person in at the test login, holding the given roles. */
export async function portalPerson(
  app: TestApp,
  fnr: string,
  roles: { orgnr: string; role: OrganisationRoleName }[] = [],
): Promise<PortalPerson> {
  for (const { orgnr, role } of roles) await giveRole(app, fnr, orgnr, role)
  const browser = new CookieBrowser()
  const login = await logIn(browser, app.url, fnr, '/me/session')
  expect(login.url.pathname).toBe('/me/session')
  const sessionPage = await (await browser.send(`${app.url}/me/session`, { headers: { Accept: 'text/html' } })).text()
  const csrf = csrfOf(sessionPage)
  expect(csrf, 'the session page carries the CSRF token').toBeTruthy()
  return {
    fnr,
    browser,
    csrf,
    async page(path) {
      const response = await browser.send(`${app.url}${path}`, { headers: { Accept: 'text/html' } })
      return { status: response.status, headers: response.headers, html: await response.text() }
    },
    submit(path, fields) {
      const body = new URLSearchParams({ csrf })
      for (const [name, value] of Object.entries(fields))
        for (const one of Array.isArray(value) ? value : [value]) body.append(name, one)
      return browser.send(`${app.url}${path}`, { ...form({}), body: body.toString() })
    },
  }
}
