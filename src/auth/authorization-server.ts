import type { HttpBindings } from '@hono/node-server'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import type { Context } from 'hono'
import type Provider from 'oidc-provider'
import type { App } from '../app.ts'
import type { Config } from '../config.ts'
import type { Database } from '../db/database.ts'
import { installationFact } from '../db/installation-facts.ts'
import { loggableError } from '../http/errors.ts'
import type { Logger } from '../http/logger.ts'
import { findPersonName } from './citizen-login/repo.ts'
import { keySetVersion, publishedKeys } from './keys.ts'
import { createProvider } from './provider.ts'

const keyCheckIntervalMs = 1000

/**
 * The OAuth 2.0 / OpenID Connect authorization server (oidc-provider) of the Node host. The provider is rebuilt
 * when the published signing keys change, so a rotation made by the CLI or another instance reaches this one
 * within about a second.
 */
export class AuthorizationServer {
  #provider!: Provider
  #keysVersion = ''
  #checkedAt = 0
  #refreshing: Promise<void> | undefined
  readonly #db: Database
  readonly #config: Config
  readonly #logger: Logger
  readonly #clock: () => Date
  #cookieKeys: string[] = []

  private constructor(db: Database, config: Config, logger: Logger, clock: () => Date) {
    this.#db = db
    this.#config = config
    this.#logger = logger
    this.#clock = clock
  }

  static async start(db: Database, config: Config, logger: Logger, clock: () => Date): Promise<AuthorizationServer> {
    const server = new AuthorizationServer(db, config, logger, clock)
    // Secrets for oidc-provider's cookies: the same on every instance, or one instance's cookies fail on another.
    const fresh = Array.from({ length: 2 }, () =>
      Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url'),
    )
    server.#cookieKeys = await installationFact(db, 'oidc-cookie-keys', fresh)
    await server.#rebuildIfKeysChanged()
    return server
  }

  /** The current provider, after making sure it signs with the current key. */
  async provider(): Promise<Provider> {
    const now = Date.now()
    if (now - this.#checkedAt > keyCheckIntervalMs) {
      this.#checkedAt = now
      this.#refreshing ??= this.#rebuildIfKeysChanged()
        // A check that cannot reach the database keeps the keys it has: the request then meets the outage inside
        // oidc-provider, which answers it in OAuth's shape (503 temporarily_unavailable, adapter.ts).
        .catch((error: unknown) => this.#logger.warn('signing key check failed', loggableError(error)))
        .finally(() => {
          this.#refreshing = undefined
        })
    }
    if (this.#refreshing) await this.#refreshing
    return this.#provider
  }

  async #rebuildIfKeysChanged(): Promise<void> {
    const keys = await publishedKeys(this.#db, 'oidc', this.#clock())
    const version = keySetVersion(keys)
    if (version === this.#keysVersion) return
    this.#provider = createProvider({
      db: this.#db,
      config: this.#config,
      keys,
      cookieKeys: this.#cookieKeys,
      findPersonName: (fnr) => findPersonName(this.#db, fnr),
    })
    this.#provider.on('server_error', (_ctx, error) =>
      this.#logger.error('authorization server error', { error: error.message, stack: error.stack }),
    )
    if (this.#keysVersion)
      this.#logger.info('signing keys changed: authorization server reloaded', { kid: keys[0]?.kid })
    this.#keysVersion = version
  }

  /** Hands a request under /oidc to oidc-provider, which answers on the Node response directly. */
  async handle(c: Context): Promise<Response> {
    const provider = await this.provider()
    const { incoming, outgoing } = c.env as HttpBindings
    const request = incoming as typeof incoming & { originalUrl?: string }
    request.originalUrl = request.url
    request.url = request.url!.replace(/^\/oidc/, '') || '/'
    outgoing.setHeader('X-Request-Id', c.get('requestId'))
    await provider.callback()(request, outgoing)
    return RESPONSE_ALREADY_SENT
  }
}

/** Mounts the authorization server at /oidc (routes registered before this, such as the login pages, come first). */
export function mountAuthorizationServer(app: App, server: AuthorizationServer) {
  app.all('/oidc', (c) => server.handle(c))
  app.all('/oidc/*', (c) => server.handle(c))
}
