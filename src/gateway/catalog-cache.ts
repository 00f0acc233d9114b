import { findActiveRules, toAccessRule } from '../catalog/access-rules.repo.ts'
import type { AccessRule, Dataset } from '../catalog/dataset.schemas.ts'
import { loadDatasets, readCatalogVersion } from '../catalog/datasets.repo.ts'
import { canSeeDataset, type Viewer } from '../catalog/datasets.ts'
import type { Database } from '../db/database.ts'
import { Problem } from '../http/problem.ts'

interface Entry {
  version: number
  dataset: Dataset
  rules: AccessRule[]
}

/**
 * The datasets and rules the gateway decides on, kept per process and checked against the catalog's version on
 * every request (one single-row read): any committed change of any dataset or rule, from any instance, makes the
 * next request load afresh, so a rule change or deletion applies from the next decision, as without a cache.
 * The version is read before the data, so an entry is never older than the version it is stored under.
 */
export class GatewayCatalogCache {
  readonly #entries = new Map<string, Entry>()
  readonly #capacity: number

  constructor(capacity = 1000) {
    this.#capacity = capacity
  }

  async get(db: Database, datasetId: string, viewer: Viewer): Promise<{ dataset: Dataset; rules: AccessRule[] }> {
    const version = await readCatalogVersion(db)
    let entry = this.#entries.get(datasetId)
    if (entry?.version !== version) {
      entry = await load(db, datasetId, version)
      this.#entries.delete(datasetId)
      this.#entries.set(datasetId, entry)
      if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value!)
    }
    if (!canSeeDataset(entry.dataset, viewer)) throw new Problem(404, 'not-found', `No dataset ${datasetId}`)
    return entry
  }
}

async function load(db: Database, datasetId: string, version: number): Promise<Entry> {
  const [dataset] = await loadDatasets(db, [datasetId])
  if (!dataset) throw new Problem(404, 'not-found', `No dataset ${datasetId}`)
  const rules = (await findActiveRules(db, datasetId)).map(toAccessRule)
  return { version, dataset, rules }
}
