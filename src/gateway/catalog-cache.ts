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

/** Subscribes to the notification the database sends when a change of the catalog commits (Node: LISTEN). */
export type CatalogChangeListener = (onChange: () => void) => Promise<unknown>

/** The channel `catalog_version`'s trigger notifies on (migration 0008). */
export const catalogChangedChannel = 'deling_catalog_changed'

/**
 * A version learnt from the database is trusted without asking again for this long, when notifications arrive:
 * it bounds how stale a rule can be if notifications are lost (the listening connection drops and reconnects).
 */
export const revalidateAfterMs = 500

/**
 * The datasets and rules the gateway decides on, kept per process under the catalog's version (a one-row counter
 * that every committed change of a dataset or rule increments, on any instance).
 *
 * Without notifications (Workers) the version is read on every request: a change applies from the next decision.
 * With them (the Node host listens), the version is read again only after a notification that the catalog
 * changed, or {@link revalidateAfterMs} after the last read, so the hot path reads nothing: a change applies on
 * every instance as soon as its notification arrives (milliseconds after the commit), and within 0.5 s even if
 * a notification is lost. Any notification on the channel counts (another schema's too): a spurious one costs
 * one read. The version is read before the data, so an entry is never older than the version it is stored under.
 */
export class GatewayCatalogCache {
  readonly #entries = new Map<string, Entry>()
  readonly #capacity: number
  #listening = false
  /** Bumped by every notification: a read that started before one cannot be trusted after it. */
  #generation = 0
  #known: { version: number; readAt: number } | undefined
  /** The read in flight, shared by the requests that arrive meanwhile, with the generation it started in. */
  #reading: { generation: number; version: Promise<number> } | undefined

  constructor(capacity = 1000) {
    this.#capacity = capacity
  }

  /** Starts trusting notifications; until the subscription is in place (or if it fails), every request reads. */
  async listen(subscribe: CatalogChangeListener): Promise<void> {
    await subscribe(() => {
      this.#generation++
      this.#known = undefined
    })
    this.#generation++
    this.#known = undefined
    this.#listening = true
  }

  async get(db: Database, datasetId: string, viewer: Viewer): Promise<{ dataset: Dataset; rules: AccessRule[] }> {
    const version = await this.#version(db)
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

  #version(db: Database): number | Promise<number> {
    if (!this.#listening) return readCatalogVersion(db)
    const known = this.#known
    if (known && performance.now() - known.readAt < revalidateAfterMs) return known.version
    // a read that started before the latest notification may miss the change it announced: do not join it
    if (this.#reading?.generation !== this.#generation) {
      const generation = this.#generation
      const readAt = performance.now()
      const reading = {
        generation,
        version: readCatalogVersion(db).then((version) => {
          if (generation === this.#generation) this.#known = { version, readAt }
          return version
        }),
      }
      const forget = () => {
        if (this.#reading === reading) this.#reading = undefined
      }
      reading.version.then(forget, forget)
      this.#reading = reading
    }
    return this.#reading.version
  }
}

async function load(db: Database, datasetId: string, version: number): Promise<Entry> {
  const [dataset] = await loadDatasets(db, [datasetId])
  if (!dataset) throw new Problem(404, 'not-found', `No dataset ${datasetId}`)
  const rules = (await findActiveRules(db, datasetId)).map(toAccessRule)
  return { version, dataset, rules }
}
