/**
 * The Node host's log output. `console.log` writes each line with its own synchronous system call; under load
 * that was 6 % of the gateway's CPU. Here the lines of one turn of the event loop are written together, in one
 * call, right after that turn. Lines still waiting when the process exits are written by the exit handler, so
 * only a SIGKILL can lose them, and then at most one turn's worth. (The Worker keeps console.log: its runtime
 * collects the lines itself.)
 */
export function lineBatcher(out: { write(text: string): unknown }): { write(line: string): void; flush(): void } {
  let waiting: string[] = []
  const flush = () => {
    if (!waiting.length) return
    const text = `${waiting.join('\n')}\n`
    waiting = []
    out.write(text)
  }
  return {
    write(line) {
      if (waiting.push(line) === 1) setImmediate(flush)
    },
    flush,
  }
}

let shared: ReturnType<typeof lineBatcher> | undefined

function sharedBatcher() {
  if (!shared) {
    const batcher = lineBatcher(process.stdout)
    process.on('exit', batcher.flush)
    shared = batcher
  }
  return shared
}

/** One batcher for the process's stdout, however many hosts and loggers it starts, flushed on exit. */
export function stdoutLines(): (line: string) => void {
  return sharedBatcher().write
}

/** Writes the waiting lines now: before something else prints, so that the output keeps its order. */
export function flushStdoutLines(): void {
  shared?.flush()
}
