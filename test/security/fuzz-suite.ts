import { afterAll, describe, expect, it } from 'vitest'
import { type OpenApiDocument, type Operation, operationsOf } from './contract.ts'
import { tableDigester } from './digest.ts'
import { type FuzzStats, fuzzOperation, fuzzSeed, requestArbitrary } from './fuzzer.ts'
import { knownValues } from './known-values.ts'
import { type Actor, securityWorld } from './world.ts'

/** Generated requests per operation: 58 operations × 175 ≈ 10 000 per `npm test`. */
export const runsPerOperation = Number(process.env.FUZZ_RUNS ?? 175)

// ADR 0009: the gateway writes every decision, a refusal too, to the access log before it answers.
const mayChange = (operation: Operation) => (operation.tags.includes('Gateway') ? ['access_log'] : [])

/**
 * Fuzzes every operation of /openapi.json with one of the given tags against its own app and world. Top-level
 * await in the calling file: the operations must be known when vitest collects the tests.
 */
export async function fuzzSuite(title: string, tags: string[]) {
  const world = await securityWorld()
  const document = (await (await fetch(`${world.app.url}/openapi.json`)).json()) as OpenApiDocument
  const operations = operationsOf(document).filter((operation) => operation.tags.some((tag) => tags.includes(tag)))
  const context = { components: document.components.schemas, known: knownValues(world) }
  const forged: Actor = { name: 'forged', headers: { Authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.', DPoP: 'x' } }
  const actors = [...world.actors, forged]
  const stats: FuzzStats = { requests: 0, byStatus: {}, byOperation: {}, refusedChecked: 0, resent: 0 }
  const check = { app: world.app, digest: await tableDigester(world.app), mayChange, stats }

  describe(`${title}: generated requests from /openapi.json (seed ${fuzzSeed})`, () => {
    afterAll(async () => {
      const byOperation = Object.entries(stats.byOperation).map(
        ([id, statuses]) =>
          `  ${id}: ${Object.entries(statuses)
            .map(([status, count]) => `${status}×${count}`)
            .join(' ')}`,
      )
      const summary = `${title}: ${stats.requests} requests, ${stats.refusedChecked} refusals checked against the database, ${stats.resent} sent again`
      console.info([summary, ...byOperation].join('\n'))
      await world.close()
    })

    it('covers the operations it was given', () => expect(operations.length).toBeGreaterThan(0))

    it.each(operations.map((operation) => [operation.operationId, operation] as const))(
      '%s: no 5xx, 4xx are problems, refusals change nothing',
      async (_id, operation) => {
        await fuzzOperation(operation, requestArbitrary(operation, actors, context), runsPerOperation, check)
      },
      120_000,
    )

    it('sent every request it generated', () =>
      expect(stats.requests).toBeGreaterThanOrEqual(operations.length * runsPerOperation))
  })
  return { world, operations, stats }
}
