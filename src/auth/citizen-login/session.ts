import type { Database } from '../../db/database.ts'
import { deleteExpiredSessionsOf, deleteSession, extendSession, findSession, insertSession } from './repo.ts'

/** Inactivity after which a citizen is logged out: the same as ID-porten's own session. */
export const sessionIdleSeconds = 30 * 60
/** A session ends this long after login however active the citizen is: ID-porten's maximum as well. */
export const sessionMaxSeconds = 2 * 60 * 60
// Extending the idle deadline is a write: do it at most once a minute per session.
const extendEverySeconds = 60

/** A logged-in citizen's session with the portal, as the rest of Deling sees it. */
export interface CitizenSession {
  /** Opaque id of the row: a hash of the cookie's token, so a database leak yields no usable cookie. */
  id: string
  fnr: string
  name: string | undefined
  /** Security level of the login (`deling-test-idp`, `idporten-loa-substantial`, `idporten-loa-high`). */
  acr: string | undefined
  /** Token every state-changing form of this session must carry. */
  csrfToken: string
  createdAt: Date
  expiresAt: Date
}

export interface NewSession {
  fnr: string
  name: string | undefined
  acr: string | undefined
  idToken: string | undefined
}

/** Base64url (RFC 4648 §5) without padding, with Web APIs only. */
export function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

/** 256 random bits, base64url. */
export const randomToken = () => base64url(crypto.getRandomValues(new Uint8Array(32)))

async function sessionId(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))
  return `ses_${base64url(new Uint8Array(digest))}`
}

const secondsLater = (time: Date, seconds: number) => new Date(time.getTime() + seconds * 1000)

/** The idle deadline from `now`, never past the absolute end of the session. */
const deadline = (createdAt: Date, now: Date) =>
  new Date(
    Math.min(secondsLater(now, sessionIdleSeconds).getTime(), secondsLater(createdAt, sessionMaxSeconds).getTime()),
  )

/** Starts a session; returns the token for the cookie (the database keeps only its hash). */
export async function startSession(
  db: Database,
  login: NewSession,
  now: Date,
): Promise<{ token: string; session: CitizenSession }> {
  const token = randomToken()
  const session: CitizenSession = {
    id: await sessionId(token),
    fnr: login.fnr,
    name: login.name,
    acr: login.acr,
    csrfToken: randomToken(),
    createdAt: now,
    expiresAt: deadline(now, now),
  }
  await deleteExpiredSessionsOf(db, login.fnr, now)
  await insertSession(db, {
    ...session,
    name: login.name ?? null,
    acr: login.acr ?? null,
    idToken: login.idToken ?? null,
  })
  return { token, session }
}

/**
 * The unexpired session a cookie token names, its idle deadline moved forward; undefined (and an expired row
 * deleted) otherwise.
 */
export async function findActiveSession(db: Database, token: string, now: Date): Promise<CitizenSession | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined
  const id = await sessionId(token)
  const row = await findSession(db, id)
  if (!row) return undefined
  if (row.expiresAt.getTime() <= now.getTime()) {
    await deleteSession(db, id)
    return undefined
  }
  let expiresAt = row.expiresAt
  const next = deadline(row.createdAt, now)
  if (next.getTime() - expiresAt.getTime() >= extendEverySeconds * 1000) {
    await extendSession(db, id, next)
    expiresAt = next
  }
  return {
    id,
    fnr: row.fnr,
    name: row.name ?? undefined,
    acr: row.acr ?? undefined,
    csrfToken: row.csrfToken,
    createdAt: row.createdAt,
    expiresAt,
  }
}

/** Ends the session a cookie token names, if any. */
export async function endSession(db: Database, token: string): Promise<void> {
  if (/^[A-Za-z0-9_-]{43}$/.test(token)) await deleteSession(db, await sessionId(token))
}
