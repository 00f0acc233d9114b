import { and, asc, eq } from 'drizzle-orm'
import { getOrganisation } from '../catalog/organisations.ts'
import type { Database } from '../db/database.ts'
import { redirectOrigins } from '../db/schema/index.ts'
import { Problem } from '../http/problem.ts'

export interface RedirectOrigin {
  orgnr: string
  origin: string
  createdAt: string
}

const developmentHosts = ['localhost', '127.0.0.1', '[::1]']

/**
 * The origin of a URL Deling may send a citizen's browser to: https, or http on the consumer's own machine while
 * developing. A URL with a user name or password is refused: `https://dnb.example@evil.example/` reads as one host
 * and goes to another.
 */
export function webOrigin(value: string): { origin: string } | { reason: string } {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { reason: 'must be an absolute URL' }
  }
  const development = url.protocol === 'http:' && developmentHosts.includes(url.hostname)
  if (url.protocol !== 'https:' && !development) return { reason: 'must be https (or http on localhost)' }
  if (url.username || url.password) return { reason: 'must not contain a user name or password' }
  return { origin: url.origin }
}

/** An origin as the operator registers it: scheme, host and optional port, nothing else (a trailing `/` is fine). */
export function registrableOrigin(value: string): { origin: string } | { reason: string } {
  const web = webOrigin(value)
  if ('reason' in web) return web
  const url = new URL(value)
  if (url.pathname !== '/' || url.search || url.hash || value.endsWith('?') || value.endsWith('#'))
    return { reason: `must be an origin only (such as ${web.origin}), without path, query or fragment` }
  return web
}

const toRedirectOrigin = (row: typeof redirectOrigins.$inferSelect): RedirectOrigin => ({
  orgnr: row.orgnr,
  origin: row.origin,
  createdAt: row.createdAt.toISOString(),
})

/** The origins an organisation's consent requests may redirect to; 404 for an unknown organisation. */
export async function listRedirectOrigins(db: Database, orgnr: string): Promise<RedirectOrigin[]> {
  await getOrganisation(db, orgnr)
  const rows = await db
    .select()
    .from(redirectOrigins)
    .where(eq(redirectOrigins.orgnr, orgnr))
    .orderBy(asc(redirectOrigins.origin))
  return rows.map(toRedirectOrigin)
}

/** Registers an origin for an organisation (normalised as `URL.origin`); registering it twice is a conflict. */
export async function addRedirectOrigin(db: Database, orgnr: string, value: string): Promise<RedirectOrigin> {
  await getOrganisation(db, orgnr)
  const parsed = registrableOrigin(value)
  if ('reason' in parsed) {
    throw new Problem(400, 'validation-failed', 'The origin is not valid', {
      errors: [{ in: 'body', pointer: '/origin', detail: parsed.reason }],
    })
  }
  const [row] = await db
    .insert(redirectOrigins)
    .values({ orgnr, origin: parsed.origin })
    .onConflictDoNothing()
    .returning()
  if (!row) throw new Problem(409, 'conflict', `${parsed.origin} is already registered for ${orgnr}`)
  return toRedirectOrigin(row)
}

/** Removes a registered origin: consent requests already made keep their redirectUrl, new ones are refused. */
export async function removeRedirectOrigin(db: Database, orgnr: string, value: string): Promise<void> {
  const parsed = registrableOrigin(value)
  const origin = 'origin' in parsed ? parsed.origin : value
  const removed = await db
    .delete(redirectOrigins)
    .where(and(eq(redirectOrigins.orgnr, orgnr), eq(redirectOrigins.origin, origin)))
    .returning()
  if (!removed.length) throw new Problem(404, 'not-found', `${origin} is not registered for ${orgnr}`)
}

/** Is the URL's origin one the organisation registered? */
export async function isRegisteredRedirect(db: Database, orgnr: string, url: string): Promise<boolean> {
  const parsed = webOrigin(url)
  if ('reason' in parsed) return false
  const [row] = await db
    .select({ origin: redirectOrigins.origin })
    .from(redirectOrigins)
    .where(and(eq(redirectOrigins.orgnr, orgnr), eq(redirectOrigins.origin, parsed.origin)))
  return row !== undefined
}
