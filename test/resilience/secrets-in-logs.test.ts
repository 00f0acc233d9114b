import { exportJWK, exportPKCS8 } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signingKeys } from '../../src/db/schema/index.ts'
import { startUpstream, subject, type Upstream } from '../gateway/support.ts'
import { ingrid } from '../support/citizen-browser.ts'
import { createTestDatabase, type TestDatabase, urlForSchema } from '../support/database.ts'
import { freePort } from '../support/ports.ts'
import { type ServerProcess, startServerProcess } from '../support/server-process.ts'
import { requestToken } from '../support/tokens.ts'
import { call, citizen, type Deling, gatewayScene } from './world.ts'

/**
 * The whole of a run's stdout and stderr, at the most talkative log level, after a journey through every part that
 * handles a secret: token issuance, consent, citizen login, gateway (by rule and by consent), audit, and failures.
 */
describe('no private key, token or fødselsnummer in the logs', { timeout: 90_000 }, () => {
  let database: TestDatabase
  let upstream: Upstream
  let server: ServerProcess
  let deling: Deling

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    upstream = await startUpstream()
    const port = await freePort()
    server = await startServerProcess(
      {
        PORT: String(port),
        DATABASE_URL: urlForSchema(database.schema!),
        DELING_DEMO: '0',
        LOG_LEVEL: 'debug',
        DELING_UPSTREAM_ALLOW: '127.0.0.1',
      },
      'is running at',
    )
    const url = `http://127.0.0.1:${port}`
    deling = { url, issuing: { db: database.handle.db, issuer: `${url}/oidc` } }
  })
  afterAll(async () => {
    server?.child.kill('SIGKILL')
    await upstream?.close()
    await database?.drop()
  })

  it('writes none of them during a full journey', async () => {
    const scene = await gatewayScene(deling, upstream.url)
    const secrets: [string, string][] = []
    const gateway = (token: string, path: string, purpose: string, fnr = subject) =>
      call(deling, 'GET', `/gateway/${scene.datasetId}${path}?fnr=${fnr}`, {
        token,
        headers: { 'Deling-Purpose': purpose, 'Deling-Subject': fnr },
      })

    // by rule, with the person in the path, the query and a header; then denials and failures
    expect((await gateway(await scene.navToken(), `/inntekt/${subject}`, 'dagpenger')).status).toBe(200)
    expect((await gateway(await scene.navToken(), `/inntekt/${subject}`, 'sykepenger')).status).toBe(403)
    expect((await gateway(await scene.navToken(), '/fail', 'dagpenger')).status).toBe(502)
    const forged = `${(await scene.navToken()).slice(0, -8)}AAAAAAAA`
    secrets.push(['a forged token', forged])
    expect((await gateway(forged, `/inntekt/${subject}`, 'dagpenger')).status).toBe(401)

    // consent: request, citizen login and acceptance, consent token, delivery, the citizen's own log
    const requested = await scene.requestConsent(ingrid.fnr, await scene.dnbToken('deling:consent.request'))
    expect(requested.status, requested.text).toBe(201)
    const ingridOnline = await citizen(deling, ingrid.fnr)
    expect((await ingridOnline.accept(requested.body.id)).status).toBe(303)
    const consentToken = await requestToken(deling.issuing, scene.dnb, {
      scope: 'deling:gateway',
      extra: { authorization_details: JSON.stringify([{ type: 'deling:consent', id: requested.body.id }]) },
    })
    expect(consentToken.status).toBe(200)
    secrets.push(['a consent token', consentToken.body.access_token])
    const delivered = await gateway(consentToken.body.access_token, `/inntekt/${ingrid.fnr}`, 'laanesoknad', ingrid.fnr)
    expect(delivered.status, delivered.text).toBe(200)
    const myLog = await ingridOnline.browser.send(`${deling.url}/me/access-log`, { headers: { Accept: 'text/html' } })
    expect(myLog.status).toBe(200)
    const receipt = await ingridOnline.browser.send(`${deling.url}/me/consents/${requested.body.id}/receipt`)
    if (receipt.status === 200) secrets.push(['a consent receipt', await receipt.text()])
    const verdict = await call(deling, 'GET', '/audit/verify', { token: await scene.operatorToken() })
    expect(verdict.body).toMatchObject({ valid: true })

    // oidc-provider's _interaction cookies carry the interaction id, which is in the login page's URL by design
    for (const cookie of ingridOnline.browser.cookies)
      if (!cookie.name.startsWith('_interaction') && cookie.value.length >= 16)
        secrets.push([`the cookie ${cookie.name}`, cookie.value])
    expect(ingridOnline.browser.cookie('deling_session')).toBeDefined()
    for (const token of scene.issuedTokens) secrets.push(['an access token', token])
    for (const client of scene.clients) {
      const jwk = await exportJWK(client.privateKey)
      secrets.push([`the private key of ${client.clientId} (JWK d)`, jwk.d!])
      const pem = await exportPKCS8(client.privateKey)
      for (const line of pem.split('\n').filter((part) => part.length > 40))
        secrets.push([`the private key of ${client.clientId} (PEM)`, line])
    }
    for (const key of await database.handle.db.select().from(signingKeys))
      secrets.push([`Deling's ${key.kid} signing key (JWK d)`, (key.privateJwk as { d: string }).d])
    for (const fnr of [subject, ingrid.fnr]) secrets.push(['a fødselsnummer', fnr])

    await server.stop()
    const output = server.output()
    expect(output.split('\n').length, 'the run logged its requests').toBeGreaterThan(30)
    const leaked = secrets.filter(([, secret]) => output.includes(secret)).map(([what]) => what)
    expect(leaked).toEqual([])
    expect(output.match(/eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g) ?? [], 'any JWS or JWT').toEqual([])
    expect(output.match(/(?<!\d)\d{11}(?!\d)/g) ?? [], 'any eleven-digit number').toEqual([])
    console.info(
      `secrets in logs: ${secrets.length} secrets looked for in ${output.split('\n').length} lines: none found`,
    )
  })
})
