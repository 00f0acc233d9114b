import { readFileSync } from 'node:fs'
import { seedCatalog } from '../catalog-seed.ts'
import type { Scenario } from '../scenario.ts'

/** Issue 9 item 6: the DCAT-AP-NO export of 10 000 datasets (1 000 in a smoke run). */
const datasetCount = (smoke: boolean) => Number(process.env.BENCH_DCAT_DATASETS ?? (smoke ? 1_000 : 10_000))

const mib = (kib: number) => Math.round((kib / 1024) * 10) / 10

/** Resident memory of a process, from /proc (Linux): now and its peak since it started, in KiB. */
function memoryOf(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
  return { rssKiB: field('VmRSS'), peakKiB: field('VmHWM') }
}

/**
 * Downloads GET /catalog/dcat (Turtle, then JSON-LD) from Deling, reading the body as it comes, and samples the
 * Deling process's resident memory every 10 ms meanwhile. A streamed export answers its first bytes long before
 * its last and grows the process by much less than the document; one built in memory does neither.
 */
async function exportOnce(url: string, accept: string, pid: number) {
  const before = memoryOf(pid)
  let peakKiB = before.rssKiB
  const sampler = setInterval(() => {
    peakKiB = Math.max(peakKiB, memoryOf(pid).rssKiB)
  }, 10)
  try {
    const started = performance.now()
    const response = await fetch(url, { headers: { accept } })
    if (!response.ok || !response.body) throw new Error(`dcat: ${response.status} from ${url}`)
    let firstByteMs: number | undefined
    let bytes = 0
    for await (const chunk of response.body) {
      firstByteMs ??= performance.now() - started
      bytes += (chunk as Uint8Array).byteLength
    }
    const totalMs = performance.now() - started
    peakKiB = Math.max(peakKiB, memoryOf(pid).rssKiB)
    const growthKiB = peakKiB - before.rssKiB
    return {
      accept,
      bytesMiB: mib(bytes / 1024),
      firstByteMs: Math.round(firstByteMs ?? totalMs),
      totalMs: Math.round(totalMs),
      rssBeforeMiB: mib(before.rssKiB),
      rssPeakMiB: mib(peakKiB),
      rssGrowthMiB: mib(growthKiB),
      // readings, not proofs: a streamed export answers early, and grows the process by less than it sends
      firstByteBeforeHalf: (firstByteMs ?? totalMs) < totalMs / 2,
      growthBelowBody: growthKiB * 1024 < bytes,
    }
  } finally {
    clearInterval(sampler)
  }
}

export const dcat: Scenario = {
  name: 'dcat',
  description:
    'GET /catalog/dcat of the seeded catalog: time to first byte, total time and memory of the Deling process',
  databases: 'postgres-preferred',
  measureSeconds: 240,
  async seed(db, { smoke }) {
    return { ...(await seedCatalog(db, datasetCount(smoke))) }
  },
  async prepare(context) {
    const pid = context.deling.pid
    if (!pid) throw new Error('dcat: the Deling process has no pid')
    const url = `${context.deling.url}/catalog/dcat`
    return {
      async measure() {
        return {
          turtle: await exportOnce(url, 'text/turtle', pid),
          jsonLd: await exportOnce(url, 'application/ld+json', pid),
        }
      },
    }
  },
}
