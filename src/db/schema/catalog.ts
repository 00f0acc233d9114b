import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import type { LanguageTextValue } from '../../catalog/dataset.schemas.ts'
import { organisations } from './registry.ts'

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })
const bytea = customType<{ data: Uint8Array }>({ dataType: () => 'bytea' })
const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/**
 * Datasets as their publishers describe them. The DCAT-AP-NO fields that search filters on have columns; the rest
 * of the description lives in `description` as the API's own JSON. A deleted dataset keeps its row (`deletedAt`):
 * its versions and the access log still refer to it.
 */
export const datasets = pgTable(
  'datasets',
  {
    id: text('id').primaryKey(),
    publisherOrgnr: text('publisher_orgnr')
      .notNull()
      .references(() => organisations.orgnr),
    title: jsonb('title').$type<LanguageTextValue>().notNull(),
    /** Title in the sort order of the catalog: bokmål, else nynorsk, lower-cased. */
    sortTitle: text('sort_title').notNull(),
    accessRights: text('access_rights').$type<'PUBLIC' | 'RESTRICTED' | 'NON_PUBLIC'>().notNull(),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    /** Keys of the life events the dataset serves (src/catalog/life-events.ts), for the filter and the facet. */
    lifeEvents: text('life_events').array().notNull().default(sql`'{}'::text[]`),
    containsPersonalData: boolean('contains_personal_data').notNull(),
    /** The rest of the description (description, keywords, contact point, record schema). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    searchVector: tsvector('search_vector').notNull(),
    /** The URIs of the dataset's legal bases, copied here so the legal-basis filter and facet use one index. */
    legalBasisUris: text('legal_basis_uris').array().notNull().default(sql`'{}'::text[]`),
    /** The words of the legal bases' titles (`simple` configuration), for the legal-basis filter by words. */
    legalVector: tsvector('legal_vector').notNull(),
    /** The dataset's IRI in the catalog it was harvested from, so a second harvest updates it. */
    sourceUri: text('source_uri'),
    version: integer('version').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    deletedAt: timestamptz('deleted_at'),
  },
  (t) => [
    index('datasets_search_idx').using('gin', t.searchVector),
    index('datasets_themes_idx').using('gin', t.themes),
    index('datasets_life_events_idx').using('gin', t.lifeEvents),
    index('datasets_legal_basis_uris_idx').using('gin', t.legalBasisUris),
    index('datasets_legal_vector_idx').using('gin', t.legalVector),
    index('datasets_publisher_idx').on(t.publisherOrgnr),
    index('datasets_sort_idx').on(t.sortTitle, t.id),
    uniqueIndex('datasets_source_idx').on(t.publisherOrgnr, t.sourceUri),
  ],
)

/** The laws a dataset is described under; access rules refer to them by id. */
export const legalBases = pgTable(
  'legal_bases',
  {
    id: text('id').primaryKey(),
    datasetId: text('dataset_id')
      .notNull()
      .references(() => datasets.id),
    position: integer('position').notNull(),
    type: text('type').$type<'disclosure' | 'processing' | 'non-disclosure'>().notNull(),
    title: jsonb('title').$type<LanguageTextValue>().notNull(),
    uri: text('uri').notNull(),
  },
  (t) => [
    index('legal_bases_dataset_idx').on(t.datasetId),
    // (uri, id): a law's rows in id order, so the search facets' label lookup stops at the law's first match
    index('legal_bases_uri_idx').on(t.uri, t.id),
  ],
)

/** The producer APIs behind a dataset; the gateway forwards to `endpointUrl`. */
export const dataServices = pgTable(
  'data_services',
  {
    id: text('id').primaryKey(),
    datasetId: text('dataset_id')
      .notNull()
      .references(() => datasets.id),
    position: integer('position').notNull(),
    title: jsonb('title').$type<LanguageTextValue>().notNull(),
    endpointUrl: text('endpoint_url').notNull(),
    openapi: jsonb('openapi').$type<Record<string, unknown>>(),
  },
  (t) => [index('data_services_dataset_idx').on(t.datasetId)],
)

