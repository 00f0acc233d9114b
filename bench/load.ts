import { loadavg } from 'node:os'
import autocannon from 'autocannon'
import { cpuPerRequest, cpuSnapshot } from './cpu.ts'
import type { LatencyTarget, RequestCount, Target } from './scenario.ts'

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
  /** Every request of this measurement, the warm-up's included (an audit check counts what the server saw). */
  counts: RequestCount
  /**
   * µs of CPU per timed request, by process: the server under load, the producer behind it, all of Postgres, and
   * the load generator (bench/cpu.ts). Noise moves these much less than req/s.
   */
  cpuMicrosecondsPerRequest: Record<string, number>
}

const run = (target: Target, options: LoadOptions, duration: number, amount?: number) => {
  const { body } = target
  return autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    headers: target.headers,
    ...(typeof body === 'function'
      ? { requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, body: body() }) }] }
      : { body }),
    connections: options.connections,
    ...(amount ? { amount } : { duration }),
    timeout: 10,
  })
}

type Result = Awaited<ReturnType<typeof autocannon>>

const countsOf = (result: Result): RequestCount => ({ acknowledged: result['2xx'], sent: result.requests.sent })

/** Puts one target under load with a fixed number of connections and reports throughput and latency. */
export async function measure(target: Target, options: LoadOptions): Promise<Measurement> {
  const warmup =
    options.warmup > 0 ? countsOf(await run(target, options, options.warmup)) : { acknowledged: 0, sent: 0 }
  const cpuBefore = cpuSnapshot()
  const result = await run(target, options, options.duration)
  const cpu = cpuPerRequest(cpuBefore, cpuSnapshot(), result.requests.total)
  const measured = countsOf(result)
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
    counts: { acknowledged: warmup.acknowledged + measured.acknowledged, sent: warmup.sent + measured.sent },
    cpuMicrosecondsPerRequest: cpu,
  }
}

/**
 * Sends exactly `amount` requests over `connections` and waits for every answer (a timed run drops the answers
 * still in flight when it stops, so only this kind of run can be compared one to one with what a server logged).
 */
export async function sendExactly(
  target: Target,
  options: { connections: number; amount: number },
): Promise<RequestCount & { failures: number }> {
  const result = await run(target, { ...options, duration: 0, warmup: 0 }, 0, options.amount)
  return { ...countsOf(result), failures: result.non2xx + result.errors }
}

export interface LatencyOptions {
  /** Samples per request, after `warmup` untimed ones. */
  samples: number
  warmup: number
  /** Seconds one request may take in all; fewer samples are kept when it runs out. */
  maxSeconds: number
}

export interface LatencyMeasurement {
  label: string
  url: string
  samples: number
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number }
  /** Bytes of the answer (the last one). */
  bytes: number
  /** Requests made, warm-up included: each was answered with a 2xx (any other answer fails the run). */
  acknowledged: number
  p95TargetMs: number | undefined
  /** p95 above the target. */
  overTarget: boolean
}

/** The value below which `fraction` of the sorted samples lie (nearest rank). */
const percentile = (sorted: number[], fraction: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!

const round = (ms: number) => Math.round(ms * 100) / 100

/** Times one request again and again, one at a time, on a keep-alive connection (fetch's pool). */
export async function measureLatency(target: LatencyTarget, options: LatencyOptions): Promise<LatencyMeasurement> {
  const once = async (url = target.url) => {
    await target.beforeEach?.()
    const started = performance.now()
    const response = await fetch(url, {
      method: target.method ?? 'GET',
      headers: target.headers,
      body: typeof target.body === 'function' ? target.body() : target.body,
    })
    const body = await response.arrayBuffer()
    const ms = performance.now() - started
    if (!response.ok) throw new Error(`${target.label}: ${response.status} from ${url}`)
    return { ms, bytes: body.byteLength }
  }
  const { distinct } = target
  if (!distinct) for (let i = 0; i < options.warmup; i++) await once()
  const wanted = distinct ? Math.min(options.samples, distinct.count) : options.samples
  const deadline = performance.now() + options.maxSeconds * 1000
  const times: number[] = []
  let bytes = 0
  while (times.length < wanted && (times.length < 5 || performance.now() < deadline)) {
    const sample = await once(distinct?.urlOf(times.length))
    times.push(sample.ms)
    bytes = sample.bytes
  }
  times.sort((a, b) => a - b)
  const p95 = round(percentile(times, 0.95))
  return {
    label: target.label,
    url: target.url,
    samples: times.length,
    latencyMs: {
      p50: round(percentile(times, 0.5)),
      p95,
      p99: round(percentile(times, 0.99)),
      max: round(times.at(-1)!),
      mean: round(times.reduce((a, b) => a + b, 0) / times.length),
    },
    bytes,
    acknowledged: times.length + (distinct ? 0 : options.warmup),
    p95TargetMs: target.p95TargetMs,
    overTarget: target.p95TargetMs !== undefined && p95 > target.p95TargetMs,
  }
}
