import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm'
import type { Database } from '../db/database.ts'
import { preparedQuery } from '../db/prepared.ts'
import {
  catalogChanges,
  catalogVersion,
  dataServices,
  datasets,
  legalBases,
  organisations,
} from '../db/schema/index.ts'
import { publisherUri } from '../identifiers/orgnr.ts'
import { newId } from '../ids.ts'
import type { Dataset, LanguageTextValue, NewDataset } from './dataset.schemas.ts'
import { findLifeEvent, lifeEventKeys } from './life-events.ts'

export type DatasetRow = typeof datasets.$inferSelect

/** Who made a change, and through which door. */
export interface ChangeActor {
  orgnr: string
  clientId: string | undefined
  /** The person acting for `orgnr` in the portal (their role there was checked). */
  pid?: string
  via: 'api' | 'portal' | 'harvest' | 'seed'
}

interface StoredDetails {
  description: LanguageTextValue
  keywords: NewDataset['keywords']
  contactPoint?: NewDataset['contactPoint']
  recordSchema?: NewDataset['recordSchema']
  /** The life-event URIs as the API shows them; the `life_events` column holds their keys. */
  lifeEvents?: string[]
}

const sortTitle = (title: LanguageTextValue) => (title.nb ?? title.nn ?? title.en ?? '').toLocaleLowerCase('nb')

const joinText = (...texts: (string | undefined)[]) => texts.filter(Boolean).join(' ')

/**
 * The full-text document of a dataset: Norwegian and English stemming for the texts in those languages, and the
 * `simple` configuration over everything so names and codes (a-melding, § 7) match as written.
 */
export function searchVector(dataset: NewDataset, publisherName: string): SQL {
  const { title, description, keywords } = dataset
  const norwegian = joinText(title.nb, title.nn, ...(keywords.nb ?? []), ...(keywords.nn ?? []))
  const english = joinText(title.en, ...(keywords.en ?? []))
  const lifeEventWords = lifeEventKeys(dataset.lifeEvents ?? []).flatMap((key) => {
    const labels = findLifeEvent(key)?.labels
    return labels ? [labels.nb, labels.en] : []
  })
  const all = joinText(
    norwegian,
    english,
    publisherName,
    ...dataset.legalBases.map((basis) => basis.title.nb),
    ...lifeEventWords,
  )
  const body = joinText(description.nb, description.nn)
  return sql`setweight(to_tsvector('norwegian', ${norwegian}), 'A')
    || setweight(to_tsvector('english', ${english}), 'A')
    || setweight(to_tsvector('simple', ${all}), 'B')
    || setweight(to_tsvector('norwegian', ${body}), 'C')
    || setweight(to_tsvector('english', ${description.en ?? ''}), 'C')`
}

/** The words of the legal bases' titles, as written (`simple`): "a-opplysningsloven § 7" finds by its name. */
export function legalVector(dataset: NewDataset): SQL {
  const titles = dataset.legalBases.flatMap((basis) => [basis.title.nb, basis.title.nn, basis.title.en])
  return sql`to_tsvector('simple', ${joinText(...titles)})`
}

function datasetColumns(dataset: NewDataset, publisherName: string) {
  const details: StoredDetails = {
    description: dataset.description,
    keywords: dataset.keywords,
    contactPoint: dataset.contactPoint,
    recordSchema: dataset.recordSchema,
    lifeEvents: dataset.lifeEvents,
  }
  return {
    title: dataset.title,
    sortTitle: sortTitle(dataset.title),
    accessRights: dataset.accessRights,
    themes: [...new Set(dataset.themes)],
    lifeEvents: lifeEventKeys(dataset.lifeEvents ?? []),
    containsPersonalData: dataset.containsPersonalData,
    details: details as unknown as Record<string, unknown>,
    searchVector: searchVector(dataset, publisherName) as unknown as string,
    legalBasisUris: [...new Set(dataset.legalBases.map((basis) => basis.uri))],
    legalVector: legalVector(dataset) as unknown as string,
  }
}

/** Inserts a dataset with its legal bases and data services; the ids in `dataset` are used as given. */
export async function insertDataset(
  db: Database,
  input: { id: string; publisherOrgnr: string; publisherName: string; sourceUri?: string; at: Date },
  dataset: NewDataset,
): Promise<void> {
  await db.insert(datasets).values({
    id: input.id,
    publisherOrgnr: input.publisherOrgnr,
    sourceUri: input.sourceUri,
    version: 1,
    createdAt: input.at,
    updatedAt: input.at,
    ...datasetColumns(dataset, input.publisherName),
  })
  await replaceParts(db, input.id, dataset)
}

/** Writes the new description over the old one and bumps the version. */
export async function updateDatasetRow(
  db: Database,
  input: { id: string; publisherName: string; version: number; at: Date },
  dataset: NewDataset,
): Promise<void> {
  await db
    .update(datasets)
    .set({ ...datasetColumns(dataset, input.publisherName), version: input.version, updatedAt: input.at })
    .where(eq(datasets.id, input.id))
  await replaceParts(db, input.id, dataset)
}

export async function markDatasetDeleted(db: Database, id: string, version: number, at: Date): Promise<void> {
  await db.update(datasets).set({ deletedAt: at, version, updatedAt: at }).where(eq(datasets.id, id))
}

