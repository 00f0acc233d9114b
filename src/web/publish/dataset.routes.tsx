import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { requireCsrf } from '../../auth/citizen-login/csrf.ts'
import { findActiveRulesOf } from '../../catalog/access-rules.repo.ts'
import { NewDatasetSchema } from '../../catalog/dataset.schemas.ts'
import {
  type CatalogWrite,
  createDataset,
  datasetHistory,
  deleteDataset,
  updateDataset,
} from '../../catalog/datasets.ts'
import { searchDatasets } from '../../catalog/search.ts'
import type { AppDeps } from '../../deps.ts'
import type { AppEnv } from '../../http/env.ts'
import { createRouter } from '../../http/openapi.ts'
import { jsonPointer } from '../../http/problem.ts'
import { actingFor, portalChangeActor } from '../../organisation-roles/acting-for.ts'
import { messages } from '../i18n/index.ts'
import { renderPage } from '../layout.tsx'
import { ConfirmPage } from './confirm-page.tsx'
import {
  blankRows,
  datasetBody,
  datasetErrorPlaces,
  datasetFieldNames,
  datasetFormValues,
  type RowCounts,
  type RowKind,
  rowFields,
  withoutBlankRows,
} from './dataset-form.ts'
import { DatasetFormPage, type DatasetFormPageProps } from './dataset-form-page.tsx'
import { DatasetListPage } from './dataset-list-page.tsx'
import {
  addError,
  errorsOfRefusal,
  fieldForPointer,
  formValuesOf,
  loadedVersion,
  one,
  type PublishErrors,
} from './form-values.ts'
import { datasetPath, datasetsPath, publishFrame } from './frame.tsx'
import { HistoryPage } from './history-page.tsx'
import { ownDataset } from './own-dataset.ts'

const listPageSize = 20

type FormState = Omit<DatasetFormPageProps, 'frame'>

function renderForm(c: Context<AppEnv>, state: FormState, status: ContentfulStatusCode = 200) {
  const frame = publishFrame(c)
  return renderPage(c, <DatasetFormPage frame={frame} {...state} />, { language: frame.language, status })
}

const withBlankRows = (filled: RowCounts): RowCounts => ({
  legalBases: filled.legalBases + blankRows.legalBases,
  dataServices: filled.dataServices + blankRows.dataServices,
})

/**
 * The dataset form's answer to a post: one more row when "add another" was pressed (nothing is stored), else the
 * values checked by the API's schema and stored by `store` (the API's own service). A refusal re-renders the
 * form with each error beside its field, keeping what was typed.
 */
async function submitDataset(
  c: Context<AppEnv>,
  deps: AppDeps,
  existing: FormState['dataset'],
  store: (write: CatalogWrite, body: ReturnType<typeof NewDatasetSchema.parse>) => Promise<unknown>,
) {
  const raw = formValuesOf(await c.req.parseBody({ all: true }))
  const { values, filled, submitted } = withoutBlankRows(raw)
  if (existing) values.version = one(raw, 'version')
  const action = one(raw, 'action')
  const added = action.startsWith('add-') ? (action.slice(4) as RowKind) : undefined
  if (added && added in rowFields) {
    const rows = { ...submitted, [added]: submitted[added] + 1 }
    return renderForm(c, { dataset: existing, values, errors: {}, rows })
  }
  const rows = withBlankRows(filled)
  const fieldNames = datasetFieldNames(rows)
  const { body, errors } = datasetBody(values, filled, deps.config.publicUrl)
  const parsed = NewDatasetSchema.safeParse(body)
  // The API's route answers zod's findings with these very texts (src/http/openapi.ts).
  for (const issue of parsed.error?.issues ?? [])
    addError(errors, fieldForPointer(jsonPointer(issue.path), fieldNames, datasetErrorPlaces), issue.message)
  if (Object.keys(errors).length || !parsed.success)
    return renderForm(c, { dataset: existing, values, errors, rows }, 400)
  const actor = c.get('organisationActor')!
  const write: CatalogWrite = {
    actor: portalChangeActor(actor),
    now: deps.clock(),
    checkProducerApi: deps.checkProducerApi,
    publicUrl: deps.config.publicUrl,
  }
  try {
    await store(write, parsed.data)
  } catch (error) {
    const refusal = errorsOfRefusal(error, fieldNames, datasetErrorPlaces)
    return renderForm(c, { dataset: existing, values, errors: refusal.errors as PublishErrors, rows }, refusal.status)
  }
  return c.redirect(`${datasetsPath(actor.orgnr)}?done=${existing ? 'updated' : 'created'}`, 303)
}

