import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nodeHostFlags } from '../src/node-flags.ts'
import { startTestApp, type TestApp } from './support/app.ts'
import { createTestDatabase, type TestDatabase, urlForSchema } from './support/database.ts'
import { databaseBehindProxy, type ProxiedDatabase } from './support/proxied-database.ts'
import { type ServerProcess, startServerProcess } from './support/server-process.ts'
import { accessToken, demoOrganisations, registerClient } from './support/tokens.ts'

describe('when the database goes away and comes back', () => {
  let proxy: ProxiedDatabase['proxy']
  let behind: ProxiedDatabase
  let app: TestApp

  beforeAll(async () => {
    behind = await databaseBehindProxy()
    ;({ proxy } = behind)
    app = await startTestApp({ database: behind.open() })
  })
  afterAll(async () => {
    await app?.close()
    await behind?.close()
  })

  it('answers /healthz 503 while it is unreachable, and 200 again without a restart', async () => {
    expect((await app.get('/healthz')).status).toBe(200)
    proxy.cut()
    const down = await app.get('/healthz')
    expect(down.status).toBe(503)
    expect(down.headers.get('content-type')).toBe('application/problem+json')
    expect(down.headers.get('retry-after')).toBe('2')
    expect(down.body.type).toBe(`${app.url}/problems/database-unavailable`)
    proxy.restore()
    let status = 0
    for (let attempt = 0; attempt < 40 && status !== 200; attempt++) {
      status = (await app.get('/healthz')).status
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250))
    }
    expect(status).toBe(200)
  })

  it('answers API requests with a 503 problem (never a 500) while the database is unreachable', async () => {
    const operator = await registerClient(app, demoOrganisations.digdir.orgnr, ['deling:admin'])
    const token = await accessToken(app, operator, 'deling:admin')
    expect((await app.get('/admin/organisations', { token })).status).toBe(200)
    proxy.cut()
    const res = await app.get('/admin/organisations', { token })
    proxy.restore()
    expect(res.status).toBe(503)
    expect(res.body.type).toBe(`${app.url}/problems/database-unavailable`)
    expect(app.logs.filter((line) => line.level === 'error')).toEqual([])
  })
})

describe('the Node server process', () => {
  let database: TestDatabase
  let server: ServerProcess | undefined
  afterAll(async () => {
    server?.child.kill('SIGKILL')
    await database?.drop()
  })

  it('is started by npm start and npm run dev with the Node flags the tests and the benchmark start it with', () => {
    const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))
    expect(scripts.start).toBe(`tsx ${nodeHostFlags.join(' ')} src/server.ts`)
    expect(scripts.dev).toBe(`tsx watch ${nodeHostFlags.join(' ')} src/server.ts`)
  })

  it('finishes an in-flight request on SIGTERM, refuses new connections, and exits 0', async () => {
    database = await createTestDatabase('postgres')
    const port = 20_000 + Math.floor(Math.random() * 20_000)
    server = await startServerProcess(
      { PORT: String(port), DATABASE_URL: urlForSchema(database.schema!), DELING_DEMO: '0', LOG_LEVEL: 'info' },
      'deling started',
    )
    const child = server.child
    expect(server.output()).toContain('deling started')
    // the process really runs with the host's flags (its command line, as the kernel has it)
    expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0')).toEqual(
      expect.arrayContaining(nodeHostFlags),
    )
    const base = `http://127.0.0.1:${port}`

    // A token for the slow request, from the server's own authorization server.
    const issuing = { db: database.handle.db, issuer: `${base}/oidc` }
    const operator = await registerClient(issuing, demoOrganisations.digdir.orgnr, ['deling:admin'])
    const token = await accessToken(issuing, operator, 'deling:admin')

    // Send the head and half the body, then SIGTERM, then the rest: the request must still be served.
    const body = JSON.stringify({ orgnr: demoOrganisations.nav.orgnr, name: 'NAV' })
    const request = http.request(`${base}/admin/organisations`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
        Authorization: `Bearer ${token}`,
      },
    })
    const response = once(request, 'response')
    request.write(body.slice(0, 10))
    await new Promise((resolve) => setTimeout(resolve, 200))
    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 300))
    await expect(fetch(`${base}/healthz`)).rejects.toThrow()
    request.end(body.slice(10))
    const [res] = (await response) as [http.IncomingMessage]
    expect(res.statusCode).toBe(201)
    const [code] = await exited
    expect(code).toBe(0)
    expect(server.output()).toContain('"msg":"stopping"')
  })
})
