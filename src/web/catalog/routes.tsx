import type { Context } from 'hono'
import { citizenSession, currentSession } from '../../auth/citizen-login/middleware.ts'
import { MessagePage } from '../../auth/citizen-login/pages.tsx'
import { listAccessRules } from '../../catalog/access-rules.ts'
import { gatewayApiDocument } from '../../catalog/apis.ts'
import { SearchQuery } from '../../catalog/catalog.schemas.ts'
import { getDataset } from '../../catalog/datasets.ts'
import { findOrganisation } from '../../catalog/organisations.ts'
import { type DatasetPage as SearchResult, searchDatasets } from '../../catalog/search.ts'
import { SearchCache } from '../../catalog/search-facets.ts'
import type { AppDeps } from '../../deps.ts'
import type { AppEnv } from '../../http/env.ts'
import { createRouter } from '../../http/openapi.ts'
import { Problem } from '../../http/problem.ts'
import { type Language, messages } from '../i18n/index.ts'
import { accountView, pageLanguage, pagePath, renderPage } from '../layout.tsx'
import { lifeEventPageRoutes } from '../life-events/routes.tsx'
import { type ApiOperation, apiOperations } from './api-section.tsx'
import { DatasetPage } from './dataset-page.tsx'
import { SearchPage } from './search-page.tsx'
import { facetNames, type SearchFilters } from './words.tsx'

const pageSize = 10
const datasetIdPattern = /^ds_[0-9a-z]{20}$/

// A problem of the visitor's making (an old cursor, a bad filter) or a hidden dataset: a page, never problem+json.
const isProblem = (error: unknown, status: number) => error instanceof Problem && error.status === status

function messagePage(c: Context<AppEnv>, language: Language, status: 400 | 404) {
  const t = messages(language)
  const [title, text, action] =
    status === 404
      ? [t.datasetNotFoundTitle, t.datasetNotFoundText, { href: '/datasets', label: t.datasetBackToCatalog }]
      : [t.catalogBadQueryTitle, t.catalogBadQueryText, { href: '/datasets', label: t.catalogStartOver }]
  return renderPage(
    c,
    <MessagePage
      language={language}
      path={pagePath(c)}
      account={accountView(currentSession(c))}
      title={title}
      text={text}
      action={action}
    />,
    { language, status },
  )
}

/**
 * The catalog for developers: `/datasets` (search with facets and paging) and `/datasets/{id}` (the dataset page),
 * and the catalog by life event (`/life-events`).
 * Plain Hono routes, like the start page, so they stay out of the OpenAPI document: they are pages, not API.
 * Anonymous pages: they show what anybody may see, never an organisation's non-public datasets.
 */
export function catalogPageRoutes(deps: AppDeps) {
  const { config, clock } = deps
  const cache = new SearchCache<SearchResult>()
  const router = createRouter()
  router.use('/datasets', citizenSession(deps))
  router.use('/datasets/*', citizenSession(deps))
  router.route('/', lifeEventPageRoutes(deps))

  router.get('/datasets', async (c) => {
    const language = pageLanguage(c)
    const raw = Object.fromEntries(
      [...facetNames, 'q', 'cursor'].flatMap((name) => {
        const value = c.req.query(name)?.trim()
        return value ? [[name, value]] : []
      }),
    )
    const parsed = SearchQuery.safeParse({ ...raw, limit: pageSize })
    if (!parsed.success) return messagePage(c, language, 400)
    const { cursor, ...query } = parsed.data
    const db = c.get('db')
    const options = { cache, now: clock() }
    let pages: [SearchResult, SearchResult | undefined]
    try {
      // Facets and the total come with the first page only; a later page takes them from the (cached) first.
      pages = await Promise.all([
        searchDatasets(db, { ...query, cursor }, undefined, options),
        cursor ? searchDatasets(db, query, undefined, options) : undefined,
      ])
    } catch (error) {
      if (isProblem(error, 400)) return messagePage(c, language, 400)
      throw error
    }
    const [page, first = page] = pages
    const filters: SearchFilters = { q: query.q, ...Object.fromEntries(facetNames.map((name) => [name, query[name]])) }
    return renderPage(
      c,
      <SearchPage
        language={language}
        path={pagePath(c)}
        account={accountView(currentSession(c))}
        filters={filters}
        items={page.items}
        facets={first.facets}
        total={first.total}
        next={page.next}
        later={Boolean(cursor)}
      />,
      { language },
    )
  })

  router.get('/datasets/:id', async (c) => {
    const language = pageLanguage(c)
    const id = c.req.param('id')
    if (!datasetIdPattern.test(id)) return messagePage(c, language, 404)
    const db = c.get('db')
    let dataset: Awaited<ReturnType<typeof getDataset>>
    try {
      dataset = await getDataset(db, id, undefined)
    } catch (error) {
      if (isProblem(error, 404)) return messagePage(c, language, 404)
      throw error
    }
    const rules = await listAccessRules(db, id, undefined)
    const orgnrs = [...new Set(rules.flatMap((rule) => (rule.recipient === 'any' ? [] : [rule.recipient.orgnr])))]
    const organisations = await Promise.all(orgnrs.map((orgnr) => findOrganisation(db, orgnr)))
    const recipientNames = new Map(organisations.flatMap((found) => (found ? [[found.orgnr, found.name]] : [])))
    let operations: ApiOperation[] | undefined
    if (dataset.dataServices.some((service) => service.openapi)) {
      const document = await gatewayApiDocument(db, { datasetId: id, viewer: undefined, publicUrl: config.publicUrl })
      operations = apiOperations(document)
    }
    return renderPage(
      c,
      <DatasetPage
        language={language}
        path={pagePath(c)}
        account={accountView(currentSession(c))}
        dataset={dataset}
        rules={rules}
        recipientNames={recipientNames}
        operations={operations}
        publicUrl={config.publicUrl}
      />,
      { language },
    )
  })
  return router
}
