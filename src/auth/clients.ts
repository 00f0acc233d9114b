import type { z } from '@hono/zod-openapi'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { importJWK } from 'jose'
import { findOrganisation } from '../catalog/organisations.ts'
import type { Database } from '../db/database.ts'
import { clients } from '../db/schema/index.ts'
import { Problem } from '../http/problem.ts'
import type { JwksSchema } from './admin.schemas.ts'
import type { DelingScope } from './scopes.ts'

export type PublicJwks = z.infer<typeof JwksSchema>

export interface Client {
  clientId: string
  orgnr: string
  name: string
  scopes: string[]
  jwks: PublicJwks
  createdAt: string
  disabledAt: string | null
}

export interface NewClient {
  orgnr: string
  name: string
  scopes: DelingScope[]
  jwks: PublicJwks
  clientId?: string
}

const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'] as const

const toClient = (row: typeof clients.$inferSelect): Client => ({
  clientId: row.clientId,
  orgnr: row.orgnr,
  name: row.name,
  scopes: row.scopes,
  jwks: row.jwks,
  createdAt: row.createdAt.toISOString(),
  disabledAt: row.disabledAt?.toISOString() ?? null,
})

/** A client's JWKS holds public signing keys only: a private member would mean a leaked key, so it is refused. */
export async function checkPublicJwks(jwks: PublicJwks): Promise<void> {
  const errors = []
  for (const [i, key] of jwks.keys.entries()) {
    const leaked = privateMembers.filter((member) => member in key)
    if (leaked.length) {
      errors.push({
        in: 'body' as const,
        pointer: `/jwks/keys/${i}`,
        detail: `a public key must not contain ${leaked.join(', ')}: never send private keys`,
      })
      continue
    }
    if (key.use && key.use !== 'sig') {
      errors.push({
        in: 'body' as const,
        pointer: `/jwks/keys/${i}/use`,
        detail: 'client keys are signing keys (use "sig")',
      })
      continue
    }
    try {
      await importJWK(
        key as JsonWebKey,
        key.alg ?? (key.kty === 'EC' ? 'ES256' : key.kty === 'OKP' ? 'EdDSA' : 'RS256'),
      )
    } catch (error) {
      errors.push({
        in: 'body' as const,
        pointer: `/jwks/keys/${i}`,
        detail: `not a usable public key: ${(error as Error).message}`,
      })
    }
  }
  if (errors.length) throw new Problem(400, 'validation-failed', 'The JWKS is not valid', { errors })
}

export async function addClient(db: Database, input: NewClient): Promise<Client> {
  if (!(await findOrganisation(db, input.orgnr))) {
    throw new Problem(400, 'validation-failed', `Organisation ${input.orgnr} is not registered`, {
      errors: [{ in: 'body', pointer: '/orgnr', detail: 'register the organisation first' }],
    })
  }
  await checkPublicJwks(input.jwks)
  const [row] = await db
    .insert(clients)
    .values({
      clientId: input.clientId ?? crypto.randomUUID(),
      orgnr: input.orgnr,
      name: input.name,
      scopes: [...new Set(input.scopes)],
      jwks: input.jwks,
    })
    .onConflictDoNothing()
    .returning()
  if (!row) throw new Problem(409, 'conflict', `Client ${input.clientId} already exists`)
  return toClient(row)
}

export async function listClients(db: Database, filter: { orgnr?: string } = {}): Promise<Client[]> {
  const rows = await db
    .select()
    .from(clients)
    .where(filter.orgnr ? eq(clients.orgnr, filter.orgnr) : undefined)
    .orderBy(asc(clients.orgnr), asc(clients.name))
  return rows.map(toClient)
}

export async function findClient(db: Database, clientId: string): Promise<Client | undefined> {
  const [row] = await db.select().from(clients).where(eq(clients.clientId, clientId))
  return row ? toClient(row) : undefined
}

export async function getClient(db: Database, clientId: string): Promise<Client> {
  const client = await findClient(db, clientId)
  if (!client) throw new Problem(404, 'not-found', `No client ${clientId}`)
  return client
}

/** A disabled client can get no new token; disabling twice is harmless. */
export async function disableClient(db: Database, clientId: string, now: Date): Promise<Client> {
  await db
    .update(clients)
    .set({ disabledAt: now })
    .where(and(eq(clients.clientId, clientId), isNull(clients.disabledAt)))
  return getClient(db, clientId)
}

/** Replaces a client's public keys (the operator's key rotation for a client). */
export async function replaceClientKeys(db: Database, clientId: string, jwks: PublicJwks): Promise<Client> {
  await checkPublicJwks(jwks)
  const [row] = await db.update(clients).set({ jwks }).where(eq(clients.clientId, clientId)).returning()
  if (!row) throw new Problem(404, 'not-found', `No client ${clientId}`)
  return toClient(row)
}
