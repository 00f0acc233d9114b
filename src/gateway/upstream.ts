/**
 * The HTTP client the gateway forwards with, passed in through `deps.upstream`: a keep-alive pooled `node:http`
 * client on the Node host (./node-upstream.ts), `fetch` on Workers (below). Web APIs only in this file.
 */

export interface UpstreamRequest {
  url: URL
  method: string
  headers: Record<string, string>
  body?: Uint8Array
  timeoutMs: number
  maxBytes: number
  /**
   * Why a resolved address may not be connected to (SSRF guard), or undefined. Clients that resolve names
   * themselves check every address at connect time; literal IPs are checked by the gateway before the call.
   */
  checkAddress(hostname: string, address: string): string | undefined
}

export interface UpstreamResponse {
  status: number
  contentType: string | undefined
  body: Uint8Array
}

export type UpstreamFailure = 'timeout' | 'too-large' | 'unreachable' | 'not-allowed'

/** A forward that produced no usable response; the gateway maps the kind to a 502 or 504 problem. */
export class UpstreamError extends Error {
  constructor(
    readonly kind: UpstreamFailure,
    message: string,
  ) {
    super(message)
  }
}

export interface UpstreamClient {
  send(request: UpstreamRequest): Promise<UpstreamResponse>
}

/** Reads a body stream up to `maxBytes`, cancelling it as soon as it is larger. */
export async function readLimited(stream: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array> {
  if (!stream) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      throw new UpstreamError('too-large', `the data service answered with more than ${maxBytes} bytes`)
    }
    chunks.push(value)
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}

/**
 * `fetch` as the upstream client (Workers). Redirects are never followed: a redirect could lead anywhere,
 * including to an address the guard would refuse. Workers cannot reach private networks by name, so host
 * names are not resolved here.
 */
export function fetchUpstream(): UpstreamClient {
  return {
    async send(request) {
      const timeout = AbortSignal.timeout(request.timeoutMs)
      try {
        const response = await fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body as BodyInit | undefined,
          redirect: 'manual',
          signal: timeout,
        })
        const declared = Number(response.headers.get('content-length') ?? '0')
        if (declared > request.maxBytes) {
          await response.body?.cancel().catch(() => {})
          throw new UpstreamError('too-large', `the data service answered with ${declared} bytes`)
        }
        const body = await readLimited(response.body, request.maxBytes)
        return { status: response.status, contentType: response.headers.get('content-type') ?? undefined, body }
      } catch (error) {
        if (error instanceof UpstreamError) throw error
        if (timeout.aborted) throw new UpstreamError('timeout', `no answer within ${request.timeoutMs} ms`)
        throw new UpstreamError('unreachable', (error as Error).message)
      }
    },
  }
}
