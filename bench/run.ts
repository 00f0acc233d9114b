/**
 * `npm run bench [-- --smoke] [--duration s] [--rounds n] [--connections n] [--scenario name] [--database list]
 *   [--datasets n] [--output file]`
 *
 * For each database of the run (the embedded PGlite in a temporary DATA_DIR; Postgres at BENCH_DATABASE_URL, in a
 * schema of the run's own) and each scenario: a fresh database, the scenario's seed, the real Deling Node host
 * started on it, and a bare reference server; both loaded with the same connections and duration, in alternating
 * rounds, reporting the median round of each and their ratio; some scenarios also time requests one at a time or
 * measure something else (revocation latency, an export). Writes bench/results/latest.json (a smoke run writes
 * deling-bench-smoke.json in the temp folder instead, so it never replaces the committed numbers).
 * See docs/performance.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { migrate } from '../src/db/migrate.ts'
import { openPglite } from '../src/db/pglite.ts'
import { openPostgres } from '../src/db/postgres.ts'
import { type LatencyOptions, type LoadOptions, measure, measureLatency } from './load.ts'
import {
  compare,
  cpuTable,
  describeRun,
  latencyTable,
  type MeasuredResult,
  type ScenarioResult,
  table,
} from './report.ts'
import type { BenchContext, RunningServer, Scenario } from './scenario.ts'
import { scenarios } from './scenarios/index.ts'
import { killAllServers, startServer } from './servers.ts'

type DatabaseKind = 'pglite' | 'postgres'

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string', default: '50' },
    datasets: { type: 'string' },
    scenario: { type: 'string', multiple: true },
    database: { type: 'string' },
    'log-level': { type: 'string', default: 'info' },
    output: { type: 'string' },
  },
})

const load: LoadOptions = {
  connections: Number(args.connections),
  duration: Number(args.duration ?? (args.smoke ? 2 : 10)),
  warmup: Number(args.warmup ?? (args.smoke ? 1 : 3)),
}
const rounds = Number(args.rounds ?? (args.smoke ? 1 : 3))
const latency: LatencyOptions = args.smoke
  ? { samples: 40, warmup: 3, maxSeconds: 3 }
  : { samples: 300, warmup: 10, maxSeconds: 15 }
// Read by the search scenario's seed (bench/scenarios/search.ts).
if (args.datasets) process.env.BENCH_DATASETS = args.datasets
const selected = scenarios.filter((scenario) => !args.scenario || args.scenario.includes(scenario.name))
if (!selected.length) throw new Error(`no scenario named ${args.scenario}; known: ${scenarios.map((s) => s.name)}`)

const databaseUrl = process.env.BENCH_DATABASE_URL
// A full run with Postgres measures both databases; a smoke run only one, to stay short.
const databases: DatabaseKind[] = args.database
  ? (args.database.split(',') as DatabaseKind[])
  : databaseUrl
    ? args.smoke
      ? ['postgres']
      : ['postgres', 'pglite']
    : ['pglite']
if (databases.includes('postgres') && !databaseUrl) throw new Error('--database postgres needs BENCH_DATABASE_URL')

const runsOn = (scenario: Scenario, database: DatabaseKind) =>
  scenario.databases === 'postgres-only'
    ? database === 'postgres'
    : scenario.databases === 'postgres-preferred'
      ? database === 'postgres' || !databases.includes('postgres')
      : true
const plan = databases.flatMap((database) =>
  selected.filter((scenario) => runsOn(scenario, database)).map((scenario) => ({ database, scenario })),
)
// --output: a partial run (one scenario) goes to a file of its own, not over the committed latest.json
const output = args.output
  ? resolve(args.output)
  : args.smoke
    ? join(tmpdir(), 'deling-bench-smoke.json')
    : fileURLToPath(new URL('results/latest.json', import.meta.url))

// Bounded: whatever happens, the run ends (startups, seeds, every measurement, and slack).
const seedSeconds = args.smoke ? 60 : 300
const latencyTargets = 10 // an allowance per scenario: the search scenario times 9 requests
const expectedSeconds = plan.reduce(
  (sum, { scenario }) =>
    sum +
    30 + // starting Deling and the baseline
    (scenario.seed ? seedSeconds : 0) +
    rounds * 2 * (load.duration + load.warmup) +
    latencyTargets * (latency.maxSeconds + 2) +
    (scenario.measureSeconds ?? 0),
  0,
)
const limit = setTimeout(
  () => {
    console.error(`bench: still running after ${expectedSeconds + 120} s; stopping`)
    killAllServers()
    process.exit(1)
  },
  (expectedSeconds + 120) * 1000,
)
limit.unref()

function withSearchPath(url: string, searchPath: string) {
  const parsed = new URL(url)
  parsed.searchParams.set('search_path', searchPath) // postgres.js sends it as a connection parameter
  return parsed.toString()
}

async function withTimeout<T>(what: string, seconds: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${seconds} s`)), seconds * 1000)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllServers()
    process.exit(130)
  })
}

/** One scenario on one database: its own database, seed, Deling and baseline, all gone afterwards. */
async function runScenario(
  scenario: Scenario,
  database: DatabaseKind,
  index: number,
): Promise<ScenarioResult | MeasuredResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deling-bench-'))
  const schema = `deling_bench_${process.pid}_${index}`
  const servers: RunningServer[] = []
  const admin = database === 'postgres' ? postgres(databaseUrl!, { max: 1, onnotice: () => {} }) : undefined
  const open = () =>
    database === 'postgres' ? openPostgres(databaseUrl!, { schema }) : openPglite(join(dataDir, 'pglite'))
  let shared: Awaited<ReturnType<typeof open>> | undefined
  try {
    await admin?.unsafe(`create schema ${schema}`)
    let seeded: Record<string, unknown> | undefined
    if (scenario.seed) {
      const handle = await open()
      try {
        await migrate(handle.db)
        const seeding = scenario.seed(handle.db, { smoke: args.smoke, database })
        seeded = await withTimeout(`seeding ${scenario.name}`, seedSeconds, seeding)
        console.log(`  ${scenario.name} (${database}): seeded ${JSON.stringify(seeded)}`)
      } finally {
        await handle.close()
      }
    }
    const delingEnv = {
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: database === 'postgres' ? withSearchPath(databaseUrl!, schema) : undefined,
      PUBLIC_URL: undefined,
      DELING_DEMO: '0',
      LOG_LEVEL: args['log-level'],
      ...scenario.env,
      // BENCH_CPU_PROF=<folder>: Deling writes a V8 CPU profile there when it stops (open it in Chrome DevTools)
      ...(process.env.BENCH_CPU_PROF
        ? {
            NODE_OPTIONS:
              `${process.env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}`.trim(),
          }
        : {}),
    }
    const deling = await startServer('src/server.ts', { env: delingEnv })
    servers.push(deling)
    if (database === 'postgres') shared = await open()
    const context: BenchContext = {
      deling,
      async startServer(script, env, options) {
        const server = await startServer(script, { env, ...options })
        servers.push(server)
        return server
      },
      async startDeling(env) {
        const other = await startServer('src/server.ts', { env: { ...delingEnv, ...env } })
        servers.push(other)
        return other
      },
      database: shared?.db,
      kind: database,
      smoke: args.smoke,
      load,
    }

    const prepared = await scenario.prepare(context)
    const title = `${scenario.name} (${database})`
    const { subject, baseline } = prepared
    if (!subject || !baseline) {
      const measurements = (await prepared.measure?.()) ?? {}
      console.log(`  ${title}: ${JSON.stringify(measurements)}`)
      await prepared.close?.()
      return { name: scenario.name, description: scenario.description, database, measurements }
    }
    const measured: ScenarioResult['rounds'] = []
    for (let round = 0; round < rounds; round++) {
      const scenarioLoad = { ...load, connections: prepared.connections ?? load.connections }
      const bare = await measure(baseline, scenarioLoad)
      await prepared.refresh?.()
      const delingRound = await measure(subject, scenarioLoad)
      for (const m of [bare, delingRound]) {
        console.log(
          `  ${title} round ${round + 1}: ${m.label} ${m.requestsPerSecond} req/s, ` +
            `p99 ${m.latencyMs.p99} ms (load ${m.loadAverage}); CPU µs/request ${JSON.stringify(m.cpuMicrosecondsPerRequest)}`,
        )
        if (!m.requests) throw new Error(`${m.label}: no request completed in ${load.duration} s (${m.url})`)
        if (m.failures) throw new Error(`${m.label}: ${m.failures} of ${m.requests} requests failed (${m.url})`)
      }
      measured.push({ baseline: bare, subject: delingRound })
    }
    const timed = []
    if (prepared.latency) await prepared.refresh?.()
    for (const target of prepared.latency ? [baseline, ...prepared.latency] : []) {
      const m = await measureLatency(target, latency)
      console.log(
        `  ${title} one at a time: ${m.label} p50 ${m.latencyMs.p50} / p95 ${m.latencyMs.p95} / ` +
          `p99 ${m.latencyMs.p99} ms (${m.samples} samples)${m.overTarget ? ` SLOW (p95 > ${m.p95TargetMs} ms)` : ''}`,
      )
      timed.push(m)
    }
    let checks: Record<string, unknown> | undefined
    if (prepared.check) {
      // What the subject was sent: every load round (warm-up included) and the timed requests after the floor.
      const counts = measured.map((round) => round.subject.counts)
      for (const m of timed.slice(1)) counts.push({ acknowledged: m.acknowledged, sent: m.acknowledged })
      await prepared.refresh?.()
      checks = await prepared.check({
        acknowledged: counts.reduce((sum, count) => sum + count.acknowledged, 0),
        sent: counts.reduce((sum, count) => sum + count.sent, 0),
      })
      console.log(`  ${title} checked: ${JSON.stringify(checks)}`)
    }
    const measurements = await prepared.measure?.()
    if (measurements) console.log(`  ${title}: ${JSON.stringify(measurements)}`)
    await prepared.close?.()
    return {
      ...compare(scenario.name, scenario.description, measured),
      database,
      ...(prepared.latency ? { latency: timed } : {}),
      ...(seeded ? { seeded } : {}),
      ...(checks ? { checks } : {}),
      ...(measurements ? { measurements } : {}),
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()))
    await shared?.close()
    rmSync(dataDir, { recursive: true, force: true })
    await admin?.unsafe(`drop schema if exists ${schema} cascade`)
    await admin?.end({ timeout: 5 })
  }
}

