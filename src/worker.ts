import type { ExecutionContext } from 'hono'
import { type App, buildApp } from './app.ts'
import { ConfigError } from './config.ts'
import { createLogger } from './http/logger.ts'
import { workerDeps } from './worker/deps.ts'
import { docsAssets } from './worker/docs-assets.ts'
import type { WorkerEnv } from './worker/env.ts'

// Built on the first request and kept for the isolate's life: the env of a deployed Worker does not change.
let app: App | undefined

/** The Cloudflare Workers host: the same `buildApp` as the Node host, on Postgres through Hyperdrive. */
export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    try {
      app ??= buildApp(workerDeps(env, docsAssets))
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error
      return notConfigured(error)
    }
    return alreadyEncoded(await app.fetch(request, env, ctx))
  },
}

// The app sets Content-Encoding only on a body it has encoded itself (the /docs assets are stored gzipped), which is
// what the header means on Node. Workers read it as a request to encode the body, and would gzip it a second time.
function alreadyEncoded(response: Response): Response {
  if (!response.headers.has('Content-Encoding')) return response
  const init = { status: response.status, statusText: response.statusText, headers: response.headers }
  return new Response(response.body, { ...init, encodeBody: 'manual' } as ResponseInit)
}

// Without a valid configuration there is no PUBLIC_URL for Deling's own problem types (RFC 9457 §4.2.1: about:blank).
function notConfigured(error: ConfigError): Response {
  createLogger('error').error('deling is not configured', { error: error.message })
  return new Response(
    JSON.stringify({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'This Deling Worker is not configured; its log names the missing or invalid settings',
    }),
    { status: 500, headers: { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' } },
  )
}
