import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addressGuard } from '../../src/gateway/address-guard.ts'
import { nodeUpstream } from '../../src/gateway/node-upstream.ts'
import { UpstreamError } from '../../src/gateway/upstream.ts'
import { accessLog, type GatewayWorld, gatewayWorld, startUpstream, subject, type Upstream } from './support.ts'

/** A request sent byte for byte: fetch would resolve `..` before sending. */
function rawGet(base: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const url = new URL(base)
    const outgoing = request({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      let body = ''
      res.on('data', (chunk) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode!, body }))
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

describe('gateway: no SSRF without the allow list', () => {
  let upstream: Upstream
  beforeAll(async () => {
    upstream = await startUpstream()
  })
  afterAll(() => upstream?.close())

  const endpoints = (port: number) => [
    `http://127.0.0.1:${port}/base`,
    `http://10.0.0.7:${port}/base`,
    'http://169.254.169.254/latest/meta-data',
    `http://[::1]:${port}/base`,
    `http://[::ffff:127.0.0.1]:${port}/base`,
    `http://localhost:${port}/base`,
  ]

  it.each([0, 1, 2, 3, 4, 5])('refuses private endpoint %#, sending nothing, and logs the refusal', async (index) => {
    const endpoint = endpoints(upstream.port)[index]!
    // no DELING_UPSTREAM_ALLOW: the default refuses every private, loopback and link-local address
    const world = await gatewayWorld({ DELING_UPSTREAM_ALLOW: '' }, endpoint)
    try {
      const before = upstream.seen.length
      const res = await world.call(`/inntekt/${subject}`, {
        token: await world.navToken(),
        purpose: 'dagpenger',
        subject,
      })
      expect(res.status, res.text).toBe(502)
      expect(res.body.type).toMatch(/\/problems\/upstream-not-allowed$/)
      expect(upstream.seen.length).toBe(before)
      const entry = (await accessLog(world.app)).find((row) => row.requestId === res.headers.get('x-request-id'))
      expect(entry).toMatchObject({ outcome: 'upstream-failed', reason: 'upstream-not-allowed', fieldsDelivered: [] })
    } finally {
      await world.close()
    }
  })

  it('checks the addresses a name resolves to when it connects (DNS rebinding)', async () => {
    const client = nodeUpstream()
    const guard = addressGuard([])
    const before = upstream.seen.length
    try {
      const sent = client.send({
        url: new URL(`http://localhost:${upstream.port}/base/x`),
        method: 'GET',
        headers: {},
        timeoutMs: 2_000,
        maxBytes: 1024,
        checkAddress: guard.checkAddress,
      })
      await expect(sent).rejects.toBeInstanceOf(UpstreamError)
      await expect(sent).rejects.toMatchObject({ kind: 'not-allowed' })
      expect(upstream.seen.length).toBe(before)
      // the same name is reached once the operator allows its address
      const allowed = await client.send({
        url: new URL(`http://localhost:${upstream.port}/base/x`),
        method: 'GET',
        headers: {},
        timeoutMs: 2_000,
        maxBytes: 1024,
        checkAddress: addressGuard(['127.0.0.1', '::1']).checkAddress,
      })
      expect(allowed.status).toBe(200)
    } finally {
      client.close()
    }
  })
})

describe('gateway: the path stays under the endpoint', () => {
  let world: GatewayWorld
  let headers: Record<string, string>
  beforeAll(async () => {
    world = await gatewayWorld()
    headers = {
      Authorization: `Bearer ${await world.navToken()}`,
      'Deling-Purpose': 'dagpenger',
      'Deling-Subject': subject,
    }
  })
  afterAll(() => world?.close())

  it.each([
    '/../../admin',
    '/inntekt/../../../admin',
    '/%2e%2e/%2e%2e/admin',
    '/inntekt/%2E%2E/%2e%2e/%2e%2e/admin',
    '/inntekt/..%2f..%2fadmin',
    '/inntekt/%2e%2e%2f%2e%2e%2fadmin',
    '/inntekt/..%5c..%5cadmin',
    '/inntekt/%2e%2e%5cadmin',
    '/inntekt/%00',
  ])('%s never reaches anything outside /base', async (path) => {
    const before = world.upstream.seen.length
    const res = await rawGet(world.app.url, `/gateway/${world.datasetId}${path}`, headers)
    expect([200, 400, 404]).toContain(res.status)
    for (const seen of world.upstream.seen.slice(before)) expect(seen.url).toMatch(/^\/base(\/|\?|$)/)
    expect(
      world.upstream.seen.slice(before).some((seen) => seen.url.includes('admin') && !seen.url.startsWith('/base/')),
    ).toBe(false)
  })

  it('refuses encoded dot segments and slashes with 400 before anything is decided', async () => {
    const before = world.upstream.seen.length
    const res = await rawGet(world.app.url, `/gateway/${world.datasetId}/inntekt/..%2fadmin`, headers)
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body).type).toMatch(/\/problems\/validation-failed$/)
    expect(world.upstream.seen.length).toBe(before)
  })
})
