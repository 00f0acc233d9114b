/**
 * CPU time per request, by process: what each server, the database and the load generator spent on a timed run,
 * divided by the requests it completed. On a shared two-core machine req/s moves by a third from one minute to the
 * next; the CPU a request costs moves much less, so it says where the time goes and whether a change helped.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { cpuUsage } from 'node:process'

/** Child processes the runner started, by pid, with the name their CPU is reported under. */
const named = new Map<number, string>()

export function nameProcess(pid: number | undefined, name: string) {
  if (pid) named.set(pid, name)
}

export function forgetProcess(pid: number | undefined) {
  if (pid) named.delete(pid)
}

// In clock ticks, from /proc/<pid>/stat after the parenthesised command name: utime and stime (fields 14, 15), and
// cutime and cstime (16, 17), the CPU of children that have exited. Postgres's backends and workers come and go
// during a run; what an exited one spent is then in the postmaster's cutime, so counting both keeps it.
const ticksPerSecond = 100
function cpuSecondsOf(pid: number | string): { command: string; seconds: number; children: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const close = stat.lastIndexOf(')')
    const fields = stat.slice(close + 2).split(' ')
    return {
      command: stat.slice(stat.indexOf('(') + 1, close),
      seconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond,
      children: (Number(fields[13]) + Number(fields[14])) / ticksPerSecond,
    }
  } catch {
    return undefined // gone, or no /proc (not Linux): nothing to add
  }
}

/** CPU seconds so far: each named child, every `postgres` process together, and this process (the load generator). */
export function cpuSnapshot(): Map<string, number> {
  const snapshot = new Map<string, number>()
  const add = (name: string, seconds: number) => snapshot.set(name, (snapshot.get(name) ?? 0) + seconds)
  for (const [pid, name] of named) {
    const reading = cpuSecondsOf(pid)
    if (reading) add(name, reading.seconds)
  }
  let entries: string[] = []
  try {
    entries = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))
  } catch {}
  for (const pid of entries) {
    const reading = cpuSecondsOf(pid)
    if (reading?.command === 'postgres') add('postgres', reading.seconds + reading.children)
  }
  const own = cpuUsage()
  add('load generator', (own.user + own.system) / 1e6)
  return snapshot
}

/**
 * Microseconds of CPU per request for each process that used any between the two snapshots. A negative difference
 * (a process gone without a parent that counts it) is kept, so that it shows rather than hides as zero.
 */
export function cpuPerRequest(before: Map<string, number>, after: Map<string, number>, requests: number) {
  const perRequest: Record<string, number> = {}
  if (!requests) return perRequest
  for (const [name, seconds] of after) {
    const spent = seconds - (before.get(name) ?? 0)
    if (spent !== 0) perRequest[name] = Math.round((spent / requests) * 1e6)
  }
  return perRequest
}
