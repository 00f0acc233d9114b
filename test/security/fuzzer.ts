import fc from 'fast-check'
import { expect } from 'vitest'
import { conformingValue, type JsonSchema, type Operation, type SchemaContext } from './contract.ts'
import { changedTables, type Digest } from './digest.ts'
import { hostileString, mutate, mutation } from './mutations.ts'
import type { Actor } from './world.ts'

/** The fixed seed of every run; FUZZ_SEED=<n> replays another one. Printed with any failure. */
export const fuzzSeed = Number(process.env.FUZZ_SEED ?? 20261123)

export interface FuzzRequest {
  operationId: string
  actor: string
  method: string
  path: string
  headers: Record<string, string>
  body: string | undefined
  shape: string
}

/** Percent-encodes like encodeURIComponent, and a lone surrogate as its (invalid) WTF-8 bytes instead of throwing. */
function encodeSegment(value: string): string {
  let encoded = ''
  for (const char of value) {
    const code = char.charCodeAt(0)
    encoded +=
      char.length === 1 && code >= 0xd800 && code <= 0xdfff
        ? `%ED%${(0xa0 | ((code >> 6) & 0x1f)).toString(16).toUpperCase()}%${(0x80 | (code & 0x3f)).toString(16).toUpperCase()}`
        : encodeURIComponent(char)
  }
  return encoded
}

const headerSafe = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map(String.fromCharCode), maxLength: 80 })

function parameterValue(schema: JsonSchema, name: string, context: SchemaContext, where: string) {
  const hostile = where === 'header' ? headerSafe : hostileString
  return fc.oneof(
    { weight: 5, arbitrary: conformingValue(schema, context, name).map((value) => String(value)) },
    { weight: 2, arbitrary: hostile },
  )
}

// Just over the 1 MiB body limit; made once, it is large.
const oversized = `{"x":"${'a'.repeat(1024 * 1024 + 10)}"}`

const mediaTypes = ['application/json', 'text/plain', 'application/xml', 'multipart/form-data', 'text/turtle']

/** A body as the operation declares it, mutated, malformed, mislabelled, oversized or missing. */
function bodyArbitrary(operation: Operation, context: SchemaContext) {
  // One arbitrary per media type, built once: building them (regexes and all) per request is what is slow.
  const perMediaType = Object.entries(operation.body!).map(([mediaType, schema]) => {
    const value = conformingValue(schema, context)
    const encode = (content: unknown) =>
      mediaType === 'application/x-www-form-urlencoded'
        ? new URLSearchParams(
            Object.entries((content && typeof content === 'object' ? content : { value: content }) as object).map(
              ([key, member]) => [key, typeof member === 'string' ? member : JSON.stringify(member)],
            ),
          ).toString()
        : JSON.stringify(content)
    return fc.oneof(
      { weight: 3, arbitrary: value.map((content) => ({ shape: 'conforming', mediaType, text: encode(content) })) },
      {
        weight: 6,
        arbitrary: fc.tuple(value, mutation).map(([content, change]) => ({
          shape: `mutated:${change.kind}`,
          mediaType,
          text: encode(mutate(content, change)),
        })),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(value, fc.nat()).map(([content, cut]) => {
          const text = encode(content) ?? ''
          return { shape: 'malformed', mediaType, text: `${text.slice(0, cut % (text.length + 1))}\u0000{` }
        }),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(value, fc.constantFrom(...mediaTypes.filter((type) => type !== mediaType)))
          .map(([content, wrongType]) => ({
            shape: 'wrong-content-type',
            mediaType: wrongType,
            text: encode(content),
          })),
      },
      { weight: 1, arbitrary: hostileString.map((text) => ({ shape: 'hostile-text', mediaType, text })) },
      { weight: 1, arbitrary: fc.constant({ shape: 'no-body', mediaType: undefined, text: undefined }) },
      {
        weight: 1,
        arbitrary: fc.constant({ shape: 'oversized', mediaType, text: oversized }),
      },
    )
  })
  return fc.oneof(...perMediaType)
}

const citizenNames = ['ingrid', 'lars']

