/**
 * `npm run bench [-- --smoke] [--duration s] [--rounds n] [--connections n] [--scenario name] [--datasets n] [--output file]`
 *
 * Starts the real Deling Node host (embedded PGlite in a temporary DATA_DIR, or Postgres at BENCH_DATABASE_URL)
 * and, per scenario, a bare reference server; loads each with the same connections and duration, in alternating
 * rounds, and reports the median round of each and their ratio; scenarios that ask for it also have requests timed one
 * at a time (p50/p95/p99). Scenarios that need data (search: 100 000 datasets) seed the database before Deling
 * starts. On Postgres the run works in a schema of its own, dropped at the end. Writes bench/results/latest.json (a smoke run
 * writes deling-bench-smoke.json in the temp folder instead, so it never replaces the committed numbers).
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
import { compare, describeRun, latencyTable, type ScenarioResult, table } from './report.ts'
import type { BenchContext, RunningServer } from './scenario.ts'
import { scenarios } from './scenarios/index.ts'
import { killAllServers, startServer } from './servers.ts'

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string', default: '50' },
    datasets: { type: 'string' },
    scenario: { type: 'string', multiple: true },
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
/** On Postgres, the run's own schema: nothing of an earlier run (or of anyone else) is in it, and it is dropped. */
const schema = `deling_bench_${process.pid}`
const delingDatabaseUrl = databaseUrl && withSearchPath(databaseUrl, schema)
const seeding = selected.filter((scenario) => scenario.seed)
const seedSeconds = seeding.length ? (args.smoke ? 60 : 300) : 0
// --output: a partial run (one scenario) goes to a file of its own, not over the committed latest.json
const output = args.output
  ? resolve(args.output)
  : args.smoke
    ? join(tmpdir(), 'deling-bench-smoke.json')
    : fileURLToPath(new URL('results/latest.json', import.meta.url))

// Bounded: whatever happens, the run ends (startup allowance + every measurement + slack).
const latencyTargets = 10 // an allowance per scenario: the search scenario times 9 requests
const expectedSeconds =
  selected.length * rounds * 2 * (load.duration + load.warmup) +
  seedSeconds +
  selected.length * latencyTargets * (latency.maxSeconds + 2)
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

/** Runs the scenarios' seeds against the database Deling will open, then closes it; bounded by `seedSeconds`. */
async function seedDatabase(dataDir: string): Promise<Map<string, Record<string, unknown>>> {
  const seeded = new Map<string, Record<string, unknown>>()
  if (!seeding.length) return seeded
  const handle = databaseUrl ? openPostgres(databaseUrl, { schema }) : await openPglite(join(dataDir, 'pglite'))
  try {
    await migrate(handle.db)
    for (const scenario of seeding) {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`seeding ${scenario.name} took over ${seedSeconds} s`)),
          seedSeconds * 1000,
        )
      })
      const summary = await Promise.race([scenario.seed!(handle.db, { smoke: args.smoke }), timeout])
      clearTimeout(timer)
      console.log(`  ${scenario.name}: seeded ${JSON.stringify(summary)}`)
      seeded.set(scenario.name, summary)
    }
  } finally {
    await handle.close()
  }
  return seeded
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllServers()
    process.exit(130)
  })
}

async function main() {
  const run = describeRun()
  const dataDir = mkdtempSync(join(tmpdir(), 'deling-bench-'))
  const servers: RunningServer[] = []
  const results: ScenarioResult[] = []
  const admin = databaseUrl ? postgres(databaseUrl, { max: 1, onnotice: () => {} }) : undefined
  try {
    console.log(
      `bench: ${load.connections} connections, ${rounds} round(s) of ${load.duration} s (+${load.warmup} s warm-up) per target, ` +
        `database ${databaseUrl ? `postgres (BENCH_DATABASE_URL, schema ${schema})` : 'embedded PGlite'}, ${run.machine.cores} cores`,
    )
    await admin?.unsafe(`create schema ${schema}`)
    const seeded = await seedDatabase(dataDir)
    const deling = await startServer('src/server.ts', {
      env: {
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: delingDatabaseUrl,
        PUBLIC_URL: undefined,
        DELING_DEMO: '0',
        LOG_LEVEL: args['log-level'],
        ...Object.assign({}, ...selected.map((scenario) => scenario.env ?? {})),
        // BENCH_CPU_PROF=<folder>: Deling writes a V8 CPU profile there when it stops (open it in Chrome DevTools)
        ...(process.env.BENCH_CPU_PROF
          ? {
              NODE_OPTIONS:
                `${process.env.NODE_OPTIONS ?? ''} --cpu-prof --cpu-prof-dir=${process.env.BENCH_CPU_PROF}`.trim(),
            }
          : {}),
      },
    })
    servers.push(deling)
    const context: BenchContext = {
      deling,
      async startServer(script, env, options) {
        const server = await startServer(script, { env, ...options })
        servers.push(server)
        return server
      },
      load,
    }

    for (const scenario of selected) {
      const prepared = await scenario.prepare(context)
      const measured: ScenarioResult['rounds'] = []
      for (let round = 0; round < rounds; round++) {
        const scenarioLoad = { ...load, connections: prepared.connections ?? load.connections }
        const baseline = await measure(prepared.baseline, scenarioLoad)
        await prepared.refresh?.()
        const subject = await measure(prepared.subject, scenarioLoad)
        for (const m of [baseline, subject]) {
          console.log(
            `  ${scenario.name} round ${round + 1}: ${m.label} ${m.requestsPerSecond} req/s, ` +
              `p99 ${m.latencyMs.p99} ms (load ${m.loadAverage})`,
          )
          if (!m.requests) throw new Error(`${m.label}: no request completed in ${load.duration} s (${m.url})`)
          if (m.failures) throw new Error(`${m.label}: ${m.failures} of ${m.requests} requests failed (${m.url})`)
        }
        measured.push({ baseline, subject })
      }
      const timed = []
      if (prepared.latency) await prepared.refresh?.()
      for (const target of prepared.latency ? [prepared.baseline, ...prepared.latency] : []) {
        const m = await measureLatency(target, latency)
        console.log(
          `  ${scenario.name} one at a time: ${m.label} p50 ${m.latencyMs.p50} / p95 ${m.latencyMs.p95} / ` +
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
        console.log(`  ${scenario.name} checked: ${JSON.stringify(checks)}`)
      }
      await prepared.close?.()
      results.push({
        ...compare(scenario.name, scenario.description, measured),
        ...(prepared.latency ? { latency: timed } : {}),
        ...(seeded.has(scenario.name) ? { seeded: seeded.get(scenario.name) } : {}),
        ...(checks ? { checks } : {}),
      })
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()))
    rmSync(dataDir, { recursive: true, force: true })
    await admin?.unsafe(`drop schema if exists ${schema} cascade`)
    await admin?.end({ timeout: 5 })
  }

  console.log(`\n${table(results)}\n`)
  const latencies = latencyTable(results)
  if (latencies) console.log(`${latencies}\n`)
  const report = {
    ...run,
    settings: {
      smoke: args.smoke,
      ...load,
      rounds,
      latency,
      database: databaseUrl ? 'postgres' : 'pglite',
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
