import type { Child } from 'hono/jsx'
import type { AccessRequestSummary } from '../../access-requests/schemas.ts'
import { type AccessRequestRole, type AccessRequestStatus, checkTransition } from '../../access-requests/states.ts'
import type { OrganisationRoleName } from '../../organisation-roles/schemas.ts'
import { formatDate } from '../catalog/words.tsx'
import { CsrfField, type FieldErrors, TextArea, TextField } from '../form.tsx'
import { type Language, messages } from '../i18n/index.ts'
import { requestPath } from './words.tsx'

/** What a person can do to a request in the portal, each the API's change of the same name. */
export const requestActions = ['request-changes', 'approve', 'reject', 'revise', 'withdraw'] as const
export type RequestAction = (typeof requestActions)[number]

export const actionTargets: Record<RequestAction, { to: AccessRequestStatus; party: AccessRequestRole }> = {
  'request-changes': { to: 'changes-requested', party: 'publisher' },
  approve: { to: 'approved', party: 'publisher' },
  reject: { to: 'rejected', party: 'publisher' },
  revise: { to: 'submitted', party: 'requester' },
  withdraw: { to: 'withdrawn', party: 'requester' },
}

/** The organisation role a person needs to act in each part of a request. */
export const roleForParty: Record<AccessRequestRole, OrganisationRoleName> = {
  requester: 'consumer',
  publisher: 'publisher',
}

/** The actions the state table allows the organisation's part now, and the person's roles allow them to take. */
export function allowedActions(
  status: AccessRequestStatus,
  party: AccessRequestRole,
  personRoles: readonly OrganisationRoleName[],
): RequestAction[] {
  if (!personRoles.includes(roleForParty[party])) return []
  return requestActions.filter((action) => {
    const target = actionTargets[action]
    return target.party === party && checkTransition(status, target.to, party).allowed
  })
}

/** What the action forms hold after a refused submission, keyed by their field names. */
export type ActionValues = Partial<Record<string, string>>

export interface ActionsProps {
  request: AccessRequestSummary
  orgnr: string
  actions: RequestAction[]
  /** The newest change shown on the page: a form sent after a later change is refused as stale. */
  seen: string
  csrfToken: string
  errors: FieldErrors
  values: ActionValues
  language: Language
}

// The panels in the order a reader meets them: what their own side can do first, the refusals last.
const panelOrder: RequestAction[] = ['revise', 'approve', 'request-changes', 'reject', 'withdraw']

/** The forms of the actions allowed now; none is shown that the state or the person's roles do not allow. */
export function RequestActions(props: ActionsProps) {
  const { request, orgnr, actions, language, errors, values } = props
  const t = messages(language)
  const base = requestPath(orgnr, request.id)
  const form = (action: RequestAction, button: string, submit: string, fields: Child) => (
    <form class="form" method="post" action={`${base}/${action}`} novalidate>
      <CsrfField token={props.csrfToken} />
      <input type="hidden" name="seen" value={props.seen} />
      {fields}
      <button class={button} type="submit">
        {submit}
      </button>
    </form>
  )
  const message = (name: string, label: string, hint: string | undefined, rows: number) => (
    <TextArea name={name} label={label} hint={hint} value={values[name]} errors={errors} rows={rows} />
  )
  const panels: Record<RequestAction, { heading: string; body: () => Child }> = {
    revise: {
      heading: t.arReviseTitle,
      body: () => (
        <>
          <p>{t.arReviseLead}</p>
          <p>
            <a class="button" href={`${base}/revise`}>
              {t.arReviseOpen}
            </a>
          </p>
        </>
      ),
    },
    approve: {
      heading: t.arApproveHeading,
      body: () =>
        form(
          'approve',
          'button',
          t.arApproveSubmit,
          <>
            <p>{t.arApproveLead}</p>
            <TextField
              name="approveValidTo"
              type="date"
              label={t.arApproveValidTo}
              hint={
                request.validTo
                  ? t.arApproveValidToAsked(formatDate(language, request.validTo))
                  : t.arApproveValidToOpen
              }
              value={values.approveValidTo}
              errors={errors}
            />
            <div class="choice">
              <input type="checkbox" id="oneTime" name="oneTime" value="true" checked={values.oneTime === 'true'} />
              <label for="oneTime">
                {t.arApproveOneTime}
                <span class="block muted choice__hint">{t.arApproveOneTimeHint}</span>
              </label>
            </div>
            {message('approveMessage', t.arMessageOptional, undefined, 2)}
          </>,
        ),
    },
    'request-changes': {
      heading: t.arChangesHeading,
      body: () =>
        form(
          'request-changes',
          'button button--plain',
          t.arChangesSubmit,
          message('changesMessage', t.arChangesMessage, t.arChangesMessageHint, 3),
        ),
    },
    reject: {
      heading: t.arRejectHeading,
      body: () =>
        form(
          'reject',
          'button button--danger',
          t.arRejectSubmit,
          message('rejectReason', t.arRejectReason, t.arRejectReasonHint, 3),
        ),
    },
    withdraw: {
      heading: t.arWithdrawHeading,
      body: () =>
        form(
          'withdraw',
          'button button--danger',
          t.arWithdrawSubmit,
          message('withdrawMessage', t.arMessageOptional, undefined, 2),
        ),
    },
  }
  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t.arActionsHeading}</h2>
      {panelOrder
        .filter((action) => actions.includes(action))
        .map((action) => (
          <section class="action-panel" aria-labelledby={`${action}-heading`} data-action={action}>
            <h3 id={`${action}-heading`}>{panels[action].heading}</h3>
            {panels[action].body()}
          </section>
        ))}
    </section>
  )
}
