import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeSeedMarker } from '../../src/demo/repo.ts'
import { lifeEventSeedVersion, seedDemo } from '../../src/demo/seed.ts'
import { startTestApp, type TestApp } from '../support/app.ts'
import { catalogActors, openDataset } from '../support/catalog.ts'

/** The hrefs of the links whose text contains `text` (HTML-escaped as the page writes it). */
const linksTo = (html: string, text: string) =>
  [...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)]
    .filter((match) => match[2]!.replace(/<[^>]+>/g, '').includes(text))
    .map((match) => match[1]!.replaceAll('&amp;', '&'))

const datasetSections = (html: string) => html.match(/<article class="life-event__dataset"/g)?.length ?? 0

describe('life-event pages (/life-events, /life-events/{key}) on the demo catalog', () => {
  let app: TestApp
  let dataDir: string

  beforeAll(async () => {
    app = await startTestApp({ env: { DELING_DEMO: '1' } })
    dataDir = await mkdtemp(path.join(tmpdir(), 'deling-life-events-'))
    const db = app.host.database.db
    const seed = () => seedDemo(db, { dataDir, logger: app.host.deps.logger, publicUrl: app.url })
    await seed()
    // A database seeded before life events existed: no tags, and the marker at the step before. The next start tags it.
    await db.execute(sql`update datasets set life_events = '{}', details = details - 'lifeEvents'`)
    await writeSeedMarker(db, { version: lifeEventSeedVersion - 1, appliedAt: new Date().toISOString() })
    expect((await app.get('/catalog/datasets?lifeEvent=losing-a-job')).body.total).toBe(0)
    const upgraded = await seed()
    expect(upgraded.applied).toContain(lifeEventSeedVersion)
    // NAV's non-public dataset for the same life event: never on the anonymous pages.
    const nav = await (await catalogActors(app)).nav()
    const hidden = await app.post(
      '/catalog/datasets',
      {
        ...openDataset('Interne saksnotater om ledighet'),
        accessRights: 'NON_PUBLIC',
        lifeEvents: [`${app.url}/life-events/losing-a-job`],
      },
      { token: nav },
    )
    expect(hidden.status).toBe(201)
  })
  afterAll(async () => {
    await app?.close()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('lists every life event with how many datasets serve it, in bokmål and English', async () => {
    const res = await app.get('/life-events')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.text).toContain('<h1>Livshendelser</h1>')
    expect(linksTo(res.text, 'Miste jobben')).toEqual(['/life-events/losing-a-job'])
    expect(linksTo(res.text, 'Å få barn')).toEqual(['/life-events/having-a-child'])
    expect(res.text).toMatch(/Miste jobben<\/a><\/h2><p>[^<]*<\/p><p class="result__meta">3 datasett<\/p>/)
    expect(res.text).toMatch(/Å få barn<\/a><\/h2><p>[^<]*<\/p><p class="result__meta">Ingen datasett ennå<\/p>/)

    const english = await app.get('/life-events?lang=en')
    expect(english.text).toContain('<h1>Life events</h1>')
    expect(english.text).toMatch(/Losing a job<\/a><\/h2><p>[^<]*<\/p><p class="result__meta">3 datasets<\/p>/)
  })

  it('shows for one life event which agencies share what with whom, with each dataset’s rules', async () => {
    const res = await app.get('/life-events/losing-a-job')
    expect(res.status).toBe(200)
    expect(res.text).toContain('<h1>Miste jobben</h1>')
    expect(res.text).toContain('3 datasett fra 2 virksomheter brukes når dette skjer.')
    expect(res.text).toContain(`<code class="wrap">${app.url}/life-events/losing-a-job</code>`)
    // The overview: publisher, recipients and their purposes per dataset.
    expect(res.text).toMatch(
      /Inntektsopplysninger fra a-ordningen<\/a>: <strong>Skatteetaten<\/strong> deler med NAV \(org\.nr\. 889640782\) \(Behandle søknad om dagpenger, Beregne sykepenger\); alle virksomheter som har samtykke fra personen \(Vurdere en søknad om lån\)/,
    )
    expect(res.text).toMatch(/Ledige stillinger<\/a>: <strong>NAV<\/strong> har ingen tilgangsregler ennå/)
    // The detail: one access table per dataset, each with its own heading id.
    expect(datasetSections(res.text)).toBe(3)
    expect(res.text.match(/<h4 id="rules-ds_[0-9a-z]{20}">Hvem kan få hva<\/h4>/g)).toHaveLength(3)
    expect(res.text).not.toContain('id="who-gets-what"')
    expect(res.text).not.toContain('Interne saksnotater om ledighet')
    expect(linksTo(res.text, 'Søk i disse datasettene')).toEqual(['/datasets?lifeEvent=losing-a-job'])
  })

  it('names the national concept where Digdir has one, and says when none is tagged yet', async () => {
    const res = await app.get('/life-events/having-a-child?lang=en')
    expect(res.status).toBe(200)
    expect(res.text).toContain('In Digdir&#39;s common vocabulary of life events:')
    expect(res.text).toContain('https://data.norge.no/vocabulary/life-event-type#having-a-child')
    expect(res.text).toContain('No dataset is tagged with this life event yet.')
    expect(datasetSections(res.text)).toBe(0)
  })

  it('answers an unknown life event with a 404 page, the key escaped', async () => {
    const res = await app.get('/life-events/%3Cscript%3Ealert(1)%3C%2Fscript%3E')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.text).toContain('Fant ikke livshendelsen')
    expect(res.text).not.toContain('<script>')
  })

  it('narrows the catalog search by a life-event facet', async () => {
    const res = await app.get('/datasets?lifeEvent=losing-a-job')
    expect(res.status).toBe(200)
    expect(res.text).toMatch(/<h3>Livshendelse<\/h3>/)
    expect(res.text).toContain('3 datasett passer')
    expect(res.text).toMatch(/aria-current="true">Miste jobben<span class="visually-hidden"> \(valgt\)/)
    expect(linksTo(res.text, 'Fjern filteret Livshendelse: Miste jobben')).toEqual(['/datasets'])
    const all = await app.get('/datasets')
    expect(linksTo(all.text, 'Kjøpe bolig')).toEqual(['/datasets?lifeEvent=buying-a-home'])
    const bad = await app.get('/datasets?lifeEvent=winning-the-lottery')
    expect(bad.status).toBe(400)
  })

  it('links the life events from the start page, the footer and each tagged dataset', async () => {
    const home = await app.get('/')
    expect(linksTo(home.text, 'Livshendelser')).toEqual(['/life-events', '/life-events'])
    const search = await app.get('/datasets?lifeEvent=moving')
    const [datasetLink] = linksTo(search.text, 'Skattestatistikk for kommuner')
    const dataset = await app.get(datasetLink!)
    expect(linksTo(dataset.text, 'Flytte')).toEqual(['/life-events/moving'])
  })
})
