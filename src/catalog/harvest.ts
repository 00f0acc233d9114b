import type { Database } from '../db/database.ts'
import { errorCodes, isRolledBackByConcurrentChange, retryConcurrentChange } from '../db/errors.ts'
import { isUnstorableValue } from '../http/errors.ts'
import { Problem } from '../http/problem.ts'
import type { NewDataset } from './dataset.schemas.ts'
import { findDatasetBySource, loadDatasets } from './datasets.repo.ts'
import { createDataset, updateDataset } from './datasets.ts'
import { parseRdf } from './dcat/harvest-parse.ts'
import { readPublishers } from './dcat/harvest-publishers.ts'
import { type HarvestedDataset, readCatalog } from './dcat/harvest-read.ts'
import type { HarvestedDatasetReport, HarvestReport } from './harvest.schemas.ts'
import { keepStoredParts, sameDescription } from './harvest-merge.ts'
import { fetchSource } from './harvest-source.ts'
import { normaliseLifeEventUris } from './life-events.ts'
import { addOrganisation, findOrganisation } from './organisations.ts'
import type { ProducerApiCheck } from './producer-openapi-basics.ts'

export interface HarvestInput {
  caller: { orgnr: string; clientId: string | undefined; scopes: ReadonlySet<string> }
  body: string
  contentType: string
  /** Resolves relative IRIs; a dataset is recognised at the next harvest by its IRI, so keep it stable per source. */
  baseIri: string
  now: Date
  checkProducerApi: ProducerApiCheck
  /** This installation's public URL: own life-event URIs of any Deling are stored under it (ADR 0012). */
  publicUrl?: string
}

type Outcome = Omit<HarvestedDatasetReport, 'uri' | 'problems'>

/**
 * Imports the datasets of a DCAT-AP-NO document. An organisation imports the datasets it publishes; the operator
 * (`deling:admin`) imports every dataset for its own publisher, registering publishers Deling does not know.
 * A dataset seen before (same publisher and IRI) is updated, or left alone when nothing changed. Each dataset is
 * its own transaction, and one that cannot be imported is reported as skipped: only a document that is not RDF
 * (400) or not in an RDF syntax (415) fails the whole harvest.
 */
export async function harvestCatalog(db: Database, input: HarvestInput): Promise<HarvestReport> {
  const { caller } = input
  const operator = caller.scopes.has('deling:admin')
  if (!operator && !(await findOrganisation(db, caller.orgnr)))
    throw new Problem(403, 'organisation-not-registered', `Organisation ${caller.orgnr} is not registered in Deling`)
  const quads = await parseRdf(input.body, input.contentType, input.baseIri)
  const reading = readCatalog(quads)
  const publishers = readPublishers(quads)
  const report: HarvestReport = {
    datasets: [],
    problems: reading.problems,
    registeredOrganisations: [],
    summary: { created: 0, updated: 0, unchanged: 0, skipped: 0 },
  }

  for (const harvested of reading.datasets) {
    const problems = [...harvested.problems]
    const skip = (detail: string, outcome: Omit<Outcome, 'result'> = {}): Outcome => {
      problems.push({ resource: harvested.uri, detail })
      return { ...outcome, result: 'skipped' }
    }
    let outcome: Outcome
    const orgnr = publisherFor(harvested, caller.orgnr, operator, publishers.namesPublisher(harvested.uri))
    if (typeof orgnr !== 'string') outcome = skip(orgnr.skipped)
    else if (!harvested.dataset) outcome = { publisher: { orgnr }, result: 'skipped' }
    else {
      if (orgnr === caller.orgnr && !harvested.publisherOrgnr) {
        problems.push({
          resource: harvested.uri,
          property: 'dct:publisher',
          detail: `No publisher is named; imported as published by you (${orgnr})`,
        })
      }
      if (operator) await registerPublisher(db, orgnr, publishers.names.get(orgnr), report)
      // The history names who harvested (the operator, or the publisher itself); the dataset keeps its publisher.
      const write = {
        actor: { orgnr: caller.orgnr, clientId: caller.clientId, via: 'harvest' as const },
        publisherOrgnr: orgnr,
        now: input.now,
        checkProducerApi: input.checkProducerApi,
        publicUrl: input.publicUrl,
      }
      const { refused, ...imported } = await importDataset(db, write, harvested.uri, harvested.dataset)
      outcome = refused ? skip(refused, imported) : imported
    }
    report.summary[outcome.result]++
    report.datasets.push({ uri: harvested.uri, ...outcome, problems })
  }
  return report
}

