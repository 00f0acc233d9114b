import { sql } from 'drizzle-orm'
import { type Database, queryRows } from '../db/database.ts'
import { Problem } from '../http/problem.ts'
import { findActiveRules, toAccessRule } from './access-rules.repo.ts'
import type { Dataset } from './dataset.schemas.ts'
import { loadDatasets } from './datasets.repo.ts'
import { getDataset, type Viewer } from './datasets.ts'
import { gatewayOpenApi } from './gateway-openapi.ts'
import { visibleTo } from './search.ts'

/** The data service whose API the gateway serves for a dataset: the first one with an OpenAPI document. */
const documentedService = (dataset: Dataset) => dataset.dataServices.find((service) => service.openapi)

export interface RuleSelection {
  recipient: string
  purpose: string
}

/**
 * The producer's API as callable through Deling's gateway. With a recipient and purpose, its responses are cut to
 * exactly the fields that rule delivers, so a generated client knows no field it will never receive.
 */
export async function gatewayApiDocument(
  db: Database,
  input: { datasetId: string; viewer: Viewer; publicUrl: string; rule?: RuleSelection },
): Promise<Record<string, unknown>> {
  const dataset = await getDataset(db, input.datasetId, input.viewer)
  const service = documentedService(dataset)
  if (!service?.openapi)
    throw new Problem(404, 'not-found', `Dataset ${dataset.id} has no data service with an OpenAPI document`)
  let projection: { fields: string[]; recordSchema: object } | undefined
  if (input.rule) {
    const { recipient, purpose } = input.rule
    const rules = (await findActiveRules(db, dataset.id)).map(toAccessRule)
    const rule =
      rules.find(
        (candidate) =>
          candidate.purpose.code === purpose &&
          candidate.recipient !== 'any' &&
          candidate.recipient.orgnr === recipient,
      ) ?? rules.find((candidate) => candidate.purpose.code === purpose && candidate.recipient === 'any')
    if (!rule)
      throw new Problem(
        404,
        'not-found',
        `No access rule of dataset ${dataset.id} gives ${recipient} data for purpose ${purpose}`,
      )
    projection = { fields: rule.fields, recordSchema: dataset.recordSchema ?? { type: 'object', properties: {} } }
  }
  return gatewayOpenApi({
    document: service.openapi,
    datasetId: dataset.id,
    datasetTitle: dataset.title.nb ?? dataset.title.nn ?? dataset.id,
    publicUrl: input.publicUrl,
    containsPersonalData: dataset.containsPersonalData,
    projection,
  })
}

export interface ApiListing {
  datasetId: string
  title: Dataset['title']
  publisher: Dataset['publisher']
  accessRights: Dataset['accessRights']
  dataService: { id: string; title: Dataset['title'] }
  gateway: string
  openapi: string
  /** One document per rule, cut to what that rule delivers. */
  rules: { id: string; recipient: { orgnr: string } | 'any'; purpose: string; openapi: string }[]
}

/** Every dataset API the viewer may see, by dataset title, with the links a developer generates clients from. */
export async function listApis(
  db: Database,
  input: { viewer: Viewer; publicUrl: string; limit: number; after?: string },
): Promise<{ items: ApiListing[]; next: string | undefined }> {
  const visible = visibleTo(input.viewer)
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select d.id from datasets d where d.deleted_at is null and ${visible}
      and exists (select 1 from data_services s where s.dataset_id = d.id and s.openapi is not null)
      ${input.after ? sql`and d.id > ${input.after}` : sql``}
      order by d.id limit ${input.limit + 1}`,
  )
  const page = rows.slice(0, input.limit).map((row) => row.id)
  const datasets = await loadDatasets(db, page)
  const items = await Promise.all(
    datasets.map(async (dataset): Promise<ApiListing> => {
      const service = documentedService(dataset)!
      const base = `${input.publicUrl}/catalog/datasets/${dataset.id}/openapi.json`
      const rules = (await findActiveRules(db, dataset.id)).map(toAccessRule)
      return {
        datasetId: dataset.id,
        title: dataset.title,
        publisher: dataset.publisher,
        accessRights: dataset.accessRights,
        dataService: { id: service.id, title: service.title },
        gateway: `${input.publicUrl}/gateway/${dataset.id}`,
        openapi: base,
        rules: rules.map((rule) => {
          const recipient = rule.recipient === 'any' ? 'any' : rule.recipient.orgnr
          const query = new URLSearchParams({ recipient, purpose: rule.purpose.code })
          return { id: rule.id, recipient: rule.recipient, purpose: rule.purpose.code, openapi: `${base}?${query}` }
        }),
      }
    }),
  )
  return { items, next: rows.length > input.limit ? page.at(-1) : undefined }
}
