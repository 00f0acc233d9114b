import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { entryHash } from '../../src/audit/chain.ts'
import { toChainedEntry } from '../../src/audit/log.ts'
import { accessLog } from '../../src/db/schema/index.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { type AuditWorld, auditWorld, verifyOffline, whileTampered } from './fixtures.ts'

describe('the access log: organisations, operator and offline verification', () => {
  let app: TestApp
  let world: AuditWorld
  const seqsFor = async (who: 'nav' | 'dnb' | 'skatteetaten', query = '') => {
    const res = await app.get(`/audit/log${query}`, { token: await world.token(who) })
    expect(res.status, res.text).toBe(200)
    return (res.body.items as { seq: number }[]).map((entry) => entry.seq)
  }
  // Fetched directly: the test app's helper would parse the whole body as one JSON document.
  const exportLog = async () => {
    const response = await fetch(`${app.url}/audit/export`, {
      headers: { Authorization: `Bearer ${await world.operator()}` },
    })
    return { status: response.status, headers: response.headers, text: await response.text() }
  }
  const verify = async () => {
    const res = await app.get('/audit/verify', { token: await world.operator() })
    expect(res.status, res.text).toBe(200)
    return res.body
  }

  beforeAll(async () => {
    app = await startTestApp()
    world = await auditWorld(app)
  })
  afterAll(() => app?.close())

  it('shows an organisation only the entries where it is consumer or producer, newest first', async () => {
    expect(await seqsFor('nav')).toEqual([4, 3, 1])
    expect(await seqsFor('dnb')).toEqual([2])
    expect(await seqsFor('skatteetaten')).toEqual([4, 3, 2, 1])
  })

  it('filters by outcome, dataset and time, and pages with a cursor', async () => {
    expect(await seqsFor('nav', '?outcome=denied')).toEqual([3])
    expect(await seqsFor('skatteetaten', '?datasetId=ds_other')).toEqual([])
    expect(await seqsFor('skatteetaten', '?from=2026-11-23T12:02:00Z&to=2026-11-23T12:04:00Z')).toEqual([3, 2])
    const first = await app.get('/audit/log?limit=2', { token: await world.token('skatteetaten') })
    expect(first.body.next).toBe('3')
    expect(await seqsFor('skatteetaten', `?limit=2&cursor=${first.body.next}`)).toEqual([2, 1])
  })

  it('refuses bad filters, a missing scope and the operator routes to an ordinary reader', async () => {
    const nav = await world.token('nav')
    expect((await app.get('/audit/log?outcome=maybe', { token: nav })).status).toBe(400)
    expect((await app.get('/audit/log?cursor=-1', { token: nav })).status).toBe(400)
    expect((await app.get('/audit/log')).status).toBe(401)
    expect((await app.get('/audit/verify', { token: nav })).status).toBe(403)
    expect((await app.get('/audit/export', { token: nav })).status).toBe(403)
    expect((await app.get('/audit/log', { token: await world.operator() })).status).toBe(403)
  })

  it('verifies the intact chain', async () => {
    const verdict = await verify()
    expect(verdict).toMatchObject({ valid: true, entries: 5 })
    expect(verdict.lastHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('names the first broken entry after a field is changed in the database', async () => {
    await whileTampered(
      app,
      (run) => run(`update access_log set purpose_code = 'kontroll' where seq = 3`),
      async () => {
        expect(await verify()).toMatchObject({
          valid: false,
          firstBroken: { seq: 3, id: world.ids[2], problem: /changed/ },
        })
      },
    )
  })

  it('names the first broken entry after a row is deleted', async () => {
    await whileTampered(
      app,
      (run) => run('delete from access_log where seq = 2'),
      async () => {
        expect(await verify()).toMatchObject({ valid: false, firstBroken: { seq: 3, problem: /missing/ } })
      },
    )
  })

  it("names the first broken entry after two rows' places are swapped", async () => {
    await whileTampered(
      app,
      async (run) => {
        await run('update access_log set seq = -2 where seq = 2')
        await run('update access_log set seq = 2 where seq = 3')
        await run('update access_log set seq = 3 where seq = -2')
      },
      async () => {
        expect(await verify()).toMatchObject({
          valid: false,
          firstBroken: { seq: 2, id: world.ids[2], problem: /follow/ },
        })
      },
    )
  })

  it('names the next entry when a row is rewritten with its hash recomputed', async () => {
    const db = app.host.database.db
    await whileTampered(
      app,
      async () => {
        const [row] = await db.select().from(accessLog).where(eq(accessLog.seq, 2))
        const forged = { ...toChainedEntry(row!), subjectFnr: '03917920183' }
        const hash = await entryHash(forged.seq, forged.prevHash, forged)
        await db.update(accessLog).set({ subjectFnr: forged.subjectFnr, hash }).where(eq(accessLog.seq, 2))
      },
      async () => {
        expect(await verify()).toMatchObject({
          valid: false,
          firstBroken: { seq: 3, id: world.ids[2], problem: /follow/ },
        })
      },
    )
    expect(await verify()).toMatchObject({ valid: true, entries: 5 })
  })

  it('exports JSON lines that verify offline, and that fail offline after tampering', async () => {
    const exported = await exportLog()
    expect(exported.status).toBe(200)
    expect(exported.headers.get('content-type')).toMatch(/^application\/x-ndjson/)
    const lines = exported.text.trimEnd().split('\n')
    expect(lines.map((line) => JSON.parse(line).seq)).toEqual([1, 2, 3, 4, 5, undefined])
    expect(JSON.parse(lines[5]!)).toEqual({ checkpoint: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) })
    const { lastHash } = await verify()
    expect(await verifyOffline(exported.text)).toEqual({
      code: 0,
      output: `valid: 5 entries (1–5), last hash ${lastHash}; signature not checked (pass --jwks)\n`,
    })

    await whileTampered(
      app,
      (run) => run(`update access_log set fields_delivered = array['/navn'] where seq = 4`),
      async () => {
        const tampered = await exportLog()
        const offline = await verifyOffline(tampered.text)
        expect(offline.code).toBe(1)
        expect(offline.output).toBe(
          `broken: entry 4 (${world.ids[3]}): its content does not match its hash: it was changed\n`,
        )
      },
    )
    // Cutting off the newest entries and the checkpoint leaves a valid chain: only a last hash kept elsewhere, or
    // insisting on Deling's signature, shows it.
    const truncated = lines.slice(0, 4).join('\n')
    expect(await verifyOffline(truncated, ['--jwks', `${app.host.deps.config.issuer}/jwks`])).toMatchObject({
      code: 1,
      output: /no checkpoint/,
    })
    expect((await verifyOffline(truncated)).code).toBe(0)
    expect(await verifyOffline(truncated, ['--last', lastHash])).toMatchObject({ code: 1, output: /cut off/ })
  })
})
