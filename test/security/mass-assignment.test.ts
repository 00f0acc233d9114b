import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dagpengerRule, openDataset } from '../support/catalog.ts'
import { ingrid } from '../support/citizen-browser.ts'
import { demoOrganisations } from '../support/tokens.ts'
import { type Digest, tableDigester } from './digest.ts'
import { type SecurityWorld, securityWorld } from './world.ts'

// OWASP API3: fields the server decides (who publishes, the state, ids, versions, times) are refused in bodies.
describe('mass assignment: a body cannot set what the server decides', () => {
  let world: SecurityWorld
  let digest: () => Promise<Digest>
  beforeAll(async () => {
    world = await securityWorld()
    digest = await tableDigester(world.app)
  })
  afterAll(() => world?.close())

  let purposes = 0
  const newRule = () => ({
    ...dagpengerRule(world.legalBasisId),
    purpose: { code: `formaal-${++purposes}`, text: { nb: 'Et formål' } },
  })
  const consentRequest = () => ({
    subject: ingrid.fnr,
    datasets: [{ datasetId: world.incomeDatasetId }],
    purpose: { code: 'laanesoknad', text: { nb: 'Lån' } },
    validTo: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    redirectUrl: 'https://bank.example/cb',
  })
  const accessRequest = () => ({
    datasetId: world.incomeDatasetId,
    purpose: { code: 'sykepenger', text: { nb: 'Sykepenger' } },
    basis: { legalBasisId: world.legalBasisId },
    fields: ['/personidentifikator'],
    justification: 'Sykepengegrunnlaget.',
  })
  const client = () => ({
    orgnr: demoOrganisations.nav.orgnr,
    name: 'NAV',
    scopes: ['deling:gateway'],
    jwks: { keys: [world.clients[1]!.publicJwk] },
  })

  const cases: [string, string, string, () => unknown, Record<string, unknown>][] = [
    [
      'POST',
      '/catalog/datasets',
      'publisher',
      () => openDataset(),
      { publisher: { orgnr: demoOrganisations.nav.orgnr } },
    ],
    ['POST', '/catalog/datasets', 'publisher', () => openDataset(), { publisherOrgnr: demoOrganisations.nav.orgnr }],
    ['POST', '/catalog/datasets', 'publisher', () => openDataset(), { id: 'ds_aaaaaaaaaaaaaaaaaaaa' }],
    ['POST', '/catalog/datasets', 'publisher', () => openDataset(), { version: 7, createdAt: '2020-01-01T00:00:00Z' }],
    [
      'PUT',
      '/catalog/datasets/{open}',
      'publisher',
      () => openDataset(),
      { publisher: { orgnr: demoOrganisations.dnb.orgnr } },
    ],
    ['PUT', '/catalog/datasets/{open}', 'publisher', () => openDataset(), { version: 99 }],
    ['POST', '/catalog/datasets/{income}/access-rules', 'publisher', newRule, { id: 'ar_aaaaaaaaaaaaaaaaaaaa' }],
    ['POST', '/catalog/datasets/{income}/access-rules', 'publisher', newRule, { datasetId: 'ds_aaaaaaaaaaaaaaaaaaaa' }],
    ['POST', '/consent/requests', 'dnb', consentRequest, { status: 'accepted' }],
    ['POST', '/consent/requests', 'dnb', consentRequest, { consumer: { orgnr: demoOrganisations.nav.orgnr } }],
    [
      'POST',
      '/consent/requests',
      'dnb',
      consentRequest,
      { id: 'cr_aaaaaaaaaaaaaaaaaaaa', decidedAt: '2026-01-01T00:00:00Z' },
    ],
    ['POST', '/access-requests', 'nav', accessRequest, { status: 'approved' }],
    ['POST', '/access-requests', 'nav', accessRequest, { consumerOrgnr: demoOrganisations.dnb.orgnr }],
    ['POST', '/access-requests', 'nav', accessRequest, { publisherOrgnr: demoOrganisations.nav.orgnr }],
    ['POST', '/admin/clients', 'operator', client, { clientId: 'chosen-by-caller' }],
    ['POST', '/admin/clients', 'operator', client, { disabledAt: null, createdAt: '2020-01-01T00:00:00Z' }],
    [
      'POST',
      '/admin/organisations',
      'operator',
      () => ({ orgnr: '923609016', name: 'X' }),
      { createdAt: '2020-01-01T00:00:00Z' },
    ],
    [
      'POST',
      '/admin/organisations/{dnb}/redirect-origins',
      'operator',
      () => ({ origin: 'https://x.example' }),
      { orgnr: demoOrganisations.nav.orgnr },
    ],
  ]

  it.each(cases)('%s %s (as %s) refuses server-set fields', async (method, template, actor, body, extra) => {
    const path = template
      .replace('{open}', world.openDatasetId)
      .replace('{income}', world.incomeDatasetId)
      .replace('{dnb}', demoOrganisations.dnb.orgnr)
    const headers = world[actor as 'publisher' | 'dnb' | 'nav' | 'operator'].headers
    const before = await digest()
    const res = await world.app.request(method, path, { headers, body: { ...(body() as object), ...extra } })
    expect(res.status, res.text).toBe(400)
    expect(res.body.type).toMatch(/\/problems\/validation-failed$/)
    for (const key of Object.keys(extra)) expect(JSON.stringify(res.body.errors), key).toContain(key)
    expect(await digest()).toEqual(before)
    const plain = await world.app.request(method, path, { headers, body: body() })
    expect(plain.status, `the same body without ${Object.keys(extra)}: ${plain.text}`).toBeLessThan(300)
  })

  it('takes the publisher from the token, never from anywhere else', async () => {
    const res = await world.app.request('POST', '/catalog/datasets?publisher=889640782', {
      headers: { ...world.publisher.headers, 'X-Publisher': '889640782' },
      body: openDataset('Eiendomsskatt'),
    })
    expect(res.status).toBe(201)
    expect(res.body.publisher.orgnr).toBe(demoOrganisations.skatteetaten.orgnr)
  })
})
