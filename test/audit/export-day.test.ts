import { CompactSign, calculateJwkThumbprint, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { entryHash } from '../../src/audit/chain.ts'
import { appendAccessLog, type NewAccessLogEntry } from '../../src/audit/log.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { accessToken, demoOrganisations, registerClient } from '../support/tokens.ts'
import { verifyOffline, whileTampered } from './fixtures.ts'

const { nav, skatteetaten, digdir } = demoOrganisations
const genesis = '0'.repeat(64)

// Around the end of summer time in 2025 (Sunday 26 October, 01:00 UTC): Oslo is UTC+2 before and UTC+1 after, so
// the 26th is 25 hours long. Each entry's Oslo time is in the comment.
const stamps = [
  '2025-10-25T21:59:59.999Z', // 1: 25th 23:59:59.999
  '2025-10-25T22:00:00.000Z', // 2: 26th 00:00
  '2025-10-26T12:00:00.000Z', // 3: 26th 13:00
  '2025-10-26T22:59:59.999Z', // 4: 26th 23:59:59.999 (the 27th, had the offset stayed +2)
  '2025-10-26T23:00:00.000Z', // 5: 27th 00:00
  '2025-10-27T10:00:00.000Z', // 6: 27th 11:00
]

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
const lines = (text: string) => text.trimEnd().split('\n')
const entriesOf = (text: string) => lines(text).slice(0, -1)
const checkpointOf = (text: string) => JSON.parse(lines(text).at(-1)!).checkpoint as string
const withCheckpoint = (text: string, checkpoint: string) =>
  `${[...entriesOf(text), JSON.stringify({ checkpoint })].join('\n')}\n`

describe('the export of a day, verified by a third party with only the published keys', () => {
  let app: TestApp
  let operatorToken: string
  let jwksUrl: string
  const hashes: string[] = []

  const exportDay = async (day: string, token = operatorToken) => {
    const response = await fetch(`${app.url}/audit/export?day=${day}`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    return { status: response.status, headers: response.headers, text: await response.text() }
  }
  const offline = (text: string, ...args: string[]) => verifyOffline(text, ['--jwks', jwksUrl, ...args])

  beforeAll(async () => {
    app = await startTestApp()
    jwksUrl = `${app.host.deps.config.issuer}/jwks`
    const operator = await registerClient(app, digdir.orgnr, ['deling:admin'])
    operatorToken = await accessToken(app, operator, 'deling:admin')
    const client = await registerClient(app, nav.orgnr, ['deling:gateway'])
    for (const [i, at] of stamps.entries()) {
      const entry: NewAccessLogEntry = {
        at: new Date(at),
        requestId: `req_${i + 1}`,
        consumerOrgnr: nav.orgnr,
        clientId: client.clientId,
        producerOrgnr: skatteetaten.orgnr,
        datasetId: 'ds_inntekt',
        subjectFnr: '12858440015',
        purposeCode: 'dagpenger',
        ruleId: 'ar_dagpenger',
        consentId: null,
        legalBasisUri: 'https://lovdata.no/lov/2012-06-22-43/§7',
        fieldsDelivered: ['/inntekt/beloep'],
        outcome: 'delivered',
        reason: null,
        upstreamStatus: 200,
      }
      hashes.push((await appendAccessLog(app.host.database.db, entry)).hash)
    }
  })
  afterAll(() => app?.close())

  it('exports the entries of one Norwegian calendar day with a checkpoint signed by a published key', async () => {
    const exported = await exportDay('2025-10-26')
    expect(exported.status, exported.text).toBe(200)
    expect(exported.headers.get('content-type')).toMatch(/^application\/x-ndjson/)
    expect(exported.headers.get('content-disposition')).toBe(
      'attachment; filename="deling-access-log-2025-10-26.jsonl"',
    )
    expect(entriesOf(exported.text).map((line) => JSON.parse(line).seq)).toEqual([2, 3, 4])
    const checkpoint = checkpointOf(exported.text)
    expect(decodeProtectedHeader(checkpoint)).toMatchObject({ alg: 'ES256', typ: 'access-log-checkpoint+jws' })
    expect(decode(checkpoint.split('.')[1]!)).toEqual({
      iss: app.host.deps.config.issuer,
      day: '2025-10-26',
      complete: true,
      firstSeq: 2,
      lastSeq: 4,
      prevHash: hashes[0],
      lastHash: hashes[3],
      count: 3,
      iat: expect.any(Number),
    })
    expect(await offline(exported.text, '--day', '2025-10-26')).toEqual({
      code: 0,
      output: expect.stringMatching(/^valid: 3 entries of 2025-10-26 \(2–4\), last hash [0-9a-f]{64}; signed by /),
    })
  })

  it('signs a day that is not over as partial, and the offline check says so', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date())
    const exported = await exportDay(today)
    expect(exported.status, exported.text).toBe(200)
    expect(decode(checkpointOf(exported.text).split('.')[1]!)).toMatchObject({ day: today, complete: false })
    const checked = await offline(exported.text, '--day', today)
    expect(checked.code).toBe(0)
    expect(checked.output).toContain(`of ${today} (partial: exported before the day was over)`)
  })

  it('tiles the chain: each day starts from the hash the day before ends with, an empty day included', async () => {
    const claims = async (day: string) => decode(checkpointOf((await exportDay(day)).text).split('.')[1]!)
    const days = await Promise.all(['2025-10-24', '2025-10-25', '2025-10-26', '2025-10-27'].map(claims))
    expect(days.map(({ firstSeq, lastSeq, count }) => [firstSeq, lastSeq, count])).toEqual([
      [1, 0, 0],
      [1, 1, 1],
      [2, 4, 3],
      [5, 6, 2],
    ])
    expect(days[0]).toMatchObject({ prevHash: genesis, lastHash: genesis })
    for (let i = 1; i < days.length; i++) expect(days[i].prevHash).toBe(days[i - 1].lastHash)
    expect((await offline((await exportDay('2025-10-24')).text)).code).toBe(0)
  })

  it('signs the whole log too', async () => {
    const response = await fetch(`${app.url}/audit/export`, { headers: { Authorization: `Bearer ${operatorToken}` } })
    const text = await response.text()
    expect(decode(checkpointOf(text).split('.')[1]!)).toMatchObject({ firstSeq: 1, lastSeq: 6, count: 6 })
    expect(decode(checkpointOf(text).split('.')[1]!).day).toBeUndefined()
    expect((await offline(text)).output).toMatch(/^valid: 6 entries \(1–6\)/)
  })

  it('is refused offline when an entry is changed, even with its hash recomputed', async () => {
    const exported = await exportDay('2025-10-26')
    const changed = exported.text.replace('"purposeCode":"dagpenger"', '"purposeCode":"kontroll"')
    expect(await offline(changed)).toMatchObject({ code: 1, output: /^broken: entry 2 .*changed/ })

    // Whoever rewrites the day and chains it again still cannot make it end where Deling signed it would.
    const rechained: Record<string, any>[] = entriesOf(exported.text).map((line) => JSON.parse(line))
    rechained[1]!.purposeCode = 'kontroll'
    for (const [i, entry] of rechained.entries()) {
      if (i > 0) entry.prevHash = rechained[i - 1]!.hash
      entry.hash = await entryHash(entry.seq, entry.prevHash, entry as never)
    }
    const forged = `${rechained.map((entry) => JSON.stringify(entry)).join('\n')}\n${lines(exported.text).at(-1)}\n`
    expect(await offline(forged)).toMatchObject({ code: 1, output: /last hash differs/ })
  })

  it('is refused offline when the checkpoint is changed or signed with a key Deling does not publish', async () => {
    const exported = await exportDay('2025-10-26')
    const [header, payload, signature] = checkpointOf(exported.text).split('.') as [string, string, string]
    const claims = decode(payload)
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

    // One entry fewer, and a checkpoint that says so.
    const shorter = [...entriesOf(exported.text).slice(0, 2), ''].join('\n')
    const edited = `${header}.${encode({ ...claims, count: 2, lastSeq: 3, lastHash: hashes[2] })}.${signature}`
    expect(await offline(withCheckpoint(shorter, edited))).toMatchObject({
      code: 1,
      output: /signature does not verify/,
    })

    const { privateKey, publicKey } = await generateKeyPair('ES256')
    const foreignKid = await calculateJwkThumbprint(await exportJWK(publicKey))
    const sign = (kid: string) =>
      new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
        .setProtectedHeader({ alg: 'ES256', typ: 'access-log-checkpoint+jws', cty: 'json', kid })
        .sign(privateKey)
    const ownKid = decodeProtectedHeader(checkpointOf(exported.text)).kid!
    expect(await offline(withCheckpoint(exported.text, await sign(ownKid)))).toMatchObject({
      code: 1,
      output: /signature does not verify/,
    })
    expect(await offline(withCheckpoint(exported.text, await sign(foreignKid)))).toMatchObject({
      code: 1,
      output: new RegExp(`no key ${foreignKid}`),
    })
    // Signed by Deling, but for another day than the one the third party asked for.
    expect(await offline(exported.text, '--day', '2025-10-27')).toMatchObject({ code: 1, output: /for 2025-10-26/ })
  })

  it("is refused offline when an entry at the day's edge is missing", async () => {
    const exported = await exportDay('2025-10-26')
    const entries = entriesOf(exported.text)
    const checkpointLine = lines(exported.text).at(-1)
    const withoutFirst = [...entries.slice(1), checkpointLine].join('\n')
    const withoutLast = [...entries.slice(0, -1), checkpointLine].join('\n')
    expect(await offline(withoutFirst)).toMatchObject({ code: 1, output: /2 entries, the checkpoint says 3/ })
    expect(await offline(withoutLast)).toMatchObject({ code: 1, output: /2 entries, the checkpoint says 3/ })

    // Deleted in the database: Deling does not sign the day, and says where it breaks.
    for (const seq of [4, 1]) {
      await whileTampered(
        app,
        (run) => run(`delete from access_log where seq = ${seq}`),
        async () => {
          const tampered = await exportDay('2025-10-26')
          expect(tampered.status).toBe(200)
          expect(JSON.parse(lines(tampered.text).at(-1)!)).toEqual({ broken: expect.any(Object) })
          expect(await offline(tampered.text)).toMatchObject({ code: 1, output: /Deling did not sign this export/ })
        },
      )
    }
  })

  it('refuses a day that has not begun, a date that is not one, and callers who are not the operator', async () => {
    for (const day of ['2999-01-01', '2025-02-29', 'today', '1969-12-31', '2025-10-26T00:00:00Z']) {
      const refused = await exportDay(day)
      expect(refused.status, day).toBe(400)
      expect(refused.headers.get('content-type'), day).toBe('application/problem+json')
    }
    const other = await fetch(`${app.url}/audit/export?day=2025-10-26&extra=1`, {
      headers: { Authorization: `Bearer ${operatorToken}` },
    })
    expect(other.status).toBe(400)
    expect((await fetch(`${app.url}/audit/export?day=2025-10-26`)).status).toBe(401)
    const reader = await registerClient(app, nav.orgnr, ['deling:audit.read'])
    expect((await exportDay('2025-10-26', await accessToken(app, reader, 'deling:audit.read'))).status).toBe(403)
  })
})