async function main() {
  const run = describeRun()
  console.log(
    `bench: ${load.connections} connections, ${rounds} round(s) of ${load.duration} s (+${load.warmup} s warm-up) per target, ` +
      `databases ${databases.join(', ')}${databaseUrl ? ' (Postgres: BENCH_DATABASE_URL, a schema per scenario)' : ''}, ` +
      `${run.machine.cores} cores`,
  )
  const results: (ScenarioResult | MeasuredResult)[] = []
  for (const [index, { database, scenario }] of plan.entries())
    results.push(await runScenario(scenario, database, index))

  console.log(`\n${table(results)}\n`)
  const latencies = latencyTable(results)
  if (latencies) console.log(`${latencies}\n`)
  const cpu = cpuTable(results)
  if (cpu) console.log(`${cpu}\n`)
  const report = {
    ...run,
    settings: {
      smoke: args.smoke,
      ...load,
      rounds,
      latency,
      databases,
      logLevel: args['log-level'],
      loadGenerator: 'autocannon in the runner process; each server in its own child process',
    },
    scenarios: results,
  }
  mkdirSync(dirname(output), { recursive: true })
  writeFileSync(output, `${JSON.stringify(report, null, 2)}\n`)
  console.log(`wrote ${output}`)
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`bench failed: ${error.message}`)
    killAllServers()
    process.exit(1)
  },
)
