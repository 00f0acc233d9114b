import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.ts'
import { type CatalogActors, catalogActors, dagpengerRule, incomeDataset, openDataset } from '../support/catalog.ts'
import { seedPersons } from '../support/citizen-browser.ts'
import { ingrid, lars, type PortalPerson, portalPerson, sofie } from '../support/portal.ts'
import { demoOrganisations } from '../support/tokens.ts'
import { dagpengerRuleForm, incomeDatasetForm } from './publish-forms.ts'

const { skatteetaten, nav } = demoOrganisations

describe('publishing in the portal: who may do what', () => {
  let app: TestApp
  let actors: CatalogActors
  let skattPublisher: PortalPerson
  let navPublisher: PortalPerson
  let skattConsumer: PortalPerson
  let skattDataset: { id: string; version: number }
  let skattRuleId: string
  let navHidden: { id: string }
  let navOwn: { id: string }

  const skattDatasetNow = async () =>
    (await app.get(`/catalog/datasets/${skattDataset.id}`, { token: await actors.skatteetaten() })).body

  beforeAll(async () => {
    app = await startTestApp()
    await seedPersons(app)
    actors = await catalogActors(app)
    skattPublisher = await portalPerson(app, ingrid.fnr, [{ orgnr: skatteetaten.orgnr, role: 'publisher' }])
    navPublisher = await portalPerson(app, lars.fnr, [{ orgnr: nav.orgnr, role: 'publisher' }])
    skattConsumer = await portalPerson(app, sofie.fnr, [{ orgnr: skatteetaten.orgnr, role: 'consumer' }])
    const skatt = await actors.skatteetaten()
    const created = await app.post('/catalog/datasets', incomeDataset(), { token: skatt })
    skattDataset = created.body
    const rule = await app.post(
      `/catalog/datasets/${skattDataset.id}/access-rules`,
      dagpengerRule(created.body.legalBases[0].id),
      { token: skatt },
    )
    skattRuleId = rule.body.id
    const navToken = await actors.nav()
    navHidden = (
      await app.post(
        '/catalog/datasets',
        { ...openDataset('Interne saker'), accessRights: 'NON_PUBLIC' },
        { token: navToken },
      )
    ).body
    navOwn = (await app.post('/catalog/datasets', incomeDataset(), { token: navToken })).body
  })
  afterAll(() => app?.close())

  it('sends a visitor without a session to the login', async () => {
    const response = await fetch(`${app.url}/org/${skatteetaten.orgnr}/datasets`, { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toContain('/auth/login?returnTo=')
  })

  it('refuses a person with only the consumer role with a 403 page, and stores nothing', async () => {
    for (const path of [
      '',
      '/new',
      `/${skattDataset.id}`,
      `/${skattDataset.id}/rules`,
      `/${skattDataset.id}/history`,
    ]) {
      const page = await skattConsumer.page(`/org/${skatteetaten.orgnr}/datasets${path}`)
      expect(page.status, path).toBe(403)
      expect(page.headers.get('content-type')).toContain('text/html')
      expect(page.html).toContain('Du har ikke tilgang til denne siden')
    }
    const posted = await skattConsumer.submit(`/org/${skatteetaten.orgnr}/datasets`, incomeDatasetForm())
    expect(posted.status).toBe(403)
    const changed = await skattConsumer.submit(`/org/${skatteetaten.orgnr}/datasets/${skattDataset.id}/delete`, {
      version: '1',
    })
    expect(changed.status).toBe(403)
    expect((await skattDatasetNow()).version).toBe(skattDataset.version)
  })

  it('refuses a publisher of another organisation under that organisation’s path (403)', async () => {
    expect((await skattPublisher.page(`/org/${nav.orgnr}/datasets`)).status).toBe(403)
    const posted = await skattPublisher.submit(`/org/${nav.orgnr}/datasets/${navOwn.id}/delete`, { version: '1' })
    expect(posted.status).toBe(403)
    expect((await app.get(`/catalog/datasets/${navOwn.id}`)).status).toBe(200)
  })

  it('answers 404 for another organisation’s dataset under one’s own path, public or hidden, and changes nothing', async () => {
    const navBase = `/org/${nav.orgnr}/datasets`
    for (const id of [skattDataset.id, 'ds_00000000000000000000', 'not-an-id']) {
      for (const path of ['', '/rules', '/rules/new', '/history', '/delete', `/rules/${skattRuleId}`]) {
        const page = await navPublisher.page(`${navBase}/${id}${path}`)
        expect(page.status, `${id}${path}`).toBe(404)
        expect(page.html).toContain('Fant ikke siden')
      }
    }
    // Skatteetaten's publisher cannot find NAV's non-public dataset under Skatteetaten either.
    expect((await skattPublisher.page(`/org/${skatteetaten.orgnr}/datasets/${navHidden.id}`)).status).toBe(404)

    const edit = await navPublisher.submit(`${navBase}/${skattDataset.id}`, {
      ...incomeDatasetForm(),
      'title.nb': 'Kapret',
      version: '1',
    })
    expect(edit.status).toBe(404)
    const rule = await navPublisher.submit(
      `${navBase}/${skattDataset.id}/rules`,
      dagpengerRuleForm('lb_00000000000000000000'),
    )
    expect(rule.status).toBe(404)
    const ruleDelete = await navPublisher.submit(`${navBase}/${skattDataset.id}/rules/${skattRuleId}/delete`, {
      version: '1',
    })
    expect(ruleDelete.status).toBe(404)
    // Skatteetaten's rule id under NAV's own dataset: not NAV's rule either.
    expect((await navPublisher.page(`${navBase}/${navOwn.id}/rules/${skattRuleId}`)).status).toBe(404)
    const deleted = await navPublisher.submit(`${navBase}/${skattDataset.id}/delete`, { version: '1' })
    expect(deleted.status).toBe(404)

    const after = await skattDatasetNow()
    expect(after.title.nb).toBe('Inntektsopplysninger fra a-ordningen')
    expect(after.version).toBe(skattDataset.version)
    expect((await app.get(`/catalog/datasets/${skattDataset.id}/access-rules`)).body.items).toHaveLength(1)
  })

  it('refuses every form without the session’s CSRF token, and stores nothing', async () => {
    const base = `/org/${skatteetaten.orgnr}/datasets`
    const forged = (path: string, fields: Record<string, string>) =>
      skattPublisher.browser.send(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
        body: new URLSearchParams({ ...fields, csrf: 'forged' }).toString(),
      })
    const attempts = [
      await forged(base, {
        'title.nb': 'Forfalsket',
        'description.nb': 'x',
        accessRights: 'PUBLIC',
        containsPersonalData: 'no',
      }),
      await forged(`${base}/${skattDataset.id}/delete`, { version: String(skattDataset.version) }),
      await forged(`${base}/${skattDataset.id}/rules/${skattRuleId}/delete`, { version: '1' }),
    ]
    for (const response of attempts) {
      expect(response.status).toBe(403)
      expect(await response.text()).toContain('<html')
    }
    const listed = await app.get(`/catalog/datasets?publisher=${skatteetaten.orgnr}`)
    expect(listed.body.items.map((dataset: { id: string }) => dataset.id)).toEqual([skattDataset.id])
    expect((await app.get(`/catalog/datasets/${skattDataset.id}/access-rules`)).body.items).toHaveLength(1)
  })

  it('refuses a form without the version it was loaded with', async () => {
    const missing = await skattPublisher.submit(`/org/${skatteetaten.orgnr}/datasets/${skattDataset.id}`, {
      ...incomeDatasetForm(),
      'title.nb': 'Uten versjon',
    })
    expect(missing.status).toBe(400)
    expect((await skattDatasetNow()).title.nb).toBe('Inntektsopplysninger fra a-ordningen')
  })
})
