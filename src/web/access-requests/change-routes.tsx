import type { Context, MiddlewareHandler } from 'hono'
import type { z } from 'zod'
import {
  AccessRequestRevisionSchema,
  ApprovalSchema,
  ChangesRequestedSchema,
  RejectionSchema,
  WithdrawalSchema,
} from '../../access-requests/schemas.ts'
import { type AccessRequestChange, changeAccessRequest } from '../../access-requests/service.ts'
import { requireCsrf } from '../../auth/citizen-login/csrf.ts'
import type { AppDeps } from '../../deps.ts'
import type { AppEnv } from '../../http/env.ts'
import { createRouter } from '../../http/openapi.ts'
import { Problem } from '../../http/problem.ts'
import { actingFor } from '../../organisation-roles/acting-for.ts'
import { messages } from '../i18n/index.ts'
import { pageLanguage } from '../layout.tsx'
import { actionTargets, type RequestAction } from './actions.tsx'
import {
  endOfDay,
  type FormBody,
  formValuesOf,
  requestContent,
  requestFormValues,
  schemaErrors,
  serviceErrors,
} from './form-input.ts'
import { actorOf, conflictPage, loadRequest, renderRequest, renderRequestForm } from './render.tsx'
import { requestPath } from './words.tsx'

/** One of the short forms on the request page: its fields by the API body's names, and what the change carries. */
interface ActionForm<Schema extends z.ZodType> {
  /** Form field name for each member of the API's body (also the field's id, for the error summary). */
  names: Record<string, string>
  schema: Schema
  input(values: Record<string, string>): unknown
  change(parsed: z.infer<Schema>): Pick<AccessRequestChange, 'message' | 'approval'>
}

const orUndefined = (value: string | undefined) => (value ? value : undefined)

const actionForms = {
  'request-changes': {
    names: { message: 'changesMessage' },
    schema: ChangesRequestedSchema,
    input: (values) => ({ message: orUndefined(values.changesMessage) }),
    change: (parsed) => ({ message: parsed.message }),
  } satisfies ActionForm<typeof ChangesRequestedSchema>,
  approve: {
    names: { validTo: 'approveValidTo', oneTime: 'oneTime', message: 'approveMessage' },
    schema: ApprovalSchema,
    input: (values) => ({
      validTo: values.approveValidTo ? endOfDay(values.approveValidTo) : undefined,
      oneTime: values.oneTime === 'true',
      message: orUndefined(values.approveMessage),
    }),
    change: (parsed) => ({ message: parsed.message, approval: parsed }),
  } satisfies ActionForm<typeof ApprovalSchema>,
  reject: {
    names: { reason: 'rejectReason' },
    schema: RejectionSchema,
    input: (values) => ({ reason: orUndefined(values.rejectReason) }),
    change: (parsed) => ({ message: parsed.reason }),
  } satisfies ActionForm<typeof RejectionSchema>,
  withdraw: {
    names: { message: 'withdrawMessage' },
    schema: WithdrawalSchema,
    input: (values) => ({ message: orUndefined(values.withdrawMessage) }),
    change: (parsed) => ({ message: parsed.message }),
  } satisfies ActionForm<typeof WithdrawalSchema>,
}

const textValues = (body: FormBody) =>
  Object.fromEntries(
    Object.entries(body).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value.trim()]] : [])),
  )

/** The change every form sends: the request it names, who acts, in which part, and the newest event they saw. */
function changeBy(c: Context<AppEnv>, action: RequestAction, seen: string | undefined, now: Date) {
  const actor = actorOf(c)
  const { to, party } = actionTargets[action]
  return { to, actor: { orgnr: actor.orgnr, role: party, pid: actor.pid }, now, seenEventId: seen ?? '' }
}

/** The forms that change a request: revise (its own page), and the request page's short forms. */
export function changeRoutes(deps: AppDeps) {
  const router = createRouter()
  const consumer = actingFor(deps, ['consumer'])
  const publisher = actingFor(deps, ['publisher'])
  const path = (action: RequestAction) => `/org/:orgnr/access-requests/:id/${action}`
  const idOf = (c: Context<AppEnv>) => c.req.param('id') ?? ''

  router.get(path('revise'), consumer, async (c) => {
    const id = idOf(c)
    const { request, dataset, party } = await loadRequest(c, id)
    if (party !== 'requester') throw new Problem(403, 'forbidden', `Only the requester of ${id} may revise it`)
    if (request.status !== 'changes-requested' || !dataset)
      return conflictPage(c, id, new Problem(409, 'conflict', `Access request ${id} is ${request.status}`))
    const seen = request.history.at(-1)!.id
    return renderRequestForm(c, { dataset, values: formValuesOf(request), errors: {}, revising: { id, seen } })
  })

  router.post(path('revise'), consumer, requireCsrf(), async (c) => {
    const id = idOf(c)
    const t = messages(pageLanguage(c))
    const body: FormBody = await c.req.parseBody({ all: true })
    const seen = typeof body.seen === 'string' ? body.seen : ''
    const { dataset } = await loadRequest(c, id)
    if (!dataset) return conflictPage(c, id, new Problem(409, 'conflict', 'The dataset is no longer in the catalog'))
    const values = requestFormValues(body)
    const revising = { id, seen }
    const input = { ...requestContent(values), ...(values.message ? { message: values.message } : {}) }
    const parsed = AccessRequestRevisionSchema.safeParse(input)
    if (!parsed.success)
      return renderRequestForm(c, { dataset, values, revising, errors: schemaErrors(parsed.error, t) })
    const change = { ...changeBy(c, 'revise', seen, deps.clock()), message: parsed.data.message, revision: parsed.data }
    try {
      await changeAccessRequest(c.get('db'), id, change)
    } catch (error) {
      if (error instanceof Problem && error.status === 409) return conflictPage(c, id, error)
      return renderRequestForm(c, { dataset, values, revising, errors: serviceErrors(error, t) })
    }
    return c.redirect(`${requestPath(actorOf(c).orgnr, id)}?done=revised`, 303)
  })

  const shortForm = (action: keyof typeof actionForms, guard: MiddlewareHandler<AppEnv>) =>
    router.post(path(action), guard, requireCsrf(), async (c) => {
      const id = idOf(c)
      const t = messages(pageLanguage(c))
      const form = actionForms[action] as ActionForm<z.ZodType>
      const values = textValues(await c.req.parseBody())
      const fieldOf = (pointer: string) => form.names[pointer.split('/')[1] ?? ''] ?? 'form'
      const parsed = form.schema.safeParse(form.input(values))
      if (!parsed.success) return renderRequest(c, id, { errors: schemaErrors(parsed.error, t, fieldOf), values })
      const change = { ...changeBy(c, action, values.seen, deps.clock()), ...form.change(parsed.data) }
      try {
        await changeAccessRequest(c.get('db'), id, change)
      } catch (error) {
        if (error instanceof Problem && error.status === 409) return conflictPage(c, id, error)
        return renderRequest(c, id, { errors: serviceErrors(error, t, fieldOf), values })
      }
      return c.redirect(`${requestPath(actorOf(c).orgnr, id)}?done=${actionTargets[action].to}`, 303)
    })
  shortForm('request-changes', publisher)
  shortForm('approve', publisher)
  shortForm('reject', publisher)
  shortForm('withdraw', consumer)
  return router
}