/** Mostly the kind of caller the operation is for (so requests get past authentication), sometimes anyone. */
function actorArbitrary(operation: Operation, actors: Actor[]) {
  const forCitizens = operation.tags.includes('Citizen') || !operation.secured
  return fc.oneof(
    ...actors.map((actor) => {
      const citizen = citizenNames.includes(actor.name)
      const likely = operation.secured ? !citizen && actor.headers.Authorization?.startsWith('Bearer ey') : citizen
      return { weight: likely || (forCitizens && citizen) ? 4 : 1, arbitrary: fc.constant(actor) }
    }),
  )
}

/** Requests for one operation: every parameter and body from its schema, by any actor, valid or not. */
export function requestArbitrary(
  operation: Operation,
  actors: Actor[],
  context: SchemaContext,
): fc.Arbitrary<FuzzRequest> {
  const byPlace = (where: string) => operation.parameters.filter((parameter) => parameter.in === where)
  const pathValues = fc.tuple(
    ...byPlace('path').map((parameter) => parameterValue(parameter.schema, parameter.name, context, 'path')),
  )
  const optional = (where: string) =>
    fc.tuple(
      ...byPlace(where).map((parameter) =>
        fc.option(parameterValue(parameter.schema, parameter.name, context, where), {
          freq: parameter.required ? 8 : 2,
        }),
      ),
    )
  const body = operation.body ? fc.option(bodyArbitrary(operation, context), { freq: 10 }) : fc.constant(null)
  return fc
    .record({
      actor: actorArbitrary(operation, actors),
      withCsrf: fc.boolean(),
      path: pathValues,
      query: optional('query'),
      headers: optional('header'),
      extraQuery: fc.option(fc.tuple(fc.constantFrom('id', 'orgnr', 'limit', '__proto__'), headerSafe), { freq: 5 }),
      accept: fc.constantFrom('application/json', 'application/json', '*/*', 'text/turtle', 'application/xml'),
      body,
    })
    .map(({ actor, withCsrf, path, query, headers, extraQuery, accept, body: content }) => {
      let url = operation.path
      byPlace('path').forEach((parameter, i) => {
        const value = path[i]!
        // The gateway's path spans segments: each is encoded, the slashes stay.
        const encoded =
          parameter.name === 'path' && operation.path.endsWith('{path}')
            ? value.split('/').map(encodeSegment).join('/')
            : encodeSegment(value)
        url = url.replace(`{${parameter.name}}`, encoded || '%20')
      })
      const search = new URLSearchParams()
      byPlace('query').forEach((parameter, i) => {
        if (query[i] !== null) search.append(parameter.name, query[i]!)
      })
      if (extraQuery) search.append(extraQuery[0], extraQuery[1])
      const requestHeaders: Record<string, string> = { Accept: accept, ...actor.headers }
      byPlace('header').forEach((parameter, i) => {
        if (headers[i] !== null) requestHeaders[parameter.name] = headers[i]!
      })
      let text = content?.text
      if (withCsrf && actor.csrf) {
        requestHeaders['X-CSRF-Token'] = actor.csrf
        if (content?.mediaType === 'application/x-www-form-urlencoded' && text !== undefined)
          text = `${text}&csrf=${encodeURIComponent(actor.csrf)}`
      }
      if (content?.mediaType) requestHeaders['Content-Type'] = content.mediaType
      const withBody = !['GET', 'HEAD'].includes(operation.method)
      return {
        operationId: operation.operationId,
        actor: actor.name,
        method: operation.method,
        path: search.size ? `${url}?${search}` : url,
        headers: requestHeaders,
        body: withBody ? text : undefined,
        shape: content?.shape ?? 'no-body',
      }
    })
}

export interface FuzzStats {
  requests: number
  byStatus: Record<number, number>
  /** operationId → status → count: shows how deep the generated requests reach. */
  byOperation: Record<string, Record<number, number>>
  /** Requests sent a second time because the connection closed under them (see fuzzOperation). */
  resent: number
  /** Requests that were refused (4xx), each checked against the database digest. */
  refusedChecked: number
}

