import { createServer, type Server } from 'node:http'
import net, { type AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accessLog, type GatewayWorld, gatewayWorld, record, subject } from '../gateway/support.ts'
import { accessToken, registerClient } from '../support/tokens.ts'
import { eventually, onOwnConnection, pause, type RawAnswer, scale } from './load.ts'

const problemSlug = (answer: RawAnswer) => (JSON.parse(answer.text) as { type: string }).type.split('/').pop()

/**
 * A producer that misbehaves on purpose: `/trickle` sends its headers and then one byte every 50 ms for ever (a
 * slow-loris upstream), `/endless` streams chunks without a Content-Length until the reader goes away. It counts
 * the connections it holds open, and the most it ever held at once.
 */
async function startMisbehavingProducer() {
  const open = new Set<net.Socket>()
  let mostOpen = 0
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname
    if (path === '/base/trickle') {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{"navn":"')
      const timer = setInterval(() => res.write('x'), 50)
      res.on('close', () => clearInterval(timer))
      return
    }
    if (path === '/base/endless') {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      const chunk = `"${'x'.repeat(64 * 1024)}",`
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      }
      res.on('drain', pump)
      res.write('[')
      return pump()
    }
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify(record()))
  })
  server.on('connection', (socket) => {
    open.add(socket)
    mostOpen = Math.max(mostOpen, open.size)
    socket.on('close', () => open.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/base`,
    openConnections: () => open.size,
    mostOpen: () => mostOpen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

describe('overload: a burst against the rate limit', () => {
  let world: GatewayWorld
  const limit = 20
  beforeAll(async () => {
    world = await gatewayWorld({ DELING_RATE_LIMIT: String(limit) })
  })
  afterAll(() => world?.close())

  it('lets one client through at its rate and answers the rest 429 with Retry-After, while another is unaffected', async () => {
    const navToken = await world.navToken()
    // Another system of the same organisation: a client of its own, so a bucket of its own.
    const otherClient = await registerClient(world.app, world.nav.orgnr, ['deling:gateway'])
    const otherToken = await accessToken(world.app, otherClient, 'deling:gateway')
    const url = `${world.app.url}/gateway/${world.datasetId}/inntekt/${subject}`
    const call = (token: string, purpose: string) =>
      onOwnConnection(url, {
        headers: { Authorization: `Bearer ${token}`, 'Deling-Purpose': purpose, 'Deling-Subject': subject },
      })
    const seenBefore = world.upstream.seen.length
    const started = performance.now()
    const burstSize = 100 * scale
    // The burst, each request on its own connection, and meanwhile the other client's ordinary traffic.
    const [burst, other] = await Promise.all([
      Promise.all(Array.from({ length: burstSize }, () => call(navToken, 'dagpenger'))),
      (async () => {
        const answers: RawAnswer[] = []
        for (let i = 0; i < limit / 2; i++) answers.push(await call(otherToken, 'dagpenger'))
        return answers
      })(),
    ])
    const elapsedMs = performance.now() - started

    const delivered = burst.filter((answer) => answer.status === 200)
    const limited = burst.filter((answer) => answer.status === 429)
    expect(delivered.length + limited.length, 'only 200 and 429').toBe(burstSize)
    // The bucket starts full and refills at `limit` a minute: that, and not one request more, gets through.
    expect(delivered.length).toBeGreaterThanOrEqual(limit)
    expect(delivered.length).toBeLessThanOrEqual(limit + Math.floor((elapsedMs / 60_000) * limit))
    for (const answer of limited) {
      expect(answer.headers['content-type']).toBe('application/problem+json')
      expect(problemSlug(answer)).toBe('too-many-requests')
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    }
    expect(other.map((answer) => answer.status)).toEqual(other.map(() => 200))
    // Refused requests never reached the producer, and are not decisions: nothing in the access log.
    expect(world.upstream.seen.length - seenBefore).toBe(delivered.length + other.length)
    const logged = await accessLog(world.app)
    expect(logged.filter((entry) => entry.clientId === world.nav.clientId)).toHaveLength(delivered.length)
    console.info(
      `rate limit: burst of ${burstSize} on own connections: ${delivered.length} delivered, ${limited.length} × 429; other client ${other.length}/${other.length} × 200`,
    )
  })
})

describe('overload: slow producers and oversized answers', () => {
  let world: GatewayWorld
  let producer: Awaited<ReturnType<typeof startMisbehavingProducer>>
  beforeAll(async () => {
    producer = await startMisbehavingProducer()
    world = await gatewayWorld(
      { DELING_RATE_LIMIT: '0', DELING_GATEWAY_TIMEOUT_MS: '300', DELING_GATEWAY_MAX_BYTES: '65536' },
      producer.url,
    )
  })
  afterAll(async () => {
    await world?.close()
    await producer?.close()
  })

  it('cuts producers that trickle their answer at the deadline, holds no connection to them, and keeps serving', async () => {
    const token = await world.navToken()
    // More at once than the gateway's pool has connections for one producer (64): the rest wait, and time out too.
    const concurrent = 80 * scale
    const answers = await Promise.all(
      Array.from({ length: concurrent }, () =>
        world.call('/trickle', { token, purpose: 'dagpenger', subject }).then((res) => res),
      ),
    )
    expect(answers.map((res) => res.status)).toEqual(answers.map(() => 504))
    for (const res of answers) {
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(res.body.type).toMatch(/\/problems\/upstream-timeout$/)
    }
    expect(producer.mostOpen()).toBeLessThanOrEqual(64)
    expect(
      await eventually(() => producer.openConnections() === 0),
      'the gateway let go of every trickling connection',
    ).toBe(true)
    const logged = new Map((await accessLog(world.app)).map((entry) => [entry.requestId, entry]))
    for (const res of answers)
      expect(logged.get(res.headers.get('x-request-id')!)).toMatchObject({
        outcome: 'upstream-failed',
        reason: 'upstream-timeout',
      })
    const fine = await world.call(`/inntekt/${subject}`, { token, purpose: 'dagpenger', subject })
    expect(fine.status, fine.text).toBe(200)
    console.info(
      `slow-loris producer: ${concurrent} concurrent → ${concurrent} × 504, at most ${producer.mostOpen()} connections`,
    )
  })

  it('stops reading an answer without Content-Length at the size limit, and closes that connection', async () => {
    const token = await world.navToken()
    const res = await world.call('/endless', { token, purpose: 'dagpenger', subject })
    expect(res.status).toBe(502)
    expect(res.body.type).toMatch(/\/problems\/upstream-failed$/)
    expect(res.body.detail).toMatch(/more than 65536 bytes/)
    expect(res.text).not.toContain('xxxx')
    expect(await eventually(() => producer.openConnections() <= 1)).toBe(true)
    const entry = (await accessLog(world.app)).find((row) => row.requestId === res.headers.get('x-request-id'))
    expect(entry).toMatchObject({ outcome: 'upstream-failed', reason: 'upstream-failed', fieldsDelivered: [] })
  })

  it('refuses request bodies over 1 MiB with 413, also when they come chunked, before the producer sees them', async () => {
    const token = await world.navToken()
    const gatewayUrl = `${world.app.url}/gateway/${world.datasetId}/inntekt/${subject}`
    const headers = {
      Authorization: `Bearer ${token}`,
      'Deling-Purpose': 'dagpenger',
      'Deling-Subject': subject,
      'Content-Type': 'application/json',
    }
    const oversized = JSON.stringify({ padding: 'x'.repeat(1024 * 1024) })
    const declared = await onOwnConnection(gatewayUrl, { method: 'POST', headers, body: oversized })
    // Chunked: no Content-Length to refuse up front, so the limit must hold while the body is read.
    const chunked = await new Promise<RawAnswer>((resolve, reject) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)))
          controller.close()
        },
      })
      fetch(gatewayUrl, { method: 'POST', headers, body, duplex: 'half' } as RequestInit).then(
        async (response) =>
          resolve({
            status: response.status,
            headers: Object.fromEntries(response.headers),
            text: await response.text(),
          }),
        reject,
      )
    })
    const admin = await onOwnConnection(`${world.app.url}/catalog/datasets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: oversized,
    })
    for (const answer of [declared, chunked, admin]) {
      expect(answer.status, answer.text).toBe(413)
      expect(answer.headers['content-type']).toBe('application/problem+json')
      expect(problemSlug(answer)).toBe('payload-too-large')
    }
    expect(world.upstream.seen.filter((seen) => seen.method === 'POST')).toEqual([])
  })
})

