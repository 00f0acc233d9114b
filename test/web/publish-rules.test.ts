import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoPersons } from '../../src/demo/persons.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { type CatalogActors, catalogActors, incomeDataset } from '../support/catalog.ts'
import { seedPersons } from '../support/citizen-browser.ts'
import { ensureOrganisation, type PortalPerson, portalPerson } from '../support/portal.ts'
import { demoOrganisations } from '../support/tokens.ts'
import { dagpengerRuleForm, incomeDatasetForm, inputValue } from './publish-forms.ts'

const { skatteetaten, nav, dnb } = demoOrganisations
const ingrid = demoPersons[0]!

describe('access rules and history in the portal', () => {
  let app: TestApp
  let actors: CatalogActors
  let publisher: PortalPerson
  let datasetId: string
  let disclosureId: string
  let rulesPath: string

  const storedRules = async () =>
    (await app.get(`/catalog/datasets/${datasetId}/access-rules`)).body.items as {
      id: string
      version: number
      purpose: { code: string }
      recipient: unknown
      basis: unknown
      fields: string[]
      validFrom?: string
      oneTime: boolean
    }[]

  beforeAll(async () => {
    app = await startTestApp()
    await seedPersons(app)
    actors = await catalogActors(app)
    await ensureOrganisation(app, dnb.orgnr)
    publisher = await portalPerson(app, ingrid.fnr, [{ orgnr: skatteetaten.orgnr, role: 'publisher' }])
    const created = await app.post('/catalog/datasets', incomeDataset(), { token: await actors.skatteetaten() })
    datasetId = created.body.id
    disclosureId = created.body.legalBases[0].id
    rulesPath = `/org/${skatteetaten.orgnr}/datasets/${datasetId}/rules`
  })
  afterAll(() => app?.close())

  it('offers the registered organisations, the dataset’s legal bases and its record fields', async () => {
    const form = await publisher.page(`${rulesPath}/new`)
    expect(form.status).toBe(200)
    expect(form.html).toContain(`<option value="${nav.orgnr}">`)
    expect(form.html).toContain(`<option value="${dnb.orgnr}">DNB Bank ASA`)
    expect(form.html).toContain('<option value="any">Alle virksomheter med samtykke</option>')
    expect(form.html).toContain(`value="${disclosureId}"`)
    expect(form.html).toContain('value="consent"')
    for (const pointer of ['/personidentifikator', '/navn', '/inntekt', '/inntekt/beloep', '/inntekt/periode'])
      expect(form.html).toContain(`name="fields" value="${pointer}"`)
    expect(form.html).toContain('Inntekter › Beløp')
  })

  it('adds a rule with the API’s checks, then changes and deletes it', async () => {
    const added = await publisher.submit(rulesPath, dagpengerRuleForm(disclosureId))
    expect(added.status, await added.clone().text()).toBe(303)
    expect(added.headers.get('location')).toBe(`${rulesPath}?done=rule-added`)
    const [rule] = await storedRules()
    expect(rule).toMatchObject({
      recipient: { orgnr: nav.orgnr },
      purpose: { code: 'dagpenger' },
      basis: { legalBasisId: disclosureId },
      fields: ['/personidentifikator', '/inntekt/beloep', '/inntekt/periode'],
      oneTime: false,
    })
    // The start of 1 January in Norway (winter time).
    expect(Date.parse(rule!.validFrom!)).toBe(Date.parse('2025-12-31T23:00:00Z'))
    const list = await publisher.page(`${rulesPath}?done=rule-added`)
    expect(list.html).toContain('Tilgangsregelen er lagt til.')
    expect(list.html).toContain(`data-rule="${rule!.id}"`)

    // The same recipient and purpose twice: the API's conflict, shown in the form.
    const twin = await publisher.submit(rulesPath, dagpengerRuleForm(disclosureId))
    expect(twin.status).toBe(409)
    expect(await twin.text()).toContain(`Access rule ${rule!.id} already covers ${nav.orgnr} for purpose dagpenger`)

    const edit = await publisher.page(`${rulesPath}/${rule!.id}`)
    expect(inputValue(edit.html, 'validFrom')).toBe('2026-01-01')
    expect(inputValue(edit.html, 'validFrom.stored')).toBe(rule!.validFrom)
    const changed = await publisher.submit(`${rulesPath}/${rule!.id}`, {
      ...dagpengerRuleForm(disclosureId),
      fields: ['/personidentifikator', '/inntekt'],
      'validFrom.stored': rule!.validFrom!,
      version: '1',
    })
    expect(changed.status).toBe(303)
    const [after] = await storedRules()
    expect(after).toMatchObject({ id: rule!.id, version: 2, fields: ['/personidentifikator', '/inntekt'] })
    // The day unchanged: the stored instant is kept as it was.
    expect(after!.validFrom).toBe(rule!.validFrom)

    // Taking away the legal basis the rule relies on: the API's conflict, shown above the dataset form.
    const datasetPath = `/org/${skatteetaten.orgnr}/datasets/${datasetId}`
    const datasetForm = await publisher.page(datasetPath)
    const breaking = await publisher.submit(datasetPath, {
      ...incomeDatasetForm(),
      'legalBases.0.type': '',
      'legalBases.0.title.nb': '',
      'legalBases.0.uri': '',
      'legalBases.1.id': inputValue(datasetForm.html, 'legalBases.1.id')!,
      version: inputValue(datasetForm.html, 'version')!,
    })
    expect(breaking.status).toBe(409)
    const breakingHtml = await breaking.text()
    expect(breakingHtml).toContain(`access rule ${rule!.id} relies on legal basis ${disclosureId}`)
    expect(breakingHtml).toContain('href="#publish-form"')
    expect(inputValue(breakingHtml, 'legalBases.0.title.nb')).toBe('skatteforvaltningsloven § 3-1')

    const stale = await publisher.submit(`${rulesPath}/${rule!.id}`, {
      ...dagpengerRuleForm(disclosureId),
      version: '1',
    })
    expect(stale.status).toBe(412)

    const confirm = await publisher.page(`${rulesPath}/${rule!.id}/delete`)
    expect(confirm.html).toContain('Slette regelen for dagpenger?')
    const deleted = await publisher.submit(`${rulesPath}/${rule!.id}/delete`, { version: '2' })
    expect(deleted.status).toBe(303)
    expect(await storedRules()).toEqual([])
  })

  it('shows the API’s rule checks beside the fields and stores nothing', async () => {
    // Wrong three times over: the code's characters, "any" under a legal basis, and a period running backwards.
    const wrongRule = (code: string) => ({
      recipient: 'any',
      'purpose.code': code,
      'purpose.text.nb': 'Vurdere lån',
      basis: disclosureId,
      fields: ['/personidentifikator'],
      validFrom: '2027-01-01',
      validTo: '2026-01-01',
    })
    const refused = await publisher.submit(rulesPath, wrongRule('Lånesøknad'))
    expect(refused.status).toBe(400)
    const html = await refused.text()
    expect(html).toContain('id="purpose.code-error"')
    expect(html).toContain('lower-case letters, digits, &quot;.&quot;, &quot;_&quot; and &quot;-&quot;')
    expect(inputValue(html, 'purpose.code')).toBe('Lånesøknad')

    // With a valid code the service's own checks speak: "any" needs consent, and the period must run forwards.
    const serviceRefused = await publisher.submit(rulesPath, wrongRule('laanesoknad'))
    expect(serviceRefused.status).toBe(400)
    const serviceHtml = await serviceRefused.text()
    expect(serviceHtml).toMatch(/id="recipient-error" lang="en">&quot;any&quot; recipient needs the consent/)
    expect(serviceHtml).toMatch(/id="validTo-error" lang="en">must be after validFrom</)
    expect(serviceHtml).toMatch(/value="any" selected/)
    expect(await storedRules()).toEqual([])
  })

  it('shows every change with the person who made it, in the portal and through the API', async () => {
    const consent = await publisher.submit(rulesPath, {
      recipient: 'any',
      'purpose.code': 'laanesoknad',
      'purpose.text.nb': 'Vurdere lån',
      basis: 'consent',
      fields: ['/personidentifikator', '/inntekt/beloep'],
      oneTime: 'yes',
    })
    expect(consent.status).toBe(303)
    const history = await publisher.page(`/org/${skatteetaten.orgnr}/datasets/${datasetId}/history`)
    expect(history.status).toBe(200)
    expect(history.html).toContain('Datasettet ble publisert')
    expect(history.html).toContain('Av API-klienten')
    expect(history.html).toContain('gjennom API-et')
    expect(history.html).toContain('Regelen for laanesoknad ble lagt til')
    expect(history.html).toContain('Regelen for dagpenger ble slettet')
    expect(history.html).toContain(`Av 128584 40015, i portalen`)
    expect(history.html).toContain('Inntekter › Beløp')
    // Newest first.
    expect(history.html.indexOf('laanesoknad ble lagt til')).toBeLessThan(
      history.html.indexOf('Datasettet ble publisert'),
    )
    const english = await publisher.page(`/org/${skatteetaten.orgnr}/datasets/${datasetId}/history?lang=en`)
    expect(english.html).toContain('By 128584 40015, in the portal')
  })
})
