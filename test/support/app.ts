import { loadConfig } from '../../src/config.ts'
import type { DatabaseHandle } from '../../src/db/database.ts'
import type { Logger } from '../../src/http/logger.ts'
import { type NodeHost, startNodeHost } from '../../src/node-host.ts'
import { createTestDatabase, type Driver, type TestDatabase } from './database.ts'

export interface TestResponse<Body = any> {
  status: number
  headers: Headers
  body: Body
  text: string
}

export interface RequestOptions {
  token?: string
  headers?: Record<string, string>
  body?: unknown
  /** Sent as is, with the given content type (default JSON-encodes `body`). */
  rawBody?: string | Uint8Array
  contentType?: string
}

export interface TestApp {
  url: string
  host: NodeHost
  database: TestDatabase
  logs: Record<string, unknown>[]
  request<Body = any>(method: string, path: string, options?: RequestOptions): Promise<TestResponse<Body>>
  get<Body = any>(path: string, options?: RequestOptions): Promise<TestResponse<Body>>
  post<Body = any>(path: string, body?: unknown, options?: RequestOptions): Promise<TestResponse<Body>>
  close(): Promise<void>
}

export interface TestAppOptions {
  driver?: Driver
  /** An already opened database; the caller migrates, closes and drops it. */
  database?: DatabaseHandle
  env?: Record<string, string>
  clock?: () => Date
}

/** Starts the real Node host (real HTTP, real database, real keys) on a free port, with an empty database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database: TestDatabase = options.database
    ? { handle: options.database, schema: undefined, drop: () => options.database!.close() }
    : await createTestDatabase(options.driver)
  const logs: Record<string, unknown>[] = []
  const logger: Logger = Object.fromEntries(
    (['debug', 'info', 'warn', 'error'] as const).map((level) => [
      level,
      (msg: string, fields = {}) => logs.push({ level, msg, ...fields }),
    ]),
  ) as unknown as Logger
  // PORT=0 picks a free port; PUBLIC_URL is fixed up below once the port is known.
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', DELING_DEMO: '0', ...options.env })
  const host = await startNodeHost({ config, database: database.handle, logger, clock: options.clock })
  const url = host.url
  const request = async (method: string, path: string, requestOptions: RequestOptions = {}): Promise<TestResponse> => {
    const headers = new Headers(requestOptions.headers)
    if (requestOptions.token && !headers.has('Authorization'))
      headers.set('Authorization', `Bearer ${requestOptions.token}`)
    let body: BodyInit | undefined
    if (requestOptions.rawBody !== undefined) {
      body = requestOptions.rawBody as BodyInit
      if (requestOptions.contentType) headers.set('Content-Type', requestOptions.contentType)
    } else if (requestOptions.body !== undefined) {
      body = JSON.stringify(requestOptions.body)
      headers.set('Content-Type', requestOptions.contentType ?? 'application/json')
    }
    const response = await fetch(`${url}${path}`, { method, headers, body, redirect: 'manual' })
    const text = await response.text()
    let parsed: unknown = text
    if (/json/.test(response.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text)
    return { status: response.status, headers: response.headers, body: parsed, text }
  }
  return {
    url,
    host,
    database,
    logs,
    request,
    get: (path, requestOptions) => request('GET', path, requestOptions),
    post: (path, body, requestOptions) => request('POST', path, { ...requestOptions, body }),
    async close() {
      await host.close()
      await database.drop()
    },
  }
}
