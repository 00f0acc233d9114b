import type { Scenario } from '../scenario.ts'

/** GET /healthz: Deling's whole middleware stack and one database round trip, against a Hono hello world. */
export const healthz: Scenario = {
  name: 'healthz',
  description: 'GET /healthz (request log, security headers, body limit, `select 1`) vs. bare Hono answering JSON',
  async prepare(context) {
    const hello = await context.startServer('bench/servers/hello.ts')
    return {
      subject: { label: 'Deling /healthz', url: `${context.deling.url}/healthz` },
      baseline: { label: 'bare Hono /healthz', url: `${hello.url}/healthz` },
    }
  },
}