/** Whose dataset this is, or why the caller may not import it. */
function publisherFor(
  harvested: HarvestedDataset,
  callerOrgnr: string,
  operator: boolean,
  namesPublisher: boolean,
): string | { skipped: string } {
  const orgnr = harvested.publisherOrgnr
  if (orgnr === undefined) {
    // A document the caller sends and that names no publisher is the caller's own; an unreadable publisher is not.
    if (!operator && !namesPublisher) return callerOrgnr
    return { skipped: 'The publisher has no valid organisation number, so it is not known whose dataset this is' }
  }
  if (operator || orgnr === callerOrgnr) return orgnr
  return {
    skipped: `Published by ${orgnr}, not by you (${callerOrgnr}); only the publisher or the operator imports it`,
  }
}

async function importDataset(
  db: Database,
  write: Parameters<typeof createDataset>[1],
  uri: string,
  dataset: NewDataset,
): Promise<Outcome & { refused?: string }> {
  const publisher = { orgnr: write.publisherOrgnr ?? write.actor.orgnr }
  const found: Omit<Outcome, 'result'> = { title: dataset.title, publisher }
  // Each dataset is its own transaction: one that a concurrent change rolled back is read and written again.
  const importOnce = async (): Promise<Outcome> => {
    const row = await findDatasetBySource(db, publisher.orgnr, uri)
    if (!row) {
      const created = await createDataset(db, write, dataset, uri)
      return { id: created.id, title: created.title, publisher, result: 'created' }
    }
    found.id = row.id
    // The publisher deleted it in Deling on purpose; a harvest does not bring it back.
    if (row.deletedAt)
      throw new Problem(
        409,
        'conflict',
        `Dataset ${row.id} from this IRI was deleted in Deling; it is not imported again`,
      )
    const [stored] = await loadDatasets(db, [row.id])
    const description = keepStoredParts(
      { ...dataset, lifeEvents: normaliseLifeEventUris(dataset.lifeEvents ?? [], write.publicUrl) },
      stored!,
    )
    if (sameDescription(description, stored!))
      return { id: row.id, title: stored!.title, publisher, result: 'unchanged' }
    // If-Match: a change made through the API since the dataset was read wins over this harvest.
    const updated = await updateDataset(db, write, row.id, description, row.version)
    return { id: updated.id, title: updated.title, publisher, result: 'updated' }
  }
  try {
    return await retryConcurrentChange(importOnce)
  } catch (error) {
    const refused = refusal(error)
    if (refused === undefined) throw error
    return { ...found, result: 'skipped', refused }
  }
}

/** The operator's harvest registers a publisher Deling does not know, by the name the document gives it. */
async function registerPublisher(db: Database, orgnr: string, name: string | undefined, report: HarvestReport) {
  if (await findOrganisation(db, orgnr)) return
  try {
    const organisation = await addOrganisation(db, { orgnr, name: name ?? `Organisation ${orgnr}` })
    report.registeredOrganisations.push({ orgnr, name: organisation.name })
  } catch (error) {
    // Registered meanwhile by another request: what was wanted.
    if (!(error instanceof Problem && error.status === 409)) throw error
  }
}

/** Why one dataset was refused, or undefined for an error that must fail the request (the database is down). */
function refusal(error: unknown): string | undefined {
  if (error instanceof Problem) {
    const fields = error.options.errors?.map((field) => `${field.pointer}: ${field.detail}`) ?? []
    return [error.detail ?? error.message, ...fields].join('; ')
  }
  if (isUnstorableValue(error))
    return 'A value cannot be stored: a NUL character, an unpaired surrogate, or a date outside the years 1–9999'
  if (isRolledBackByConcurrentChange(error))
    return 'Concurrent changes to the catalog got in the way three times; harvest again to import it'
  // Two harvests of the same dataset at once: the unique (publisher, source IRI) index lets only one create it.
  if (errorCodes(error).includes('23505'))
    return 'The dataset was imported by another request at the same time; harvest again to update it'
  return undefined
}

/**
 * Harvests a registered source: fetches `url` (403 when it is not under a registered prefix, 502 when the fetch
 * fails) and imports it as `harvestCatalog` does, relative IRIs resolved against the URL it came from. A source
 * that answers with something other than RDF is the source's failure, so that too is a 502.
 */
export async function harvestSource(
  db: Database,
  input: Omit<HarvestInput, 'body' | 'contentType' | 'baseIri'> & { url: string; sources: readonly string[] },
): Promise<HarvestReport> {
  const document = await fetchSource(input.url, input.sources)
  try {
    const { body, contentType, url } = document
    return await harvestCatalog(db, { ...input, body, contentType, baseIri: url })
  } catch (error) {
    if (error instanceof Problem && (error.slug === 'not-rdf' || error.slug === 'unsupported-media-type'))
      throw new Problem(
        502,
        'upstream-failed',
        `The harvest source ${input.url} did not answer with RDF Deling reads: ${error.detail}`,
      )
    throw error
  }
}
