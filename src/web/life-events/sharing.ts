import { findActiveRulesOf } from '../../catalog/access-rules.repo.ts'
import type { AccessRule, Dataset } from '../../catalog/dataset.schemas.ts'
import type { LifeEvent } from '../../catalog/life-events.ts'
import { findOrganisation } from '../../catalog/organisations.ts'
import { type DatasetPage, searchDatasets } from '../../catalog/search.ts'
import type { SearchCache } from '../../catalog/search-facets.ts'
import type { Database } from '../../db/database.ts'

/** What one life event's page shows: the datasets tagged with it, their rules, and who the parties are. */
export interface LifeEventSharing {
  datasets: { dataset: Dataset; rules: AccessRule[] }[]
  /** How many datasets are tagged in all; more than `datasets` when the page shows only the first ones. */
  total: number
  /** The publishing organisations, each once. */
  publishers: number
  /** Names of the recipient organisations Deling knows, by orgnr. */
  recipientNames: Map<string, string>
}

/** A page of this size keeps the cross-agency view readable; the search has the rest. */
export const sharingPageSize = 50

/**
 * The cross-agency view of a life event for anybody: its public and restricted datasets (never an organisation's
 * non-public ones) with the access rules that say who may receive what from them.
 */
export async function lifeEventSharing(
  db: Database,
  event: LifeEvent,
  options: { cache: SearchCache<DatasetPage>; now: Date },
): Promise<LifeEventSharing> {
  const page = await searchDatasets(db, { lifeEvent: event.key, limit: sharingPageSize }, undefined, options)
  const rules = await findActiveRulesOf(
    db,
    page.items.map((dataset) => dataset.id),
  )
  const recipients = new Set(
    [...rules.values()].flat().flatMap((rule) => (rule.recipient === 'any' ? [] : [rule.recipient.orgnr])),
  )
  const organisations = await Promise.all([...recipients].map((orgnr) => findOrganisation(db, orgnr)))
  return {
    datasets: page.items.map((dataset) => ({ dataset, rules: rules.get(dataset.id) ?? [] })),
    total: page.total ?? page.items.length,
    publishers: page.facets?.publisher.length ?? new Set(page.items.map((dataset) => dataset.publisher.orgnr)).size,
    recipientNames: new Map(organisations.flatMap((found) => (found ? [[found.orgnr, found.name]] : []))),
  }
}

/** How many datasets anybody can see for each life event, by key. */
export async function lifeEventCounts(
  db: Database,
  options: { cache: SearchCache<DatasetPage>; now: Date },
): Promise<Map<string, number>> {
  const page = await searchDatasets(db, { limit: 1 }, undefined, options)
  return new Map((page.facets?.lifeEvent ?? []).map((facet) => [facet.value, facet.count]))
}