export interface FuzzCheck {
  app: { url: string }
  digest(): Promise<Digest>
  /** Tables an operation may change even when it refuses (the gateway logs every decision, ADR 0009). */
  mayChange(operation: Operation): string[]
  stats: FuzzStats
}

const describeRequest = (request: FuzzRequest) =>
  JSON.stringify({
    ...request,
    path: request.path.length > 300 ? `${request.path.slice(0, 300)}… (${request.path.length} chars)` : request.path,
    headers: Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        value.length > 60 ? `${value.slice(0, 40)}…` : value,
      ]),
    ),
    body:
      request.body && request.body.length > 400
        ? `${request.body.slice(0, 400)}… (${request.body.length} chars)`
        : request.body,
  })

/**
 * Sends `runs` generated requests for one operation and checks each answer: never 5xx; every 4xx a problem with
 * type, title and status; nothing in the database changed by a refused request, nor by a successful read.
 */
export async function fuzzOperation(
  operation: Operation,
  arbitrary: fc.Arbitrary<FuzzRequest>,
  runs: number,
  check: FuzzCheck,
) {
  let current = await check.digest()
  const successTypes = Object.entries(operation.responses)
    .filter(([status]) => status.startsWith('2'))
    .flatMap(([, response]) => Object.keys(response.content ?? {}))
  const pageOperation = successTypes.includes('text/html')
  // A screen for the browser only (the consent screen): its refusals are pages too, whatever Accept says.
  const pageOnly = successTypes.length > 0 && successTypes.every((type) => type === 'text/html')
  const seed = fuzzSeed + [...operation.operationId].reduce((sum, char) => sum + char.charCodeAt(0), 0)
  await fc.assert(
    fc.asyncProperty(arbitrary, async (request) => {
      const send = () =>
        fetch(`${check.app.url}${request.path}`, {
          method: request.method,
          headers: request.headers,
          body: request.body,
          redirect: 'manual',
        })
      let response: Response
      try {
        response = await send()
      } catch (first) {
        // The pool may hand out a connection the server has just closed after refusing an oversized request
        // (413 with Connection: close): the request never reached Deling, so it is sent once more.
        check.stats.resent++
        try {
          response = await send()
        } catch (error) {
          throw new Error(
            `could not send ${describeRequest(request)}: ${(first as Error).message} ${String((first as Error).cause)}; again: ${String((error as Error).cause)}`,
          )
        }
      }
      const text = await response.text()
      const after = await check.digest()
      const changed = changedTables(current, after).filter((table) => !check.mayChange(operation).includes(table))
      current = after
      check.stats.requests++
      check.stats.byStatus[response.status] = (check.stats.byStatus[response.status] ?? 0) + 1
      const statuses = check.stats.byOperation[operation.operationId] ?? {}
      statuses[response.status] = (statuses[response.status] ?? 0) + 1
      check.stats.byOperation[operation.operationId] = statuses
      const context = `seed ${seed} (FUZZ_SEED=${fuzzSeed}) ${describeRequest(request)} → ${response.status} ${text.slice(0, 300)}`
      expect(response.status, context).toBeLessThan(500)
      if (response.status >= 400) {
        const contentType = response.headers.get('content-type')
        // A page answers a browser (any Accept without JSON) with a page; an API client always gets a problem.
        const page =
          /^text\/html/.test(contentType ?? '') &&
          (pageOnly || (pageOperation && !/json/.test(request.headers.Accept ?? '')))
        if (!page) {
          expect(contentType, context).toBe('application/problem+json')
          const problem = JSON.parse(text)
          expect(typeof problem.type, context).toBe('string')
          expect(typeof problem.title, context).toBe('string')
          expect(problem.status, context).toBe(response.status)
        }
        expect(changed, `a refused request changed the database: ${context}`).toEqual([])
        check.stats.refusedChecked++
      } else if (request.method === 'GET') {
        expect(changed, `a read changed the database: ${context}`).toEqual([])
      }
    }),
    { seed, numRuns: runs, endOnFailure: true },
  )
}
