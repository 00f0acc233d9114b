import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoPersons } from '../../src/demo/persons.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { type CatalogActors, catalogActors, incomeDataset } from '../support/catalog.ts'
import { seedPersons } from '../support/citizen-browser.ts'
import { type PortalPerson, portalPerson } from '../support/portal.ts'
import { demoOrganisations } from '../support/tokens.ts'
import { incomeDatasetForm, inputValue } from './publish-forms.ts'

const { skatteetaten } = demoOrganisations
const ingrid = demoPersons[0]!
const datasetsPath = `/org/${skatteetaten.orgnr}/datasets`

/** HTML-escaped as Hono's JSX writes text. */
const escaped = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')

describe('publishing datasets in the portal', () => {
  let app: TestApp
  let actors: CatalogActors
  let publisher: PortalPerson

  const ownDatasets = async () =>
    (
      await app.get(`/catalog/datasets?publisher=${skatteetaten.orgnr}&limit=100`, {
        token: await actors.skatteetaten(),
      })
    ).body.items as { id: string; title: { nb: string }; version: number }[]

  beforeAll(async () => {
    app = await startTestApp()
    await seedPersons(app)
    actors = await catalogActors(app)
    publisher = await portalPerson(app, ingrid.fnr, [{ orgnr: skatteetaten.orgnr, role: 'publisher' }])
  })
  afterAll(() => app?.close())

  it('publishes a dataset from the form, as the API would, recorded as the person in the portal', async () => {
    const empty = await publisher.page(`${datasetsPath}/new`)
    expect(empty.status).toBe(200)
    // Two blank legal-basis rows and one blank API row for a new dataset.
    expect(empty.html).toContain('name="legalBases.1.uri"')
    expect(empty.html).not.toContain('name="legalBases.2.uri"')
    expect(empty.html).toContain('name="dataServices.0.endpointUrl"')

    const created = await publisher.submit(datasetsPath, { ...incomeDatasetForm(), action: 'save' })
    expect(created.status, await created.clone().text()).toBe(303)
    expect(created.headers.get('location')).toBe(`${datasetsPath}?done=created`)

    const [stored] = await ownDatasets()
    const dataset = (await app.get(`/catalog/datasets/${stored!.id}`, { token: await actors.skatteetaten() })).body
    expect(dataset).toMatchObject({
      title: { nb: 'Inntektsopplysninger fra a-ordningen', en: 'Income information from the a-ordning' },
      accessRights: 'RESTRICTED',
      containsPersonalData: true,
      keywords: { nb: ['inntekt', 'a-melding'], en: ['income'] },
      contactPoint: { name: 'Skatteetaten', email: 'datadeling@skatteetaten.no' },
      themes: ['http://publications.europa.eu/resource/authority/data-theme/ECON'],
      publisher: { orgnr: skatteetaten.orgnr },
      version: 1,
    })
    expect(dataset.legalBases.map((basis: { type: string }) => basis.type)).toEqual(['disclosure', 'processing'])
    expect(dataset.dataServices).toHaveLength(1)
    expect(dataset.lifeEvents).toHaveLength(2)
    expect(dataset.recordSchema.properties.inntekt.items.properties.beloep).toEqual({ type: 'number', title: 'Beløp' })

    const history = await app.get(`/catalog/datasets/${dataset.id}/versions`, { token: await actors.skatteetaten() })
    expect(history.body.items[0]).toMatchObject({
      change: 'created',
      via: 'portal',
      by: { orgnr: skatteetaten.orgnr, pid: ingrid.fnr },
    })

    const list = await publisher.page(`${datasetsPath}?done=created`)
    expect(list.html).toContain('Datasettet er publisert.')
    expect(list.html).toContain(`href="${datasetsPath}/${dataset.id}"`)
    expect(list.html).toContain(`href="/datasets/${dataset.id}"`)
  })

  it('shows the API’s own messages beside the fields, keeps what was typed, and stores nothing', async () => {
    const before = await ownDatasets()
    const form = {
      ...incomeDatasetForm(),
      'title.nb': '',
      'contactPoint.email': 'not-an-address',
      'legalBases.1.uri': 'lovdata paragraf 3-1',
      recordSchema: '{"type": "object", "properties": ',
      action: 'save',
    }
    const refused = await publisher.submit(datasetsPath, form)
    expect(refused.status).toBe(400)
    const html = await refused.text()
    expect(html).toContain('Det er en feil i skjemaet')

    // The API, given the same description (the record schema left out: it is not JSON), says exactly these things.
    const body = {
      title: { en: 'Income information from the a-ordning' },
      description: { nb: 'Inntekt og arbeidsforhold som arbeidsgivere rapporterer i a-meldingen.' },
      accessRights: 'RESTRICTED',
      containsPersonalData: true,
      contactPoint: { name: 'Skatteetaten', email: 'not-an-address' },
      legalBases: [
        { type: 'disclosure', title: { nb: 'a-opplysningsloven § 7' }, uri: 'https://lovdata.no/lov/2012-06-22-43/§7' },
        { type: 'processing', title: { nb: 'skatteforvaltningsloven § 3-1' }, uri: 'lovdata paragraf 3-1' },
      ],
    }
    const api = await app.post('/catalog/datasets', body, { token: await actors.skatteetaten() })
    expect(api.status).toBe(400)
    const apiErrors = api.body.errors as { pointer: string; detail: string }[]
    expect([...new Set(apiErrors.map((error) => error.pointer))].sort()).toEqual([
      '/contactPoint/email',
      '/legalBases/1/uri',
      '/title',
    ])
    const errorOf = (id: string) => new RegExp(`id="${id.replaceAll('.', '\\.')}-error"[^>]*>([^<]*)<`).exec(html)?.[1]
    for (const [pointer, field] of [
      ['/title', 'title.nb'],
      ['/contactPoint/email', 'contactPoint.email'],
      ['/legalBases/1/uri', 'legalBases.1.uri'],
    ] as const) {
      // Several findings at one pointer (an address that is no URL and has spaces) stand together.
      const details = apiErrors.filter((error) => error.pointer === pointer).map((error) => error.detail)
      expect(errorOf(field), field).toBe(escaped(details.join('; ')))
      expect(html).toContain(`href="#${field}"`)
    }
    expect(errorOf('recordSchema')).toMatch(/^not valid JSON: /)
    // The messages are English: marked so on the bokmål page.
    expect(html).toMatch(/id="title\.nb-error" lang="en"/)

    expect(inputValue(html, 'legalBases.1.uri')).toBe('lovdata paragraf 3-1')
    expect(inputValue(html, 'contactPoint.email')).toBe('not-an-address')
    expect(html).toContain('{&quot;type&quot;: &quot;object&quot;, &quot;properties&quot;: </textarea>')
    expect(html).toMatch(/value="losing-a-job" checked/)
    expect(await ownDatasets()).toEqual(before)
  })

  it('shows the service’s own findings (the producer’s OpenAPI document) beside the field', async () => {
    const before = await ownDatasets()
    const openapi = { openapi: '3.1.0', paths: { '/inntekt': 'not an operation' } }
    const form = { ...incomeDatasetForm(), 'dataServices.0.openapi': JSON.stringify(openapi) }
    const refused = await publisher.submit(datasetsPath, form)
    expect(refused.status).toBe(400)
    const html = await refused.text()
    const api = await app.post(
      '/catalog/datasets',
      { ...incomeDataset(), dataServices: [{ ...incomeDataset().dataServices[0]!, openapi }] },
      { token: await actors.skatteetaten() },
    )
    expect(api.status).toBe(400)
    const details = (api.body.errors as { pointer: string; detail: string }[]).map((error) => {
      expect(error.pointer).toBe('/dataServices/0/openapi')
      return error.detail
    })
    expect(details.length).toBeGreaterThan(0)
    expect(html).toContain(`id="dataServices.0.openapi-error" lang="en">${escaped(details.join('; '))}<`)
    expect(await ownDatasets()).toEqual(before)
  })

  it('adds a row without saving, keeping what was typed', async () => {
    const before = await ownDatasets()
    const form = { ...incomeDatasetForm(), 'title.nb': 'Skattekort', action: 'add-legalBases' }
    const page = await publisher.submit(datasetsPath, form)
    expect(page.status).toBe(200)
    const html = await page.text()
    // Two filled rows, the blank one submitted and one more.
    expect(html).toContain('name="legalBases.3.uri"')
    expect(html).not.toContain('name="legalBases.4.uri"')
    expect(inputValue(html, 'title.nb')).toBe('Skattekort')
    expect(inputValue(html, 'legalBases.1.title.nb')).toBe('skatteforvaltningsloven § 3-1')
    expect(await ownDatasets()).toEqual(before)
  })

  it('edits a dataset at the version it was loaded with', async () => {
    const [dataset] = await ownDatasets()
    const edit = await publisher.page(`${datasetsPath}/${dataset!.id}`)
    expect(edit.status).toBe(200)
    expect(inputValue(edit.html, 'version')).toBe('1')
    expect(inputValue(edit.html, 'legalBases.0.title.nb')).toBe('a-opplysningsloven § 7')
    const basisId = inputValue(edit.html, 'legalBases.0.id')
    expect(basisId).toMatch(/^lb_/)

    const changed = await publisher.submit(`${datasetsPath}/${dataset!.id}`, {
      ...incomeDatasetForm(),
      'title.nb': 'Inntekt fra a-ordningen',
      'legalBases.0.id': basisId!,
      'legalBases.1.id': inputValue(edit.html, 'legalBases.1.id')!,
      version: '1',
    })
    expect(changed.status).toBe(303)
    const stored = (await app.get(`/catalog/datasets/${dataset!.id}`)).body
    expect(stored.title.nb).toBe('Inntekt fra a-ordningen')
    expect(stored.version).toBe(2)
    expect(stored.legalBases[0].id).toBe(basisId)
  })

  it('refuses a change made on a stale version with the 412 page, and keeps the newer one', async () => {
    const [dataset] = await ownDatasets()
    const edit = await publisher.page(`${datasetsPath}/${dataset!.id}`)
    const loaded = inputValue(edit.html, 'version')!
    // Someone else changes the dataset through the API meanwhile.
    const current = await app.get(`/catalog/datasets/${dataset!.id}`)
    const { id, publisher: _publisher, version, createdAt, updatedAt, ...description } = current.body
    const meanwhile = await app.request('PUT', `/catalog/datasets/${dataset!.id}`, {
      token: await actors.skatteetaten(),
      headers: { 'If-Match': current.headers.get('etag')! },
      body: { ...description, title: { nb: 'Endret i API-et' } },
    })
    expect(meanwhile.status, meanwhile.text).toBe(200)

    const stale = await publisher.submit(`${datasetsPath}/${dataset!.id}`, {
      ...incomeDatasetForm(),
      'title.nb': 'Endret i portalen',
      version: loaded,
    })
    expect(stale.status).toBe(412)
    expect(stale.headers.get('content-type')).toContain('text/html')
    expect(await stale.text()).toContain('Noen andre har endret dette i mellomtiden')
    expect((await app.get(`/catalog/datasets/${dataset!.id}`)).body.title.nb).toBe('Endret i API-et')
  })

  it('deletes a dataset after a confirmation page', async () => {
    const created = await publisher.submit(datasetsPath, { ...incomeDatasetForm(), 'title.nb': 'Til sletting' })
    expect(created.status).toBe(303)
    const doomed = (await ownDatasets()).find((dataset) => dataset.title.nb === 'Til sletting')!
    const confirm = await publisher.page(`${datasetsPath}/${doomed.id}/delete`)
    expect(confirm.status).toBe(200)
    expect(confirm.html).toContain('Slette «Til sletting»?')
    const deleted = await publisher.submit(`${datasetsPath}/${doomed.id}/delete`, { version: String(doomed.version) })
    expect(deleted.status).toBe(303)
    expect(deleted.headers.get('location')).toBe(`${datasetsPath}?done=deleted`)
    expect((await app.get(`/catalog/datasets/${doomed.id}`)).status).toBe(404)
  })

  it('lists the organisation’s non-public datasets too, without a public page link', async () => {
    const hidden = await publisher.submit(datasetsPath, {
      ...incomeDatasetForm(),
      'title.nb': 'Intern kontrolliste',
      accessRights: 'NON_PUBLIC',
    })
    expect(hidden.status).toBe(303)
    const id = (await ownDatasets()).find((dataset) => dataset.title.nb === 'Intern kontrolliste')!.id
    const list = await publisher.page(datasetsPath)
    expect(list.html).toContain('Intern kontrolliste')
    expect(list.html).toContain(`href="${datasetsPath}/${id}"`)
    expect(list.html).not.toContain(`href="/datasets/${id}"`)
    expect((await app.get(`/catalog/datasets/${id}`)).status).toBe(404)
  })
})
