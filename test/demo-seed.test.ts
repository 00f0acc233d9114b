import { mkdtemp, readFile, rm, stat, unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { createLocalJWKSet, importJWK, type JWK, jwtVerify, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findClient } from '../src/auth/clients.ts'
import { type Database, queryRows } from '../src/db/database.ts'
import { migrate } from '../src/db/migrate.ts'
import { openPostgres } from '../src/db/postgres.ts'
import { demoPersons } from '../src/demo/persons.ts'
import { type DemoClientEntry, type DemoSummary, demoSeedVersion, seedDemo } from '../src/demo/seed.ts'
import type { Logger } from '../src/http/logger.ts'
import { isSyntheticIdentityNumber } from '../src/identifiers/fodselsnummer.ts'
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from './support/database.ts'

const logs: { level: string; msg: string }[] = []
const logger = Object.fromEntries(
  (['debug', 'info', 'warn', 'error'] as const).map((level) => [level, (msg: string) => logs.push({ level, msg })]),
) as unknown as Logger

const counts = async (db: Database) => {
  const [row] = await queryRows<Record<string, number>>(
    db,
    sql`select
      (select count(*)::int from organisations) as organisations,
      (select count(*)::int from clients) as clients,
      (select count(*)::int from persons) as persons,
      (select count(*)::int from installation_facts where key = 'demo-seed') as markers,
      (select count(*)::int from datasets) as datasets,
      (select count(*)::int from access_rules) as rules`,
  )
  return row
}

/** A fresh database gets every seed step, each once and in order. */
const allSeedVersions = Array.from({ length: demoSeedVersion }, (_, index) => index + 1)

const readJson = async <T>(file: string) => JSON.parse(await readFile(file, 'utf8')) as T

/** Signs a client assertion with the key file and verifies it with the JWKS stored in the database. */
async function assertKeyFileWorks(db: Database, entry: DemoClientEntry, cwd: string) {
  const privateJwk = await readJson<JWK>(path.resolve(cwd, entry.jwk_file))
  expect(privateJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) })
  expect(privateJwk.d).toEqual(expect.any(String))
  expect((await stat(path.resolve(cwd, entry.jwk_file))).mode & 0o777).toBe(0o600)
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid! })
    .setIssuer(entry.client_id)
    .setSubject(entry.client_id)
    .setAudience('http://deling.test/oidc')
    .setIssuedAt()
    .setExpirationTime('1m')
    .sign(await importJWK(privateJwk, 'ES256'))
  const client = await findClient(db, entry.client_id)
  expect(client).toBeDefined()
  for (const key of client!.jwks.keys) expect(key).not.toHaveProperty('d')
  const { payload } = await jwtVerify(jwt, createLocalJWKSet(client!.jwks as { keys: JWK[] }), {
    issuer: entry.client_id,
    audience: 'http://deling.test/oidc',
  })
  expect(payload.sub).toBe(entry.client_id)
}

