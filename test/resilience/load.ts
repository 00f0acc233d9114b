import http from 'node:http'

/**
 * How hard the resilience tests push. `npm test` runs the short form (scale 1) on two shared cores; run a file with
 * `RESILIENCE_SCALE=10 npx vitest run test/resilience/<file>` for the long form whose numbers docs/reliability.md
 * records.
 */
export const scale = Math.max(1, Number(process.env.RESILIENCE_SCALE ?? '1') || 1)

export interface RawAnswer {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
}

export interface RawRequest {
  method?: string
  headers?: Record<string, string>
  body?: string | Uint8Array
}

/** One request on a TCP connection of its own (no pool, no keep-alive): a burst from many clients' connections. */
export function onOwnConnection(url: string, request: RawRequest = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      { method: request.method ?? 'GET', headers: request.headers, agent: false },
      (incoming) => {
        const chunks: Buffer[] = []
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
        incoming.on('error', reject)
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    outgoing.on('error', reject)
    outgoing.end(request.body)
  })
}

/**
 * Runs `call` from `workers` concurrent loops until `stopWhen` settles, and gives back every outcome, in order of
 * completion. A call that throws (connection refused, reset) is an outcome too: the tests decide what is allowed.
 */
export async function loadUntil<Outcome>(
  workers: number,
  call: (n: number) => Promise<Outcome>,
  stopWhen: Promise<unknown>,
): Promise<(Outcome | { thrown: Error })[]> {
  let stopped = false
  void stopWhen.finally(() => {
    stopped = true
  })
  const outcomes: (Outcome | { thrown: Error })[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (!stopped) {
        const n = next++
        outcomes.push(await call(n).catch((error: Error) => ({ thrown: error })))
      }
    }),
  )
  return outcomes
}

/** Polls `check` until it holds, at most `attempts` times: for what a test may only observe eventually. */
export async function eventually(check: () => Promise<boolean> | boolean, attempts = 120, pauseMs = 250) {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, pauseMs))
  }
  return false
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