/** The executable "rettighetspakke": who may receive which fields of a dataset, for which purpose, on which basis. */
export const accessRules = pgTable(
  'access_rules',
  {
    id: text('id').primaryKey(),
    datasetId: text('dataset_id')
      .notNull()
      .references(() => datasets.id),
    /** null: any organisation, with the data subject's consent. */
    recipientOrgnr: text('recipient_orgnr'),
    purposeCode: text('purpose_code').notNull(),
    purposeText: jsonb('purpose_text').$type<LanguageTextValue>().notNull(),
    /** null: the basis is the data subject's consent. No foreign key: a deleted rule may name a removed basis. */
    legalBasisId: text('legal_basis_id'),
    fields: text('fields').array().notNull(),
    validFrom: timestamptz('valid_from'),
    validTo: timestamptz('valid_to'),
    oneTime: boolean('one_time').notNull(),
    version: integer('version').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    deletedAt: timestamptz('deleted_at'),
  },
  (t) => [
    index('access_rules_dataset_idx').on(t.datasetId),
    index('access_rules_recipient_idx').on(t.recipientOrgnr, t.datasetId),
  ],
)

/** Every change of a dataset or one of its access rules: who, when, and the whole resource as it became. */
export const catalogChanges = pgTable(
  'catalog_changes',
  {
    id: text('id').primaryKey(),
    /** Order of the changes, also among those of one transaction (they share `at`). */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    datasetId: text('dataset_id')
      .notNull()
      .references(() => datasets.id),
    resource: text('resource').$type<'dataset' | 'access-rule'>().notNull(),
    resourceId: text('resource_id').notNull(),
    version: integer('version').notNull(),
    change: text('change').$type<'created' | 'updated' | 'deleted'>().notNull(),
    actorOrgnr: text('actor_orgnr').notNull(),
    actorClientId: text('actor_client_id'),
    /** The person who made the change in the portal, acting for `actorOrgnr`. */
    actorPid: text('actor_pid'),
    via: text('via').$type<'api' | 'portal' | 'harvest' | 'seed'>().notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    at: timestamptz('at').notNull(),
  },
  (t) => [
    index('catalog_changes_dataset_idx').on(t.datasetId, t.seq),
    // max(seq) is the catalog's version: search caches are keyed by it.
    uniqueIndex('catalog_changes_seq_idx').on(t.seq),
  ],
)

/**
 * One row: the catalog's version, incremented inside every change's transaction. Search pages are cached by it;
 * unlike max(catalog_changes.seq) it cannot be seen to grow before an earlier-numbered change commits.
 */
export const catalogVersion = pgTable('catalog_version', {
  id: integer('id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
})

/**
 * Facet counts of the catalog kept with every change, so a search filtered by at most one theme, legal basis or life
 * event (besides publisher and access rights) is counted from here instead of from the datasets (migration 0013; its triggers on `datasets` keep it). One row counts the
 * datasets of one publisher ('': of all publishers) with one access right that have the facet value `value`
 * (`total`: all of them), among those with the value `filterValue` of `filterFacet` ('' and '': among all). Deleted
 * datasets are not counted. Rows whose count went back to 0 stay; every reader sums. The key holds SHA-256 digests
 * of facet and value, since two URIs of 500 characters would not fit in an index entry.
 */
export const catalogFacetCounts = pgTable(
  'catalog_facet_counts',
  {
    /** sha256(filterFacet || ':' || filterValue) */
    filterKey: bytea('filter_key').notNull(),
    publisherOrgnr: text('publisher_orgnr').notNull(),
    accessRights: text('access_rights').$type<'PUBLIC' | 'RESTRICTED' | 'NON_PUBLIC'>().notNull(),
    /** sha256(facet || ':' || value) */
    valueKey: bytea('value_key').notNull(),
    filterFacet: text('filter_facet').$type<'' | 'theme' | 'legalBasis' | 'lifeEvent'>().notNull(),
    filterValue: text('filter_value').notNull(),
    facet: text('facet').$type<'total' | 'theme' | 'legalBasis' | 'lifeEvent'>().notNull(),
    value: text('value').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'catalog_facet_counts_pk',
      columns: [t.filterKey, t.publisherOrgnr, t.accessRights, t.valueKey],
    }),
  ],
)
