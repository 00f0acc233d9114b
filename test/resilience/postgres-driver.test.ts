import postgres from 'postgres'
import { afterEach, describe, expect, it } from 'vitest'
import { testDatabaseUrl } from '../support/database.ts'
import { startTcpProxy } from '../support/tcp-proxy.ts'

/**
 * The driver's own first query on a new connection (the array types, `fetch_types`) must not fail outside every
 * caller's reach: an unhandled rejection ends a Node process. porsager/postgres#1192, #1205, #1223; mended at
 * install by scripts/patch-postgres.mjs (ADR 0015).
 */
describe('postgres.js: the database goes away while a new connection reads its types', () => {
  const unhandled: unknown[] = []
  const record = (reason: unknown) => unhandled.push(reason)
  const cleanups: (() => Promise<unknown>)[] = []
  afterEach(async () => {
    process.off('unhandledRejection', record)
    for (const cleanup of cleanups.splice(0)) await cleanup()
  })

  it("fails the caller's query, and nothing else", async () => {
    process.on('unhandledRejection', record)
    const target = new URL(testDatabaseUrl)
    let stopped = false
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432), (bytes) => {
      if (stopped || !bytes.includes('pg_catalog.pg_type')) return
      stopped = true
      proxy.stop()
    })
    cleanups.push(() => proxy.close())
    const viaProxy = new URL(testDatabaseUrl)
    viaProxy.port = String(proxy.port)
    const client = postgres(viaProxy.toString(), { max: 1, connect_timeout: 2, backoff: () => 0, onnotice: () => {} })
    cleanups.push(() => client.end({ timeout: 1 }))

    await expect(client`select 1 as one`).rejects.toMatchObject({ code: 'ECONNREFUSED' })
    // Unhandled rejections are reported once the microtask queue is empty; give them a few turns.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(unhandled).toEqual([])

    // And the client recovers once the database is back.
    await proxy.restore()
    expect(await client`select 1 as one`).toEqual([{ one: 1 }])
  })
})
