import { execFileSync } from 'node:child_process'
import { cpus, loadavg, totalmem } from 'node:os'
import type { LatencyMeasurement, Measurement } from './load.ts'

export interface ScenarioResult {
  name: string
  description: string
  /** The database Deling ran on for this scenario. */
  database?: 'pglite' | 'postgres'
  subject: Measurement
  baseline: Measurement
  /** Deling relative to the bare server: below 1 for throughput, above 1 for latency means slower. */
  ratio: { requestsPerSecond: number; p50: number; p99: number }
  /** Latency Deling adds to the bare server's, in ms (subject minus baseline, median rounds). */
  addedMs: { p50: number; p99: number }
  rounds: { subject: Measurement; baseline: Measurement }[]
  /** Requests timed one at a time, when the scenario asks for it. */
  latency?: LatencyMeasurement[]
  /** What the scenario put in the database before the run. */
  seeded?: Record<string, unknown>
  /** What the scenario checked after the load (the gateway: the access log against the acknowledged requests). */
  checks?: Record<string, unknown>
  /** What the scenario measured besides the load (the token scenario: the verification cache). */
  measurements?: Record<string, unknown>
}

/** A scenario that measures something other than load against a baseline (revocation latency, DCAT export). */
export interface MeasuredResult {
  name: string
  description: string
  database: 'pglite' | 'postgres'
  measurements: Record<string, unknown>
}

export const isLoadResult = (result: ScenarioResult | MeasuredResult): result is ScenarioResult => 'rounds' in result

/** The scenario's name with the database it ran on, as the tables show it. */
export const titleOf = (result: { name: string; database?: string }) =>
  result.database ? `${result.name} (${result.database})` : result.name

const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return undefined
  }
}

/** Where and on what the numbers were taken: without this a number means little. */
export function describeRun() {
  const processors = cpus()
  return {
    date: new Date().toISOString(),
    git: { commit: git('rev-parse', 'HEAD'), dirty: Boolean(git('status', '--porcelain', '--untracked-files=no')) },
    machine: {
      cpu: processors[0]?.model,
      cores: processors.length,
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      loadAverage: loadavg().map((load) => Math.round(load * 100) / 100),
      platform: `${process.platform} ${process.arch}`,
      node: process.version,
    },
  }
}

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 100) / 100 : 0)

/** Compares the median rounds of subject and baseline. */
export function compare(name: string, description: string, rounds: ScenarioResult['rounds']): ScenarioResult {
  const median = (pick: (round: ScenarioResult['rounds'][number]) => Measurement) => {
    const sorted = rounds.map(pick).sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)
    return sorted[Math.floor(sorted.length / 2)]!
  }
  const subject = median((round) => round.subject)
  const baseline = median((round) => round.baseline)
  return {
    name,
    description,
    subject,
    baseline,
    ratio: {
      requestsPerSecond: ratio(subject.requestsPerSecond, baseline.requestsPerSecond),
      p50: ratio(subject.latencyMs.p50, baseline.latencyMs.p50),
      p99: ratio(subject.latencyMs.p99, baseline.latencyMs.p99),
    },
    addedMs: {
      p50: Math.round((subject.latencyMs.p50 - baseline.latencyMs.p50) * 100) / 100,
      p99: Math.round((subject.latencyMs.p99 - baseline.latencyMs.p99) * 100) / 100,
    },
    rounds,
  }
}

const formatTable = (rows: string[][], leftColumns: number) => {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column >= leftColumns ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

/** Sequential latencies: one line per request, marked when its p95 is above the target. */
export function latencyTable(all: (ScenarioResult | MeasuredResult)[]): string | undefined {
  const results = all.filter(isLoadResult)
  const rows: string[][] = [
    ['scenario', 'request (one at a time)', 'samples', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', ''],
  ]
  for (const result of results) {
    for (const [index, m] of (result.latency ?? []).entries()) {
      rows.push([
        index === 0 ? titleOf(result) : '',
        m.label,
        String(m.samples),
        String(m.latencyMs.p50),
        String(m.latencyMs.p95),
        String(m.latencyMs.p99),
        String(m.latencyMs.max),
        m.p95TargetMs === undefined ? '' : m.overTarget ? `SLOW: p95 > ${m.p95TargetMs} ms` : `ok (≤ ${m.p95TargetMs})`,
      ])
    }
  }
  return rows.length > 1 ? formatTable(rows, 2) : undefined
}

/**
 * µs of CPU per request by process, for the median rounds: the server under load and what it waits on. A process
 * under 5 µs (an idle server beside the load) is left out of the row and the total.
 */
export function cpuTable(all: (ScenarioResult | MeasuredResult)[]): string | undefined {
  const results = all.filter(isLoadResult)
  const rows: string[][] = [['scenario', 'target', 'CPU µs per request, by process', 'total']]
  for (const result of results) {
    for (const [index, m] of [result.baseline, result.subject].entries()) {
      const spent = Object.entries(m.cpuMicrosecondsPerRequest ?? {})
        .filter(([, us]) => Math.abs(us) >= 5)
        .sort((a, b) => b[1] - a[1])
      if (!spent.length) continue
      rows.push([
        index === 0 ? titleOf(result) : '',
        m.label,
        spent.map(([name, us]) => `${name} ${us}`).join(', '),
        String(spent.reduce((sum, [, us]) => sum + us, 0)),
      ])
    }
  }
  return rows.length > 1 ? formatTable(rows, 3) : undefined
}

/** A plain-text table: one block per scenario, the baseline first, then Deling, then the ratio. */
export function table(all: (ScenarioResult | MeasuredResult)[]): string {
  const results = all.filter(isLoadResult)
  const rows: string[][] = [['scenario', 'target', 'req/s', 'p50 ms', 'p99 ms', 'max ms']]
  for (const result of results) {
    for (const [index, m] of [result.baseline, result.subject].entries()) {
      rows.push([
        index === 0 ? titleOf(result) : '',
        m.label,
        m.requestsPerSecond.toLocaleString('en'),
        String(m.latencyMs.p50),
        String(m.latencyMs.p99),
        String(m.latencyMs.max),
      ])
    }
    rows.push([
      '',
      'Deling / bare',
      `${result.ratio.requestsPerSecond}×`,
      `${result.ratio.p50}×`,
      `${result.ratio.p99}×`,
      '',
    ])
    const added = (ms: number) => `${ms >= 0 ? '+' : ''}${ms}`
    rows.push(['', 'Deling − bare', '', added(result.addedMs.p50), added(result.addedMs.p99), ''])
  }
  return formatTable(rows, 2)
}
