import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/run.ts'
import { urlForSchema } from '../support/database.ts'
import { demoOrganisations } from '../support/tokens.ts'
import { tableDigester } from './digest.ts'
import { type SecurityWorld, securityWorld } from './world.ts'

const dnb = demoOrganisations.dnb.orgnr

describe('redirectUrl goes only to an origin the operator registered for the consumer (ADR 0011)', () => {
  let world: SecurityWorld
  beforeAll(async () => {
    world = await securityWorld()
  })
  afterAll(() => world?.close())

  const ask = (redirectUrl: string, actor = world.dnb) =>
    world.app.request('POST', '/consent/requests', {
      headers: actor.headers,
      body: {
        subject: '12858440015',
        datasets: [{ datasetId: world.incomeDatasetId }],
        purpose: { code: 'laanesoknad', text: { nb: 'Lån' } },
        validTo: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
        redirectUrl,
      },
    })

  it.each([
    ['another host', 'https://evil.example/cb'],
    ['a look-alike host', 'https://bank.example.evil.example/cb'],
    ['user info that hides the host', 'https://bank.example@evil.example/cb'],
    ['user info before the registered host', 'https://evil.example:x@bank.example/cb'],
    ['plain http to the registered host', 'http://bank.example/cb'],
    ['another port', 'https://bank.example:8443/cb'],
    ['a script URL', 'javascript:alert(document.cookie)'],
    ['a data URL', 'data:text/html,<script>alert(1)</script>'],
    ["another organisation's origin", 'https://nav.example/cb'],
  ])('refuses %s with a 400 problem naming /redirectUrl, and stores nothing', async (_name, redirectUrl) => {
    await world.app.request('POST', '/admin/organisations/889640782/redirect-origins', {
      headers: world.operator.headers,
      body: { origin: 'https://nav.example' },
    })
    const digest = await tableDigester(world.app)
    const before = await digest()
    const res = await ask(redirectUrl)
    expect(res.status, res.text).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.body.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/redirectUrl'])
    expect(await digest()).toEqual(before)
  })

  it('accepts the registered origin with any path and query, also written with capitals or its default port', async () => {
    for (const url of ['https://bank.example/laan?steg=2', 'https://BANK.example:443/cb']) {
      const res = await ask(url)
      expect(res.status, res.text).toBe(201)
      expect(res.body.redirectUrl).toBe(url)
    }
  })

  it('lets the operator register, list and remove origins; a removed origin is refused from then on', async () => {
    const path = `/admin/organisations/${dnb}/redirect-origins`
    const added = await world.app.request('POST', path, {
      headers: world.operator.headers,
      body: { origin: 'https://Mobil.DNB.example/' },
    })
    expect(added.status, added.text).toBe(201)
    expect(added.body).toMatchObject({ orgnr: dnb, origin: 'https://mobil.dnb.example' })
    const again = await world.app.request('POST', path, {
      headers: world.operator.headers,
      body: { origin: 'https://mobil.dnb.example' },
    })
    expect(again.status).toBe(409)
    const listed = await world.app.get(path, { headers: world.operator.headers })
    expect(listed.body.items.map((item: { origin: string }) => item.origin)).toEqual([
      'https://bank.example',
      'https://mobil.dnb.example',
    ])
    expect((await ask('https://mobil.dnb.example/samtykke')).status).toBe(201)
    const removed = await world.app.request(
      'DELETE',
      `${path}?origin=${encodeURIComponent('https://mobil.dnb.example')}`,
      {
        headers: world.operator.headers,
      },
    )
    expect(removed.status).toBe(204)
    expect((await ask('https://mobil.dnb.example/samtykke')).status).toBe(400)
    const gone = await world.app.request(
      'DELETE',
      `${path}?origin=${encodeURIComponent('https://mobil.dnb.example')}`,
      {
        headers: world.operator.headers,
      },
    )
    expect(gone.status).toBe(404)
  })

  it.each([
    ['a path', 'https://dnb.example/laan'],
    ['a query', 'https://dnb.example/?x=1'],
    ['a fragment', 'https://dnb.example/#x'],
    ['plain http to another machine', 'http://dnb.example'],
    ['user info', 'https://user@dnb.example'],
    ['no scheme', 'dnb.example'],
    ['another scheme', 'ftp://dnb.example'],
  ])('refuses an origin with %s (400), and an unknown organisation (404)', async (_name, origin) => {
    const res = await world.app.request('POST', `/admin/organisations/${dnb}/redirect-origins`, {
      headers: world.operator.headers,
      body: { origin },
    })
    expect(res.status, res.text).toBe(400)
    expect(res.body.errors[0].pointer).toBe('/origin')
    const unknown = await world.app.request('POST', '/admin/organisations/923609016/redirect-origins', {
      headers: world.operator.headers,
      body: { origin: 'https://dnb.example' },
    })
    expect(unknown.status).toBe(404)
  })

  it('accepts http on the developer’s own machine', async () => {
    const res = await world.app.request('POST', `/admin/organisations/${dnb}/redirect-origins`, {
      headers: world.operator.headers,
      body: { origin: 'http://localhost:3000' },
    })
    expect(res.status, res.text).toBe(201)
    expect((await ask('http://localhost:3000/callback')).status).toBe(201)
  })

  it('does the same from the CLI: origin add, list and remove', async () => {
    const env = { DATABASE_URL: urlForSchema(world.app.database.schema!), DELING_DEMO: '0', LOG_LEVEL: 'silent' }
    const run = async (...argv: string[]) => {
      const out: string[] = []
      const err: string[] = []
      const code = await runCli([...argv, '--json'], env, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) })
      return { code, out: out.join(''), err: err.join('') }
    }
    const added = await run('origin', 'add', dnb, 'https://nettbank.dnb.example')
    expect(added.code, added.err).toBe(0)
    expect(JSON.parse(added.out)).toMatchObject({ orgnr: dnb, origin: 'https://nettbank.dnb.example' })
    const listed = await run('origin', 'list', dnb)
    expect(JSON.parse(listed.out).items.map((item: { origin: string }) => item.origin)).toContain(
      'https://nettbank.dnb.example',
    )
    expect((await run('origin', 'add', dnb, 'https://nettbank.dnb.example/path')).code).toBe(1)
    expect((await run('origin', 'remove', dnb, 'https://nettbank.dnb.example')).code).toBe(0)
    expect((await run('origin', 'remove', dnb, 'https://nettbank.dnb.example')).code).toBe(1)
  })
})
