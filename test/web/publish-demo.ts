import type { Dataset } from '../../src/catalog/dataset.schemas.ts'
import { demoDatasets, demoRule } from '../../src/demo/catalog.ts'
import type { TestApp } from '../support/app.ts'
import { catalogActors, openDataset } from '../support/catalog.ts'
import { demoOrganisations } from '../support/tokens.ts'

export interface PublishedCatalog {
  /** The demo datasets by title (bokmål), as published through the API. */
  byTitle: Map<string, Dataset>
  /** A NON_PUBLIC dataset of NAV's: visible to NAV alone, never on the anonymous pages. */
  hidden: Dataset
}

/** Publishes the demo catalog (datasets and rules) through the real API, as Skatteetaten and NAV would. */
export async function publishDemoCatalog(app: TestApp, extraOpenDatasets = 0): Promise<PublishedCatalog> {
  const actors = await catalogActors(app)
  const tokens: Record<string, string> = {
    [demoOrganisations.skatteetaten.orgnr]: await actors.skatteetaten(),
    [demoOrganisations.nav.orgnr]: await actors.nav(),
  }
  const byTitle = new Map<string, Dataset>()
  for (const demo of demoDatasets) {
    const token = tokens[demo.publisher]!
    const created = await app.post('/catalog/datasets', demo.dataset, { token })
    if (created.status !== 201) throw new Error(`publishing ${demo.key}: ${created.status} ${created.text}`)
    const ids = created.body.legalBases.map((basis: { id: string }) => basis.id)
    for (const rule of demo.rules) {
      const added = await app.post(`/catalog/datasets/${created.body.id}/access-rules`, demoRule(rule, ids), { token })
      if (added.status !== 201) throw new Error(`rule of ${demo.key}: ${added.status} ${added.text}`)
    }
    byTitle.set(demo.dataset.title.nb!, created.body)
  }
  const navToken = tokens[demoOrganisations.nav.orgnr]!
  const hidden = await app.post(
    '/catalog/datasets',
    { ...openDataset('Interne saksbehandlingsnotater'), accessRights: 'NON_PUBLIC' },
    { token: navToken },
  )
  for (let i = 1; i <= extraOpenDatasets; i++) {
    const title = `Åpne tall ${String(i).padStart(2, '0')}`
    const created = await app.post('/catalog/datasets', openDataset(title), { token: navToken })
    if (created.status !== 201) throw new Error(`publishing ${title}: ${created.status}`)
  }
  return { byTitle, hidden: hidden.body }
}
