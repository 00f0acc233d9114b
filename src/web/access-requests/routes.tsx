import { listAccessRequestsOf } from '../../access-requests/read.ts'
import { AccessRequestStatusSchema, NewAccessRequestSchema } from '../../access-requests/schemas.ts'
import { organisationsThatMayAsk, submitAccessRequest } from '../../access-requests/service.ts'
import { requireCsrf } from '../../auth/citizen-login/csrf.ts'
import { citizenSession, currentSession } from '../../auth/citizen-login/middleware.ts'
import { getDataset } from '../../catalog/datasets.ts'
import type { AppDeps } from '../../deps.ts'
import { createRouter } from '../../http/openapi.ts'
import { Problem } from '../../http/problem.ts'
import { actingFor } from '../../organisation-roles/acting-for.ts'
import { messages } from '../i18n/index.ts'
import { accountView, pageLanguage, pagePath, renderPage } from '../layout.tsx'
import { pageProblems } from '../page-problems.tsx'
import { AskPage, newRequestPath } from './ask-page.tsx'
import { changeRoutes } from './change-routes.tsx'
import { type FormBody, requestContent, requestFormValues, schemaErrors, serviceErrors } from './form-input.ts'
import { AccessRequestsPage, cursorParameter, type RequestList } from './list-page.tsx'
import { actorOf, frameOf, partsOf, renderRequest, renderRequestForm } from './render.tsx'
import { requestPath } from './words.tsx'

const datasetIdPattern = /^ds_[0-9a-z]{20}$/
const pageSize = 25

/**
 * The portal's access requests (ADR 0010, ADR 0014): asking from a dataset page, the two lists, the request page
 * with its history, and the forms of each change. Pages over the same services as the API, so a request made here
 * is checked exactly as one made there. Pages only: they stay out of the OpenAPI document.
 */
export function accessRequestPageRoutes(deps: AppDeps) {
  const router = createRouter()
  const consumer = actingFor(deps, ['consumer'])
  const either = actingFor(deps, ['consumer', 'publisher'])

  // The dataset page's button: straight to the form when there is one organisation to ask for.
  router.get('/datasets/:id/request-access', pageProblems({ href: '/datasets' }), citizenSession(deps), async (c) => {
    const id = c.req.param('id')
    const session = currentSession(c)
    if (!datasetIdPattern.test(id)) throw new Problem(404, 'not-found', `No dataset ${id}`)
    // As the dataset page shows it: the form then checks it again as the chosen organisation sees it.
    const dataset = await getDataset(c.get('db'), id, undefined)
    const { consumerOf, choices } = session
      ? await organisationsThatMayAsk(c.get('db'), session.fnr, dataset.publisher.orgnr)
      : { consumerOf: undefined, choices: undefined }
    if (choices?.length === 1) return c.redirect(newRequestPath(choices[0]!.orgnr, id), 303)
    const language = pageLanguage(c)
    const account = accountView(session)
    return renderPage(
      c,
      <AskPage
        language={language}
        path={pagePath(c)}
        account={account}
        dataset={dataset}
        choices={choices}
        publishesIt={Boolean(consumerOf?.length)}
      />,
      { language },
    )
  })

  router.get('/org/:orgnr/access-requests', either, async (c) => {
    const actor = actorOf(c)
    const parsedStatus = AccessRequestStatusSchema.safeParse(c.req.query('status'))
    const status = parsedStatus.success ? parsedStatus.data : undefined
    const lists: RequestList[] = []
    for (const party of partsOf(actor.roles)) {
      const cursor = c.req.query(cursorParameter[party]) || undefined
      const page = await listAccessRequestsOf(c.get('db'), {
        orgnr: actor.orgnr,
        role: party,
        status,
        cursor,
        limit: pageSize,
      })
      lists.push({ party, ...page })
    }
    const frame = frameOf(c)
    return renderPage(c, <AccessRequestsPage {...frame} actor={actor} status={status} lists={lists} />, {
      language: frame.language,
    })
  })

  router.get('/org/:orgnr/access-requests/new', consumer, async (c) => {
    const id = c.req.query('dataset') ?? ''
    if (!id) return c.redirect('/datasets', 303)
    if (!datasetIdPattern.test(id)) throw new Problem(404, 'not-found', `No dataset ${id}`)
    const dataset = await getDataset(c.get('db'), id, { orgnr: actorOf(c).orgnr })
    const empty = requestFormValues({})
    return renderRequestForm(c, { dataset, values: empty, errors: {} })
  })

  router.post('/org/:orgnr/access-requests', consumer, requireCsrf(), async (c) => {
    const actor = actorOf(c)
    const t = messages(pageLanguage(c))
    const body: FormBody = await c.req.parseBody({ all: true })
    const datasetId = typeof body.dataset === 'string' ? body.dataset : ''
    if (!datasetIdPattern.test(datasetId)) throw new Problem(404, 'not-found', `No dataset ${datasetId}`)
    const dataset = await getDataset(c.get('db'), datasetId, { orgnr: actor.orgnr })
    const values = requestFormValues(body)
    const parsed = NewAccessRequestSchema.safeParse({ datasetId, ...requestContent(values) })
    if (!parsed.success) return renderRequestForm(c, { dataset, values, errors: schemaErrors(parsed.error, t) })
    try {
      const requester = { orgnr: actor.orgnr, pid: actor.pid }
      const created = await submitAccessRequest(c.get('db'), requester, parsed.data, deps.clock())
      return c.redirect(`${requestPath(actor.orgnr, created.id)}?done=submitted`, 303)
    } catch (error) {
      return renderRequestForm(c, { dataset, values, errors: serviceErrors(error, t) })
    }
  })

  router.get('/org/:orgnr/access-requests/:id', either, (c) => renderRequest(c, c.req.param('id')))
  router.route('/', changeRoutes(deps))
  return router
}
