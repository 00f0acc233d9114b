import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { portalClientId } from '../../src/auth/portal-client.ts'
import { addRedirectOrigin } from '../../src/auth/redirect-origins.ts'
import { changeConsent } from '../../src/consent/service.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { catalogActors, incomeDataset } from '../support/catalog.ts'
import {
  accessToken,
  demoOrganisations,
  newDpopKey,
  registerClient,
  requestToken,
  type TestClient,
} from '../support/tokens.ts'

const subject = '12858440015'
const month = 30 * 24 * 3600 * 1000
const consentDetails = (id: string) => JSON.stringify([{ type: 'deling:consent', id }])

describe('consent tokens (RFC 9396 authorization_details)', () => {
  let app: TestApp
  // The app's clock can be set back, so that a consent can be made whose validTo has passed by real time.
  let offsetMs = 0
  let dnb: TestClient
  let nav: TestClient
  let datasetId: string
  let ruleId: string

  beforeAll(async () => {
    app = await startTestApp({ clock: () => new Date(Date.now() + offsetMs) })
    const actors = await catalogActors(app)
    const skatt = await actors.skatteetaten()
    const dataset = await app.post('/catalog/datasets', incomeDataset(), { token: skatt })
    expect(dataset.status, dataset.text).toBe(201)
    datasetId = dataset.body.id
    const rule = await app.post(
      `/catalog/datasets/${datasetId}/access-rules`,
      {
        recipient: 'any',
        purpose: { code: 'laanesoknad', text: { nb: 'Vurdere søknad om lån' } },
        basis: { consent: true },
        fields: ['/personidentifikator', '/inntekt'],
        oneTime: false,
      },
      { token: skatt },
    )
    expect(rule.status).toBe(201)
    ruleId = rule.body.id
    dnb = await registerClient(app, demoOrganisations.dnb.orgnr, ['deling:consent.request', 'deling:gateway'])
    nav = await registerClient(app, demoOrganisations.nav.orgnr, ['deling:consent.request', 'deling:gateway'])
    await addRedirectOrigin(app.host.database.db, demoOrganisations.dnb.orgnr, 'https://bank.example')
  })
  afterAll(() => app?.close())

  const db = () => app.host.database.db

  async function newConsent(validTo = new Date(Date.now() + offsetMs + month)): Promise<string> {
    const token = await accessToken(app, dnb, 'deling:consent.request')
    const created = await app.post(
      '/consent/requests',
      {
        subject,
        datasets: [{ datasetId }],
        purpose: { code: 'laanesoknad', text: { nb: 'Lån' } },
        validTo: validTo.toISOString(),
        redirectUrl: 'https://bank.example/cb',
      },
      { token },
    )
    expect(created.status, created.text).toBe(201)
    return created.body.id
  }

  // The citizen screen is built elsewhere: accept through the service, as the screen will.
  const accept = (id: string, now = new Date()) =>
    changeConsent(db(), id, { to: 'accepted', actor: 'citizen', now, acr: 'deling-test-idp' }, () => true)

  const askFor = (client: TestClient, details: string, scope = 'deling:gateway') =>
    requestToken(app, client, { scope, extra: { authorization_details: details } })

  const expectRefused = (answer: { status: number; body: Record<string, unknown> }, description?: RegExp) => {
    expect(answer.status, JSON.stringify(answer.body)).toBe(400)
    expect(answer.body.error).toBe('invalid_authorization_details')
    if (description) expect(answer.body.error_description).toMatch(description)
    expect(answer.body.access_token).toBeUndefined()
  }

  it('advertises the consent type in discovery (RFC 9396 §10)', async () => {
    const res = await fetch(`${app.host.deps.config.issuer}/.well-known/openid-configuration`)
    expect((await res.json()).authorization_details_types_supported).toEqual(['deling:consent'])
  })

  it('refuses a pending consent, then issues a token carrying the accepted consent', async () => {
    const id = await newConsent()
    expectRefused(await askFor(dnb, consentDetails(id)), /pending/)

    const accepted = await accept(id)
    const { status, body } = await askFor(dnb, consentDetails(id))
    expect(status, JSON.stringify(body)).toBe(200)
    const detail = {
      type: 'deling:consent',
      id,
      subject,
      datasets: [{ datasetId, ruleId }],
      purpose: 'laanesoknad',
      validTo: accepted.row.validTo.toISOString(),
    }
    // RFC 9396 §7: the token response names the details granted, as the token does.
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'deling:gateway', expires_in: 120 })
    expect(body.authorization_details).toEqual([detail])
    const claims = decodeJwt(body.access_token)
    expect(claims.authorization_details).toEqual([detail])
    expect(claims).toMatchObject({
      client_id: dnb.clientId,
      scope: 'deling:gateway',
      consumer: { authority: 'iso6523-actorid-upis', ID: '0192:984851006' },
    })
    expect(claims.exp! - claims.iat!).toBe(120)
  })

  it('issues a DPoP-bound consent token', async () => {
    const id = await newConsent()
    await accept(id)
    const key = await newDpopKey()
    const { status, body } = await requestToken(app, dnb, {
      scope: 'deling:gateway',
      dpop: key,
      extra: { authorization_details: consentDetails(id) },
    })
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.token_type).toBe('DPoP')
    const claims = decodeJwt(body.access_token)
    expect(claims.cnf).toEqual({ jkt: key.jkt })
    expect(claims.authorization_details).toMatchObject([{ type: 'deling:consent', id, subject }])
  })

  it("refuses another organisation's consent as if it did not exist", async () => {
    const id = await newConsent()
    await accept(id)
    const unknown = await askFor(nav, consentDetails('cr_00000000000000000000'))
    const foreign = await askFor(nav, consentDetails(id))
    expectRefused(foreign, /no consent/)
    expect(foreign.body.error_description).toBe(
      String(unknown.body.error_description).replace('cr_00000000000000000000', id),
    )
  })

  it('refuses unknown ids, malformed JSON, unknown types and extra members with 400, never 500', async () => {
    expectRefused(await askFor(dnb, consentDetails('cr_00000000000000000000')), /no consent/)
    expectRefused(await askFor(dnb, '[{"type":"deling:consent","id":'))
    expectRefused(await askFor(dnb, '{"type":"deling:consent","id":"x"}'))
    expectRefused(await askFor(dnb, '["deling:consent"]'))
    expectRefused(await askFor(dnb, JSON.stringify([{ type: 'payment_initiation', id: 'x' }])), /unsupported/)
    expectRefused(await askFor(dnb, JSON.stringify([{ type: 'deling:consent' }])), /id/)
    expectRefused(await askFor(dnb, JSON.stringify([{ type: 'deling:consent', id: 42 }])), /id/)
    expectRefused(await askFor(dnb, JSON.stringify([{ type: 'deling:consent', id: 'x'.repeat(5000) }])), /id/)
    expectRefused(
      await askFor(dnb, JSON.stringify([{ type: 'deling:consent', id: 'cr_00000000000000000000', subject }])),
      /only type and id/,
    )
  })

  it('gives one consent per token, and only with scope deling:gateway', async () => {
    const first = await newConsent()
    const second = await newConsent()
    await accept(first)
    await accept(second)
    const both = JSON.stringify([
      { type: 'deling:consent', id: first },
      { type: 'deling:consent', id: second },
    ])
    expectRefused(await askFor(dnb, both), /one/)
    const withoutGateway = await askFor(dnb, consentDetails(first), 'deling:consent.request')
    expect(withoutGateway.status).toBe(400)
    expect(withoutGateway.body.error).toBe('invalid_scope')
  })

  it('refuses a revoked consent', async () => {
    const id = await newConsent()
    await accept(id)
    expect((await askFor(dnb, consentDetails(id))).status).toBe(200)
    await changeConsent(db(), id, { to: 'revoked', actor: 'citizen', now: new Date() }, () => true)
    expectRefused(await askFor(dnb, consentDetails(id)), /revoked/)
  })

  it('refuses a consent whose validTo has passed, though nobody has marked it expired yet', async () => {
    // Made and accepted an hour ago by the app's clock, valid until half an hour ago.
    const token = await accessToken(app, dnb, 'deling:consent.request')
    offsetMs = -3600_000
    let id: string
    try {
      const created = await app.post(
        '/consent/requests',
        {
          subject,
          datasets: [{ datasetId }],
          purpose: { code: 'laanesoknad', text: { nb: 'Lån' } },
          validTo: new Date(Date.now() - 1800_000).toISOString(),
          redirectUrl: 'https://bank.example/cb',
        },
        { token },
      )
      expect(created.status, created.text).toBe(201)
      id = created.body.id
    } finally {
      offsetMs = 0
    }
    await accept(id, new Date(Date.now() - 3600_000))
    expectRefused(await askFor(dnb, consentDetails(id)), /expired/)
  })

  it('issues a token that ends when the consent does, not later', async () => {
    const id = await newConsent(new Date(Date.now() + 60_000))
    await accept(id)
    const { status, body } = await askFor(dnb, consentDetails(id))
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.expires_in).toBeGreaterThan(50)
    expect(body.expires_in).toBeLessThanOrEqual(60)
    const claims = decodeJwt(body.access_token)
    expect(claims.exp!).toBeLessThanOrEqual(Math.ceil(Date.parse(body.authorization_details[0].validTo) / 1000))
  })

  it('keeps authorization_details out of the citizen login (code flow)', async () => {
    const id = await newConsent()
    const { config } = app.host.deps
    const params = new URLSearchParams({
      client_id: portalClientId,
      response_type: 'code',
      scope: 'openid',
      redirect_uri: `${config.publicUrl}/auth/callback`,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      state: 's',
      authorization_details: consentDetails(id),
    })
    const res = await fetch(`${config.issuer}/auth?${params}`, { redirect: 'manual' })
    expect(res.status).toBeLessThan(500)
    const location = res.headers.get('location') ?? ''
    const answer = location ? new URL(location).searchParams.get('error') : await res.text()
    expect(answer).toContain('invalid_authorization_details')
  })

  it('logged no server error along the way', () => {
    expect(app.logs.filter((entry) => entry.level === 'error')).toEqual([])
  })
})
