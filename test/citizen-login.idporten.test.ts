import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose'
import Provider, { type Configuration } from 'oidc-provider'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from './support/app.ts'
import { CookieBrowser as Browser, form, seedPersons, session } from './support/citizen-browser.ts'

/**
 * An independent OpenID Provider shaped like ID-porten: its own oidc-provider on its own port (and host name, so its
 * cookies are not Deling's), a client for Deling with private_key_jwt and Deling's fixed redirect URI, `pid` in the
 * ID token, `acr` idporten-loa-*, a pairwise-looking `sub`, and a login form the test fills in over HTTP.
 */
async function startFakeIdporten() {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, resolve))
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`
  const deling = await generateKeyPair('ES256', { extractable: true })
  const delingPublic: JWK = { ...(await exportJWK(deling.publicKey)), alg: 'ES256', use: 'sig' }
  delingPublic.kid = await calculateJwkThumbprint(delingPublic)
  const delingPrivate: JWK = { ...(await exportJWK(deling.privateKey)), alg: 'ES256', kid: delingPublic.kid }
  const signing = await generateKeyPair('RS256', { extractable: true })
  const signingJwk = { ...(await exportJWK(signing.privateKey)), alg: 'RS256', use: 'sig', kid: 'idporten-1' }
  const pidOf = new Map<string, string>()
  const tokenRequests: string[] = []
  let provider: Provider | undefined

  const readForm = async (req: IncomingMessage) => {
    let body = ''
    for await (const chunk of req) body += chunk
    return new URLSearchParams(body)
  }

  server.on('request', async (req, res) => {
    try {
      const match = req.url?.match(/^\/interaction\/([^/?]+)(\/login|\/cancel)?/)
      if (!match) {
        if (req.url?.startsWith('/token')) tokenRequests.push(req.headers['content-type'] ?? '')
        return provider!.callback()(req, res)
      }
      const details = await provider!.interactionDetails(req, res)
      if (match[2] === '/login') {
        const submitted = await readForm(req)
        const sub = `pairwise-${crypto.randomUUID()}`
        pidOf.set(sub, submitted.get('pid')!)
        return provider!.interactionFinished(req, res, {
          login: { accountId: sub, acr: submitted.get('acr') ?? 'idporten-loa-high', amr: ['TestID'] },
        })
      }
      if (match[2] === '/cancel') {
        return provider!.interactionFinished(req, res, { error: 'access_denied', error_description: 'user cancelled' })
      }
      res.setHeader('Content-Type', 'text/html')
      res.end(
        `<h1>ID-porten (test)</h1><p>acr_values=${details.params.acr_values}</p><form method="post" action="/interaction/${details.uid}/login"><input name="pid"></form>`,
      )
    } catch (error) {
      res.statusCode = 500
      res.end(String(error))
    }
  })

  return {
    issuer,
    clientId: 'deling-idporten-client',
    clientJwk: JSON.stringify(delingPrivate),
    tokenRequests,
    /** Creates the provider once Deling's address (and so its redirect URI) is known. */
    configure(delingUrl: string) {
      const configuration: Configuration = {
        clients: [
          {
            client_id: 'deling-idporten-client',
            token_endpoint_auth_method: 'private_key_jwt',
            token_endpoint_auth_signing_alg: 'ES256',
            jwks: { keys: [delingPublic as never] },
            redirect_uris: [`${delingUrl}/oidc/idporten/callback`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            scope: 'openid',
          },
        ],
        jwks: { keys: [signingJwk as never] },
        cookies: { keys: ['fake-idporten-cookie-key'] },
        claims: { openid: ['sub', 'pid'], acr: null, auth_time: null },
        conformIdTokenClaims: false,
        acrValues: ['idporten-loa-substantial', 'idporten-loa-high', 'idporten-loa-low'],
        pkce: { required: () => true },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
        findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, pid: pidOf.get(sub) }) }),
        loadExistingGrant: async (ctx) => {
          const grantId = ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId)
          if (grantId) return ctx.oidc.provider.Grant.find(grantId)
          const grant = new ctx.oidc.provider.Grant({
            clientId: ctx.oidc.client!.clientId,
            accountId: ctx.oidc.session!.accountId!,
          })
          grant.addOIDCScope('openid')
          grant.addOIDCClaims(['sub', 'pid'])
          await grant.save()
          return grant
        },
      }
      provider = new Provider(issuer, configuration)
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

describe('citizen login delegated to ID-porten', () => {
  let app: TestApp
  let idporten: Awaited<ReturnType<typeof startFakeIdporten>>
  const pid = '27879210130' // Sofie Haugland, synthetic
  beforeAll(async () => {
    idporten = await startFakeIdporten()
    app = await startTestApp({
      env: {
        IDPORTEN_ISSUER: idporten.issuer,
        IDPORTEN_CLIENT_ID: idporten.clientId,
        IDPORTEN_CLIENT_JWK: idporten.clientJwk,
      },
    })
    await seedPersons(app)
    idporten.configure(app.url)
  })
  afterAll(async () => {
    await app?.close()
    await idporten?.close()
  })

  /** From "Logg inn" to ID-porten's login page. */
  async function toIdporten(browser: Browser) {
    const { response, url, visited } = await browser.follow(`${app.url}/auth/login?returnTo=%2Fme%2Fsession`)
    return { response, url, visited, html: await response.text() }
  }

  it('sends the citizen to ID-porten with PKCE, state, nonce and acr_values, and logs them in with its pid and acr', async () => {
    const browser = new Browser()
    const atIdporten = await toIdporten(browser)
    expect(atIdporten.url.origin).toBe(idporten.issuer)
    expect(atIdporten.html).toContain('acr_values=idporten-loa-substantial')
    const request = new URL(atIdporten.visited.find((hop) => hop.startsWith(`${idporten.issuer}/auth?`))!)
    expect(Object.fromEntries(request.searchParams)).toMatchObject({
      client_id: idporten.clientId,
      redirect_uri: `${app.url}/oidc/idporten/callback`,
      scope: 'openid',
      code_challenge_method: 'S256',
      acr_values: 'idporten-loa-substantial',
    })
    expect(request.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    expect(request.searchParams.get('nonce')).toBeTruthy()

    const back = await browser.follow(
      `${atIdporten.url.href}/login`,
      form({ pid, acr: 'idporten-loa-high' }),
      (url) => url.pathname === '/me/session',
    )
    expect(back.visited.some((hop) => hop.startsWith(`${app.url}/oidc/idporten/callback?code=`))).toBe(true)
    expect(back.url.href).toBe(`${app.url}/me/session`)
    expect(await session(browser, app.url)).toEqual({
      status: 200,
      body: { fnr: pid, name: 'Sofie Haugland', acr: 'idporten-loa-high', expiresAt: expect.any(String) },
    })
    // Deling authenticated at ID-porten's token endpoint with a signed assertion, not a secret.
    expect(idporten.tokenRequests.length).toBeGreaterThan(0)
  })

  it('turns the test login off', async () => {
    const browser = new Browser()
    const { visited } = await toIdporten(browser)
    const interaction = visited.find((hop) => /\/oidc\/interaction\/[^/]+$/.test(new URL(hop).pathname))!
    const res = await browser.send(`${interaction}/login`, form({ fnr: pid }))
    expect(res.status).toBe(404)
  })

  it('refuses a login below the substantial level', async () => {
    const browser = new Browser()
    const atIdporten = await toIdporten(browser)
    const back = await browser.follow(`${atIdporten.url.href}/login`, form({ pid, acr: 'idporten-loa-low' }))
    expect(back.response.status).toBe(502)
    expect(await back.response.text()).toContain('Innlogging med ID-porten mislyktes')
    expect((await session(browser, app.url)).status).toBe(401)
  })

  it('tells the citizen the login was cancelled when they cancel at ID-porten', async () => {
    const browser = new Browser()
    const atIdporten = await toIdporten(browser)
    const back = await browser.follow(`${atIdporten.url.href}/cancel`, form({}))
    expect(back.url.pathname).toBe('/auth/callback')
    expect(back.response.status).toBe(400)
    expect(await back.response.text()).toContain('Innloggingen ble avbrutt')
    expect((await session(browser, app.url)).status).toBe(401)
  })

  it('refuses a callback whose state this browser did not start', async () => {
    const victim = new Browser()
    const atIdporten = await toIdporten(victim)
    const state = new URL(
      atIdporten.visited.find((hop) => hop.startsWith(`${idporten.issuer}/auth?`))!,
    ).searchParams.get('state')!
    const attacker = new Browser()
    const res = await attacker.follow(`${app.url}/oidc/idporten/callback?code=stolen&state=${state}`)
    expect(res.response.status).toBe(400)
    expect(await res.response.text()).toContain('Innloggingen kan ikke fullføres')
  })
})
