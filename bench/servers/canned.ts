// The search baseline: Hono on @hono/node-server answering a fixed JSON page (the bytes Deling answered for the
// same query, read from CANNED_BODY_FILE), so HTTP, headers and body size are Deling's and only the work differs.
import { readFileSync } from 'node:fs'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const body = readFileSync(process.env.CANNED_BODY_FILE ?? '', 'utf8')
const app = new Hono()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .get('/catalog/datasets', (c) => c.body(body, 200, { 'content-type': 'application/json' }))
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 0) })
