/** What a benchmark scenario is: one thing Deling does, measured beside a bare reference in the same run. */
import type { Database } from '../src/db/database.ts'
import type { LoadOptions } from './load.ts'

/** One HTTP request that the load generator repeats. */
export interface Target {
  label: string
  url: string
  method?: string
  headers?: Record<string, string>
  /** The body, or a function making each request's own (a client assertion is good for one request only). */
  body?: string | (() => string)
}

/** A request timed one at a time (no queueing behind other requests): its own latency, p50/p95/p99. */
export interface LatencyTarget extends Target {
  /** The p95 the request must stay within; a slower one is marked in the table and in the JSON. */
  p95TargetMs?: number
  /**
   * The URL of sample i, when each sample must be a request Deling has not answered before (its search cache
   * would answer a repeated one). Warm-up is skipped and samples stop before the URLs would repeat.
   */
  distinct?: { urlOf(sample: number): string; count: number }
  /** Runs before each request, warm-up included, outside its time: a catalog change, say, so no cache answers. */
  beforeEach?(): Promise<void>
}

/** A server the runner started as a child process, stopped when the run ends. */
export interface RunningServer {
  url: string
  stop(): Promise<void>
  /** The child's process id (the DCAT scenario reads its memory from /proc). */
  pid?: number | undefined
}

export interface BenchContext {
  /** The real Deling Node host (`src/server.ts`), started for this scenario on a database of its own. */
  deling: RunningServer
  /**
   * Starts another server script (a baseline, a fake upstream) as a child process; the runner stops it. `port`:
   * listen there (one the scenario chose in its seed, when the database must know the URL before Deling starts).
   */
  startServer(script: string, env?: Record<string, string>, options?: { port?: number }): Promise<RunningServer>
  /** The run's load settings (a scenario whose credentials expire checks that a round fits in their lifetime). */
  load: LoadOptions
  /** Starts another Deling instance on the same database (Postgres), with the first one's settings and `env`. */
  startDeling(env?: Record<string, string>): Promise<RunningServer>
  /** The run's database, open in the runner while Deling runs (Postgres only: PGlite has one process at a time). */
  database: Database | undefined
  /** Which database this Deling runs on. */
  kind: 'pglite' | 'postgres'
  smoke: boolean
}

/** What Deling acknowledged and was sent during a scenario: every 2xx answer, warm-up and timed requests included. */
export interface RequestCount {
  /** 2xx answers the load generator received. */
  acknowledged: number
  /** Requests sent, including those still in flight when a timed run stopped (their answers never arrived). */
  sent: number
}

export interface ScenarioRun {
  /** Deling doing the work; absent for a scenario that only has `measure`. */
  subject?: Target
  /** The least a server must do for the same request: the ratio subject/baseline is the number to watch. */
  baseline?: Target
  /** Requests timed sequentially after the load rounds (the baseline's first, as the floor). */
  latency?: LatencyTarget[]
  /** Connections for the load rounds when the run's default (50) would only queue (a slow query, PGlite). */
  connections?: number
  /** Called before each load of the subject and before the timed requests: a fresh access token, for instance. */
  refresh?(): Promise<void>
  /**
   * Called after the load rounds and the timed requests with what the subject was sent and acknowledged; returns
   * what it checked, for the report, and throws (failing the run) when the check fails.
   */
  check?(subject: RequestCount): Promise<Record<string, unknown>>
  /** Measurements that are not load against a baseline (revocation latency, an export's time and memory). */
  measure?(): Promise<Record<string, unknown>>
  close?(): Promise<void>
}

export interface Scenario {
  name: string
  description: string
  /** Settings the Deling host needs for this scenario (the runner starts it with them when the scenario is selected). */
  env?: Record<string, string>
  /**
   * Where it runs: by default on every database of the run; `postgres-only` needs a database two processes share;
   * `postgres-preferred` runs on PGlite only when the run has no Postgres (a large seed).
   */
  databases?: 'postgres-only' | 'postgres-preferred'
  /** Seconds `measure` may take, for the run's time bound. */
  measureSeconds?: number
  /**
   * Fills the database before Deling starts (the runner migrates it first and closes it after: PGlite has one
   * process at a time). Returns what was seeded, for the report.
   */
  seed?(db: Database, options: { smoke: boolean; database: 'pglite' | 'postgres' }): Promise<Record<string, unknown>>
  prepare(context: BenchContext): Promise<ScenarioRun>
}
