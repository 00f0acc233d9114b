import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'
import { basename } from 'node:path'
import { fileURLToPath } from 'node:url'
import { nodeHostArguments } from '../src/node-flags.ts'
import { forgetProcess, nameProcess } from './cpu.ts'
import type { RunningServer } from './scenario.ts'

/** A port nobody listens on right now (the OS picks it; the child binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

export interface ServerOptions {
  env?: Record<string, string | undefined>
  /** The port to listen on; default a free one. */
  port?: number
  /** Path answered with 200 once the server can take load. */
  readyPath?: string
  readyTimeoutMs?: number
}

const running = new Set<ChildProcess>()
const root = fileURLToPath(new URL('..', import.meta.url))

/**
 * Runs a TypeScript server script (a path from the repository root) as its own Node process (Node 22 via tsx), so the load generator in this process
 * and the server never share an event loop. Its stdout (request logs) goes to /dev/null: the log lines are still
 * written, as in production, but cost this process nothing.
 */
export async function startServer(script: string, options: ServerOptions = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort())
  const env: Record<string, string | undefined> = { ...process.env, ...options.env, PORT: String(port) }
  const child = spawn(process.execPath, script === 'src/server.ts' ? nodeHostArguments : ['--import', 'tsx', script], {
    cwd: root,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  running.add(child)
  // CPU per request is reported under this name: 'deling' for src/server.ts, else the script's file name
  nameProcess(child.pid, script === 'src/server.ts' ? 'deling' : basename(script, '.ts'))
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000)
  })
  const exited = once(child, 'exit').then(() => {
    running.delete(child)
    forgetProcess(child.pid)
  })
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const forced = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(forced)
    }
  }

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000)
  const readyUrl = `${url}${options.readyPath ?? '/healthz'}`
  while (true) {
    if (child.exitCode !== null)
      throw new Error(`${script} exited with ${child.exitCode} before it was ready:\n${stderr}`)
    const status = await fetch(readyUrl).then(
      (response) => response.arrayBuffer().then(() => response.status),
      () => 0,
    )
    if (status === 200) break
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`${script} was not ready at ${readyUrl} in time (last status ${status}):\n${stderr}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return { url, stop, pid: child.pid }
}

/** Last resort on a crash or a time-out: no child outlives the run. */
export function killAllServers() {
  for (const child of running) child.kill('SIGKILL')
}
