import { and, eq, gt, isNull, or, type Placeholder, type SQL, sql } from 'drizzle-orm'
import { type Adapter, type AdapterPayload, errors } from 'oidc-provider'
import type { Database } from '../db/database.ts'
import { preparedQuery } from '../db/prepared.ts'
import { clients, oidcPayloads } from '../db/schema/index.ts'
import { isDatabaseUnavailable } from '../http/errors.ts'

/**
 * The database cannot be reached: nothing was issued and the client may retry. Answered in OAuth's error shape
 * (RFC 6749 §5.2) with 503 and `temporarily_unavailable` (RFC 6749 §4.1.2.1's code for an overloaded or down
 * server). oidc-provider shows any error it does not expose as a bare 500 `server_error`, so this one is exposed.
 */
export class DatabaseUnavailable extends errors.OIDCProviderError {
  constructor(cause: unknown) {
    super(503, 'temporarily_unavailable', { cause, detail: 'database unavailable' })
    this.expose = true
    this.error_description = 'the database cannot be reached; retry shortly'
  }
}

/** Runs a storage call, turning a database outage into {@link DatabaseUnavailable}; any other error stays as it is. */
export async function fromStorage<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation()
  } catch (error) {
    throw isDatabaseUnavailable(error) ? new DatabaseUnavailable(error) : error
  }
}

// Both are read for every token: the client, and (for each client assertion) the replay record of its jti.
const clientQuery = preparedQuery((db) =>
  db
    .select()
    .from(clients)
    .where(and(eq(clients.clientId, sql.placeholder('clientId')), isNull(clients.disabledAt)))
    .prepare('deling_oidc_client'),
)

// A stored payload of one model that has not expired, found by `condition`.
const storedPayload = { payload: oidcPayloads.payload, consumedAt: oidcPayloads.consumedAt }
const unexpiredPayload = (model: string | Placeholder, condition: SQL) =>
  and(
    eq(oidcPayloads.model, model),
    condition,
    or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, sql`now()`)),
  )

const payloadQuery = preparedQuery((db) =>
  db
    .select(storedPayload)
    .from(oidcPayloads)
    .where(unexpiredPayload(sql.placeholder('model'), eq(oidcPayloads.id, sql.placeholder('id'))))
    .limit(1)
    .prepare('deling_oidc_payload'),
)

/** What an organisation client looks like to oidc-provider: Maskinporten-style, private_key_jwt only. */
async function findClientMetadata(db: Database, clientId: string): Promise<AdapterPayload | undefined> {
  const [row] = await clientQuery(db).execute({ clientId })
  if (!row) return undefined
  return {
    client_id: row.clientId,
    client_name: row.name,
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: row.jwks as AdapterPayload['jwks'],
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    scope: row.scopes.join(' '),
    'urn:deling:orgnr': row.orgnr,
  } as AdapterPayload
}

/**
 * oidc-provider's storage in Postgres, so any number of Node instances share grants, codes, sessions and replay
 * detection. Clients come from Deling's client registry (read-only here).
 */
export function postgresAdapter(db: Database) {
  return class PostgresAdapter implements Adapter {
    readonly model: string

    constructor(model: string) {
      this.model = model
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null
      const values = {
        model: this.model,
        id,
        payload: payload as Record<string, unknown>,
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expiresAt,
      }
      await fromStorage(() =>
        db
          .insert(oidcPayloads)
          .values(values)
          .onConflictDoUpdate({ target: [oidcPayloads.model, oidcPayloads.id], set: { ...values, consumedAt: null } }),
      )
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') return fromStorage(() => findClientMetadata(db, id))
      const [row] = await fromStorage(() => payloadQuery(db).execute({ model: this.model, id }))
      return row && fromStored(row)
    }

    findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return this.#findBy(eq(oidcPayloads.uid, uid))
    }

    findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return this.#findBy(eq(oidcPayloads.userCode, userCode))
    }

    async consume(id: string): Promise<void> {
      await fromStorage(() =>
        db
          .update(oidcPayloads)
          .set({ consumedAt: sql`now()` })
          .where(and(eq(oidcPayloads.model, this.model), eq(oidcPayloads.id, id))),
      )
    }

    async destroy(id: string): Promise<void> {
      await fromStorage(() =>
        db.delete(oidcPayloads).where(and(eq(oidcPayloads.model, this.model), eq(oidcPayloads.id, id))),
      )
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await fromStorage(() =>
        db.delete(oidcPayloads).where(and(eq(oidcPayloads.model, this.model), eq(oidcPayloads.grantId, grantId))),
      )
    }

    async #findBy(condition: SQL): Promise<AdapterPayload | undefined> {
      const [row] = await fromStorage(() =>
        db.select(storedPayload).from(oidcPayloads).where(unexpiredPayload(this.model, condition)).limit(1),
      )
      return row && fromStored(row)
    }
  }
}

function fromStored(row: { payload: unknown; consumedAt: Date | null }): AdapterPayload {
  return {
    ...(row.payload as AdapterPayload),
    ...(row.consumedAt ? { consumed: Math.floor(row.consumedAt.getTime() / 1000) } : {}),
  } as AdapterPayload
}
