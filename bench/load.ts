import { loadavg } from 'node:os'
import autocannon from 'autocannon'
import type { Target } from './scenario.ts'

export interface LoadOptions {
  connections: number
  /** Seconds measured. */
  duration: number
  /** Seconds of load before measuring: JIT, connection pools and caches settle. */
  warmup: number
}

export interface Measurement {
  label: string
  url: string
  requestsPerSecond: number
  latencyMs: { p50: number; p90: number; p99: number; max: number }
  requests: number
  /** Non-2xx answers and socket errors: a fast error is not a result, so the run fails on any. */
  failures: number
  /** The machine's 1-minute load average after the measurement: well above 2 means something else competed. */
  loadAverage: number
}

const run = (target: Target, options: LoadOptions, duration: number) =>
  autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    headers: target.headers,
    body: target.body,
    connections: options.connections,
    duration,
    timeout: 10,
  })

/** Puts one target under load with a fixed number of connections and reports throughput and latency. */
export async function measure(target: Target, options: LoadOptions): Promise<Measurement> {
  if (options.warmup > 0) await run(target, options, options.warmup)
  const result = await run(target, options, options.duration)
  return {
    label: target.label,
    url: target.url,
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    requests: result.requests.total,
    failures: result.non2xx + result.errors,
    loadAverage: Math.round(loadavg()[0]! * 100) / 100,
  }
}
