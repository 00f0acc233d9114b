import type { AccessLogWriter } from './audit/log.ts'
import type { TokenVerifier } from './auth/verify.ts'
import type { ProducerApiCheck } from './catalog/producer-openapi-basics.ts'
import type { Config } from './config.ts'
import type { Database } from './db/database.ts'
import type { Es256SignerFactory } from './gateway/assertion.ts'
import type { CatalogChangeListener } from './gateway/catalog-cache.ts'
import type { UpstreamClient } from './gateway/upstream.ts'
import type { Logger } from './http/logger.ts'

/** The database of one request: a shared pool on Node; on Workers a short-lived client released after the response. */
export interface DatabaseLease {
  db: Database
  release?: () => Promise<void>
}

/** Everything `buildApp` needs, passed in by the host (Node server, Worker, tests). */
export interface AppDeps {
  config: Config
  logger: Logger
  /** The one source of time in domain code: tests pass a fixed clock. */
  clock: () => Date
  database: () => DatabaseLease
  tokens: TokenVerifier
  /** Checks producers' OpenAPI documents at publication: full schema validation on Node, the basics on Workers. */
  checkProducerApi: ProducerApiCheck
  /**
   * Static files of the API reference page (Swagger UI), served by Deling itself so /docs works with no internet.
   * Node reads them from node_modules; the Worker bundles them as text modules.
   */
  /** The gateway's HTTP client to producers: keep-alive pooled `node:http` on Node; absent, `fetch` (Workers). */
  upstream?: UpstreamClient
  /** The Node host's batching access-log writer (one per process on the shared pool); Workers append per request. */
  accessLog?: AccessLogWriter
  /**
   * Subscribes to the database's notification that the catalog changed (Node: LISTEN). With it the gateway reads
   * its rules again only after a change; without it (Workers), it checks the catalog's version on every request.
   */
  catalogChanges?: CatalogChangeListener
  /** How the gateway signs Deling-Assertion: node:crypto on Node; absent, Web Crypto (Workers). */
  signEs256?: Es256SignerFactory
  docsAssets?: (name: 'swagger-ui-bundle.js' | 'swagger-ui.css') => Promise<string | undefined>
}
