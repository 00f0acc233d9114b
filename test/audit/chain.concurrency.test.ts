import { asc } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { AccessLogWriter, appendAccessLog } from '../../src/audit/log.ts'
import { verifyAccessLog } from '../../src/audit/verify.ts'
import { accessLog } from '../../src/db/schema/index.ts'
import { accessLogEntry } from '../support/access-log.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { accessToken, demoOrganisations, registerClient } from '../support/tokens.ts'

const entry = (n: number) =>
  accessLogEntry(`req_${n}`, { at: new Date(Date.UTC(2026, 10, 23, 12, 0, n)), fieldsDelivered: ['/inntekt/beloep'] })

describe('appending to the access log', () => {
  const apps: TestApp[] = []
  afterAll(() => Promise.all(apps.map((app) => app.close())))

  it('batches concurrent appends through one writer: each caller gets its own entry, the chain stays valid', async () => {
    const app = await startTestApp()
    apps.push(app)
    const db = app.host.database.db
    const writer = new AccessLogWriter(db, 7)
    const chained = await Promise.all(Array.from({ length: 30 }, (_, n) => writer.append(entry(n))))
    expect(chained.map((logged) => logged.requestId)).toEqual(Array.from({ length: 30 }, (_, n) => `req_${n}`))
    expect(new Set(chained.map((logged) => logged.seq)).size).toBe(30)
    expect(await verifyAccessLog(db, 4)).toMatchObject({ valid: true, entries: 30 })
  })

  it('keeps one valid chain, seq 1..20, under 20 concurrent appends on Postgres', async () => {
    const app = await startTestApp()
    apps.push(app)
    const db = app.host.database.db
    await Promise.all(Array.from({ length: 20 }, (_, n) => appendAccessLog(db, entry(n))))
    const seqs = await db.select({ seq: accessLog.seq }).from(accessLog).orderBy(asc(accessLog.seq))
    expect(seqs.map((row) => row.seq)).toEqual(Array.from({ length: 20 }, (_, n) => n + 1))
    // Small pages, so the check carries the previous hash across page boundaries.
    expect(await verifyAccessLog(db, 3)).toMatchObject({ valid: true, entries: 20 })
  })

  it('appends and verifies on PGlite, the embedded default, through the API', async () => {
    const app = await startTestApp({ driver: 'pglite' })
    apps.push(app)
    for (let n = 0; n < 3; n++) await appendAccessLog(app.host.database.db, entry(n))
    const operator = await registerClient(app, demoOrganisations.digdir.orgnr, ['deling:admin'])
    const res = await app.get('/audit/verify', { token: await accessToken(app, operator, 'deling:admin') })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({ valid: true, entries: 3 })
  })
})
