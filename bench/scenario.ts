/** What a benchmark scenario is: one thing Deling does, measured beside a bare reference in the same run. */

/** One HTTP request that the load generator repeats. */
export interface Target {
  label: string
  url: string
  method?: string
  headers?: Record<string, string>
  body?: string
}

/** A server the runner started as a child process, stopped when the run ends. */
export interface RunningServer {
  url: string
  stop(): Promise<void>
}

export interface BenchContext {
  /** The real Deling Node host (`src/server.ts`), shared by every scenario of the run. */
  deling: RunningServer
  /** Starts another server script (a baseline, a fake upstream) as a child process; the runner stops it. */
  startServer(script: string, env?: Record<string, string>): Promise<RunningServer>
}

export interface ScenarioRun {
  /** Deling doing the work. */
  subject: Target
  /** The least a server must do for the same request: the ratio subject/baseline is the number to watch. */
  baseline: Target
  close?(): Promise<void>
}

export interface Scenario {
  name: string
  description: string
  prepare(context: BenchContext): Promise<ScenarioRun>
}