describe('overload: slow clients', () => {
  let world: GatewayWorld
  beforeAll(async () => {
    world = await gatewayWorld({ DELING_REQUEST_TIMEOUT_MS: '1000' })
  })
  afterAll(() => world?.close())

  it('closes connections of clients that send their request too slowly, and serves everyone else meanwhile', async () => {
    const { port } = new URL(world.app.url)
    const slowClients = 200 * scale
    const token = await world.navToken()
    const closedByServer: Promise<string>[] = []
    const sockets: net.Socket[] = []
    for (let i = 0; i < slowClients; i++) {
      const socket = net.connect(Number(port), '127.0.0.1')
      socket.setNoDelay(true)
      sockets.push(socket)
      let received = ''
      socket.on('data', (chunk) => {
        received += chunk
      })
      socket.on('error', () => {})
      closedByServer.push(new Promise((resolve) => socket.on('close', () => resolve(received))))
      // Half of them never finish their headers, half never finish their body.
      socket.write(
        i % 2
          ? 'GET /healthz HTTP/1.1\r\nHost: deling\r\nX-Slow: '
          : `POST /gateway/${world.datasetId}/inntekt HTTP/1.1\r\nHost: deling\r\nAuthorization: Bearer ${token}\r\nDeling-Purpose: dagpenger\r\nDeling-Subject: ${subject}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`,
      )
    }
    const trickle = setInterval(() => {
      for (const socket of sockets) if (!socket.destroyed) socket.write('a')
    }, 100)
    try {
      await pause(100)
      const meanwhile = await world.call(`/inntekt/${subject}`, { token, purpose: 'dagpenger', subject })
      expect(meanwhile.status, meanwhile.text).toBe(200)
      expect((await world.app.get('/healthz')).status).toBe(200)
      const received = await Promise.all(closedByServer)
      // Node answers 408 when it gives up on a request, or just closes a connection that has sent nothing usable.
      for (const text of received) expect(text === '' || text.startsWith('HTTP/1.1 408')).toBe(true)
      expect(received.filter((text) => text.startsWith('HTTP/1.1 408')).length).toBeGreaterThan(0)
      console.info(`slow clients: ${slowClients} closed by the server while others were served`)
    } finally {
      clearInterval(trickle)
      for (const socket of sockets) socket.destroy()
    }
  })
})
