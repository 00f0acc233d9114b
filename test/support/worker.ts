import { fileURLToPath } from 'node:url'
import { unstable_dev } from 'wrangler'
import { freePort } from './ports.ts'

export interface TestWorkerOptions {
  /** postgres:// URL the Worker uses as DATABASE_URL (see `urlForSchema`); the caller migrates it. */
  databaseUrl: string
  /**
   * More settings as Worker vars, e.g. DELING_ISSUER of a Node host whose tokens the Worker should accept.
   * Defaults: PUBLIC_URL = the Worker's own URL, DELING_ISSUER = <that URL>/oidc (nothing answers there),
   * LOG_LEVEL = silent.
   */
  vars?: Record<string, string>
}

export interface TestWorker {
  url: string
  stop(): Promise<void>
}

const config = fileURLToPath(new URL('../../wrangler.toml', import.meta.url))

// wrangler's one outbound call (the account's edge settings) and its telemetry: tests run offline.
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
process.env.WRANGLER_SEND_METRICS = 'false'

/** Starts src/worker.ts in workerd (wrangler's unstable_dev, local only) on a free port of 127.0.0.1. */
export async function startTestWorker(options: TestWorkerOptions): Promise<TestWorker> {
  // The Worker's PUBLIC_URL must be known before it starts, so the port is chosen here rather than by wrangler.
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const worker = await unstable_dev(fileURLToPath(new URL('../../src/worker.ts', import.meta.url)), {
    config,
    ip: '127.0.0.1',
    port,
    local: true,
    inspect: false,
    logLevel: 'warn',
    vars: {
      PUBLIC_URL: url,
      DELING_ISSUER: `${url}/oidc`,
      LOG_LEVEL: 'silent',
      DATABASE_URL: options.databaseUrl,
      ...options.vars,
    },
    experimental: { disableExperimentalWarning: true, disableDevRegistry: true, watch: false },
  })
  return { url, stop: () => worker.stop() }
}
