import { exportJWK, generateKeyPair } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from './support/app.ts'
import { accessToken, demoOrganisations, registerClient } from './support/tokens.ts'

describe.each(['postgres', 'pglite'] as const)('operator API on %s', (driver) => {
  let app: TestApp
  let admin: string
  let publicJwk: Record<string, unknown>
  const count = async (table: string) => {
    const { sql } = await import('drizzle-orm')
    const { queryRows } = await import('../src/db/database.ts')
    const [row] = await queryRows<{ n: number }>(
      app.host.database.db,
      sql.raw(`select count(*)::int as n from ${table}`),
    )
    return row!.n
  }

  beforeAll(async () => {
    app = await startTestApp({ driver })
    const operator = await registerClient(app, demoOrganisations.digdir.orgnr, ['deling:admin'])
    admin = await accessToken(app, operator, 'deling:admin')
    const { publicKey } = await generateKeyPair('ES256', { extractable: true })
    publicJwk = { ...(await exportJWK(publicKey)), kid: 'nav-1', alg: 'ES256' }
  })
  afterAll(() => app?.close())

  describe('happy paths', () => {
    it('registers an organisation and lists it', async () => {
      const res = await app.post(
        '/admin/organisations',
        { orgnr: '889640782', name: 'Arbeids- og velferdsetaten' },
        { token: admin },
      )
      expect(res.status).toBe(201)
      expect(res.body).toEqual({
        orgnr: '889640782',
        name: 'Arbeids- og velferdsetaten',
        iso6523Id: '0192:889640782',
        publisherUri: 'https://data.brreg.no/enhetsregisteret/api/enheter/889640782',
        createdAt: expect.stringMatching(/Z$/),
      })
      expect((await app.get('/admin/organisations/889640782', { token: admin })).body.name).toBe(
        'Arbeids- og velferdsetaten',
      )
      expect(
        (await app.get('/admin/organisations', { token: admin })).body.items.map((o: { orgnr: string }) => o.orgnr),
      ).toContain('889640782')
    })

    it('registers a client with public keys and scopes, gets it, lists it and disables it', async () => {
      const res = await app.post(
        '/admin/clients',
        { orgnr: '889640782', name: 'NAV dagpenger', scopes: ['deling:gateway'], jwks: { keys: [publicJwk] } },
        { token: admin },
      )
      expect(res.status).toBe(201)
      expect(res.body).toMatchObject({
        orgnr: '889640782',
        name: 'NAV dagpenger',
        scopes: ['deling:gateway'],
        disabledAt: null,
      })
      expect(res.body.clientId).toMatch(/^[0-9a-f-]{36}$/)
      const clientId = res.body.clientId
      expect((await app.get(`/admin/clients/${clientId}`, { token: admin })).body.jwks.keys[0].kid).toBe('nav-1')
      expect((await app.get('/admin/clients?orgnr=889640782', { token: admin })).body.items).toHaveLength(1)
      const disabled = await app.post(`/admin/clients/${clientId}/disable`, undefined, { token: admin })
      expect(disabled.status).toBe(200)
      expect(disabled.body.disabledAt).toMatch(/Z$/)
      const again = await app.post(`/admin/clients/${clientId}/disable`, undefined, { token: admin })
      expect(again.body.disabledAt).toBe(disabled.body.disabledAt)
    })
  })

  describe('bad input gets a clear problem and changes nothing', () => {
    it.each([
      ['a wrong control digit', { orgnr: '974761077', name: 'X' }, ['/orgnr']],
      ['eight digits', { orgnr: '97476107', name: 'X' }, ['/orgnr']],
      ['an empty name', { orgnr: '974761076', name: '' }, ['/name']],
      ['an unknown field', { orgnr: '974761076', name: 'Skatteetaten', publisher: 'me' }, ['']],
      ['wrong types', { orgnr: 974761076, name: ['x'] }, ['/name', '/orgnr']],
    ])('refuses an organisation with %s', async (_case, body, pointers) => {
      const before = await count('organisations')
      const res = await app.post('/admin/organisations', body, { token: admin })
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(res.body.type).toBe(`${app.url}/problems/validation-failed`)
      expect(res.body.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual(pointers)
      expect(res.body.errors.every((error: { in: string }) => error.in === 'body')).toBe(true)
      expect(await count('organisations')).toBe(before)
    })

    it('refuses a duplicate organisation with 409', async () => {
      const before = await count('organisations')
      const res = await app.post(
        '/admin/organisations',
        { orgnr: demoOrganisations.digdir.orgnr, name: 'Again' },
        { token: admin },
      )
      expect(res.status).toBe(409)
      expect(await count('organisations')).toBe(before)
    })

    it('refuses malformed JSON with 400, a wrong content type with 415 and a body over 1 MiB with 413', async () => {
      const before = await count('organisations')
      const malformed = await app.request('POST', '/admin/organisations', {
        token: admin,
        rawBody: '{"orgnr":',
        contentType: 'application/json',
      })
      expect(malformed.status).toBe(400)
      expect(malformed.body.type).toBe(`${app.url}/problems/malformed-json`)
      const wrongType = await app.request('POST', '/admin/organisations', {
        token: admin,
        rawBody: 'orgnr=974761076',
        contentType: 'text/plain',
      })
      expect(wrongType.status).toBe(415)
      expect(wrongType.body.type).toBe(`${app.url}/problems/unsupported-media-type`)
      const huge = await app.request('POST', '/admin/organisations', {
        token: admin,
        rawBody: JSON.stringify({ orgnr: '974761076', name: 'x'.repeat(1_100_000) }),
        contentType: 'application/json',
      })
      expect(huge.status).toBe(413)
      expect(huge.body.type).toBe(`${app.url}/problems/payload-too-large`)
      expect(await count('organisations')).toBe(before)
    })

    it.each([
      ['a private key', () => ({ keys: [{ ...publicJwk, d: 'c2VjcmV0' }] }), '/jwks/keys/0'],
      ['a broken key', () => ({ keys: [{ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' }] }), '/jwks/keys/0'],
      ['no keys', () => ({ keys: [] }), '/jwks/keys'],
      ['a symmetric key', () => ({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] }), '/jwks/keys/0/kty'],
    ])('refuses a client JWKS with %s', async (_case, jwks, pointer) => {
      const before = await count('clients')
      const res = await app.post(
        '/admin/clients',
        { orgnr: demoOrganisations.digdir.orgnr, name: 'x', scopes: ['deling:gateway'], jwks: jwks() },
        { token: admin },
      )
      expect(res.status).toBe(400)
      expect(res.body.errors.map((error: { pointer: string }) => error.pointer)).toContain(pointer)
      expect(await count('clients')).toBe(before)
    })

    it('refuses a client of an unregistered organisation or with an unknown scope', async () => {
      const before = await count('clients')
      const unknownOrg = await app.post(
        '/admin/clients',
        { orgnr: '984851006', name: 'DNB', scopes: ['deling:gateway'], jwks: { keys: [publicJwk] } },
        { token: admin },
      )
      expect(unknownOrg.status).toBe(400)
      expect(unknownOrg.body.errors[0].pointer).toBe('/orgnr')
      const unknownScope = await app.post(
        '/admin/clients',
        { orgnr: demoOrganisations.digdir.orgnr, name: 'x', scopes: ['deling:root'], jwks: { keys: [publicJwk] } },
        { token: admin },
      )
      expect(unknownScope.status).toBe(400)
      expect(unknownScope.body.errors[0].pointer).toBe('/scopes/0')
      expect(await count('clients')).toBe(before)
    })

    it('answers unknown ids with 404 and bad path parameters with 400', async () => {
      expect((await app.get(`/admin/clients/${crypto.randomUUID()}`, { token: admin })).status).toBe(404)
      expect(
        (await app.post(`/admin/clients/${crypto.randomUUID()}/disable`, undefined, { token: admin })).status,
      ).toBe(404)
      expect((await app.get('/admin/organisations/984851006', { token: admin })).status).toBe(404)
      const bad = await app.get('/admin/organisations/123', { token: admin })
      expect(bad.status).toBe(400)
      expect(bad.body.errors[0]).toMatchObject({ in: 'path', pointer: '/orgnr' })
    })
  })

  describe('security', () => {
    it.each([
      ['GET', '/admin/organisations'],
      ['POST', '/admin/organisations'],
      ['GET', '/admin/organisations/991825827'],
      ['GET', '/admin/clients'],
      ['POST', '/admin/clients'],
      ['POST', '/admin/keys/rotate'],
      ['GET', '/admin/trusted-issuers'],
    ])('%s %s needs a token (401) with deling:admin (403)', async (method, path) => {
      expect((await app.request(method, path)).status).toBe(401)
      const nav = await registerClient(app, demoOrganisations.nav.orgnr, [
        'deling:gateway',
        'deling:catalog.write',
        'deling:audit.read',
      ])
      const res = await app.request(method, path, {
        token: await accessToken(app, nav, 'deling:gateway deling:catalog.write deling:audit.read'),
      })
      expect(res.status).toBe(403)
    })
  })
})
