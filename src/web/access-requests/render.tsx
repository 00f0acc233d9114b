import type { Context } from 'hono'
import { getAccessRequestInPortal } from '../../access-requests/read.ts'
import type { AccessRequestRole } from '../../access-requests/states.ts'
import { currentSession } from '../../auth/citizen-login/middleware.ts'
import { MessagePage } from '../../auth/citizen-login/pages.tsx'
import { findPersonName } from '../../auth/citizen-login/repo.ts'
import type { Dataset } from '../../catalog/dataset.schemas.ts'
import { getDataset } from '../../catalog/datasets.ts'
import type { AppEnv } from '../../http/env.ts'
import { Problem } from '../../http/problem.ts'
import type { OrganisationActor } from '../../organisation-roles/acting-for.ts'
import type { OrganisationRoleName } from '../../organisation-roles/schemas.ts'
import type { FieldErrors } from '../form.tsx'
import { messages } from '../i18n/index.ts'
import { accountView, pageLanguage, pagePath, renderPage } from '../layout.tsx'
import { type ActionValues, allowedActions } from './actions.tsx'
import type { RequestFormValues } from './form-input.ts'
import { RequestFormPage } from './request-form.tsx'
import { RequestPage } from './request-page.tsx'
import { type Frame, requestPath } from './words.tsx'

export const actorOf = (c: Context<AppEnv>): OrganisationActor => c.get('organisationActor')!

export function frameOf(c: Context<AppEnv>): Frame {
  const session = currentSession(c)!
  return { language: pageLanguage(c), path: pagePath(c), account: accountView(session) }
}

/** The parts of a request a person can see for their organisation: consumers its requests, publishers its inbox. */
export const partsOf = (roles: readonly OrganisationRoleName[]): AccessRequestRole[] => [
  ...(roles.includes('consumer') ? (['requester'] as const) : []),
  ...(roles.includes('publisher') ? (['publisher'] as const) : []),
]

/** The request in the parts the person's roles allow (else 404), and its dataset as the organisation sees it now. */
export async function loadRequest(c: Context<AppEnv>, id: string) {
  const actor = actorOf(c)
  const db = c.get('db')
  const request = await getAccessRequestInPortal(db, id, { orgnr: actor.orgnr, roles: partsOf(actor.roles) })
  const dataset: Dataset | undefined = await getDataset(db, request.dataset.id, { orgnr: actor.orgnr }).catch(
    (error) => {
      if (error instanceof Problem && error.status === 404) return undefined
      throw error
    },
  )
  const party: AccessRequestRole = request.requester.orgnr === actor.orgnr ? 'requester' : 'publisher'
  return { actor, request, dataset, party }
}

// What `?done=` after a change says, and the state it left: a reload after someone else's change says nothing.
const flashes = {
  submitted: { text: 'arDoneSubmitted', status: 'submitted' },
  revised: { text: 'arDoneRevised', status: 'submitted' },
  'changes-requested': { text: 'arDoneChangesRequested', status: 'changes-requested' },
  approved: { text: 'arDoneApproved', status: 'approved' },
  rejected: { text: 'arDoneRejected', status: 'rejected' },
  withdrawn: { text: 'arDoneWithdrawn', status: 'withdrawn' },
} as const

/** The request page; after a refused action, with that form's errors and what was typed. */
export async function renderRequest(
  c: Context<AppEnv>,
  id: string,
  refused: { errors: FieldErrors; values: ActionValues } = { errors: {}, values: {} },
) {
  const { actor, request, dataset, party } = await loadRequest(c, id)
  const frame = frameOf(c)
  const t = messages(frame.language)
  const pids = [...new Set(request.history.flatMap((event) => (event.pid ? [event.pid] : [])))]
  const names = await Promise.all(pids.map(async (pid) => [pid, await findPersonName(c.get('db'), pid)] as const))
  const done = Object.hasOwn(flashes, c.req.query('done') ?? '')
    ? flashes[c.req.query('done') as keyof typeof flashes]
    : undefined
  const failed = Object.keys(refused.errors).length > 0
  return renderPage(
    c,
    <RequestPage
      {...frame}
      actor={actor}
      request={request}
      dataset={dataset}
      party={party}
      actions={allowedActions(request.status, party, actor.roles)}
      personNames={new Map(names.flatMap(([pid, name]) => (name ? [[pid, name]] : [])))}
      flash={!failed && done?.status === request.status ? t[done.text] : undefined}
      errors={refused.errors}
      values={refused.values}
    />,
    { language: frame.language, status: failed ? 400 : 200 },
  )
}

/** The request form, new or revising, as it was sent with what is wrong with it (400) or fresh (200). */
export function renderRequestForm(
  c: Context<AppEnv>,
  form: { dataset: Dataset; values: RequestFormValues; errors: FieldErrors; revising?: { id: string; seen: string } },
) {
  const frame = frameOf(c)
  const status = Object.keys(form.errors).length ? 400 : 200
  return renderPage(c, <RequestFormPage {...frame} actor={actorOf(c)} {...form} />, {
    language: frame.language,
    status,
  })
}

/**
 * A change the request's state no longer allows, or one made on a page someone else has acted on since: a 409 page
 * that says so and leads back to the request as it is now. Other problems go on to the /org problem pages.
 */
export function conflictPage(c: Context<AppEnv>, id: string, error: unknown) {
  if (!(error instanceof Problem) || error.status !== 409) throw error
  const frame = frameOf(c)
  const t = messages(frame.language)
  const stale = error.options.extensions?.stale === true
  return renderPage(
    c,
    <MessagePage
      {...frame}
      title={stale ? t.arStaleTitle : t.arConflictTitle}
      text={stale ? t.arStaleText : t.arConflictText(error.detail ?? '')}
      action={{ href: requestPath(actorOf(c).orgnr, id), label: t.arBackToRequest }}
      requestId={c.get('requestId')}
    />,
    { language: frame.language, status: 409 },
  )
}
