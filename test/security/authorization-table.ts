import { expect } from 'vitest'
import { changedTables, type Digest } from './digest.ts'
import type { Actor, SecurityWorld } from './world.ts'

/** Who tries a route, relative to the object it names. */
export const roles = [
  'noOne',
  'citizen',
  'otherCitizen',
  'otherOrganisation',
  'operator',
  'counterpart',
  'owner',
] as const
export type Role = (typeof roles)[number]

export interface AuthorizationRow {
  /** What the row tries, e.g. `PUT a NON_PUBLIC dataset`. */
  name: string
  method: string
  path: string
  body?: unknown
  /** `json` (default) or `form` (the citizen's consent form; the actor's own CSRF token is added). */
  encoding?: 'json' | 'form'
  accept?: string
  /** The exact status for each role tried; roles run in the order of `roles`, so the owner's change comes last. */
  expect: Partial<Record<Role, number>>
}

export interface RoleActors {
  actors: Partial<Record<Role, Actor>>
  digest(): Promise<Digest>
}

/** Counts what the tables tried, for docs/security.md. */
export const triedCells = { routes: 0, cells: 0 }

/**
 * Sends each row's request as each role and checks the exact status. Every refusal (4xx, or a redirect to the
 * login) must leave the database as it was.
 */
export async function checkAuthorization(world: SecurityWorld, table: RoleActors, rows: AuthorizationRow[]) {
  for (const row of rows) {
    triedCells.routes++
    for (const role of roles) {
      const expected = row.expect[role]
      if (expected === undefined) continue
      const actor = table.actors[role]
      if (!actor) throw new Error(`no actor for ${role}`)
      const headers: Record<string, string> = { Accept: row.accept ?? 'application/json', ...actor.headers }
      let body: string | undefined
      if (row.body !== undefined && row.encoding === 'form') {
        headers['Content-Type'] = 'application/x-www-form-urlencoded'
        body = new URLSearchParams({ ...(row.body as Record<string, string>), csrf: actor.csrf ?? '' }).toString()
      } else if (row.body !== undefined) {
        headers['Content-Type'] = 'application/json'
        body = JSON.stringify(row.body)
      }
      if (actor.csrf && row.encoding !== 'form') headers['X-CSRF-Token'] = actor.csrf
      const before = await table.digest()
      const response = await fetch(`${world.app.url}${row.path}`, {
        method: row.method,
        headers,
        body,
        redirect: 'manual',
      })
      const text = await response.text()
      triedCells.cells++
      const context = `${row.name} as ${role} (${actor.name}): ${row.method} ${row.path} → ${response.status} ${text.slice(0, 300)}`
      expect(response.status, context).toBe(expected)
      if (response.status >= 300) {
        expect(changedTables(before, await table.digest()), `refused, yet changed: ${context}`).toEqual([])
      }
    }
  }
}
