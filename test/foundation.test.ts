import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from './support/app.ts'

describe.each(['postgres', 'pglite'] as const)('foundation on %s', (driver) => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp({ driver })
  })
  afterAll(() => app?.close())

  it('answers /healthz with the database status and version', async () => {
    const res = await app.get('/healthz')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok', database: 'ok', version: expect.any(String) })
  })

  it("returns the caller's X-Request-Id, or makes one", async () => {
    const given = await app.get('/healthz', { headers: { 'X-Request-Id': 'trace-123' } })
    expect(given.headers.get('x-request-id')).toBe('trace-123')
    const made = await app.get('/healthz', { headers: { 'X-Request-Id': 'bad id with spaces' } })
    expect(made.headers.get('x-request-id')).toMatch(/^req_[0-9a-z]{20}$/)
  })

  it('answers an unknown route with a 404 problem', async () => {
    const res = await app.get('/no/such/thing')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.body).toMatchObject({
      type: `${app.url}/problems/not-found`,
      title: 'Not found',
      status: 404,
      instance: '/no/such/thing',
    })
  })

  it('answers a wrong method with 405 and Allow', async () => {
    const res = await app.request('DELETE', '/healthz')
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe('GET, HEAD')
    expect(res.body.type).toBe(`${app.url}/problems/method-not-allowed`)
  })

  it('documents every problem type at its type URL', async () => {
    const problem = (await app.get('/nope')).body
    const res = await fetch(problem.type)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ type: problem.type, title: 'Not found' })
  })
})

describe('security headers', () => {
  it('sends HSTS only when Deling is served over HTTPS', async () => {
    const plain = await startTestApp()
    const tls = await startTestApp({ env: { PUBLIC_URL: 'https://deling.example.no' } })
    try {
      const plainRes = await plain.get('/healthz')
      expect(plainRes.headers.get('strict-transport-security')).toBeNull()
      expect(plainRes.headers.get('x-content-type-options')).toBe('nosniff')
      expect((await tls.get('/healthz')).headers.get('strict-transport-security')).toBe(
        'max-age=31536000; includeSubDomains',
      )
    } finally {
      await plain.close()
      await tls.close()
    }
  })
})
