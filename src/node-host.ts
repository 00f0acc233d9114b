import { createHash } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { type App, buildApp } from './app.ts'
import { AccessLogWriter } from './audit/log.ts'
import { AuthorizationServer, mountAuthorizationServer } from './auth/authorization-server.ts'
import { mountCitizenInteractions } from './auth/citizen-login/interaction.routes.tsx'
import { ensureSigningKey, publishedKeys } from './auth/keys.ts'
import { localKeyResolver } from './auth/local-keys.ts'
import { sweepExpiredAuthState } from './auth/sweep.ts'
import { disabledClientsLookup, rememberTokenId, trustedIssuerLookup } from './auth/token-store.ts'
import { TokenVerifier } from './auth/verify.ts'
import { checkProducerOpenApi } from './catalog/producer-openapi.ts'
import { type Config, withPublicUrl } from './config.ts'
import { expireDueConsents } from './consent/service.ts'
import type { DatabaseHandle } from './db/database.ts'
import { migrate } from './db/migrate.ts'
import { openDatabase } from './db/open.ts'
import { demoProducer, demoProducerPath } from './demo/producer.ts'
import type { AppDeps } from './deps.ts'
import { nodeDocsAssets } from './docs/node-assets.ts'
import { catalogChangedChannel } from './gateway/catalog-cache.ts'
import { nodeEs256 } from './gateway/node-signer.ts'
import { nodeUpstream } from './gateway/node-upstream.ts'
import { answerClientError } from './http/client-error.ts'
import { createLogger, type Logger } from './http/logger.ts'
import { stdoutLines } from './http/stdout-lines.ts'

const sweepIntervalMs = 10 * 60_000

export interface NodeHostOptions {
  config: Config
  /** An already opened database (tests pass one per file); otherwise the configuration's. */
  database?: DatabaseHandle
  logger?: Logger
  clock?: () => Date
  /** Runs after migrations, before listening: the demo seed. */
  prepare?: (deps: AppDeps) => Promise<void>
}

export interface NodeHost {
  app: App
  deps: AppDeps
  database: DatabaseHandle
  /** Where the server listens (with the actual port when PORT=0). */
  url: string
  /** Stops taking connections, lets in-flight requests finish, closes the database. */
  close(): Promise<void>
}

/** Opens the database, migrates it, builds the app with its authorization server and listens. */
export async function startNodeHost(options: NodeHostOptions): Promise<NodeHost> {
  let { config } = options
  // Listen first: with PORT=0 the public URL (and so the issuer) is only known once the port is.
  let handle: (request: Request, env: unknown) => Response | Promise<Response> = () =>
    new Response('starting', { status: 503, headers: { 'Retry-After': '1' } })
  const server = serve({
    fetch: (request, env) => handle(request, env),
    hostname: config.host,
    port: config.port,
    // A slow client (slow loris) holds its connection only until the request timeout, not Node's 5 minutes.
    serverOptions: {
      requestTimeout: config.requestTimeoutMs,
      headersTimeout: config.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(30_000, Math.ceil(config.requestTimeoutMs / 4)),
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`
  if (config.publicUrl.endsWith(':0')) config = withPublicUrl(config, url)
  server.on('clientError', answerClientError(config.publicUrl))
  // The demo's producer runs in this process, on an address the SSRF guard would otherwise refuse.
  if (config.seedDemo) {
    const upstreamAllow = [...config.gateway.upstreamAllow, new URL(config.publicUrl).hostname]
    config = { ...config, gateway: { ...config.gateway, upstreamAllow } }
  }

  const logger = options.logger ?? createLogger(config.logLevel, stdoutLines())
  const clock = options.clock ?? (() => new Date())
  const database = options.database ?? (await openDatabase(config))
  const applied = await migrate(database.db)
  if (applied.length) logger.info('migrations applied', { migrations: applied })
  await ensureSigningKey(database.db, 'oidc')
  await ensureSigningKey(database.db, 'gateway')
  const upstream = nodeUpstream()
  const unlisteners: (() => Promise<void>)[] = []

  const deps: AppDeps = {
    config,
    logger,
    clock,
    database: () => ({ db: database.db }),
    tokens: new TokenVerifier({
      issuer: config.issuer,
      audience: config.audience,
      ownKeys: localKeyResolver(() => publishedKeys(database.db, 'oidc', clock())),
      findTrustedIssuer: trustedIssuerLookup(5_000, clock),
      rememberTokenId,
      disabledClients: disabledClientsLookup(config.accessTokenTtl, clock),
      clock,
    }),
    docsAssets: nodeDocsAssets(),
    checkProducerApi: checkProducerOpenApi,
    upstream,
    accessLog: new AccessLogWriter(database.db, {
      sha256: (text) => createHash('sha256').update(text).digest('hex'),
    }),
    signEs256: nodeEs256,
    catalogChanges: async (onChange) => {
      unlisteners.push(await database.listen(catalogChangedChannel, onChange))
    },
  }
  await options.prepare?.(deps)
  const authorizationServer = await AuthorizationServer.start(database.db, config, logger, clock)
  // Expired consents are also settled whenever they are read; the sweep writes their events for the feed.
  const sweep = () =>
    Promise.all([sweepExpiredAuthState(database.db, clock()), expireDueConsents(database.db, clock())]).catch(
      (error: Error) => logger.warn('sweep of expired sessions, tokens and consents failed', { error: error.message }),
    )
  await sweep()
  const sweeper = setInterval(sweep, sweepIntervalMs)
  sweeper.unref()
  const app = buildApp(deps, {
    hostRoutes: (app) => {
      mountCitizenInteractions(app, authorizationServer, deps)
      mountAuthorizationServer(app, authorizationServer)
      if (config.seedDemo) app.route(demoProducerPath, demoProducer(config.publicUrl, clock))
    },
  })
  handle = app.fetch as typeof handle

  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      clearInterval(sweeper)
      await new Promise<void>((resolve) => {
        const forced = setTimeout(() => {
          logger.warn('shutdown grace period over: closing remaining connections')
          ;(server as import('node:http').Server).closeAllConnections?.()
        }, config.shutdownGraceMs)
        server.close(() => {
          clearTimeout(forced)
          resolve()
        })
        ;(server as import('node:http').Server).closeIdleConnections?.()
      })
      upstream.close()
      await Promise.all(unlisteners.map((unlisten) => unlisten().catch(() => {})))
      if (!options.database) await database.close()
    })()
    return closing
  }
  return { app, deps, database, url, close }
}
