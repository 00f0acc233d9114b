import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate } from '../src/db/migrate.ts'
import { version } from '../src/version.ts'
import { startTestApp, type TestApp } from './support/app.ts'
import { dagpengerRule, incomeDataset } from './support/catalog.ts'
import { createTestDatabase, type TestDatabase, urlForSchema } from './support/database.ts'
import { accessToken, demoOrganisations, dpopProof, newDpopKey, registerClient } from './support/tokens.ts'
import { startTestWorker, type TestWorker } from './support/worker.ts'

const root = fileURLToPath(new URL('..', import.meta.url))

interface Answer {
  status: number
  headers: Headers
  body: unknown
}

async function call(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, { method, headers, redirect: 'manual' })
  const text = await response.text()
  const body = /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text
  return { status: response.status, headers: response.headers, body } satisfies Answer
}

/** A problem as any host would write it: `type` without the host's own URL, no request id. */
const hostless = (answer: Answer, baseUrl: string) => {
  const { requestId, type, ...rest } = answer.body as { requestId: string; type: string }
  expect(requestId).toMatch(/^req_/)
  return { ...rest, type: type.replace(baseUrl, '') }
}

describe('the Workers host answers as the Node host does', () => {
  let database: TestDatabase
  let node: TestApp
  let worker: TestWorker
  // Both hosts, each at its own URL, on one migrated schema.
  const both = async (method: string, path: string, headers?: Record<string, string>) => {
    const [onNode, onWorker] = await Promise.all([
      call(node.url, method, path, headers),
      call(worker.url, method, path, headers),
    ])
    return { onNode, onWorker }
  }

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    // The Worker never migrates: the schema must be ready before it serves.
    await migrate(database.handle.db)
    node = await startTestApp({ database: database.handle })
    worker = await startTestWorker({
      databaseUrl: urlForSchema(database.schema!),
      vars: { DELING_ISSUER: node.host.deps.config.issuer },
    })
  })
  afterAll(async () => {
    await worker?.stop()
    await node?.host.close()
    await database?.drop()
  })

  it('answers /healthz with a database round trip', async () => {
    const { onNode, onWorker } = await both('GET', '/healthz')
    expect(onWorker.status).toBe(200)
    expect(onWorker.body).toEqual({ status: 'ok', database: 'ok', version })
    expect(onWorker.body).toEqual(onNode.body)
    expect(onWorker.headers.get('cache-control')).toBe('no-store')
  })

  it('serves the same OpenAPI document', async () => {
    const { onNode, onWorker } = await both('GET', '/openapi.json')
    expect(onWorker.status).toBe(200)
    expect(onWorker.body).toEqual(onNode.body)
  })

  it('answers an unknown route with the same 404 problem', async () => {
    const { onNode, onWorker } = await both('GET', '/no/such/thing')
    expect(onWorker.status).toBe(404)
    expect(onWorker.headers.get('content-type')).toBe('application/problem+json')
    expect((onWorker.body as { type: string }).type).toBe(`${worker.url}/problems/not-found`)
    expect(hostless(onWorker, worker.url)).toEqual(hostless(onNode, node.url))
  })

  it('answers a wrong method with the same 405 problem and Allow', async () => {
    const { onNode, onWorker } = await both('DELETE', '/healthz')
    expect(onWorker.status).toBe(405)
    expect(onWorker.headers.get('allow')).toBe('GET, HEAD')
    expect(onWorker.headers.get('allow')).toBe(onNode.headers.get('allow'))
    expect(hostless(onWorker, worker.url)).toEqual(hostless(onNode, node.url))
  })

  it('refuses an operator call without a token with the same 401 problem and challenge', async () => {
    const { onNode, onWorker } = await both('GET', '/admin/organisations')
    expect(onWorker.status).toBe(401)
    expect(onWorker.headers.get('content-type')).toBe('application/problem+json')
    expect(onWorker.headers.get('www-authenticate')).toMatch(/^Bearer realm="deling"/)
    expect(onWorker.headers.get('www-authenticate')).toBe(onNode.headers.get('www-authenticate'))
    expect(hostless(onWorker, worker.url)).toEqual(hostless(onNode, node.url))
  })

  it('accepts a token issued by the Node host, verified with the issuer JWKS (Bearer and DPoP)', async () => {
    const operator = await registerClient(node, demoOrganisations.digdir.orgnr, ['deling:admin'])
    const bearer = await accessToken(node, operator, 'deling:admin')
    const onWorker = await call(worker.url, 'GET', '/admin/organisations', { Authorization: `Bearer ${bearer}` })
    expect(onWorker.status).toBe(200)
    expect(onWorker.body).toEqual(
      (await call(node.url, 'GET', '/admin/organisations', { Authorization: `Bearer ${bearer}` })).body,
    )

    const key = await newDpopKey()
    const bound = await accessToken(node, operator, 'deling:admin', key)
    const url = `${worker.url}/admin/organisations`
    for (let i = 0; i < 2; i++) {
      const res = await call(worker.url, 'GET', '/admin/organisations', {
        Authorization: `DPoP ${bound}`,
        DPoP: await dpopProof(key, 'GET', url, bound),
      })
      expect(res.status).toBe(200)
    }
    const asBearer = await call(worker.url, 'GET', '/admin/organisations', { Authorization: `Bearer ${bound}` })
    expect(asBearer.status).toBe(401)
  })

  it('serves catalog reads: search, a dataset as JSON and DCAT-AP-NO, its rules and the whole catalog', async () => {
    const publisher = await registerClient(node, demoOrganisations.skatteetaten.orgnr, ['deling:catalog.write'])
    const token = await accessToken(node, publisher, 'deling:catalog.write')
    const published = await node.post('/catalog/datasets', incomeDataset(), { token })
    expect(published.status).toBe(201)
    const { id, legalBases } = published.body
    await node.post(`/catalog/datasets/${id}/access-rules`, dagpengerRule(legalBases[0].id), { token })

    const search = await both('GET', '/catalog/datasets?q=inntekt')
    expect(search.onWorker.status).toBe(200)
    expect(search.onWorker.body).toEqual(search.onNode.body)
    for (const path of [`/catalog/datasets/${id}`, `/catalog/datasets/${id}/access-rules`]) {
      const { onNode, onWorker } = await both('GET', path)
      expect(onWorker.status, path).toBe(200)
      expect(onWorker.body, path).toEqual(onNode.body)
    }
    const turtle = await call(worker.url, 'GET', `/catalog/datasets/${id}`, { Accept: 'text/turtle' })
    expect(turtle.headers.get('content-type')).toMatch(/^text\/turtle/)
    expect(turtle.body).toContain(`${worker.url}/catalog/datasets/${id}`)
    const catalog = await call(worker.url, 'GET', '/catalog/dcat')
    expect(catalog.status).toBe(200)
    expect(catalog.body).toContain('dcat:Catalog')
    expect(catalog.body).toContain(`${worker.url}/catalog/datasets/${id}`)
  })

  it('serves the API reference assets from its bundle, encoded once', async () => {
    const page = await call(worker.url, 'GET', '/docs')
    expect(page.status).toBe(200)
    for (const name of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
      expect(page.body).toContain(`/docs/assets/${name}?v=`)
      const original = await readFile(join(root, 'node_modules/swagger-ui-dist', name), 'utf8')
      for (const encoding of ['identity', 'gzip']) {
        const asset = await call(worker.url, 'GET', `/docs/assets/${name}`, { 'Accept-Encoding': encoding })
        expect(asset.status).toBe(200)
        // fetch decodes gzip once: a body the runtime had encoded a second time would still be gzip here.
        expect(asset.body === original, `${name} with Accept-Encoding: ${encoding}`).toBe(true)
      }
    }
  })
})

