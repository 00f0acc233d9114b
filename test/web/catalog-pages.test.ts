import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dataset } from '../../src/catalog/dataset.schemas.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { demoOrganisations } from '../support/tokens.ts'
import { type PublishedCatalog, publishDemoCatalog } from './publish-demo.ts'

const econ = 'http://publications.europa.eu/resource/authority/data-theme/ECON'
const nav = demoOrganisations.nav.orgnr

/** The hrefs of the links whose text contains `text` (HTML-escaped as the page writes it). */
const linksTo = (html: string, text: string) =>
  [...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)]
    .filter((match) => match[2]!.replace(/<[^>]+>/g, '').includes(text))
    .map((match) => match[1]!.replaceAll('&amp;', '&'))

const resultCount = (html: string) => html.match(/<li class="result">/g)?.length ?? 0

describe('catalog pages for developers (/datasets, /datasets/{id})', () => {
  let app: TestApp
  let catalog: PublishedCatalog
  let income: Dataset

  beforeAll(async () => {
    app = await startTestApp()
    catalog = await publishDemoCatalog(app, 11)
    income = catalog.byTitle.get('Inntektsopplysninger fra a-ordningen')!
  })
  afterAll(() => app?.close())

  it('searches with words, shows facet counts as links that keep the words, and filters by a facet', async () => {
    const res = await app.get('/datasets?q=inntekt')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.text).toContain('<label for="q">Søk i datasett</label>')
    expect(res.text).toContain('value="inntekt"')
    expect(res.text).toMatch(/2 datasett passer med «inntekt»/)
    expect(linksTo(res.text, 'Inntektsopplysninger fra a-ordningen')).toEqual([`/datasets/${income.id}`])
    expect(res.text).toContain('<span class="badge badge--restricted">Begrenset</span>')
    expect(res.text).toContain('<span class="badge badge--public">Åpne data</span>')
    expect(res.text).toContain('a-opplysningsloven § 7')
    const [econLink] = linksTo(res.text, 'Økonomi og finans')
    expect(econLink).toBe(`/datasets?q=inntekt&theme=${encodeURIComponent(econ)}`)
    expect(res.text).toMatch(/Skatteetaten<\/a> <span class="count">\(2 datasett\)<\/span>/)

    const open = await app.get('/datasets?q=inntekt&accessRights=PUBLIC')
    expect(open.status).toBe(200)
    expect(resultCount(open.text)).toBe(1)
    expect(open.text).toContain('Skattestatistikk for kommuner')
    expect(open.text).not.toContain('Inntektsopplysninger fra a-ordningen')
    expect(linksTo(open.text, 'Fjern filteret Tilgang: Åpne data')).toEqual(['/datasets?q=inntekt'])

    const byTheme = await app.get(econLink!)
    expect(resultCount(byTheme.text)).toBe(2)
    expect(byTheme.text).toMatch(/aria-current="true">Økonomi og finans<span class="visually-hidden"> \(valgt\)/)
  })

  it('pages with the next cursor, keeping the filters, and shows the facets on later pages too', async () => {
    const first = await app.get(`/datasets?publisher=${nav}`)
    expect(first.text).toContain('13 datasett passer')
    expect(resultCount(first.text)).toBe(10)
    const [next] = linksTo(first.text, 'Neste side')
    expect(next).toMatch(new RegExp(`^/datasets\\?publisher=${nav}&cursor=[\\w-]+$`))

    const second = await app.get(next!)
    expect(second.status).toBe(200)
    expect(resultCount(second.text)).toBe(3)
    expect(linksTo(second.text, 'Neste side')).toEqual([])
    expect(linksTo(second.text, 'Første side')).toEqual([`/datasets?publisher=${nav}`])
    expect(second.text).toContain('13 datasett passer')
    expect(second.text).toContain('Avgrens treffene')
    expect(second.text).not.toContain('Interne saksbehandlingsnotater')
  })

  it('answers a bad cursor or filter with a friendly 400 page, not a problem or a 500', async () => {
    const first = await app.get('/datasets')
    const [next] = linksTo(first.text, 'Neste side')
    for (const path of [
      '/datasets?cursor=not-a-cursor',
      `${next}&q=inntekt`,
      '/datasets?publisher=123456789',
      '/datasets?accessRights=SECRET',
      `/datasets?q=${'x'.repeat(300)}`,
    ]) {
      const res = await app.get(path)
      expect(res.status, path).toBe(400)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expect(res.text).toContain('<h1>Søket kan ikke vises</h1>')
      expect(linksTo(res.text, 'Start et nytt søk')).toEqual(['/datasets'])
    }
    const english = await app.get('/datasets?cursor=nope&lang=en')
    expect(english.text).toContain('<h1>The search cannot be shown</h1>')
  })

  it('shows a dataset with its legal bases, who may receive what, its API and the DCAT-AP-NO links', async () => {
    const res = await app.get(`/datasets/${income.id}`)
    expect(res.status).toBe(200)
    const html = res.text
    expect(html).toContain('<h1>Inntektsopplysninger fra a-ordningen</h1>')
    expect(html).toContain('Inntekt, ytelser og arbeidsforhold')
    expect(html).toContain('Skatteetaten (org.nr. 974761076)')
    expect(linksTo(html, 'Alle datasett fra Skatteetaten')).toEqual(['/datasets?publisher=974761076'])
    expect(html).toContain('Forvaltning og offentlig sektor')
    expect(html).toContain('inntekt, a-melding, a-ordningen, arbeidsforhold')
    expect(linksTo(html, 'datadeling@skatteetaten.example')).toEqual(['mailto:datadeling@skatteetaten.example'])
    expect(html).toContain('Datasettet inneholder personopplysninger.')
    expect(linksTo(html, 'a-opplysningsloven § 7')).toContain('https://lovdata.no/lov/2012-06-22-43/§7')
    expect(html).toMatch(/a-opplysningsloven § 7<\/a><span class="block muted">Utleveringshjemmel/)
    expect(html).toMatch(/\(taushetsplikt\)<\/a><span class="block muted">Skjermingshjemmel/)

    expect(html).toContain('<h2 id="who-gets-what">Hvem kan få hva</h2>')
    const rows = html.split('<tbody>')[1]!.split('</tbody>')[0]!.split('<tr>').slice(1)
    expect(rows).toHaveLength(3)
    const dagpenger = rows.find((row) => row.includes('dagpenger'))!
    expect(dagpenger).toContain('Arbeids- og velferdsetaten (org.nr. 889640782)')
    expect(dagpenger).toContain('Behandle søknad om dagpenger')
    expect(dagpenger).toMatch(/<a href="https:\/\/lovdata.no\/lov\/2012-06-22-43\/§7">a-opplysningsloven § 7<\/a>/)
    for (const field of [
      'Fødselsnummer',
      'Inntekter › Beløp',
      'Inntekter › Periode',
      'Arbeidsgiver › Organisasjonsnummer',
    ])
      expect(dagpenger).toContain(field)
    expect(dagpenger).toContain('Uten tidsgrense')
    expect(dagpenger).toContain('Gjentatt')
    const loan = rows.find((row) => row.includes('laanesoknad'))!
    expect(loan).toContain('Alle virksomheter med samtykke')
    expect(loan).toContain('Samtykke fra den opplysningene gjelder')
    expect(loan).toContain('Én gang')

    expect(html).toContain(`${app.url}/gateway/${income.id}`)
    expect(linksTo(html, 'OpenAPI-dokumentet for API-et gjennom Deling')).toEqual([
      `/catalog/datasets/${income.id}/openapi.json`,
    ])
    expect(linksTo(html, 'OpenAPI for Arbeids- og velferdsetaten')).toContain(
      `/catalog/datasets/${income.id}/openapi.json?recipient=${nav}&purpose=dagpenger`,
    )
    const cut = await app.get(`/catalog/datasets/${income.id}/openapi.json?recipient=any&purpose=laanesoknad`)
    expect(cut.status).toBe(200)
    expect(html).toMatch(
      /<span class="method">GET<\/span>[\s\S]*\/inntekt\/\{personidentifikator\}[\s\S]*Inntekt for én person/,
    )
    expect(linksTo(html, 'Hele katalogen i DCAT-AP-NO')).toEqual(['/catalog/dcat'])
    expect(html).toContain(`curl -H &#39;Accept: text/turtle&#39; ${app.url}/catalog/datasets/${income.id}`)
  })

  it('shows the dataset page in English', async () => {
    const res = await app.get(`/datasets/${income.id}?lang=en`)
    expect(res.status).toBe(200)
    expect(res.text).toContain('<html lang="en">')
    expect(res.text).toContain('<h1>Income information from the a-ordning</h1>')
    expect(res.text).toContain('<h2 id="who-gets-what">Who may receive what</h2>')
    expect(res.text).toContain('Any organisation with consent')
    expect(res.text).toContain('Consent of the person concerned')
    expect(res.text).toContain('Process an application for unemployment benefit')
    expect(res.text).toContain('Income › Amount')
    expect(res.text).toContain('<span class="badge badge--restricted">Restricted</span>')
    expect(res.text).toContain('Legal basis for disclosure (utleveringshjemmel)')
    const search = await app.get('/datasets?q=inntekt', { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } })
    expect(search.text).toContain('2 datasets match &quot;inntekt&quot;')
    expect(search.text).toContain('Economy and finance')
  })

  it('answers a non-public dataset of another organisation and unknown ids with the 404 page', async () => {
    expect(catalog.hidden.accessRights).toBe('NON_PUBLIC')
    for (const id of [catalog.hidden.id, 'ds_aaaaaaaaaaaaaaaaaaaa', 'nonsense', '%00']) {
      const res = await app.get(`/datasets/${id}`)
      expect(res.status, id).toBe(404)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      expect(res.text).toContain('<h1>Fant ikke datasettet</h1>')
      expect(res.text).not.toContain('Interne saksbehandlingsnotater')
    }
  })

  it('keeps the pages out of the OpenAPI document, and the start page leads to the catalog', async () => {
    const document = (await app.get('/openapi.json')).body
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/datasets'))).toEqual([])
    const home = await app.get('/')
    expect(home.text).toContain('action="/datasets"')
    expect(linksTo(home.text, 'Se alle datasett i datakatalogen')).toEqual(['/datasets'])
  })
})
