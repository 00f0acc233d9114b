/**
 * What the Worker gets from Cloudflare: the settings of src/config.ts as `[vars]` and secrets, and the optional
 * Hyperdrive binding (wrangler.toml documents each).
 */
export interface WorkerEnv {
  /** Postgres through Hyperdrive; when present it wins over DATABASE_URL. */
  HYPERDRIVE?: { connectionString: string }
  DATABASE_URL?: string
  PUBLIC_URL?: string
  DELING_ISSUER?: string
  [setting: string]: unknown
}

/** The text settings only (bindings are objects), in the shape `loadConfig` reads. */
export function settingsOf(env: WorkerEnv): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  )
}
