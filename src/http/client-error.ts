import type { Duplex } from 'node:stream'
import { type ProblemSlug, problemTypes } from './problem-types.ts'

const answers: Record<string, { status: number; reason: string; slug: ProblemSlug; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    slug: 'headers-too-large',
    detail: 'The request line and headers are limited to 16 KiB together',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    slug: 'request-timeout',
    detail: 'The request was not received in time',
  },
}

/**
 * Node's `clientError` handler: what Node refuses before Hono sees it (a URL or headers over 16 KiB, a request
 * that never finishes, bytes that are not HTTP) is answered as the same RFC 9457 problem as everything else,
 * not Node's empty default.
 */
export function answerClientError(publicUrl: string) {
  return (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy()
      return
    }
    const answer = answers[error.code ?? ''] ?? {
      status: 400,
      reason: 'Bad Request',
      slug: 'bad-request' as const,
      detail: 'The request is not valid HTTP/1.1',
    }
    const body = JSON.stringify({
      type: `${publicUrl}/problems/${answer.slug}`,
      title: problemTypes[answer.slug].title,
      status: answer.status,
      detail: answer.detail,
    })
    socket.end(
      `HTTP/1.1 ${answer.status} ${answer.reason}\r\nContent-Type: application/problem+json\r\nCache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  }
}
