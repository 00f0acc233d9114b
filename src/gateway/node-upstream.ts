import { type LookupAddress, lookup } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import { type UpstreamClient, UpstreamError, type UpstreamRequest } from './upstream.ts'

export interface NodeUpstreamOptions {
  /** Connections per upstream host:port; requests beyond wait for a free one. */
  maxSockets?: number
}

/**
 * The Node host's upstream client: keep-alive pooled agents (about twice the throughput of `fetch` on Node), and
 * a DNS lookup that checks every address a name resolves to before connecting, so the SSRF guard also holds when
 * a name resolves to a private address, now or after a change of its DNS records.
 */
export function nodeUpstream(options: NodeUpstreamOptions = {}): UpstreamClient & { close(): void } {
  const maxSockets = options.maxSockets ?? 64
  // Every socket may stay open between requests: with fewer, a busy producer's connections are closed after each
  // answer and opened again for the next (a TCP handshake, and a TLS one, per request under load).
  const agentOptions = { keepAlive: true, maxSockets, maxFreeSockets: maxSockets }
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) }
  return {
    send: (request) => send(agents, request),
    close() {
      agents['http:'].destroy()
      agents['https:'].destroy()
    },
  }
}

function guardedLookup(check: UpstreamRequest['checkAddress']): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0)
      // any refused address refuses the name: otherwise a retry could land on it
      const refusal = addresses.map((entry) => check(hostname, entry.address)).find(Boolean)
      if (refusal) return callback(Object.assign(new Error(refusal), { code: 'DELING_NOT_ALLOWED' }), '', 0)
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses)
      const [first] = addresses
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0)
      callback(null, first.address, first.family)
    })
  }
}

function send(agents: Record<'http:' | 'https:', http.Agent>, request: UpstreamRequest) {
  const { url } = request
  const transport = url.protocol === 'https:' ? https : http
  return new Promise<Awaited<ReturnType<UpstreamClient['send']>>>((resolve, reject) => {
    let settled = false
    const fail = (error: UpstreamError) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      outgoing.destroy()
      reject(error)
    }
    const outgoing = transport.request(
      url,
      {
        method: request.method,
        headers: { ...request.headers, ...(request.body ? { 'Content-Length': String(request.body.byteLength) } : {}) },
        agent: agents[url.protocol as 'http:' | 'https:'],
        lookup: guardedLookup(request.checkAddress),
      },
      (incoming) => {
        const declared = Number(incoming.headers['content-length'] ?? '0')
        if (declared > request.maxBytes)
          return fail(new UpstreamError('too-large', `the data service answered with ${declared} bytes`))
        const chunks: Buffer[] = []
        let size = 0
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.byteLength
          if (size > request.maxBytes)
            fail(new UpstreamError('too-large', `the data service answered with more than ${request.maxBytes} bytes`))
          else chunks.push(chunk)
        })
        incoming.on('error', (error) => fail(new UpstreamError('unreachable', error.message)))
        incoming.on('end', () => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          const body = Buffer.concat(chunks)
          resolve({
            status: incoming.statusCode ?? 502,
            contentType: incoming.headers['content-type'],
            body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
          })
        })
      },
    )
    // one deadline for connecting, the headers and the whole body
    const timer = setTimeout(
      () => fail(new UpstreamError('timeout', `no answer within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    )
    outgoing.on('error', (error: Error & { code?: string }) =>
      fail(new UpstreamError(error.code === 'DELING_NOT_ALLOWED' ? 'not-allowed' : 'unreachable', error.message)),
    )
    outgoing.end(request.body)
  })
}
