// The baseline: Hono on @hono/node-server answering as little as a health check can.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono().get('/healthz', (c) => c.json({ status: 'ok' }))
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 0) })
