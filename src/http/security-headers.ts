import { Hono, type MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

/** The Node host's response, where a handler writes on it directly (oidc-provider). */
interface NodeBindings {
  outgoing?: { headersSent: boolean; setHeader(name: string, value: string): unknown }
}

/**
 * Deling's response headers beyond each page's own Content-Security-Policy: no sniffing, no framing by other
 * origins, no referrer, and HSTS, which only means something (and is only honoured) over HTTPS.
 *
 * `headers` sets them on the Response a handler returns. oidc-provider answers on the Node response itself (Hono
 * only sees RESPONSE_ALREADY_SENT), so `onNodeResponse` sets the same headers there before the handler runs; a
 * Response that a handler does return still decides, as node:http lets writeHead override what setHeader set.
 */
export function securityHeaders(publicUrl: string): { headers: MiddlewareHandler; onNodeResponse: MiddlewareHandler } {
  const headers = secureHeaders({
    crossOriginResourcePolicy: false,
    strictTransportSecurity: publicUrl.startsWith('https:') ? 'max-age=31536000; includeSubDomains' : false,
  })
  // Read once from an empty answer, so both ways send exactly what Hono's middleware would.
  let list: Promise<[string, string][]> | undefined
  const headerList = () =>
    (list ??= Promise.resolve(
      new Hono()
        .use(headers)
        .get('/', (c) => c.body(null))
        .request('/'),
    ).then((response) => [...response.headers]))
  const onNodeResponse: MiddlewareHandler = async (c, next) => {
    const outgoing = (c.env as NodeBindings | undefined)?.outgoing
    if (outgoing && !outgoing.headersSent)
      for (const [name, value] of await headerList()) outgoing.setHeader(name, value)
    await next()
  }
  return { headers, onNodeResponse }
}