describe('the Worker bundle', () => {
  let outdir: string
  beforeAll(async () => {
    outdir = await mkdtemp(join(tmpdir(), 'deling-worker-'))
  })
  afterAll(() => rm(outdir, { recursive: true, force: true }))

  it('builds offline, within the Workers size limit, without the Node host', async () => {
    await promisify(execFile)(
      process.execPath,
      [join(root, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', outdir],
      { cwd: root, env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' } },
    )
    const files = await readdir(outdir)
    expect(files).toContain('worker.js')
    expect(files.filter((file) => /swagger-ui(-bundle\.js|\.css)$/.test(file))).toHaveLength(2)

    const modules = files.filter((file) => !file.endsWith('.map') && !file.endsWith('.md'))
    const compressed = (
      await Promise.all(modules.map(async (file) => gzipSync(await readFile(join(outdir, file))).length))
    ).reduce((sum, size) => sum + size, 0)
    // Workers Free allows 3 MB compressed per Worker (Paid: 10 MB).
    expect(compressed).toBeLessThan(3 * 1024 * 1024)

    // The source map lists every file in the bundle: none of the Node host's may be there.
    const { sources } = JSON.parse(await readFile(join(outdir, 'worker.js.map'), 'utf8')) as { sources: string[] }
    expect(sources.some((source) => source.endsWith('src/worker.ts'))).toBe(true)
    expect(sources.some((source) => source.endsWith('src/app.ts'))).toBe(true)
    const nodeOnly = /oidc-provider|pglite|koa|src\/node-host\.ts|src\/server\.ts|src\/db\/(open|migrate)\.ts/
    expect(sources.filter((source) => nodeOnly.test(source))).toEqual([])
    const code = await readFile(join(outdir, 'worker.js'), 'utf8')
    expect(code).not.toMatch(/from "node:(fs|fs\/promises|net|http|https|child_process|worker_threads)"/)
    expect(code).not.toMatch(/class PGlite\b/)
  })
})
