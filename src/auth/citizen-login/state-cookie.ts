import type { Context } from 'hono'
import { generateSignedCookie, getSignedCookie, setSignedCookie } from 'hono/cookie'
import type { CookiePrefixOptions } from 'hono/utils/cookie'
import type { Database } from '../../db/database.ts'
import { installationFact } from '../../db/installation-facts.ts'
import { randomToken } from './session.ts'

/** A login in progress lives this long: time enough to log in at the identity provider. */
export const loginStateSeconds = 10 * 60

/** The HMAC secret of the login-state cookies, the same on every instance (Node and Workers alike). */
export function stateCookieSecret(): (db: Database) => Promise<string> {
  let secret: Promise<string> | undefined
  return (db) => {
    secret ??= installationFact(db, 'login-state-cookie-secret', randomToken())
    secret.catch(() => {
      secret = undefined
    })
    return secret
  }
}

export interface StateCookie {
  name: string
  /** `__Host-` (path `/`) or `__Secure-` (another path) when the site is HTTPS. */
  secure: boolean
  path: string
}

const prefixOf = (cookie: StateCookie): CookiePrefixOptions | undefined =>
  cookie.secure ? (cookie.path === '/' ? 'host' : 'secure') : undefined

const options = (cookie: StateCookie, maxAge: number) => ({
  httpOnly: true,
  // Lax: the identity provider sends the browser back with a top-level GET from another site.
  sameSite: 'Lax' as const,
  path: cookie.path,
  maxAge,
  prefix: prefixOf(cookie),
})

/** Keeps what the callback of a login needs (PKCE verifier, nonce, where to go next), signed, in the browser. */
export async function writeStateCookie(c: Context, secret: string, cookie: StateCookie, value: object): Promise<void> {
  await setSignedCookie(c, cookie.name, JSON.stringify(value), secret, options(cookie, loginStateSeconds))
}

/** The signed value, or undefined when it is missing, expired or tampered with. */
export async function readStateCookie<T>(c: Context, secret: string, cookie: StateCookie): Promise<T | undefined> {
  const raw = await getSignedCookie(c, secret, cookie.name, prefixOf(cookie))
  if (typeof raw !== 'string') return undefined
  try {
    return JSON.parse(raw) as T
  } catch {
    return undefined
  }
}

/** The Set-Cookie value that removes a state cookie once its login is finished. */
export const clearedStateCookie = (secret: string, cookie: StateCookie) =>
  generateSignedCookie(cookie.name, '', secret, options(cookie, 0))
