import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import path from 'node:path'
import { nodeHostArguments } from '../../src/node-flags.ts'

const root = path.resolve(import.meta.dirname, '../..')

export interface ServerProcess {
  child: ChildProcess
  /** Everything it printed so far, stdout and stderr. */
  output(): string
  /** SIGTERM, then its exit code. */
  stop(): Promise<number | null>
}

/**
 * `npm start` as a user runs it (src/server.ts on this Node), with `env` on top of the test's environment. Resolves
 * once the output contains `readyWhen`, or the process has exited, or 90 s have passed (a loaded CI machine
 * compiles and seeds slowly).
 */
export async function startServerProcess(env: Record<string, string>, readyWhen: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, nodeHostArguments, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: Buffer) => {
    output += chunk
  }
  child.stdout!.on('data', collect)
  child.stderr!.on('data', collect)
  for (let attempt = 0; attempt < 900 && !output.includes(readyWhen) && child.exitCode === null; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      return (await exited)[0] as number | null
    },
  }
}