async function replaceParts(db: Database, datasetId: string, dataset: NewDataset): Promise<void> {
  await db.delete(legalBases).where(eq(legalBases.datasetId, datasetId))
  await db.delete(dataServices).where(eq(dataServices.datasetId, datasetId))
  if (dataset.legalBases.length) {
    await db.insert(legalBases).values(
      dataset.legalBases.map((basis, position) => ({
        id: basis.id ?? newId('lb'),
        datasetId,
        position,
        type: basis.type,
        title: basis.title,
        uri: basis.uri,
      })),
    )
  }
  if (dataset.dataServices.length) {
    await db.insert(dataServices).values(
      dataset.dataServices.map((service, position) => ({
        id: service.id ?? newId('dsv'),
        datasetId,
        position,
        title: service.title,
        endpointUrl: service.endpointUrl,
        openapi: service.openapi,
      })),
    )
  }
}

/** The dataset rows with these ids that are not deleted, with their publishers, parts in stored order. */
export async function loadDatasets(db: Database, ids: string[]): Promise<Dataset[]> {
  if (!ids.length) return []
  const [rows, bases, services] = await Promise.all([
    db
      .select({ dataset: datasets, publisherName: organisations.name })
      .from(datasets)
      .innerJoin(organisations, eq(organisations.orgnr, datasets.publisherOrgnr))
      .where(and(inArray(datasets.id, ids), isNull(datasets.deletedAt))),
    db.select().from(legalBases).where(inArray(legalBases.datasetId, ids)).orderBy(asc(legalBases.position)),
    db.select().from(dataServices).where(inArray(dataServices.datasetId, ids)).orderBy(asc(dataServices.position)),
  ])
  const byId = new Map(
    rows.map(({ dataset: row, publisherName }) => {
      const details = row.details as unknown as StoredDetails
      const dataset: Dataset = {
        id: row.id,
        title: row.title,
        description: details.description,
        accessRights: row.accessRights,
        themes: row.themes,
        lifeEvents: details.lifeEvents ?? [],
        keywords: details.keywords,
        ...(details.contactPoint ? { contactPoint: details.contactPoint } : {}),
        containsPersonalData: row.containsPersonalData,
        ...(details.recordSchema ? { recordSchema: details.recordSchema } : {}),
        legalBases: [],
        dataServices: [],
        publisher: { orgnr: row.publisherOrgnr, name: publisherName, uri: publisherUri(row.publisherOrgnr) },
        version: row.version,
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      }
      return [row.id, dataset]
    }),
  )
  for (const basis of bases) {
    byId.get(basis.datasetId)?.legalBases.push({ id: basis.id, type: basis.type, title: basis.title, uri: basis.uri })
  }
  for (const service of services) {
    byId.get(service.datasetId)?.dataServices.push({
      id: service.id,
      title: service.title,
      endpointUrl: service.endpointUrl,
      ...(service.openapi ? { openapi: service.openapi } : {}),
    })
  }
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** The row of a dataset, deleted or not, locked for the rest of the transaction when `forUpdate`. */
export async function findDatasetRow(db: Database, id: string, forUpdate = false): Promise<DatasetRow | undefined> {
  const query = db.select().from(datasets).where(eq(datasets.id, id))
  const [row] = forUpdate ? await query.for('update') : await query
  return row
}

export async function findDatasetBySource(
  db: Database,
  publisherOrgnr: string,
  sourceUri: string,
): Promise<DatasetRow | undefined> {
  const [row] = await db
    .select()
    .from(datasets)
    .where(and(eq(datasets.publisherOrgnr, publisherOrgnr), eq(datasets.sourceUri, sourceUri)))
  return row
}

export interface CatalogChange {
  datasetId: string
  resource: 'dataset' | 'access-rule'
  resourceId: string
  version: number
  change: 'created' | 'updated' | 'deleted'
  snapshot: Record<string, unknown>
  at: Date
}

export async function recordChange(db: Database, actor: ChangeActor, change: CatalogChange): Promise<void> {
  await db
    .insert(catalogVersion)
    .values({ id: 1, version: 1 })
    .onConflictDoUpdate({ target: catalogVersion.id, set: { version: sql`${catalogVersion.version} + 1` } })
  await db.insert(catalogChanges).values({
    id: newId('chg'),
    ...change,
    actorOrgnr: actor.orgnr,
    actorClientId: actor.clientId,
    actorPid: actor.pid ?? null,
    via: actor.via,
  })
}

export async function listChanges(db: Database, datasetId: string) {
  return db
    .select()
    .from(catalogChanges)
    .where(eq(catalogChanges.datasetId, datasetId))
    .orderBy(asc(catalogChanges.seq))
}

/** The catalog's version: it grows with every committed change (see the catalog_version table). */
const catalogVersionQuery = preparedQuery((db) =>
  db
    .select({ version: catalogVersion.version })
    .from(catalogVersion)
    .where(eq(catalogVersion.id, 1))
    .prepare('deling_catalog_version'),
)

export async function readCatalogVersion(db: Database): Promise<number> {
  const [row] = await catalogVersionQuery(db).execute()
  return row?.version ?? 0
}
