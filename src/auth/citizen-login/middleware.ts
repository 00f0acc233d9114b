import type { Context, MiddlewareHandler } from 'hono'
import { accepts } from 'hono/accepts'
import { generateCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppDeps } from '../../deps.ts'
import type { AppEnv } from '../../http/env.ts'
import { Problem } from '../../http/problem.ts'
import { pagePath } from '../../web/layout.tsx'
import type { CitizenCaller } from '../caller.ts'
import { type CitizenSession, findActiveSession } from './session.ts'

/** `__Host-deling_session` over HTTPS (Secure, Path=/, no Domain: no sibling host can set or read it), else `deling_session`. */
export const sessionCookieName = 'deling_session'

const cookiePrefix = (publicUrl: string) => (publicUrl.startsWith('https:') ? ('host' as const) : undefined)

/** HttpOnly: no script reads it. SameSite=Lax: sent when a citizen follows a link from a consumer's site to the consent screen, never with a cross-site POST. No Max-Age: gone when the browser closes. */
export function setSessionCookie(c: Context, publicUrl: string, token: string) {
  setCookie(c, sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    prefix: cookiePrefix(publicUrl),
  })
}

/** The Set-Cookie value that makes the browser forget the session cookie. */
export const clearedSessionCookie = (publicUrl: string) =>
  generateCookie(sessionCookieName, '', {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: 0,
    prefix: cookiePrefix(publicUrl),
  })

export function clearSessionCookie(c: Context, publicUrl: string) {
  c.header('Set-Cookie', clearedSessionCookie(publicUrl), { append: true })
}

export const sessionToken = (c: Context, publicUrl: string) => getCookie(c, sessionCookieName, cookiePrefix(publicUrl))

// Per request: the session behind the caller, for the CSRF check and the page header. Keyed by the Request object,
// so it needs no field in AppEnv and disappears with the request.
/** The citizen session of this request, once `citizenSession` or `requireCitizen` ran. */
export const currentSession = (c: Context<AppEnv>): CitizenSession | undefined => c.get('citizenSession')

const citizenCaller = (session: CitizenSession): CitizenCaller => ({
  kind: 'citizen',
  fnr: session.fnr,
  name: session.name,
  acr: session.acr,
  via: 'session',
  scopes: new Set(),
})

async function loadSession(c: Context<AppEnv>, deps: AppDeps): Promise<{ stale: boolean }> {
  if (c.get('caller') || c.get('citizenSession')) return { stale: false }
  const token = sessionToken(c, deps.config.publicUrl)
  if (!token) return { stale: false }
  const session = await findActiveSession(c.get('db'), token, deps.clock())
  if (!session) return { stale: true }
  c.set('citizenSession', session)
  c.set('caller', citizenCaller(session))
  return { stale: false }
}

/**
 * Reads the session cookie and, when it names an unexpired session, sets the caller to that citizen
 * (`via: 'session'`). Never refuses: pages that work for everybody use it to show who is logged in.
 */
export function citizenSession(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { stale } = await loadSession(c, deps)
    await next()
    // An expired or unknown session: tell the browser to stop sending the cookie.
    if (stale) clearSessionCookie(c, deps.config.publicUrl)
  }
}

export interface RequireCitizenOptions {
  /** A page: send a visitor who is not logged in to the login, and back here afterwards (instead of a 401 problem). */
  page?: boolean
}

/** Route middleware: a logged-in citizen, else 401 `unauthorized` (or, for a page, a redirect to the login). */
export function requireCitizen(deps: AppDeps, options: RequireCitizenOptions = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { stale } = await loadSession(c, deps)
    if (!currentSession(c)) {
      if (options.page) {
        if (stale) clearSessionCookie(c, deps.config.publicUrl)
        const url = new URL(c.req.url)
        return c.redirect(`/auth/login?returnTo=${encodeURIComponent(url.pathname + url.search)}`, 303)
      }
      throw new Problem(401, 'login-required', 'Log in first: this needs a citizen session (the session cookie)', {
        headers: stale ? { 'Set-Cookie': clearedSessionCookie(deps.config.publicUrl) } : {},
      })
    }
    await next()
  }
}

/** Whether a citizen route that answers both should render its page: the client prefers HTML to JSON. */
export const wantsPage = (c: Context) =>
  accepts(c, { header: 'Accept', supports: ['application/json', 'text/html'], default: 'application/json' }) ===
  'text/html'

/**
 * The answer to a visitor without a session on a route that serves a page and JSON: the page sends them to the
 * login and back (without the language parameter, which the login keeps in its cookie); JSON gets 401.
 */
export function notLoggedIn(c: Context, page: boolean): Response {
  if (page) return c.redirect(`/auth/login?returnTo=${encodeURIComponent(pagePath(c))}`, 303)
  throw new Problem(401, 'login-required', 'Not logged in: log in at /auth/login to get a citizen session')
}
