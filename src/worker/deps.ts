import { createRemoteJWKSet } from 'jose'
import { disabledClientsLookup, rememberTokenId, trustedIssuerLookup } from '../auth/token-store.ts'
import { TokenVerifier } from '../auth/verify.ts'
import { checkOpenApiBasics } from '../catalog/producer-openapi-basics.ts'
import { ConfigError, loadConfig } from '../config.ts'
import { openPostgres } from '../db/postgres.ts'
import type { AppDeps, DatabaseLease } from '../deps.ts'
import { fetchUpstream } from '../gateway/upstream.ts'
import { createLogger } from '../http/logger.ts'
import { settingsOf, type WorkerEnv } from './env.ts'

// A token signed with a key the Worker has not seen (a rotation on the Node host) fetches the issuer's keys again,
// at most this often per isolate, so forged kids cannot turn into a fetch each.
const jwksCooldownMs = 1_000

/**
 * The Worker's dependencies, built once per isolate: configuration, logger and token verifier (with its caches of
 * verified tokens, issuer keys and trusted issuers) are plain data and safe to share between requests. The database
 * is not: Workers cannot reuse a socket across requests, so each request opens its own client and releases it
 * after the response (buildApp hands `release` to `waitUntil`). `docsAssets` come from the bundle (./docs-assets.ts),
 * which only wrangler can build: passing them in keeps this module importable on Node.
 */
export function workerDeps(env: WorkerEnv, docsAssets?: AppDeps['docsAssets']): AppDeps {
  const settings = settingsOf(env)
  // On Node these default to the host's own address; a Worker has none, and it serves no /oidc of its own.
  const missing = ['PUBLIC_URL', 'DELING_ISSUER'].filter((name) => !settings[name])
  if (!env.HYPERDRIVE && !settings.DATABASE_URL) missing.push('DATABASE_URL (or a HYPERDRIVE binding)')
  if (missing.length) throw new ConfigError(`invalid configuration: the Worker needs ${missing.join(', ')}`)
  const config = loadConfig(settings)
  const clock = () => new Date()
  return {
    config,
    logger: createLogger(config.logLevel),
    clock,
    database: () => openLease(env.HYPERDRIVE?.connectionString ?? config.databaseUrl!),
    tokens: new TokenVerifier({
      issuer: config.issuer,
      audience: config.audience,
      // The Node host publishes its signing keys at <issuer>/jwks; the Worker only ever sees their public half.
      ownKeys: createRemoteJWKSet(new URL(`${config.issuer}/jwks`), {
        timeoutDuration: 5_000,
        cooldownDuration: jwksCooldownMs,
      }),
      findTrustedIssuer: trustedIssuerLookup(5_000, clock),
      rememberTokenId,
      disabledClients: disabledClientsLookup(config.accessTokenTtl, clock),
      clock,
    }),
    docsAssets,
    checkProducerApi: checkOpenApiBasics,
    upstream: fetchUpstream(),
  }
}

function openLease(url: string): DatabaseLease {
  // Creating the client opens no connection: requests that never query (/openapi.json, 404s) cost nothing.
  const handle = openPostgres(url, { perRequest: true })
  return { db: handle.db, release: handle.close }
}
