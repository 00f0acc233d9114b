import type { OrganisationCaller } from '../auth/caller.ts'
import type { Database } from '../db/database.ts'
import { type FieldError, Problem, validationFailed } from '../http/problem.ts'
import { newId } from '../ids.ts'
import { findActiveRules, markRuleDeleted, toAccessRule } from './access-rules.repo.ts'
import type { AccessRule, Dataset, NewDataset } from './dataset.schemas.ts'
import {
  type ChangeActor,
  type DatasetRow,
  findDatasetRow,
  insertDataset,
  listChanges,
  loadDatasets,
  markDatasetDeleted,
  recordChange,
  updateDatasetRow,
} from './datasets.repo.ts'
import { normaliseLifeEventUris } from './life-events.ts'
import { findOrganisation } from './organisations.ts'
import type { ProducerApiCheck } from './producer-openapi-basics.ts'
import { fieldExists } from './record-schema.ts'

/** A change of the catalog: who makes it, when, and how producer API documents are checked. */
export interface CatalogWrite {
  actor: ChangeActor
  now: Date
  checkProducerApi: ProducerApiCheck
  /** Whose dataset it is when the actor acts for another organisation (the operator's harvest); else the actor's. */
  publisherOrgnr?: string
  /** This installation's public URL: Deling's own life-event URIs are stored under it (ADR 0012). */
  publicUrl?: string
}

// Each life event once, and an own concept under this installation's URL, whichever Deling's URI was sent.
const withStoredLifeEvents = (dataset: NewDataset, publicUrl: string | undefined): NewDataset => ({
  ...dataset,
  lifeEvents: normaliseLifeEventUris(dataset.lifeEvents ?? [], publicUrl),
})

/** Who is looking: an organisation (which sees its own non-public datasets), or anyone. */
export type Viewer = { orgnr: string } | undefined

export const actorOf = (caller: OrganisationCaller): ChangeActor => ({
  orgnr: caller.orgnr,
  clientId: caller.clientId,
  via: 'api',
})

/** Whether the viewer may see a dataset at all: NON_PUBLIC datasets are the publisher's alone. */
export const canSee = (row: Pick<DatasetRow, 'accessRights' | 'publisherOrgnr'>, viewer: Viewer) =>
  row.accessRights !== 'NON_PUBLIC' || viewer?.orgnr === row.publisherOrgnr

const notFound = (id: string) => new Problem(404, 'not-found', `No dataset ${id}`)

/** A dataset the viewer may see, or 404 (also for one that exists but is hidden from the viewer). */
export async function getDataset(db: Database, id: string, viewer: Viewer): Promise<Dataset> {
  // loadDatasets leaves deleted datasets out and carries what visibility needs: one read, not two.
  const [dataset] = await loadDatasets(db, [id])
  if (!dataset || !canSeeDataset(dataset, viewer)) throw notFound(id)
  return dataset
}

/** {@link canSee} for a loaded dataset. */
export const canSeeDataset = (dataset: Dataset, viewer: Viewer) =>
  canSee({ accessRights: dataset.accessRights, publisherOrgnr: dataset.publisher.orgnr }, viewer)

/**
 * The dataset row for a change by `orgnr`, locked until the transaction ends. Another organisation gets 404 for a
 * dataset it cannot see and 403 for one it can, so a change attempt never reveals a hidden dataset.
 */
export async function datasetForChange(db: Database, id: string, orgnr: string): Promise<DatasetRow> {
  const row = await findDatasetRow(db, id, true)
  if (!row || row.deletedAt || !canSee(row, { orgnr })) throw notFound(id)
  if (row.publisherOrgnr !== orgnr)
    throw new Problem(403, 'forbidden', `Dataset ${id} is published by ${row.publisherOrgnr}; only it may change it`)
  return row
}

/** The versions an `If-Match` header names (RFC 9110 §13.1.1); a harvest passes the one it read. */
export type IfMatch = number | readonly number[]

