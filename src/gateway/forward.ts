/**
 * The call to the producer: only the dataset's own data service, only under its endpoint path, never with the
 * caller's credentials. Web APIs only; the HTTP client comes in as an `UpstreamClient`.
 */
import { Problem } from '../http/problem.ts'
import type { AddressGuard } from './address-guard.ts'
import { type UpstreamClient, UpstreamError, type UpstreamResponse } from './upstream.ts'

/**
 * The upstream URL for `rest` (the raw, still percent-encoded path after `/gateway/{datasetId}`) and the raw
 * query. A segment that is or decodes to `.` or `..`, or hides a `/` or `\`, is refused: the producer must
 * never be asked for anything outside the endpoint's path.
 */
export function upstreamUrl(endpointUrl: string, rest: string, search: string): URL {
  const endpoint = new URL(endpointUrl)
  const segments = rest.split('/').filter((segment, i) => i > 0 || segment !== '')
  for (const segment of segments) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      throw badPath('a path segment is not valid percent-encoding')
    }
    if (
      decoded === '.' ||
      decoded === '..' ||
      /[/\\]/.test(decoded) ||
      [...decoded].some((char) => char.charCodeAt(0) < 0x20)
    )
      throw badPath('the path may not contain ".", ".." or encoded slashes')
  }
  const base = endpoint.pathname.replace(/\/+$/, '')
  const url = new URL(endpoint.origin)
  url.pathname = segments.length ? `${base}/${segments.join('/')}` : base || '/'
  url.search = search
  // belt and braces: whatever the URL parser made of it must still lie under the endpoint
  if (url.origin !== endpoint.origin || !(url.pathname === base || url.pathname.startsWith(`${base}/`)))
    throw badPath('the path leaves the data service')
  return url
}

const badPath = (detail: string) =>
  new Problem(400, 'validation-failed', detail, { errors: [{ in: 'path', pointer: '/path', detail }] })

export type ForwardResult =
  | { ok: true; response: UpstreamResponse }
  | { ok: false; problem: Problem; upstreamStatus: number | null }

export interface ForwardRequest {
  url: URL
  method: string
  headers: Record<string, string>
  body: Uint8Array | undefined
  timeoutMs: number
  maxBytes: number
}

/**
 * Sends the request, refusing hosts the guard refuses, and maps everything that is not a usable answer to the
 * problem the consumer gets: 504 for a timeout, 404 and 400 as the producer said them, any other failure 502.
 * The producer's own error body is never passed on: it is not cut to the consumer's fields.
 */
export async function forward(
  client: UpstreamClient,
  guard: AddressGuard,
  request: ForwardRequest,
): Promise<ForwardResult> {
  const refused = guard.checkHost(request.url.hostname)
  if (refused) return { ok: false, problem: new Problem(502, 'upstream-not-allowed', refused), upstreamStatus: null }
  let response: UpstreamResponse
  try {
    response = await client.send({ ...request, checkAddress: guard.checkAddress })
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error
    const problem =
      error.kind === 'timeout'
        ? new Problem(504, 'upstream-timeout', `The data service did not answer: ${error.message}`)
        : error.kind === 'not-allowed'
          ? new Problem(502, 'upstream-not-allowed', error.message)
          : new Problem(502, 'upstream-failed', `The data service failed: ${error.message}`)
    return { ok: false, problem, upstreamStatus: null }
  }
  const { status } = response
  if (status >= 200 && status < 300) return { ok: true, response }
  const extensions = { extensions: { upstreamStatus: status } }
  const problem =
    status === 404
      ? new Problem(404, 'not-found', 'The data service has no such record', extensions)
      : status === 400
        ? new Problem(400, 'bad-request', 'The data service did not understand the request', extensions)
        : new Problem(502, 'upstream-failed', `The data service answered with status ${status}`, extensions)
  return { ok: false, problem, upstreamStatus: status }
}