/**
 * The publisher's pages for the organisation's datasets (/org/{orgnr}/datasets/…): list, publish, change, delete
 * and history. Forms post to the catalog's own services, so the checks and their messages are the API's.
 */
export function datasetPublishingRoutes(deps: AppDeps) {
  const router = createRouter()
  const publisher = actingFor(deps, ['publisher'])
  const base = '/org/:orgnr/datasets'

  router.get(base, publisher, async (c) => {
    const frame = publishFrame(c)
    const { orgnr } = frame.actor
    const cursor = c.req.query('cursor') || undefined
    const page = await searchDatasets(c.get('db'), { publisher: orgnr, limit: listPageSize, cursor }, { orgnr })
    const rules = await findActiveRulesOf(
      c.get('db'),
      page.items.map((dataset) => dataset.id),
    )
    const done = c.req.query('done') ?? ''
    return renderPage(
      c,
      <DatasetListPage
        frame={frame}
        datasets={page.items}
        ruleCounts={new Map([...rules].map(([id, list]) => [id, list.length]))}
        total={page.total}
        next={page.next}
        later={cursor !== undefined}
        flash={messages(frame.language).publishDone[done]}
      />,
      { language: frame.language },
    )
  })

  router.get(`${base}/new`, publisher, (c) => renderForm(c, { values: {}, errors: {}, rows: blankRows }))
  router.post(base, publisher, requireCsrf(), (c) =>
    submitDataset(c, deps, undefined, (write, body) => createDataset(c.get('db'), write, body)),
  )

  router.get(`${base}/:id`, publisher, async (c) => {
    const dataset = await ownDataset(c, c.req.param('id'))
    const values = datasetFormValues(dataset)
    const filled = { legalBases: dataset.legalBases.length, dataServices: dataset.dataServices.length }
    return renderForm(c, { dataset, values, errors: {}, rows: withBlankRows(filled) })
  })
  router.post(`${base}/:id`, publisher, requireCsrf(), async (c) => {
    const dataset = await ownDataset(c, c.req.param('id'))
    const version = loadedVersion(formValuesOf(await c.req.parseBody({ all: true })))
    return submitDataset(c, deps, dataset, (write, body) =>
      updateDataset(c.get('db'), write, dataset.id, body, version),
    )
  })

  router.get(`${base}/:id/delete`, publisher, async (c) => {
    const dataset = await ownDataset(c, c.req.param('id'))
    const frame = publishFrame(c)
    const t = messages(frame.language)
    const title = dataset.title.nb ?? dataset.title.nn ?? dataset.title.en ?? dataset.id
    return renderPage(
      c,
      <ConfirmPage
        frame={frame}
        title={t.publishDeleteTitle(title)}
        text={t.publishDeleteText}
        action={datasetPath(frame.actor.orgnr, dataset.id, 'delete')}
        confirmLabel={t.publishDeleteConfirm}
        cancelHref={datasetPath(frame.actor.orgnr, dataset.id)}
        version={dataset.version}
        crumbs={[{ href: datasetPath(frame.actor.orgnr, dataset.id), label: title }]}
      />,
      { language: frame.language },
    )
  })
  router.post(`${base}/:id/delete`, publisher, requireCsrf(), async (c) => {
    const dataset = await ownDataset(c, c.req.param('id'))
    const actor = c.get('organisationActor')!
    const version = loadedVersion(formValuesOf(await c.req.parseBody({ all: true })))
    await deleteDataset(c.get('db'), portalChangeActor(actor), dataset.id, deps.clock(), version)
    return c.redirect(`${datasetsPath(actor.orgnr)}?done=deleted`, 303)
  })

  router.get(`${base}/:id/history`, publisher, async (c) => {
    const dataset = await ownDataset(c, c.req.param('id'))
    const frame = publishFrame(c)
    const changes = await datasetHistory(c.get('db'), dataset.id, { orgnr: frame.actor.orgnr })
    return renderPage(c, <HistoryPage frame={frame} dataset={dataset} changes={changes} />, {
      language: frame.language,
    })
  })
  return router
}