export function checkVersion(row: { version: number }, ifMatch: IfMatch | undefined, what: string) {
  if (ifMatch === undefined) return
  const versions = typeof ifMatch === 'number' ? [ifMatch] : ifMatch
  if (!versions.includes(row.version))
    throw new Problem(
      412,
      'precondition-failed',
      `${what} is at version ${row.version}, not ${versions.join(' or ') || 'the one named'}`,
    )
}

async function publisherName(db: Database, orgnr: string): Promise<string> {
  const organisation = await findOrganisation(db, orgnr)
  if (!organisation)
    throw new Problem(403, 'organisation-not-registered', `Organisation ${orgnr} is not registered in Deling`)
  return organisation.name
}

/** Checks what zod cannot: producer API documents, and that kept part ids belong to this dataset. */
async function checkDescription(
  dataset: NewDataset,
  existing: Dataset | undefined,
  checkProducerApi: ProducerApiCheck,
): Promise<void> {
  const errors: FieldError[] = []
  const keptBases = new Set(existing?.legalBases.map((basis) => basis.id))
  const keptServices = new Set(existing?.dataServices.map((service) => service.id))
  dataset.legalBases.forEach((basis, i) => {
    if (basis.id && !keptBases.has(basis.id))
      errors.push({
        in: 'body',
        pointer: `/legalBases/${i}/id`,
        detail: `${basis.id} is not a legal basis of this dataset`,
      })
  })
  for (const [i, service] of dataset.dataServices.entries()) {
    if (service.id && !keptServices.has(service.id))
      errors.push({
        in: 'body',
        pointer: `/dataServices/${i}/id`,
        detail: `${service.id} is not a data service of this dataset`,
      })
    if (service.openapi) {
      for (const reason of await checkProducerApi(service.openapi))
        errors.push({ in: 'body', pointer: `/dataServices/${i}/openapi`, detail: reason })
    }
  }
  if (errors.length) throw validationFailed(errors)
}

/** Publishes a dataset for the caller's organisation: the publisher always comes from the token. */
export async function createDataset(
  db: Database,
  { actor, now, checkProducerApi, publisherOrgnr = actor.orgnr, publicUrl }: CatalogWrite,
  described: NewDataset,
  sourceUri?: string,
): Promise<Dataset> {
  const dataset = withStoredLifeEvents(described, publicUrl)
  await checkDescription(dataset, undefined, checkProducerApi)
  const name = await publisherName(db, publisherOrgnr)
  const id = newId('ds')
  return db.transaction(async (tx) => {
    await insertDataset(tx, { id, publisherOrgnr, publisherName: name, sourceUri, at: now }, dataset)
    const [created] = await loadDatasets(tx, [id])
    await recordChange(tx, actor, snapshotChange(created!, 'created', now))
    return created!
  })
}

/** Replaces the description of a dataset the caller publishes. Legal bases and services keep the ids they name. */
export async function updateDataset(
  db: Database,
  { actor, now, checkProducerApi, publisherOrgnr = actor.orgnr, publicUrl }: CatalogWrite,
  id: string,
  described: NewDataset,
  ifMatch?: IfMatch,
): Promise<Dataset> {
  const dataset = withStoredLifeEvents(described, publicUrl)
  const name = await publisherName(db, publisherOrgnr)
  return db.transaction(async (tx) => {
    const row = await datasetForChange(tx, id, publisherOrgnr)
    checkVersion(row, ifMatch, `Dataset ${id}`)
    const [existing] = await loadDatasets(tx, [id])
    await checkDescription(dataset, existing, checkProducerApi)
    await checkRulesStillHold(tx, id, dataset)
    await updateDatasetRow(tx, { id, publisherName: name, version: row.version + 1, at: now }, dataset)
    const [updated] = await loadDatasets(tx, [id])
    await recordChange(tx, actor, snapshotChange(updated!, 'updated', now))
    return updated!
  })
}

