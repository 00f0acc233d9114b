import { and, asc, eq, gt, isNotNull } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { clients, seenTokenIds, trustedIssuers } from '../db/schema/index.ts'
import { Problem } from '../http/problem.ts'
import type { TrustedIssuer } from './verify.ts'

/** Records a one-time token id (a DPoP proof's jti); false when any instance has seen it before. */
export async function rememberTokenId(db: Database, jti: string, expiresAt: Date): Promise<boolean> {
  const inserted = await db
    .insert(seenTokenIds)
    .values({ jti, expiresAt })
    .onConflictDoNothing()
    .returning({ jti: seenTokenIds.jti })
  return inserted.length === 1
}

export async function listTrustedIssuers(db: Database): Promise<TrustedIssuer[]> {
  return db
    .select({
      issuer: trustedIssuers.issuer,
      jwksUri: trustedIssuers.jwksUri,
      audience: trustedIssuers.audience,
      organisationClaim: trustedIssuers.organisationClaim,
    })
    .from(trustedIssuers)
    .orderBy(asc(trustedIssuers.issuer))
}

export async function addTrustedIssuer(db: Database, input: TrustedIssuer): Promise<TrustedIssuer> {
  const [row] = await db.insert(trustedIssuers).values(input).onConflictDoNothing().returning()
  if (!row) throw new Problem(409, 'conflict', `Issuer ${input.issuer} is already trusted`)
  return { issuer: row.issuer, jwksUri: row.jwksUri, audience: row.audience, organisationClaim: row.organisationClaim }
}

export async function removeTrustedIssuer(db: Database, issuer: string): Promise<void> {
  const removed = await db.delete(trustedIssuers).where(eq(trustedIssuers.issuer, issuer)).returning()
  if (!removed.length) throw new Problem(404, 'not-found', `Issuer ${issuer} is not trusted`)
}

/**
 * Finds a trusted issuer, reading the list from the database at most every `ttlMs` per instance, and again (at
 * most once a second) when a token names an issuer the cached list lacks, so a newly trusted issuer works at once.
 */
export function trustedIssuerLookup(ttlMs: number, clock: () => Date) {
  let cached: { at: number; issuers: TrustedIssuer[] } | undefined
  const load = async (db: Database, now: number) => {
    cached = { at: now, issuers: await listTrustedIssuers(db) }
    return cached.issuers
  }
  return async (db: Database, issuer: string): Promise<TrustedIssuer | undefined> => {
    const now = clock().getTime()
    const issuers = !cached || now - cached.at > ttlMs ? await load(db, now) : cached.issuers
    const found = issuers.find((candidate) => candidate.issuer === issuer)
    if (found || now - cached!.at < 1000) return found
    return (await load(db, now)).find((candidate) => candidate.issuer === issuer)
  }
}

/**
 * The clients disabled recently enough that tokens issued before could still be alive, read at most once a
 * second per instance: disabling a client stops its tokens everywhere within about a second, not after 120 s.
 */
export function disabledClientsLookup(tokenLifetimeSeconds: number, clock: () => Date) {
  let cached: { at: number; clientIds: Set<string> } | undefined
  let loading: Promise<Set<string>> | undefined
  return async (db: Database): Promise<ReadonlySet<string>> => {
    const now = clock().getTime()
    if (cached && now - cached.at < 1000) return cached.clientIds
    loading ??= db
      .select({ clientId: clients.clientId })
      .from(clients)
      .where(
        and(isNotNull(clients.disabledAt), gt(clients.disabledAt, new Date(now - (tokenLifetimeSeconds + 60) * 1000))),
      )
      .then((rows) => {
        cached = { at: now, clientIds: new Set(rows.map((row) => row.clientId)) }
        return cached.clientIds
      })
      .finally(() => {
        loading = undefined
      })
    return loading
  }
}
