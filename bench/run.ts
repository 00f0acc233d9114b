/**
 * `npm run bench [-- --smoke] [--duration s] [--rounds n] [--connections n] [--scenario name]`
 *
 * Starts the real Deling Node host (embedded PGlite in a temporary DATA_DIR, or Postgres at BENCH_DATABASE_URL)
 * and, per scenario, a bare reference server; loads each with the same connections and duration, in alternating
 * rounds, and reports the median round of each and their ratio. Writes bench/results/latest.json (a smoke run
 * writes deling-bench-smoke.json in the temp folder instead, so it never replaces the committed numbers).
 * See docs/performance.md.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { type LoadOptions, measure } from './load.ts'
import { compare, describeRun, type ScenarioResult, table } from './report.ts'
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
    scenario: { type: 'string', multiple: true },
    'log-level': { type: 'string', default: 'info' },
  },
})

const load: LoadOptions = {
  connections: Number(args.connections),
  duration: Number(args.duration ?? (args.smoke ? 2 : 10)),
  warmup: Number(args.warmup ?? (args.smoke ? 1 : 3)),
}
const rounds = Number(args.rounds ?? (args.smoke ? 1 : 3))
const selected = scenarios.filter((scenario) => !args.scenario || args.scenario.includes(scenario.name))
if (!selected.length) throw new Error(`no scenario named ${args.scenario}; known: ${scenarios.map((s) => s.name)}`)

const databaseUrl = process.env.BENCH_DATABASE_URL
const output = args.smoke
  ? join(tmpdir(), 'deling-bench-smoke.json')
  : fileURLToPath(new URL('results/latest.json', import.meta.url))

// Bounded: whatever happens, the run ends (startup allowance + every measurement + slack).
const expectedSeconds = selected.length * rounds * 2 * (load.duration + load.warmup)
const limit = setTimeout(
  () => {
    console.error(`bench: still running after ${expectedSeconds + 120} s; stopping`)
    killAllServers()
    process.exit(1)
  },
  (expectedSeconds + 120) * 1000,
)
limit.unref()
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
  try {
    console.log(
      `bench: ${load.connections} connections, ${rounds} round(s) of ${load.duration} s (+${load.warmup} s warm-up) per target, ` +
        `database ${databaseUrl ? 'postgres (BENCH_DATABASE_URL)' : 'embedded PGlite'}, ${run.machine.cores} cores`,
    )
    const deling = await startServer('src/server.ts', {
      env: {
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        PUBLIC_URL: undefined,
        DELING_DEMO: '0',
        LOG_LEVEL: args['log-level'],
      },
    })
    servers.push(deling)
    const context: BenchContext = {
      deling,
      async startServer(script, env) {
        const server = await startServer(script, { env })
        servers.push(server)
        return server
      },
    }

    for (const scenario of selected) {
      const prepared = await scenario.prepare(context)
      const measured: ScenarioResult['rounds'] = []
      for (let round = 0; round < rounds; round++) {
        const baseline = await measure(prepared.baseline, load)
        const subject = await measure(prepared.subject, load)
        for (const m of [baseline, subject]) {
          console.log(
            `  ${scenario.name} round ${round + 1}: ${m.label} ${m.requestsPerSecond} req/s, ` +
              `p99 ${m.latencyMs.p99} ms (load ${m.loadAverage})`,
          )
          if (m.failures) throw new Error(`${m.label}: ${m.failures} of ${m.requests} requests failed (${m.url})`)
        }
        measured.push({ baseline, subject })
      }
      await prepared.close?.()
      results.push(compare(scenario.name, scenario.description, measured))
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()))
    rmSync(dataDir, { recursive: true, force: true })
  }

  console.log(`\n${table(results)}\n`)
  const report = {
    ...run,
    settings: {
      smoke: args.smoke,
      ...load,
      rounds,
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
