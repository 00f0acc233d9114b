import { createRoute, z } from '@hono/zod-openapi'
import { sql } from 'drizzle-orm'
import type { AppDeps } from '../deps.ts'
import { isDatabaseUnavailable } from '../http/errors.ts'
import { createRouter, problemResponses } from '../http/openapi.ts'
import { Problem } from '../http/problem.ts'
import { problemTypes } from '../http/problem-types.ts'

const Health = z
  .object({
    status: z.literal('ok'),
    database: z.literal('ok'),
    version: z.string().openapi({ example: '0.1.0' }),
  })
  .openapi('Health')

const ProblemType = z
  .object({
    type: z.url(),
    title: z.string().openapi({ example: 'The request is not valid' }),
    description: z.string(),
  })
  .openapi('ProblemType')

const timeoutMs = 2000

/** Liveness with a database round trip, and the documentation behind every problem `type`. */
export function healthRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/healthz',
        operationId: 'health',
        summary: 'Liveness and database check',
        description:
          'Answers 200 when Deling and its database answer; 503 while the database cannot be reached (and 200 again once it can, without a restart).',
        tags: ['Operations'],
        security: [],
        responses: {
          200: { description: 'Healthy', content: { 'application/json': { schema: Health } } },
          ...problemResponses(503),
        },
      }),
      async (c) => {
        let timer: ReturnType<typeof setTimeout> | undefined
        try {
          await Promise.race([
            c.get('db').execute(sql`select 1`),
            new Promise((_, reject) => {
              timer = setTimeout(
                () => reject(Object.assign(new Error('database check timed out'), { code: 'ETIMEDOUT' })),
                timeoutMs,
              )
            }),
          ])
        } catch (error) {
          if (!isDatabaseUnavailable(error))
            deps.logger.error('health check failed', { error: (error as Error).message })
          throw new Problem(503, 'database-unavailable', 'The database does not answer', {
            headers: { 'Retry-After': '2' },
          })
        } finally {
          clearTimeout(timer)
        }
        c.header('Cache-Control', 'no-store')
        return c.json({ status: 'ok' as const, database: 'ok' as const, version: deps.config.version }, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/problems/{slug}',
        operationId: 'getProblemType',
        summary: 'Explain a problem type',
        description: "Every `type` in Deling's problem responses points here: what the problem means and what to do.",
        tags: ['Operations'],
        security: [],
        request: {
          params: z.object({
            slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'validation-failed' }),
          }),
        },
        responses: {
          200: { description: 'The problem type', content: { 'application/json': { schema: ProblemType } } },
          ...problemResponses(404),
        },
      }),
      (c) => {
        const slug = c.req.valid('param').slug
        if (!Object.hasOwn(problemTypes, slug)) throw new Problem(404, 'not-found', `No problem type ${slug}`)
        const known = problemTypes[slug as keyof typeof problemTypes]
        return c.json({ type: `${deps.config.publicUrl}/problems/${slug}`, ...known }, 200)
      },
    )
}
