import { z } from 'zod'
import { version as packageVersion } from './version.ts'

/** Every setting Deling reads, validated once at start. The README's configuration table mirrors this. */
const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DELING_DEMO: z.enum(['0', '1']).optional(),
  DELING_ACCESS_TOKEN_TTL: z.coerce.number().int().min(10).max(3600).default(120),
  DELING_ISSUER: z.url().optional(),
  DELING_AUDIENCE: z.string().min(1).optional(),
  DELING_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  DELING_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(500).max(300_000).default(30_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  IDPORTEN_ISSUER: z.url().optional(),
  IDPORTEN_CLIENT_ID: z.string().min(1).optional(),
  IDPORTEN_CLIENT_JWK: z.string().min(1).optional(),
  DELING_HARVEST_SOURCES: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((prefix) => prefix.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }).max(500)))
    .default([]),
  DELING_UPSTREAM_ALLOW: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .max(255)
          .regex(/^[0-9A-Za-z.:_-]+(\/\d{1,3})?$/, 'a host name, an IP address or a CIDR such as 10.0.0.0/8'),
      ),
    )
    .default([]),
  DELING_GATEWAY_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  DELING_GATEWAY_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 ** 3)
    .default(5 * 1024 * 1024),
  DELING_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(600),
})

export type LogLevel = z.infer<typeof environment>['LOG_LEVEL']

export interface Config {
  port: number
  host: string
  /** Base URL that callers use to reach this Deling, without a trailing slash. */
  publicUrl: string
  /** Issuer identifier of the authorization server whose tokens this instance accepts. */
  issuer: string
  /** The resource identifier (`aud`) of Deling's API in access tokens: the same for every host of one installation. */
  audience: string
  dataDir: string
  /** Absent: the embedded PGlite database under `dataDir`. */
  databaseUrl: string | undefined
  seedDemo: boolean
  accessTokenTtl: number
  shutdownGraceMs: number
  /** How long a client may take to send a whole request (headers and body) before its connection is closed. */
  requestTimeoutMs: number
  logLevel: LogLevel
  idporten: { issuer: string; clientId: string; clientJwk: string } | undefined
  /** URL prefixes an organisation may ask `POST /catalog/harvest` to fetch from (`{url}`); empty: none. */
  harvestSources: string[]
  gateway: {
    /** Host names, addresses and CIDRs of private networks the gateway may forward to (`DELING_UPSTREAM_ALLOW`). */
    upstreamAllow: string[]
    timeoutMs: number
    maxResponseBytes: number
    /** Requests per minute per client and dataset, per instance; 0 turns the limit off. */
    rateLimitPerMinute: number
  }
  version: string
}

export class ConfigError extends Error {}

/** Reads the environment (process.env on Node, the bindings on Workers). Throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>, version = packageVersion): Config {
  // An empty variable (`DATABASE_URL= npm start`) means unset, as shells and .env files use it.
  const parsed = environment.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')))
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`)
  }
  const e = parsed.data
  const reachableHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST
  const publicUrl = (e.PUBLIC_URL ?? `http://${reachableHost}:${e.PORT}`).replace(/\/+$/, '')
  const issuer = (e.DELING_ISSUER ?? `${publicUrl}/oidc`).replace(/\/+$/, '')
  const idportenParts = [e.IDPORTEN_ISSUER, e.IDPORTEN_CLIENT_ID, e.IDPORTEN_CLIENT_JWK]
  if (idportenParts.some(Boolean) && !idportenParts.every(Boolean)) {
    throw new ConfigError(
      'invalid configuration: IDPORTEN_ISSUER, IDPORTEN_CLIENT_ID and IDPORTEN_CLIENT_JWK go together',
    )
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    issuer,
    audience: e.DELING_AUDIENCE ?? issuer.replace(/\/oidc$/, ''),
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    // The embedded default is for trying Deling out, so it comes with demo data; a real Postgres does not, unless asked.
    seedDemo: e.DELING_DEMO ? e.DELING_DEMO === '1' : !e.DATABASE_URL,
    accessTokenTtl: e.DELING_ACCESS_TOKEN_TTL,
    shutdownGraceMs: e.DELING_SHUTDOWN_GRACE_MS,
    requestTimeoutMs: e.DELING_REQUEST_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    idporten: e.IDPORTEN_ISSUER
      ? { issuer: e.IDPORTEN_ISSUER, clientId: e.IDPORTEN_CLIENT_ID!, clientJwk: e.IDPORTEN_CLIENT_JWK! }
      : undefined,
    harvestSources: e.DELING_HARVEST_SOURCES,
    gateway: {
      upstreamAllow: e.DELING_UPSTREAM_ALLOW,
      timeoutMs: e.DELING_GATEWAY_TIMEOUT_MS,
      maxResponseBytes: e.DELING_GATEWAY_MAX_BYTES,
      rateLimitPerMinute: e.DELING_RATE_LIMIT,
    },
    version,
  }
}

/** The same configuration reached at another base URL (a server started on port 0 learns its port late). */
export function withPublicUrl(config: Config, publicUrl: string): Config {
  const swap = (url: string) =>
    url.startsWith(config.publicUrl) ? publicUrl + url.slice(config.publicUrl.length) : url
  return { ...config, publicUrl, issuer: swap(config.issuer), audience: swap(config.audience) }
}
