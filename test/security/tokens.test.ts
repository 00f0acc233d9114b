import { generateKeyPair, importJWK, type JWK, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishedKeys } from '../../src/auth/keys.ts'
import { accessToken, demoOrganisations, dpopProof, newDpopKey, registerClient } from '../support/tokens.ts'
import { type OpenApiDocument, type Operation, operationsOf } from './contract.ts'
import { type SecurityWorld, securityWorld } from './world.ts'

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')

// test/auth/resource.security.test.ts tries each kind of bad token on one route; this tries each on every route.
describe('every organisation route refuses every kind of bad token (RFC 9068, RFC 8725, RFC 9449)', () => {
  let world: SecurityWorld
  let secured: Operation[]
  let signingJwk: JWK
  let clientId: string
  beforeAll(async () => {
    world = await securityWorld()
    const document = (await (await fetch(`${world.app.url}/openapi.json`)).json()) as OpenApiDocument
    secured = operationsOf(document).filter((operation) => operation.secured)
    const [key] = await publishedKeys(world.app.host.database.db, 'oidc', new Date())
    signingJwk = key!.privateJwk
    clientId = world.clients[0]!.clientId
  })
  afterAll(() => world?.close())

  const forge = async (
    claims: Record<string, unknown> = {},
    header: Record<string, unknown> = {},
    key?: CryptoKey | Uint8Array,
  ) => {
    const now = Math.floor(Date.now() / 1000)
    return new SignJWT({
      client_id: clientId,
      scope: 'deling:admin deling:catalog.write deling:gateway deling:consent.request deling:audit.read',
      consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${demoOrganisations.skatteetaten.orgnr}` },
      jti: crypto.randomUUID(),
      iss: world.app.host.deps.config.issuer,
      aud: world.app.host.deps.config.audience,
      sub: clientId,
      iat: now,
      exp: now + 60,
      ...claims,
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: signingJwk.kid, ...header })
      .sign(key ?? (await importJWK(signingJwk, 'ES256')))
  }

  const pathOf = (operation: Operation) =>
    operation.path.replace(/\{(\w+)\}/g, (_all, name: string) =>
      name === 'orgnr'
        ? demoOrganisations.nav.orgnr
        : name === 'datasetId' || name === 'id'
          ? 'ds_aaaaaaaaaaaaaaaaaaaa'
          : 'x',
    )

  const badTokens: [string, () => Promise<string>][] = [
    ['expired', () => forge({ iat: Math.floor(Date.now() / 1000) - 600, exp: Math.floor(Date.now() / 1000) - 300 })],
    ['not yet valid', () => forge({ nbf: Math.floor(Date.now() / 1000) + 600 })],
    ['for another audience', () => forge({ aud: 'https://other-api.example' })],
    ['from another issuer', () => forge({ iss: 'https://evil.example/oidc' })],
    [
      'alg none',
      async () =>
        `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64({ iss: world.app.host.deps.config.issuer, scope: 'deling:admin' })}.`,
    ],
    [
      'HS256 signed with our public key',
      async () => {
        const jwks = await (await fetch(`${world.app.host.deps.config.issuer}/jwks`)).json()
        return forge({}, { alg: 'HS256' }, new TextEncoder().encode(JSON.stringify(jwks.keys[0])))
      },
    ],
    [
      'with a key id that is not ours',
      async () => forge({}, { kid: 'not-our-key' }, (await generateKeyPair('ES256')).privateKey),
    ],
    ['with our kid but another key', async () => forge({}, {}, (await generateKeyPair('ES256')).privateKey)],
  ]

  it.each(badTokens)('refuses a token %s with 401 invalid-token on every route', async (_name, make) => {
    const token = await make()
    for (const operation of secured) {
      const res = await world.app.request(operation.method, pathOf(operation), {
        token,
        body: operation.body ? {} : undefined,
      })
      const context = `${operation.operationId} ${operation.method} ${pathOf(operation)}: ${res.text.slice(0, 200)}`
      expect(res.status, context).toBe(401)
      expect(res.headers.get('content-type'), context).toBe('application/problem+json')
      expect(res.body.type, context).toMatch(/\/problems\/invalid-token$/)
      expect(res.headers.get('www-authenticate'), context).toMatch(/error="invalid_token"/)
    }
  })

  it('refuses the token of a disabled client on every route, once the disabling has reached the verifier', async () => {
    const client = await registerClient(world.app, demoOrganisations.nav.orgnr, [
      'deling:gateway',
      'deling:catalog.write',
    ])
    const token = await accessToken(world.app, client, 'deling:gateway deling:catalog.write')
    const disabled = await world.app.post(`/admin/clients/${client.clientId}/disable`, undefined, {
      headers: world.operator.headers,
    })
    expect(disabled.status).toBe(200)
    // The verifier learns of disabled clients within about a second (resource.security.test.ts): wait for it.
    for (let tries = 0; tries < 100; tries++) {
      if ((await world.app.get('/access-requests?role=requester', { token })).status === 401) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    for (const operation of secured) {
      const res = await world.app.request(operation.method, pathOf(operation), {
        token,
        body: operation.body ? {} : undefined,
      })
      expect(res.status, operation.operationId).toBe(401)
      expect(res.body.detail, operation.operationId).toMatch(/disabled/)
    }
  })

  it('refuses a DPoP proof made for another URL or method on the gateway, consent and catalog routes', async () => {
    const key = await newDpopKey()
    const nav = world.clients[1]!
    const token = await accessToken(world.app, nav, 'deling:gateway deling:consent.request deling:catalog.write', key)
    const targets = [
      ['GET', `/gateway/${world.incomeDatasetId}/inntekt/12858440015`],
      ['GET', `/consent/requests/${world.pendingConsentId}`],
      ['GET', `/access-requests/${world.accessRequestId}`],
      ['DELETE', `/catalog/datasets/${world.hiddenDatasetId}`],
    ] as const
    for (const [method, path] of targets) {
      const url = `${world.app.url}${path}`
      const call = async (proof: string) =>
        world.app.request(method, path, {
          headers: {
            Authorization: `DPoP ${token}`,
            DPoP: proof,
            'Deling-Purpose': 'dagpenger',
            'Deling-Subject': '12858440015',
          },
        })
      const otherMethod = await call(await dpopProof(key, method === 'GET' ? 'POST' : 'GET', url, token))
      expect(otherMethod.status, `${method} ${path}`).toBe(401)
      expect(otherMethod.body.detail).toMatch(/htm/)
      const otherUrl = await call(await dpopProof(key, method, `${world.app.url}/catalog/datasets`, token))
      expect(otherUrl.status, `${method} ${path}`).toBe(401)
      expect(otherUrl.body.detail).toMatch(/htu/)
    }
    // The hidden dataset survived every refused DELETE.
    expect(
      (await world.app.get(`/catalog/datasets/${world.hiddenDatasetId}`, { headers: world.nav.headers })).status,
    ).toBe(200)
  })
})
