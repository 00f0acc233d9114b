import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from './env.ts'
import { errorHandler, isDatabaseUnavailable } from './errors.ts'
import { Problem } from './problem.ts'
import { requestLog } from './request-log.ts'

function appThatThrows(error: unknown) {
  const lines: Record<string, unknown>[] = []
  const logger = {
    debug: () => {},
    info: () => {},
    warn: (msg: string, fields = {}) => lines.push({ level: 'warn', msg, ...fields }),
    error: (msg: string, fields = {}) => lines.push({ level: 'error', msg, ...fields }),
  }
  const app = new Hono<AppEnv>()
  app.use('*', requestLog(logger))
  app.get('/boom', () => {
    throw error
  })
  app.onError(errorHandler('https://deling.test', logger))
  return { app, lines }
}

describe('errorHandler', () => {
  it('answers an unexpected error with a 500 problem that leaks nothing, and logs it with the request id', async () => {
    const { app, lines } = appThatThrows(new Error('secret internals at /srv/app.ts:12'))
    const res = await app.request('/boom', { headers: { 'X-Request-Id': 'r-1' } })
    expect(res.status).toBe(500)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    const text = await res.text()
    expect(text).not.toContain('secret internals')
    expect(text).not.toContain('app.ts')
    expect(JSON.parse(text)).toMatchObject({
      type: 'https://deling.test/problems/internal-error',
      status: 500,
      requestId: 'r-1',
    })
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', requestId: 'r-1', error: 'secret internals at /srv/app.ts:12' }),
    ])
  })

  it('renders a Problem with its status, headers and field errors', async () => {
    const { app } = appThatThrows(
      new Problem(409, 'conflict', 'already there', {
        headers: { 'Retry-After': '1' },
        errors: [{ in: 'body', pointer: '/a', detail: 'x' }],
      }),
    )
    const res = await app.request('/boom')
    expect(res.status).toBe(409)
    expect(res.headers.get('retry-after')).toBe('1')
    expect(await res.json()).toMatchObject({
      title: 'Conflict',
      detail: 'already there',
      instance: '/boom',
      errors: [{ in: 'body', pointer: '/a', detail: 'x' }],
    })
  })

  it.each([
    [new HTTPException(400, { message: 'Malformed JSON in request body' }), 400, 'malformed-json'],
    [new HTTPException(415, { message: 'Unsupported Media Type' }), 415, 'unsupported-media-type'],
    [new HTTPException(413), 413, 'payload-too-large'],
    [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 503, 'database-unavailable'],
    [
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      503,
      'database-unavailable',
    ],
    [new Error('wrapped', { cause: Object.assign(new Error('x'), { code: '08006' }) }), 503, 'database-unavailable'],
    [
      new Error('Failed query', { cause: Object.assign(new Error('deadlock detected'), { code: '40P01' }) }),
      503,
      'concurrent-change',
    ],
    [Object.assign(new Error('could not serialize access'), { code: '40001' }), 503, 'concurrent-change'],
  ])('maps %s to %i %s', async (error, status, slug) => {
    const res = await appThatThrows(error).app.request('/boom')
    expect(res.status).toBe(status)
    expect((await res.json()).type).toBe(`https://deling.test/problems/${slug}`)
  })

  it('logs a failed statement by its cause, never with the values it was given', async () => {
    const failed = new Error('Failed query: select * from consents where subject_fnr = $1\nparams: 12858440015', {
      cause: Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' }),
    })
    const unexpected = new Error(
      'Failed query: insert into sessions values ($1)\nparams: eyJhbGciOiJFUzI1NiJ9.e30.c2ln',
      {
        cause: new Error('relation "sessions" does not exist'),
      },
    )
    for (const error of [failed, unexpected]) {
      const { app, lines } = appThatThrows(error)
      await app.request('/boom')
      const logged = JSON.stringify(lines)
      expect(logged).not.toMatch(/12858440015|eyJhbGci|params/)
      expect(logged).toMatch(/CONNECTION_CLOSED|does not exist/)
    }
  })

  it('does not take an ordinary error for a database outage', () => {
    expect(isDatabaseUnavailable(new Error('x'))).toBe(false)
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: '23505' }))).toBe(false)
  })
})