describe.each(['postgres', 'pglite'] as const)('demo seed on %s', (driver) => {
  let database: TestDatabase
  let db: Database
  let dataDir: string
  let first: DemoSummary
  let second: DemoSummary

  beforeAll(async () => {
    database = await createTestDatabase(driver)
    db = database.handle.db
    await migrate(db)
    dataDir = await mkdtemp(path.join(tmpdir(), 'deling-demo-'))
    first = await seedDemo(db, { dataDir, logger, publicUrl: 'http://127.0.0.1:8080' })
    second = await seedDemo(db, { dataDir, logger })
  })
  afterAll(async () => {
    await database?.drop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('seeds once: a second start creates no duplicates and no new keys', async () => {
    expect(await counts(db)).toEqual({
      organisations: 4,
      clients: 4,
      persons: demoPersons.length,
      markers: 1,
      datasets: 4,
      rules: 4,
    })
    expect(first.applied).toEqual(allSeedVersions)
    expect(first.newKeys).toHaveLength(4)
    expect(second.applied).toEqual([])
    expect(second.newKeys).toEqual([])
    expect(second.clients).toEqual(first.clients)
  })

  it('publishes a demo catalog: restricted and open datasets with legal bases and access rules', async () => {
    const datasets = await queryRows<{ title: string; access_rights: string; publisher_orgnr: string; rules: number }>(
      db,
      sql`select d.title->>'nb' as title, d.access_rights, d.publisher_orgnr,
          (select count(*)::int from access_rules r where r.dataset_id = d.id) as rules
        from datasets d order by d.sort_title`,
    )
    expect(datasets).toEqual([
      { title: 'Arbeidssøkerperioder', access_rights: 'RESTRICTED', publisher_orgnr: '889640782', rules: 1 },
      {
        title: 'Inntektsopplysninger fra a-ordningen',
        access_rights: 'RESTRICTED',
        publisher_orgnr: '974761076',
        rules: 3,
      },
      { title: 'Ledige stillinger', access_rights: 'PUBLIC', publisher_orgnr: '889640782', rules: 0 },
      { title: 'Skattestatistikk for kommuner', access_rights: 'PUBLIC', publisher_orgnr: '974761076', rules: 0 },
    ])
    const changes = await queryRows<{ via: string }>(db, sql`select distinct via from catalog_changes`)
    expect(changes).toEqual([{ via: 'seed' }])
  })

  it('registers the demo organisations, clients and scopes', async () => {
    const organisations = await queryRows<{ orgnr: string; name: string }>(
      db,
      sql`select orgnr, name from organisations order by orgnr`,
    )
    expect(organisations).toEqual([
      { orgnr: '889640782', name: 'NAV' },
      { orgnr: '974761076', name: 'Skatteetaten' },
      { orgnr: '984851006', name: 'DNB Bank ASA' },
      { orgnr: '991825827', name: 'Digitaliseringsdirektoratet' },
    ])
    const scopes = Object.fromEntries(first.clients.map((client) => [client.client_id, client.scopes]))
    expect(scopes).toEqual({
      'demo-skatteetaten': ['deling:catalog.write', 'deling:gateway', 'deling:audit.read'],
      'demo-nav': ['deling:gateway', 'deling:consent.request', 'deling:audit.read'],
      'demo-dnb': ['deling:gateway', 'deling:consent.request'],
      'demo-operator': ['deling:admin', 'deling:audit.read'],
    })
  })

  it('writes clients.json and persons.json in the documented shape', async () => {
    const clients = await readJson<DemoClientEntry[]>(first.files.clients)
    expect(clients).toHaveLength(4)
    for (const entry of clients) {
      expect(Object.keys(entry).sort()).toEqual(['client_id', 'jwk_file', 'name', 'orgnr', 'scopes'])
      // The temporary data folder lies outside the project, so the path is absolute.
      expect(entry.jwk_file).toBe(path.join(dataDir, 'demo', 'keys', `${entry.client_id}.jwk.json`))
    }
    const persons = await readJson<{ fnr: string; name: string }[]>(first.files.persons)
    expect(persons).toEqual(demoPersons)
    expect(persons.every((person) => isSyntheticIdentityNumber(person.fnr))).toBe(true)
    const stored = await queryRows<{ fnr: string }>(db, sql`select fnr from persons order by fnr`)
    expect(stored.map((row) => row.fnr)).toEqual(demoPersons.map((person) => person.fnr).sort())
  })

  it('writes private keys that match the stored public keys', async () => {
    for (const entry of first.clients) await assertKeyFileWorks(db, entry, process.cwd())
  })

  it('gives a client a new key when its key file is missing, keeping the old key for the other data folder', async () => {
    const nav = first.clients.find((client) => client.client_id === 'demo-nav')!
    const oldKid = ((await findClient(db, 'demo-nav'))!.jwks.keys[0] as { kid: string }).kid
    await unlink(nav.jwk_file)
    const third = await seedDemo(db, { dataDir, logger })
    expect(third.newKeys).toEqual(['demo-nav'])
    const client = (await findClient(db, 'demo-nav'))!
    expect(client.jwks.keys.map((key) => (key as { kid: string }).kid)).toEqual([
      oldKid,
      expect.not.stringMatching(oldKid),
    ])
    for (const entry of third.clients) await assertKeyFileWorks(db, entry, process.cwd())
    expect(await counts(db)).toEqual({
      organisations: 4,
      clients: 4,
      persons: demoPersons.length,
      markers: 1,
      datasets: 4,
      rules: 4,
    })
  })

  it('points the income dataset at the demo producer, and follows the public URL at every start', async () => {
    const endpoint = async () =>
      (
        await queryRows<{ endpoint_url: string }>(
          db,
          sql`select s.endpoint_url from data_services s join datasets d on d.id = s.dataset_id
            where d.source_uri = 'urn:deling:demo:skatteetaten:inntekt'`,
        )
      ).map((row) => row.endpoint_url)
    expect(await endpoint()).toEqual(['http://127.0.0.1:8080/demo/producer/skatteetaten/inntekt/v1'])
    await seedDemo(db, { dataDir, logger, publicUrl: 'http://127.0.0.1:9090' })
    expect(await endpoint()).toEqual(['http://127.0.0.1:9090/demo/producer/skatteetaten/inntekt/v1'])
    await seedDemo(db, { dataDir, logger, publicUrl: 'http://127.0.0.1:8080' })
  })

  it('writes jwk_file relative to the project root when the data folder lies inside it', async () => {
    const summary = await seedDemo(db, { dataDir, logger, cwd: path.dirname(dataDir) })
    const base = path.basename(dataDir)
    expect(summary.clients.map((client) => client.jwk_file)).toEqual(
      summary.clients.map((client) => path.join(base, 'demo', 'keys', `${client.client_id}.jwk.json`)),
    )
    expect(summary.newKeys).toEqual([])
  })
})

describe('demo seed from two instances at once (postgres)', () => {
  let database: TestDatabase
  let dataDir: string
  let other: ReturnType<typeof openPostgres>

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    await migrate(database.handle.db)
    other = openPostgres(testDatabaseUrl, { schema: database.schema! })
    dataDir = await mkdtemp(path.join(tmpdir(), 'deling-demo-'))
  })
  afterAll(async () => {
    await other?.close()
    await database?.drop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('creates one set of demo data, and key files that work', async () => {
    const [a, b] = await Promise.all([
      seedDemo(database.handle.db, { dataDir, logger }),
      seedDemo(other.db, { dataDir, logger }),
    ])
    expect(await counts(database.handle.db)).toEqual({
      organisations: 4,
      clients: 4,
      persons: demoPersons.length,
      markers: 1,
      datasets: 4,
      rules: 4,
    })
    expect([a.applied, b.applied].sort()).toEqual([[], allSeedVersions])
    expect([...a.newKeys, ...b.newKeys]).toHaveLength(4)
    expect(a.clients).toEqual(b.clients)
    for (const entry of a.clients) await assertKeyFileWorks(database.handle.db, entry, process.cwd())
  })
})
