// The gateway scenario's producer: Hono answering a synthetic income record (twelve months from the a-ordning,
// as the demo producer makes them) for any person at GET /v1/inntekt/{fnr}. It checks nothing, so that Deling
// and the bare proxy in front of it pay the same small cost per request. PORT is chosen by the scenario's seed,
// which wrote this URL into the dataset's data service before Deling started.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { demoIncome } from '../../src/demo/producer.ts'

// A fixed date: the same bytes for a person on every answer.
const asOf = new Date('2026-11-01T00:00:00Z')
const records = new Map<string, string>()
const recordOf = (fnr: string) => {
  let record = records.get(fnr)
  if (!record) {
    record = JSON.stringify(demoIncome(fnr, 'Syntetisk Person', asOf))
    if (records.size < 1_000) records.set(fnr, record)
  }
  return record
}

const app = new Hono()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .get('/v1/inntekt/:fnr', (c) => c.body(recordOf(c.req.param('fnr')), 200, { 'content-type': 'application/json' }))
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 0) })
// Longer than any pause between rounds, so neither client's pooled connections are closed under it.
;(server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 120_000
