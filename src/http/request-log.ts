import type { MiddlewareHandler } from 'hono'
import { newId } from '../ids.ts'
import type { AppEnv } from './env.ts'
import { type Logger, redactIdentityNumbers } from './logger.ts'

const acceptableRequestId = /^[A-Za-z0-9._:-]{1,128}$/

/** Takes the caller's X-Request-Id (or makes one), returns it, and logs one JSON line per request. */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const offered = c.req.header('X-Request-Id')
    const requestId = offered && acceptableRequestId.test(offered) ? offered : newId('req')
    c.set('requestId', requestId)
    const started = performance.now()
    await next()
    c.res.headers.set('X-Request-Id', requestId)
    logger.info('request', {
      requestId,
      method: c.req.method,
      path: redactIdentityNumbers(c.req.path),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    })
  }
}
