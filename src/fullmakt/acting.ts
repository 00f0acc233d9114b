import type { Context } from 'hono'
import { currentSession } from '../auth/citizen-login/middleware.ts'
import type { CitizenSession } from '../auth/citizen-login/session.ts'
import type { OnBehalf } from '../consent/service.ts'
import type { Database } from '../db/database.ts'
import type { RepresentativeActionKind } from '../db/schema/fullmakt.ts'
import type { AppDeps } from '../deps.ts'
import type { AppEnv } from '../http/env.ts'
import { Problem } from '../http/problem.ts'
import {
  actingChoice,
  clearActingChoice,
  insertAction,
  pendingRequestCounts,
  personNames,
  setActingChoice,
} from './repo.ts'
import type { RepresentedPerson } from './schemas.ts'
import { type Grant, grantFor, type Right, visibleOrgnrs } from './scope.ts'
import { describeRepresented, grantsOver } from './service.ts'

/** Whose data a citizen request works on: the logged-in citizen's own, or that of a person they act for. */
export interface Acting {
  subject: { fnr: string; name: string | undefined }
  /** Set while the logged-in citizen acts for the subject: who they are, and the grants that let them. */
  representative?: { fnr: string; name: string | undefined; grants: Grant[] }
  /** The person the session acted for until their authority ended (revoked, expired, came of age). */
  ended?: { name: string | undefined }
}

const endedDetail =
  'Your authority to act for the person you chose has ended (revoked, expired, or they came of age): you act for yourself again'

async function resolveActing(db: Database, session: CitizenSession, now: Date): Promise<Acting> {
  const self: Acting = { subject: { fnr: session.fnr, name: session.name } }
  const chosen = await actingChoice(db, session.id)
  if (!chosen) return self
  const [grants, names] = await Promise.all([grantsOver(db, session.fnr, chosen, now), personNames(db, [chosen])])
  if (!grants.length) {
    await clearActingChoice(db, session.id)
    return { ...self, ended: { name: names.get(chosen) } }
  }
  return {
    subject: { fnr: chosen, name: names.get(chosen) },
    representative: { fnr: session.fnr, name: session.name, grants },
  }
}

// Once per request, however many parts of a page ask. Keyed by the Request, so it goes with the request.
const resolved = new WeakMap<Request, Promise<Acting>>()

/**
 * The acting context of a request with a citizen session. Authority is checked anew on every request, so a revoked
 * or expired authorisation, or a child's 18th birthday, takes effect at once. When it has ended, the choice is
 * cleared: a page then shows the citizen's own data with a note saying so, a JSON caller gets 403 `forbidden`.
 */
export async function actingFor(c: Context<AppEnv>, deps: AppDeps, options: { page: boolean }): Promise<Acting> {
  const session = currentSession(c)
  if (!session) throw new Problem(401, 'login-required', 'Log in first: this needs a citizen session')
  let acting = resolved.get(c.req.raw)
  if (!acting) {
    acting = resolveActing(c.get('db'), session, deps.clock())
    resolved.set(c.req.raw, acting)
  }
  const result = await acting
  if (result.ended && !options.page) throw new Problem(403, 'forbidden', endedDetail)
  return result
}

/** The consumers whose consents and deliveries the request may show; null: all (the citizen's own data). */
export const visibleConsumers = (acting: Acting): string[] | null =>
  acting.representative ? visibleOrgnrs(acting.representative.grants) : null

/** Whether the request may see a consent or delivery of the consumer `orgnr` (always, for one's own). */
export const canSee = (acting: Acting, orgnr: string): boolean =>
  !acting.representative || grantFor(acting.representative.grants, 'view', orgnr) !== undefined

/** Whether the request may do `right` with a consent of `orgnr`: always for one's own, else as the grants say. */
export const may = (acting: Acting, right: Right, orgnr: string): boolean =>
  !acting.representative || grantFor(acting.representative.grants, right, orgnr) !== undefined

/** The consent-change hook for a representative (undefined for the citizen's own change): checks and records. */
export function onBehalf(acting: Acting, right: Right): OnBehalf | undefined {
  const { representative } = acting
  if (!representative) return undefined
  return {
    representativeFnr: representative.fnr,
    // Read again inside the consent's transaction, not taken from the start of the request, and held until it
    // commits: an authorisation revoked a moment ago, or being revoked now, stops this change too.
    basisFor: async (tx, row, now) =>
      grantFor(await grantsOver(tx, representative.fnr, acting.subject.fnr, now, true), right, row.consumerOrgnr)
        ?.basis,
  }
}

/** Records something a representative did that is not a consent change (choosing to act, reading a receipt). */
export async function recordAction(
  db: Database,
  acting: Acting,
  action: RepresentativeActionKind,
  orgnr: string | null,
  at: Date,
  consentId: string | null = null,
): Promise<void> {
  const { representative } = acting
  if (!representative) return
  const grant = orgnr ? grantFor(representative.grants, 'view', orgnr) : representative.grants[0]
  if (!grant) return
  await insertAction(db, {
    at,
    representativeFnr: representative.fnr,
    representedFnr: acting.subject.fnr,
    basisKind: grant.basis.kind,
    basisId: grant.basis.id,
    action,
    consentId,
    consentEventId: null,
  })
}

/**
 * Starts acting for `fnr` (or for oneself again with null) in this session. Someone the citizen may not act for is
 * 403, whether or not the number belongs to anyone.
 */
export async function chooseActingFor(
  db: Database,
  session: CitizenSession,
  fnr: string | null,
  now: Date,
): Promise<RepresentedPerson | null> {
  if (fnr === null || fnr === session.fnr) {
    await clearActingChoice(db, session.id)
    return null
  }
  const grants = await grantsOver(db, session.fnr, fnr, now)
  if (!grants.length) throw new Problem(403, 'forbidden', 'You may not act for this person')
  const before = await actingChoice(db, session.id)
  await setActingChoice(db, session.id, fnr, now)
  const acting: Acting = {
    subject: { fnr, name: undefined },
    representative: { fnr: session.fnr, name: session.name, grants },
  }
  if (before !== fnr) await recordAction(db, acting, 'started-acting', null, now)
  const [names, pending] = await Promise.all([personNames(db, [fnr]), pendingRequestCounts(db, [fnr], now)])
  return describeRepresented(fnr, names.get(fnr) ?? null, grants, pending)
}
