import { readdir, readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'
import { type CatalogActors, catalogActors, incomeDataset } from '../support/catalog.ts'
import { harvest, storedDatasets } from '../support/harvest.ts'
import { accessToken, demoOrganisations, registerClient } from '../support/tokens.ts'

const fixtures = new URL('./fixtures/', import.meta.url)
const examples = new URL('../../../shared/conformance/dcat/examples/', import.meta.url)

/** A catalog server on 127.0.0.1 that counts every request by path. */
async function startSource(turtle: string) {
  const requests: string[] = []
  const server: Server = createServer((request, response) => {
    requests.push(request.url!)
    if (request.url === '/katalog/catalog.ttl') {
      response.writeHead(200, { 'Content-Type': 'text/turtle; charset=utf-8' }).end(turtle)
    } else if (request.url === '/katalog/as-text.ttl') {
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end(turtle)
    } else if (request.url === '/katalog/moved') {
      response.writeHead(302, { Location: '/elsewhere/catalog.ttl' }).end()
    } else if (request.url === '/katalog/huge.ttl') {
      response.writeHead(200, { 'Content-Type': 'text/turtle' })
      const line = `# ${'x'.repeat(1022)}\n`
      for (let i = 0; i < 11 * 1024; i++) response.write(line)
      response.end()
    } else if (request.url === '/katalog/page.html') {
      response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html></html>')
    } else response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { base, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

describe('harvesting a registered source, and what Deling itself exports', () => {
  let source: Awaited<ReturnType<typeof startSource>>
  let app: TestApp
  let actors: CatalogActors

  beforeAll(async () => {
    source = await startSource(await readFile(new URL('skatteetaten-catalog.ttl', fixtures), 'utf8'))
    app = await startTestApp({ env: { DELING_HARVEST_SOURCES: `${source.base}/katalog/` } })
    actors = await catalogActors(app)
  })
  afterAll(async () => {
    await app?.close()
    await source?.close()
  })

  const harvestUrl = async (url: string) =>
    harvest(app, await actors.skatteetaten(), JSON.stringify({ url }), 'application/json')

  it('fetches a catalog from a registered source', async () => {
    const { status, body } = await harvestUrl(`${source.base}/katalog/catalog.ttl`)
    expect(status).toBe(200)
    expect(body.summary).toEqual({ created: 2, updated: 0, unchanged: 0, skipped: 1 })
    // Served as text/plain, the file extension names the syntax.
    expect((await harvestUrl(`${source.base}/katalog/as-text.ttl`)).body.summary.unchanged).toBe(2)
  })

  it('refuses an unregistered URL without requesting it', async () => {
    const before = source.requests.length
    for (const url of [`${source.base}/other/catalog.ttl`, `${source.base}/katalogen/catalog.ttl`]) {
      const { status, body } = await harvestUrl(url)
      expect(status).toBe(403)
      expect(body.type).toMatch(/\/problems\/forbidden$/)
    }
    expect(source.requests.length).toBe(before)
  })

  it.each([
    ['a redirect out of the registered source', 'moved', /redirects to .*elsewhere/],
    ['an error answer', 'missing.ttl', /answered 404/],
    ['a document over 10 MiB', 'huge.ttl', /more than 10485760 bytes/],
    ['a document that is not RDF', 'page.html', /did not answer with RDF/],
  ])('answers 502 for %s, changing nothing', async (_, path, detail) => {
    const before = await storedDatasets(app)
    const { status, body } = await harvestUrl(`${source.base}/katalog/${path}`)
    expect(status).toBe(502)
    expect(body).toMatchObject({
      type: expect.stringMatching(/upstream-failed$/),
      detail: expect.stringMatching(detail),
    })
    expect(source.requests).not.toContain('/elsewhere/catalog.ttl')
    expect(await storedDatasets(app)).toEqual(before)
  })

  it('round-trips a DCAT-AP-NO document that Deling exports', async () => {
    const origin = await startTestApp()
    try {
      const publisher = await catalogActors(origin)
      const { body: published } = await origin.post('/catalog/datasets', incomeDataset(), {
        token: await publisher.skatteetaten(),
      })
      const exported = await origin.get(`/catalog/datasets/${published.id}`, { headers: { Accept: 'text/turtle' } })
      expect(exported.status).toBe(200)

      const { status, body } = await harvest(app, await actors.skatteetaten(), exported.text)
      expect(status).toBe(200)
      expect(body.datasets).toMatchObject([
        { uri: `${origin.url}/catalog/datasets/${published.id}`, result: 'created' },
      ])
      const { body: imported } = await app.get(`/catalog/datasets/${body.datasets[0].id}`)
      const parts = (dataset: typeof published) => ({
        title: dataset.title,
        description: dataset.description,
        themes: dataset.themes,
        accessRights: dataset.accessRights,
        legalBases: dataset.legalBases.map(({ id: _, ...basis }: { id: string }) => basis),
      })
      expect(parts(imported)).toEqual(parts(published))
    } finally {
      await origin.close()
    }
  })

  it('gives the operator a report for every specification example, never a server error', async () => {
    const client = await registerClient(app, demoOrganisations.digdir.orgnr, ['deling:admin'])
    const operator = await accessToken(app, client, 'deling:admin')
    const files = (await readdir(examples)).filter((file) => file.endsWith('.ttl')).sort()
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const { status, body } = await harvest(app, operator, await readFile(new URL(file, examples), 'utf8'))
      expect({ file, status }).toEqual({ file, status: 200 })
      expect(body.summary).toEqual(expect.objectContaining({ created: expect.any(Number) }))
    }
  })
})
