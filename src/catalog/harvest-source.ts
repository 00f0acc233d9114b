import { Problem } from '../http/problem.ts'
import { harvestMediaTypes } from './dcat/harvest-parse.ts'

/** A harvest source's document, as fetched: the body, its media type, and the URL it finally came from. */
export interface FetchedDocument {
  body: string
  contentType: string
  url: string
}

export interface SourceLimits {
  timeoutMs: number
  maxBytes: number
}

export const sourceLimits: SourceLimits = { timeoutMs: 15_000, maxBytes: 10 * 1024 * 1024 }

const maxRedirects = 5

/**
 * Whether a URL lies under one of the registered prefixes. A prefix without a trailing slash must still end at a
 * boundary, so `https://data.skatteetaten.no` does not admit `https://data.skatteetaten.no.example.com/`.
 */
export function isRegisteredSource(url: string, prefixes: readonly string[]): boolean {
  let href: string
  try {
    href = new URL(url).href
  } catch {
    return false
  }
  return prefixes.some((prefix) => {
    const normalised = new URL(prefix).href
    if (!href.startsWith(normalised)) return false
    return normalised.endsWith('/') || href.length === normalised.length || '/?#'.includes(href[normalised.length]!)
  })
}

const upstreamFailed = (url: string, why: string) =>
  new Problem(502, 'upstream-failed', `The harvest source ${url} ${why}`)

/**
 * Fetches a registered source's document. Redirects are followed by hand, each checked against the registered
 * prefixes, so a source cannot send Deling to an address the operator did not register. The whole fetch has
 * `timeoutMs`; the body is read as a stream and abandoned past `maxBytes`. Any failure is a 502 `upstream-failed`.
 */
export async function fetchSource(
  url: string,
  prefixes: readonly string[],
  limits: SourceLimits = sourceLimits,
): Promise<FetchedDocument> {
  if (!isRegisteredSource(url, prefixes))
    throw new Problem(403, 'forbidden', `${url} is not under a harvest source registered with Deling`)
  const signal = AbortSignal.timeout(limits.timeoutMs)
  let current = url
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(current, {
        headers: { Accept: acceptHeader },
        redirect: 'manual',
        signal,
      })
      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel()
        const next = new URL(location, current).href
        if (redirects >= maxRedirects) throw upstreamFailed(url, `redirects more than ${maxRedirects} times`)
        if (!isRegisteredSource(next, prefixes))
          throw upstreamFailed(url, `redirects to ${next}, which is not under a registered harvest source`)
        current = next
        continue
      }
      if (!response.ok) {
        await response.body?.cancel()
        throw upstreamFailed(url, `answered ${response.status}`)
      }
      const body = await readLimited(response, limits.maxBytes, url)
      return { body, contentType: mediaTypeOf(response, current), url: current }
    }
  } catch (error) {
    if (error instanceof Problem) throw error
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
    throw upstreamFailed(
      url,
      timedOut
        ? `did not answer within ${limits.timeoutMs / 1000} s`
        : `could not be reached (${error instanceof Error ? error.message : String(error)})`,
    )
  }
}

// Turtle first: it is what data.norge.no's harvester asks for, and what most Norwegian catalogs serve.
const acceptHeader = [
  'text/turtle',
  'application/rdf+xml;q=0.9',
  'application/ld+json;q=0.9',
  'application/n-triples;q=0.8',
  ...harvestMediaTypes
    .filter(
      (type) => !['text/turtle', 'application/rdf+xml', 'application/ld+json', 'application/n-triples'].includes(type),
    )
    .map((type) => `${type};q=0.5`),
].join(', ')

async function readLimited(response: Response, maxBytes: number, url: string): Promise<string> {
  const declared = Number(response.headers.get('content-length'))
  if (declared > maxBytes) {
    await response.body?.cancel()
    throw upstreamFailed(url, `sent ${declared} bytes; the limit is ${maxBytes}`)
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw upstreamFailed(url, `sent more than ${maxBytes} bytes, the limit`)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}

/** Servers often send RDF files as text/plain or octet-stream; then the file extension names the syntax. */
const byExtension: Record<string, string> = {
  ttl: 'text/turtle',
  rdf: 'application/rdf+xml',
  owl: 'application/rdf+xml',
  jsonld: 'application/ld+json',
  nt: 'application/n-triples',
  nq: 'application/n-quads',
  trig: 'application/trig',
}

function mediaTypeOf(response: Response, url: string): string {
  const declared = response.headers.get('content-type') ?? ''
  const essence = declared.split(';')[0]!.trim().toLowerCase()
  if (essence && essence !== 'text/plain' && essence !== 'application/octet-stream') return declared
  const extension = new URL(url).pathname.split('.').pop()?.toLowerCase() ?? ''
  return byExtension[extension] ?? declared
}