// A change of the description must not leave an active rule pointing at a removed legal basis or field.
async function checkRulesStillHold(db: Database, datasetId: string, dataset: NewDataset): Promise<void> {
  const rules = await findActiveRules(db, datasetId)
  const bases = new Map(dataset.legalBases.flatMap((basis) => (basis.id ? [[basis.id, basis.type]] : [])))
  const broken: string[] = []
  for (const rule of rules) {
    const basisType = rule.legalBasisId ? bases.get(rule.legalBasisId) : undefined
    if (rule.legalBasisId && !basisType)
      broken.push(`access rule ${rule.id} relies on legal basis ${rule.legalBasisId}`)
    else if (basisType === 'non-disclosure')
      broken.push(`access rule ${rule.id} gives access under ${rule.legalBasisId}, which would become non-disclosure`)
    const missing = rule.fields.filter(
      (pointer) => !dataset.recordSchema || !fieldExists(dataset.recordSchema, pointer),
    )
    if (missing.length) broken.push(`access rule ${rule.id} delivers ${missing.join(', ')}, not in the record schema`)
  }
  if (broken.length)
    throw new Problem(409, 'conflict', `Change or delete these access rules first: ${broken.join('; ')}`)
}

/** Deletes a dataset the caller publishes, and with it its access rules; the history stays. */
export async function deleteDataset(
  db: Database,
  actor: ChangeActor,
  id: string,
  now: Date,
  ifMatch?: IfMatch,
): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await datasetForChange(tx, id, actor.orgnr)
    checkVersion(row, ifMatch, `Dataset ${id}`)
    const [existing] = await loadDatasets(tx, [id])
    const rules = await findActiveRules(tx, id)
    // The dataset's write (and the facet counts its triggers keep) before recordChange takes the catalog version,
    // the order of every catalog change: the other way round a deletion and a publication could deadlock.
    await markDatasetDeleted(tx, id, row.version + 1, now)
    for (const rule of rules) {
      const deleted = toAccessRule(await markRuleDeleted(tx, rule.id, rule.version + 1, now))
      await recordChange(tx, actor, ruleChange(deleted, 'deleted', now))
    }
    await recordChange(tx, actor, { ...snapshotChange(existing!, 'deleted', now), version: row.version + 1 })
  })
}

/** The history entry of an access rule as it became by this change. */
export function ruleChange(rule: AccessRule, change: 'created' | 'updated' | 'deleted', at: Date) {
  return {
    datasetId: rule.datasetId,
    resource: 'access-rule' as const,
    resourceId: rule.id,
    version: rule.version,
    change,
    snapshot: rule as unknown as Record<string, unknown>,
    at,
  }
}

function snapshotChange(dataset: Dataset, change: 'created' | 'updated' | 'deleted', at: Date) {
  return {
    datasetId: dataset.id,
    resource: 'dataset' as const,
    resourceId: dataset.id,
    version: dataset.version,
    change,
    snapshot: dataset as unknown as Record<string, unknown>,
    at,
  }
}

/** The history of a dataset and its rules, oldest first, for whoever may see the dataset. */
export async function datasetHistory(db: Database, id: string, viewer: Viewer) {
  const row = await findDatasetRow(db, id)
  if (!row || !canSee(row, viewer)) throw notFound(id)
  const changes = await listChanges(db, id)
  return changes.map((change) => ({
    resource: change.resource,
    resourceId: change.resourceId,
    version: change.version,
    change: change.change,
    by: {
      orgnr: change.actorOrgnr,
      ...(change.actorClientId ? { clientId: change.actorClientId } : {}),
      // A civil servant's fødselsnummer is for their own organisation's eyes, not for everyone who reads the catalog.
      ...(change.actorPid && viewer?.orgnr === row.publisherOrgnr ? { pid: change.actorPid } : {}),
    },
    via: change.via,
    at: change.at.toISOString(),
    snapshot: change.snapshot,
  }))
}
