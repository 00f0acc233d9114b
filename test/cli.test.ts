import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureSigningKey } from '../src/auth/keys.ts'
import { type Database, queryRows } from '../src/db/database.ts'
import { migrate } from '../src/db/migrate.ts'
import { openPglite } from '../src/db/pglite.ts'
import { createTestDatabase, type TestDatabase, urlForSchema } from './support/database.ts'

const projectRoot = path.resolve(import.meta.dirname, '..')
// `npx tsx src/cli/index.ts` without npm's own start-up (about 1 s a run): tsx's CLI on the Node running the tests.
const tsx = path.join(projectRoot, 'node_modules/tsx/dist/cli.mjs')

interface Run {
  code: number
  stdout: string
  stderr: string
}

/** Runs `npm run deling -- <args>` as its own process, as an operator would. */
function deling(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsx, 'src/cli/index.ts', ...args],
      { cwd: projectRoot, env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 90_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error.code as number) ?? -1) : 0, stdout, stderr }),
    )
  })
}

const count = async (db: Database, query: ReturnType<typeof sql>) => (await queryRows<{ n: number }>(db, query))[0]!.n

// Each run is a process that loads the app's modules (about 1.5 s of CPU): generous timeouts for a loaded machine.
describe('operator CLI against Postgres', { timeout: 180_000 }, () => {
  let database: TestDatabase
  let db: Database
  let workDir: string
  let env: Record<string, string | undefined>
  const run = (...args: string[]) => deling(args, env)

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    db = database.handle.db
    await migrate(db)
    await ensureSigningKey(db, 'oidc')
    workDir = await mkdtemp(path.join(tmpdir(), 'deling-cli-'))
    env = { DATABASE_URL: urlForSchema(database.schema!), DATA_DIR: path.join(workDir, 'data') }
  })
  afterAll(async () => {
    await database?.drop()
    if (workDir) await rm(workDir, { recursive: true, force: true })
  })

  it('registers and lists organisations; a bad orgnr or a duplicate is refused and changes nothing', async () => {
    const [skatt, nav] = await Promise.all([
      run('org', 'add', '974761076', 'Skatteetaten'),
      run('org', 'add', '889640782', 'NAV', '--json'),
    ])
    expect(skatt).toMatchObject({ code: 0, stderr: '' })
    expect(skatt.stdout).toContain('Registered Skatteetaten (orgnr 974761076')
    expect(JSON.parse(nav.stdout)).toMatchObject({ orgnr: '889640782', name: 'NAV', iso6523Id: '0192:889640782' })

    const [listJson, listText, badOrgnr, duplicate] = await Promise.all([
      run('org', 'list', '--json'),
      run('org', 'list'),
      run('org', 'add', '974761077', 'Feil', 'Etat'),
      run('org', 'add', '974761076', 'Skatteetaten', 'igjen'),
    ])
    expect(JSON.parse(listJson.stdout).items.map((org: { orgnr: string }) => org.orgnr)).toEqual([
      '889640782',
      '974761076',
    ])
    expect(listText.stdout.split('\n')[0]).toMatch(/^ORGNR\s+NAME\s+ISO 6523\s+REGISTERED$/)
    expect(listText.stdout).toMatch(/974761076\s+Skatteetaten\s+0192:974761076/)

    expect(badOrgnr.code).toBe(1)
    expect(badOrgnr.stdout).toBe('')
    expect(badOrgnr.stderr).toBe(
      'deling: 1 value is not valid\n  /orgnr (<orgnr>): orgnr must be nine digits with a valid mod-11 control digit\n',
    )
    expect(duplicate.code).toBe(1)
    expect(duplicate.stderr).toBe('deling: Organisation 974761076 is already registered\n')

    expect(await count(db, sql`select count(*)::int as n from organisations`)).toBe(2)
    expect(await count(db, sql`select count(*)::int as n from organisations where name = 'Skatteetaten'`)).toBe(1)
  })

  it('gives, lists and takes back roles of people; a bad number is refused', async () => {
    await run('org', 'add', '923609016', 'Equinor ASA')
    const given = await run('role', 'grant', '923609016', '12858440015', 'publisher', '--json')
    expect(given.code, given.stderr).toBe(0)
    const grant = JSON.parse(given.stdout)
    expect(grant).toMatchObject({ orgnr: '923609016', pid: '12858440015', role: 'publisher' })
    expect(grant.grantedBy).toEqual({ kind: 'operator', clientId: 'deling-cli' })
    const bad = await run('role', 'grant', '923609016', '12858440016', 'publisher')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('/pid (<pid>)')
    expect((await run('role', 'list', '923609016')).stdout).toMatch(/rg_[0-9a-z]{20}\s+12858440015\s+publisher/)
    expect((await run('role', 'revoke', '923609016', grant.id)).code).toBe(0)
    expect((await run('role', 'list', '923609016', '--json')).stdout).toBe('{\n  "items": []\n}\n')
    const history = JSON.parse((await run('role', 'history', '923609016', '--json')).stdout)
    expect(history.items[0]).toMatchObject({ id: grant.id, revokedBy: { kind: 'operator', clientId: 'deling-cli' } })
  })

  it('registers clients with a generated key or a public JWKS, refuses private keys, lists and disables', async () => {
    await run('org', 'add', '984851006', 'DNB Bank ASA')
    const generated = path.join(workDir, 'dnb.jwk.json')
    const orphan = path.join(workDir, 'orphan.jwk.json')
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true })
    const publicJwks = path.join(workDir, 'public.jwks.json')
    await writeFile(publicJwks, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'dnb-2' }] }))
    const privateJwks = path.join(workDir, 'private.jwks.json')
    await writeFile(privateJwks, JSON.stringify({ keys: [await exportJWK(privateKey)] }))
    const malformed = path.join(workDir, 'malformed.jwks.json')
    await writeFile(malformed, '{"keys": [')
    const client = (...rest: string[]) => ['client', 'add', '--org', '984851006', '--name', 'DNB lånesøknad', ...rest]

    const [withKey, withJwks, leaked, notJson, unknownOrg] = await Promise.all([
      run(...client('--scopes', 'deling:gateway,deling:consent.request', '--generate-key', generated, '--json')),
      run(...client('--scopes', 'deling:gateway', '--jwks', publicJwks)),
      run(...client('--scopes', 'deling:gateway', '--jwks', privateJwks)),
      run(...client('--scopes', 'deling:gateway', '--jwks', malformed)),
      run('client', 'add', '--org', '991825827', '--name', 'X', '--scopes', 'deling:admin', '--generate-key', orphan),
    ])

    expect(withKey.code).toBe(0)
    const registered = JSON.parse(withKey.stdout)
    expect(registered).toMatchObject({
      orgnr: '984851006',
      scopes: ['deling:gateway', 'deling:consent.request'],
      privateJwkFile: generated,
      disabledAt: null,
    })
    // The file holds the private key (mode 0600); the database only the public one, and the two belong together.
    expect((await stat(generated)).mode & 0o777).toBe(0o600)
    const privateJwk = JSON.parse(await readFile(generated, 'utf8')) as JWK
    expect(privateJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: expect.any(String) })
    expect(privateJwk.d).toEqual(expect.any(String))
    const [stored] = await queryRows<{ jwks: { keys: JWK[] } }>(
      db,
      sql`select jwks from clients where client_id = ${registered.clientId}`,
    )
    expect(stored!.jwks.keys).toHaveLength(1)
    expect(stored!.jwks.keys[0]).not.toHaveProperty('d')
    expect(stored!.jwks.keys[0]!.kid).toBe(privateJwk.kid)
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid! })
      .setIssuer(registered.clientId)
      .setExpirationTime('1m')
      .sign(await importJWK(privateJwk, 'ES256'))
    await jwtVerify(assertion, createLocalJWKSet(stored!.jwks))

    expect(withJwks.code).toBe(0)
    expect(withJwks.stdout).toMatch(/^Registered client [0-9a-f-]{36}\n/)
    expect(withJwks.stdout).toMatch(/keys\s+dnb-2/)

    expect(leaked).toMatchObject({ code: 1, stdout: '' })
    expect(leaked.stderr).toBe(
      'deling: The JWKS is not valid\n  /jwks/keys/0 (--jwks): a public key must not contain d: never send private keys\n',
    )
    expect(notJson.code).toBe(1)
    expect(notJson.stderr).toMatch(/^deling: the JWKS file .*malformed\.jwks\.json is not JSON: /)
    expect(unknownOrg.code).toBe(1)
    expect(unknownOrg.stderr).toContain('deling: Organisation 991825827 is not registered')
    expect(existsSync(orphan)).toBe(false)
    expect(await count(db, sql`select count(*)::int as n from clients`)).toBe(2)

    const [disabled, missing] = await Promise.all([
      run('client', 'disable', registered.clientId),
      run('client', 'disable', 'no-such-client'),
    ])
    expect(disabled.code).toBe(0)
    expect(disabled.stdout).toContain(`Disabled client ${registered.clientId}`)
    expect(missing).toMatchObject({ code: 1, stderr: 'deling: No client no-such-client\n' })

    const list = await run('client', 'list', '--org', '984851006', '--json')
    const items = JSON.parse(list.stdout).items as { clientId: string; disabledAt: string | null }[]
    expect(items).toHaveLength(2)
    expect(items.find((item) => item.clientId === registered.clientId)!.disabledAt).toEqual(expect.any(String))
    expect(items.filter((item) => item.disabledAt === null)).toHaveLength(1)
  })

  it('rotates the signing key: the old key is retired with an expiry, the new one signs', async () => {
    const [before] = await queryRows<{ kid: string }>(db, sql`select kid from signing_keys where retired_at is null`)
    const started = Date.now()
    const rotated = await run('key', 'rotate', '--json')
    expect(rotated.code).toBe(0)
    const result = JSON.parse(rotated.stdout)
    expect(result).toMatchObject({ kid: expect.any(String), retired: [before!.kid] })
    const keys = await queryRows<{ kid: string; retired_at: Date | null; expires_at: Date | null }>(
      db,
      sql`select kid, retired_at, expires_at from signing_keys where purpose = 'oidc'`,
    )
    const active = keys.filter((key) => key.retired_at === null)
    expect(active.map((key) => key.kid)).toEqual([result.kid])
    const old = keys.find((key) => key.kid === before!.kid)!
    // The default token lifetime (120 s) plus the margin the admin API keeps (300 s).
    const retainedMs = new Date(old.expires_at!).getTime() - new Date(old.retired_at!).getTime()
    expect(retainedMs).toBe(420_000)
    expect(new Date(old.retired_at!).getTime()).toBeGreaterThanOrEqual(started - 1000)
  })

  it('adds, lists and removes trusted issuers', async () => {
    const maskinporten = 'https://test.maskinporten.no/'
    const added = await run(
      ...['issuer', 'add', '--issuer', maskinporten, '--jwks-uri', 'https://test.maskinporten.no/jwk'],
      ...['--audience', 'https://deling.test', '--json'],
    )
    expect(added.code).toBe(0)
    expect(JSON.parse(added.stdout)).toEqual({
      issuer: maskinporten,
      jwksUri: 'https://test.maskinporten.no/jwk',
      audience: 'https://deling.test',
      organisationClaim: 'consumer.ID',
    })

    const [listed, invalid] = await Promise.all([
      run('issuer', 'list', '--json'),
      run('issuer', 'add', '--issuer', 'maskinporten', '--jwks-uri', 'x', '--audience', 'a', '--org-claim', 'a..b'),
    ])
    expect(JSON.parse(listed.stdout).items.map((item: { issuer: string }) => item.issuer)).toEqual([maskinporten])
    expect(invalid.code).toBe(1)
    expect(invalid.stderr.split('\n')).toEqual([
      'deling: 3 values are not valid',
      '  /issuer (--issuer): Invalid URL',
      '  /jwksUri (--jwks-uri): Invalid URL',
      '  /organisationClaim (--org-claim): a dotted claim path such as consumer.ID',
      '',
    ])

    const removed = await run('issuer', 'remove', maskinporten)
    expect(removed).toMatchObject({ code: 0, stdout: `No longer trusting ${maskinporten}.\n` })
    expect((await run('issuer', 'list')).stdout).toBe(
      'No trusted external issuers: Deling accepts only its own tokens.\n',
    )
    expect(await count(db, sql`select count(*)::int as n from trusted_issuers`)).toBe(0)
  })

  it('answers a wrong command line with exit code 2 and help with 0, without touching the database', async () => {
    // A database that cannot be reached: these must not need one.
    const offline = { ...env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }
    const [unknown, missingOption, help] = await Promise.all([
      deling(['org', 'remove', '974761076'], offline),
      deling(['client', 'add', '--org', '974761076'], offline),
      deling(['help'], offline),
    ])
    expect(unknown).toMatchObject({ code: 2 })
    expect(unknown.stderr).toContain('deling: unknown command "org remove" (org commands: add, list)')
    expect(missingOption).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('client add needs --name, --scopes'),
    })
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('client add --org <orgnr> --name <name> --scopes <a,b>')
    expect(help.stdout).toContain('PGlite database is single-process')
  })
})

describe('operator CLI with the embedded database', () => {
  let workDir: string
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'deling-cli-'))
  })
  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true })
  })

  it('refuses the PGlite folder while another process (a running server) holds it, and works once it is free', async () => {
    const dataDir = path.join(workDir, 'data')
    const env = { DATABASE_URL: undefined, PUBLIC_URL: undefined, DATA_DIR: dataDir }
    const held = await openPglite(path.resolve(dataDir, 'pglite'))
    try {
      const result = await deling(['org', 'list'], env)
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(`is in use by process ${process.pid}`)
    } finally {
      await held.close()
    }
    const free = await deling(['org', 'list'], env)
    expect(free.code, free.stderr).toBe(0)
  })
})
