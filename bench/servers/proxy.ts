// The gateway baseline: Hono on @hono/node-server forwarding /gateway/{datasetId}/{path} to UPSTREAM_URL + {path}
// through a keep-alive pooled node:http agent (the client Deling's Node host uses, with the same pool size) and
// answering the upstream's status, type and body as they came. No token, no decision, no projection, no log.
import http from 'node:http'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const upstream = new URL(process.env.UPSTREAM_URL ?? 'http://127.0.0.1:1/')
const agent = new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64 })

function get(url: URL) {
  return new Promise<{ status: number; contentType: string; body: Buffer }>((resolve, reject) => {
    const outgoing = http.request(url, { agent, headers: { accept: 'application/json' } }, (incoming) => {
      const chunks: Buffer[] = []
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
      incoming.on('error', reject)
      incoming.on('end', () =>
        resolve({
          status: incoming.statusCode ?? 502,
          contentType: incoming.headers['content-type'] ?? 'application/octet-stream',
          body: Buffer.concat(chunks),
        }),
      )
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

const app = new Hono()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .get('/gateway/:datasetId/*', async (c) => {
    const { pathname, search } = new URL(c.req.url)
    const rest = pathname.split('/').slice(3).join('/')
    const answer = await get(new URL(`${upstream.pathname.replace(/\/$/, '')}/${rest}${search}`, upstream))
    return c.body(new Uint8Array(answer.body), answer.status as 200, { 'content-type': answer.contentType })
  })
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 0) })
