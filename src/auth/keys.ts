import { and, asc, desc, eq, gt, isNull, or, sql } from 'drizzle-orm'
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose'
import type { Database } from '../db/database.ts'
import { signingKeys } from '../db/schema/index.ts'

export type KeyPurpose = 'oidc' | 'gateway'

export interface SigningKey {
  kid: string
  privateJwk: JWK
  publicJwk: JWK
  createdAt: Date
  retiredAt: Date | null
  expiresAt: Date | null
}

async function newKeyPair(): Promise<{ kid: string; privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true })
  const privateJwk = await exportJWK(privateKey)
  const { d: _d, ...publicMembers } = privateJwk
  const kid = await calculateJwkThumbprint(publicMembers)
  const common = { kid, alg: 'ES256', use: 'sig' }
  return { kid, privateJwk: { ...privateJwk, ...common }, publicJwk: { ...publicMembers, ...common } }
}

const toSigningKey = (row: typeof signingKeys.$inferSelect): SigningKey => ({
  kid: row.kid,
  privateJwk: row.privateJwk as JWK,
  publicJwk: row.publicJwk as JWK,
  createdAt: row.createdAt,
  retiredAt: row.retiredAt,
  expiresAt: row.expiresAt,
})

/**
 * The keys still published for a purpose, the signing one first: keys that were rotated out stay until the
 * tokens they signed have expired.
 */
export async function publishedKeys(db: Database, purpose: KeyPurpose, now: Date): Promise<SigningKey[]> {
  const rows = await db
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.purpose, purpose), or(isNull(signingKeys.expiresAt), gt(signingKeys.expiresAt, now))))
    .orderBy(sql`${signingKeys.retiredAt} is not null`, desc(signingKeys.createdAt), asc(signingKeys.kid))
  return rows.map(toSigningKey)
}

/** Makes sure a signing key exists for the purpose (first start); safe when several instances start at once. */
export async function ensureSigningKey(db: Database, purpose: KeyPurpose): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`deling:keys:${purpose}`}))`)
    const [active] = await tx
      .select({ kid: signingKeys.kid })
      .from(signingKeys)
      .where(and(eq(signingKeys.purpose, purpose), isNull(signingKeys.retiredAt)))
      .limit(1)
    if (active) return
    await tx.insert(signingKeys).values({ ...(await newKeyPair()), purpose })
  })
}

/**
 * Starts signing with a new key. The old keys stop signing now and stay published for `retainSeconds` (at least
 * the lifetime of the tokens they signed), so nothing already issued stops verifying.
 */
export async function rotateSigningKey(
  db: Database,
  purpose: KeyPurpose,
  now: Date,
  retainSeconds: number,
): Promise<{ kid: string; retired: string[] }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`deling:keys:${purpose}`}))`)
    const retired = await tx
      .update(signingKeys)
      .set({ retiredAt: now, expiresAt: new Date(now.getTime() + retainSeconds * 1000) })
      .where(and(eq(signingKeys.purpose, purpose), isNull(signingKeys.retiredAt)))
      .returning({ kid: signingKeys.kid })
    const pair = await newKeyPair()
    await tx.insert(signingKeys).values({ ...pair, purpose, createdAt: now })
    return { kid: pair.kid, retired: retired.map((row) => row.kid) }
  })
}

/** A fingerprint of the published key set: instances compare it to notice a rotation made elsewhere. */
export const keySetVersion = (keys: SigningKey[]) =>
  keys.map((key) => `${key.kid}:${key.retiredAt ? 'r' : 'a'}`).join(',')
