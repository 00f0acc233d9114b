import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from './support/ports.ts'
import { type ServerProcess, startServerProcess } from './support/server-process.ts'

const root = path.resolve(import.meta.dirname, '..')

/** `npm start` as a new user runs it, on a fresh data folder and a free port. */
const startServer = (dataDir: string, port: number) =>
  startServerProcess(
    { PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', DELING_DEMO: '', LOG_LEVEL: 'warn' },
    'Demo data',
  )

describe('the README, followed as written', { timeout: 150_000 }, () => {
  let dataDir: string
  let port: number
  let server: ServerProcess

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'deling-readme-'))
    port = await freePort()
    server = await startServer(dataDir, port)
  }, 120_000)
  afterAll(async () => {
    await server?.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('starts with the embedded database and demo data, and says where things are', () => {
    const output = server.output()
    expect(output).toContain(`is running at http://127.0.0.1:${port}`)
    expect(output).toContain('/docs')
    expect(output).toContain('demo-operator')
    expect(output).toMatch(/clients\s+.*clients\.json/)
  })

  it('gets a token with the token recipe and lists the demo organisations with it', async () => {
    const readme = await readFile(path.join(root, 'README.md'), 'utf8')
    const recipe = /<!-- recipe:token -->\n```sh\n([\s\S]*?)```\n<!-- \/recipe:token -->/.exec(readme)?.[1]
    expect(recipe).toBeDefined()
    // Only the address and the data folder differ from a new user's machine.
    const script = recipe!.replaceAll('127.0.0.1:8080', `127.0.0.1:${port}`).replaceAll('.data/', `${dataDir}/`)
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], { cwd: root })
    const organisations = JSON.parse(stdout)
      .items.map((organisation: { orgnr: string }) => organisation.orgnr)
      .sort()
    expect(organisations).toEqual(['889640782', '974761076', '984851006', '991825827'])
  })

  it('starts a second time on the same data without error or duplicate seed', async () => {
    expect(await server.stop()).toBe(0)
    const clientsBefore = await readFile(path.join(dataDir, 'demo/clients.json'), 'utf8')
    server = await startServer(dataDir, port)
    expect(server.output()).toContain('is running at')
    expect(server.output()).not.toMatch(/"level":"error"/)
    expect(await readFile(path.join(dataDir, 'demo/clients.json'), 'utf8')).toBe(clientsBefore)
  })

  it('refuses a second process on the same embedded database', async () => {
    // Its own free port, so the refusal can only be the database's (a port taken by another test would also fail).
    const second = await startServer(dataDir, await freePort())
    if (second.child.exitCode === null) await once(second.child, 'exit')
    expect(second.child.exitCode).toBe(1)
    expect(second.output()).toContain('is in use by process')
  })
})
