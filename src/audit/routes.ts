import { createRoute, z } from '@hono/zod-openapi'
import { organisationCaller, requireScope } from '../auth/middleware.ts'
import type { AppDeps } from '../deps.ts'
import { createRouter, organisationSecurity, problemResponses } from '../http/openapi.ts'
import { streamOf } from '../http/stream.ts'
import { exportAccessLog } from './checkpoint.ts'
import { entriesOfOrganisation } from './repo.ts'
import {
  AccessLogCheckpointSchema,
  AccessLogPageSchema,
  ChainVerdictSchema,
  entryExample,
  exportQuery,
  logQuery,
} from './schemas.ts'
import { verifyAccessLog } from './verify.ts'

const tags = ['Audit']

const logRoute = createRoute({
  method: 'get',
  path: '/audit/log',
  operationId: 'listAccessLog',
  summary: "The access log entries of the caller's organisation",
  description:
    "Every gateway decision (delivered, denied, upstream failed) where the caller's organisation is the consumer or the producer, newest first. Filter by `datasetId`, time (`from` inclusive, `to` exclusive) and `outcome`; page with `cursor` (the `next` of the page before). Entries carry their chain hashes, so an organisation can keep its own copy and compare.",
  tags,
  security: organisationSecurity,
  request: { query: logQuery },
  responses: {
    200: { description: 'A page of entries', content: { 'application/json': { schema: AccessLogPageSchema } } },
    ...problemResponses(400, 401, 403),
  },
})

const verifyRoute = createRoute({
  method: 'get',
  path: '/audit/verify',
  operationId: 'verifyAccessLog',
  summary: 'Verify the whole access log',
  description:
    'Recomputes the hash chain from the first entry to the last: every sequence number follows the one before (a deleted entry leaves a gap), every entry names the hash of the one before (reordering breaks this), and every hash matches its content (any change breaks this). Answers `valid: true` with the number of entries and the last hash (keep it: a later run must extend it), or the first broken entry. Operator only.',
  tags,
  security: organisationSecurity,
  responses: {
    200: { description: 'The verdict', content: { 'application/json': { schema: ChainVerdictSchema } } },
    ...problemResponses(401, 403),
  },
})

const exportRoute = createRoute({
  method: 'get',
  path: '/audit/export',
  operationId: 'exportAccessLog',
  summary: 'Export the access log, or one day of it, with a signed checkpoint',
  description:
    'The whole log, or with `day` one Norwegian calendar day of it (Europe/Oslo), as JSON lines (`application/x-ndjson`) in sequence order, streamed: each line is one entry exactly as it was hashed. The last line is `{"checkpoint": "<compact JWS>"}`: Deling\'s signature (ES256, the key named by `kid` at `/oidc/jwks`, `typ` `access-log-checkpoint+jws`) over the run it holds (`AccessLogCheckpoint`: `firstSeq`, `lastSeq`, `prevHash` (the hash of the entry before the run), `lastHash`, `count`). A third party verifies it offline with only the published keys: `node scripts/verify-access-log.mjs --jwks <iss>/jwks < export.jsonl` (docs/audit.md). A day runs from the first entry stamped at or after its midnight to the first entry stamped at or after the next midnight, so days tile the chain: each day\'s `prevHash` is the day before\'s `lastHash`. Deling checks the chain while it streams and never signs a broken one: the last line is then `{"broken": {"seq", "id", "problem"}}`. A day that has not begun is refused. Operator only.',
  tags,
  security: organisationSecurity,
  request: { query: exportQuery },
  responses: {
    200: {
      description: 'One entry a line, then the signed checkpoint',
      content: {
        'application/x-ndjson': {
          schema: z.string(),
          example: `${JSON.stringify(entryExample)}\n${JSON.stringify({ checkpoint: 'eyJhbGciOiJFUzI1NiIsImtpZCI6Ii4uLiIsInR5cCI6ImFjY2Vzcy1sb2ctY2hlY2twb2ludCtqd3MiLCJjdHkiOiJqc29uIn0.eyJpc3MiOiIuLi4ifQ.c2lnbmF0dXJl' })}\n`,
        },
      },
    },
    ...problemResponses(400, 401, 403),
  },
})

/** The organisations' and the operator's side of the access log: read, verify, export. */
export function auditRoutes(deps: AppDeps) {
  const { tokens, config, clock } = deps
  const scope = (name: 'deling:audit.read' | 'deling:admin') => requireScope(tokens, config.publicUrl, name)
  const router = createRouter()
  // The checkpoint travels signed inside the export; registered so the document describes its payload.
  router.openAPIRegistry.register('AccessLogCheckpoint', AccessLogCheckpointSchema)
  return router
    .openapi({ ...logRoute, middleware: scope('deling:audit.read') }, async (c) => {
      const query = c.req.valid('query')
      const items = await entriesOfOrganisation(c.get('db'), {
        orgnr: organisationCaller(c).orgnr,
        beforeSeq: query.cursor ? Number(query.cursor) : undefined,
        datasetId: query.datasetId,
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
        outcome: query.outcome,
        limit: query.limit,
      })
      const next = items.length === query.limit ? String(items[items.length - 1]!.seq) : null
      c.header('Cache-Control', 'no-store')
      return c.json({ items, next }, 200)
    })
    .openapi({ ...verifyRoute, middleware: scope('deling:admin') }, async (c) => {
      c.header('Cache-Control', 'no-store')
      return c.json(await verifyAccessLog(c.get('db')), 200)
    })
    .openapi({ ...exportRoute, middleware: scope('deling:admin') }, async (c) => {
      const exported = await exportAccessLog(c.get('db'), {
        day: c.req.valid('query').day,
        issuer: config.issuer,
        now: clock(),
      })
      const { body, finished } = streamOf(exported.lines)
      c.set('databaseHeldUntil', finished)
      return c.body(body, 200, {
        'Content-Type': 'application/x-ndjson; charset=utf-8',
        'Content-Disposition': `attachment; filename="${exported.filename}"`,
        'Cache-Control': 'no-store',
      }) as never
    })
}
