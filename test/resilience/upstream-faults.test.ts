import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accessLog, type GatewayWorld, gatewayWorld, subject } from '../gateway/support.ts'

/** A producer that answers 200 and then something the gateway cannot pass on. */
async function startBrokenProducer() {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname
    if (path === '/base/garbage') {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      return res.end('{"personidentifikator": "12858440015", "inntekt": [{"beloep": 5')
    }
    if (path === '/base/html') {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      return res.end('<html><body>personidentifikator 12858440015, inntekt 52300</body></html>')
    }
    if (path === '/base/cut-off') {
      // promises 10 000 bytes, sends a few, and hangs up
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '10000' })
      res.write('{"personidentifikator": "12858440015", "navn": "Ingr')
      return setTimeout(() => res.socket?.destroy(), 20)
    }
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end('{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/base`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

describe('faults: a producer that answers garbage, the wrong type, or hangs up mid-body', () => {
  let world: GatewayWorld
  let producer: Awaited<ReturnType<typeof startBrokenProducer>>
  beforeAll(async () => {
    producer = await startBrokenProducer()
    world = await gatewayWorld({ DELING_RATE_LIMIT: '0' }, producer.url)
  })
  afterAll(async () => {
    await world?.close()
    await producer?.close()
  })

  it.each([
    ['/garbage', 'JSON that does not parse'],
    ['/html', 'HTML where the rule cuts JSON fields'],
    ['/cut-off', 'a body cut off before its Content-Length'],
  ])('answers %s (%s) with a 502 problem, passes none of it on, and logs the failure', async (path) => {
    const res = await world.call(path, { token: await world.navToken(), purpose: 'dagpenger', subject })
    expect(res.status, res.text).toBe(502)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.body.type).toMatch(/\/problems\/upstream-failed$/)
    expect(res.text).not.toMatch(/52300|Ingr|beloep/)
    const entry = (await accessLog(world.app)).find((row) => row.requestId === res.headers.get('x-request-id'))
    expect(entry).toMatchObject({
      outcome: 'upstream-failed',
      reason: 'upstream-failed',
      fieldsDelivered: [],
      consumerOrgnr: world.nav.orgnr,
    })
  })
})
