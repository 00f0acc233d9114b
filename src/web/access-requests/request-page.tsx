import type { PortalRequestEvent } from '../../access-requests/read.ts'
import type { AccessRequestSummary } from '../../access-requests/schemas.ts'
import type { AccessRequestRole } from '../../access-requests/states.ts'
import { spacedFnr } from '../../auth/citizen-login/pages.tsx'
import type { Dataset } from '../../catalog/dataset.schemas.ts'
import { formatDateTime } from '../../consent/pages.tsx'
import type { OrganisationActor } from '../../organisation-roles/acting-for.ts'
import { OrgBreadcrumbs } from '../breadcrumbs.tsx'
import { formatDate, LocalText } from '../catalog/words.tsx'
import { ErrorSummary, type FieldErrors, Flash } from '../form.tsx'
import { messages } from '../i18n/index.ts'
import { Layout } from '../layout.tsx'
import { type ActionValues, type RequestAction, RequestActions } from './actions.tsx'
import { BasisWords, FieldWords, type Frame, requestsPath, StatusBadge } from './words.tsx'

export interface RequestPageProps extends Frame {
  actor: OrganisationActor
  request: AccessRequestSummary & { history: PortalRequestEvent[] }
  /** The dataset as the catalog has it now; undefined when it has been deleted since. */
  dataset: Dataset | undefined
  /** The organisation's part in the request. */
  party: AccessRequestRole
  actions: RequestAction[]
  /** Names of the people behind the organisation's own changes, by fødselsnummer. */
  personNames: Map<string, string>
  flash?: string | undefined
  errors: FieldErrors
  values: ActionValues
}

function Facts({ request, dataset, language }: Pick<RequestPageProps, 'request' | 'dataset' | 'language'>) {
  const t = messages(language)
  return (
    <dl class="facts">
      <dt>{t.arDataset}</dt>
      <dd>
        <a href={`/datasets/${request.dataset.id}`}>
          <LocalText value={request.dataset.title} language={language} />
        </a>
      </dd>
      <dt>{t.arPublisher}</dt>
      <dd>{request.dataset.publisher.name}</dd>
      <dt>{t.arRequester}</dt>
      <dd>{request.requester.name}</dd>
      <dt>{t.arPurpose}</dt>
      <dd>
        <LocalText value={request.purpose.text} language={language} />
        <span class="block muted">{t.rulePurposeCode(request.purpose.code)}</span>
      </dd>
      <dt>{t.arBasis}</dt>
      <dd>
        <BasisWords basis={request.basis} dataset={dataset} language={language} />
      </dd>
      <dt>{t.arFields}</dt>
      <dd>
        <FieldWords fields={request.fields} dataset={dataset} language={language} />
      </dd>
      <dt>{t.arJustification}</dt>
      <dd class="prose">{request.justification}</dd>
      <dt>{t.arValidTo}</dt>
      <dd>{request.validTo ? formatDate(language, request.validTo) : t.arNoEnd}</dd>
      <dt>{t.arSent}</dt>
      <dd>{formatDateTime(language, request.createdAt)}</dd>
    </dl>
  )
}

/** "Lars Bakken Strøm for Arbeids- og velferdsetaten, in the portal" – a person is named to their own organisation only. */
function actorWords(event: PortalRequestEvent, request: AccessRequestSummary, props: RequestPageProps): string {
  const t = messages(props.language)
  const organisation =
    event.actor.orgnr === request.requester.orgnr ? request.requester.name : request.dataset.publisher.name
  const person = event.pid ? (props.personNames.get(event.pid) ?? spacedFnr(event.pid)) : undefined
  const via = event.actor.via === 'api' ? t.arViaApi(event.actor.clientId ?? '') : t.arViaPortal
  return person ? t.arActorPerson(person, organisation, via) : t.arActorOrganisation(organisation, via)
}

function History(props: RequestPageProps) {
  const { request, language } = props
  const t = messages(language)
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t.arHistoryHeading}</h2>
      <ol class="timeline">
        {request.history.map((event) => (
          <li data-event={event.to}>
            <time datetime={event.at}>{formatDateTime(language, event.at)}</time>
            <p class="timeline__what">
              <strong>{t.arEventNames[`${event.from}>${event.to}`] ?? t.arEventNames[event.to]}</strong>
              <span class="block">{actorWords(event, request, props)}</span>
            </p>
            {event.message ? <blockquote class="timeline__message">{event.message}</blockquote> : null}
          </li>
        ))}
      </ol>
    </section>
  )
}

/** What the viewer's organisation should know now: whose turn it is, or how it ended. */
function StateNote({ request, party, language }: RequestPageProps) {
  const t = messages(language)
  const other = party === 'publisher' ? request.requester.name : request.dataset.publisher.name
  const text = t.arStateNotes[`${party}:${request.status}`]?.(other)
  return (
    <div class="note" data-state-note>
      <p>{text}</p>
      {request.ruleId ? (
        <p>
          <a href={`/datasets/${request.dataset.id}#who-gets-what`}>{t.arRuleLink}</a>{' '}
          <span class="muted">({request.ruleId})</span>
        </p>
      ) : null}
      {request.status === 'approved' && party === 'requester' ? (
        <p>
          <a href="/docs">{t.arGatewayDocs}</a>
        </p>
      ) : null}
    </div>
  )
}

/** /org/{orgnr}/access-requests/{id}: the request, its dataset, what can be done now, and everything that happened. */
export function RequestPage(props: RequestPageProps) {
  const { actor, request, language } = props
  const t = messages(language)
  const lastEvent = request.history.at(-1)
  return (
    <Layout {...props} title={`${t.arRequestTitle} – ${actor.name}`}>
      <div class="portal">
        <OrgBreadcrumbs
          actor={actor}
          trail={[{ href: requestsPath(actor.orgnr), label: t.arListTitle }]}
          current={t.arRequestTitle}
          language={language}
        />
        <h1>{t.arRequestTitle}</h1>
        <ErrorSummary errors={props.errors} language={language} />
        <Flash text={props.flash} />
        <p class="lead">
          {t.arRequestLead(request.requester.name, request.dataset.publisher.name)}{' '}
          <StatusBadge status={request.status} language={language} />
        </p>
        <StateNote {...props} />
        <section aria-labelledby="asked-heading">
          <h2 id="asked-heading">{t.arAskedHeading}</h2>
          <Facts request={request} dataset={props.dataset} language={language} />
        </section>
        <History {...props} />
        {props.actions.length && lastEvent ? (
          <RequestActions
            request={request}
            orgnr={actor.orgnr}
            actions={props.actions}
            seen={lastEvent.id}
            csrfToken={props.account.csrfToken}
            errors={props.errors}
            values={props.values}
            language={language}
          />
        ) : null}
      </div>
    </Layout>
  )
}
