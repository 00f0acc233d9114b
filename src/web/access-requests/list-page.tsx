import { type AccessRequestSummary, accessRequestStatuses } from '../../access-requests/schemas.ts'
import type { AccessRequestRole, AccessRequestStatus } from '../../access-requests/states.ts'
import type { OrganisationActor } from '../../organisation-roles/acting-for.ts'
import { OrgBreadcrumbs } from '../breadcrumbs.tsx'
import { formatDate, LocalText } from '../catalog/words.tsx'
import { messages } from '../i18n/index.ts'
import { Layout } from '../layout.tsx'
import { type Column, ColumnTable } from '../table.tsx'
import { type Frame, requestPath, requestsPath, StatusBadge } from './words.tsx'

/** One of the two lists: the requests the organisation sent, or those it received as publisher. */
export interface RequestList {
  party: AccessRequestRole
  items: AccessRequestSummary[]
  /** The cursor of the next page, when there is one. */
  next?: string | undefined
}

export interface ListPageProps extends Frame {
  actor: OrganisationActor
  status: AccessRequestStatus | undefined
  lists: RequestList[]
}

/** The list's own query parameter for its cursor, so the two lists page independently. */
export const cursorParameter: Record<AccessRequestRole, string> = { requester: 'sent', publisher: 'received' }

function listHref(orgnr: string, query: Record<string, string | undefined>) {
  const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => !!entry[1]))
  return search.size ? `${requestsPath(orgnr)}?${search}` : requestsPath(orgnr)
}

function StatusFilter({ actor, status, language }: Pick<ListPageProps, 'actor' | 'status' | 'language'>) {
  const t = messages(language)
  const choices: (AccessRequestStatus | undefined)[] = [undefined, ...accessRequestStatuses]
  return (
    <nav aria-label={t.arFilterLabel}>
      <ul class="chips">
        {choices.map((choice) => (
          <li>
            <a
              class="chip"
              href={listHref(actor.orgnr, { status: choice })}
              aria-current={choice === status ? 'true' : undefined}
            >
              {choice ? t.arStatusNames[choice] : t.arFilterAll}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

function RequestTable({ list, props }: { list: RequestList; props: ListPageProps }) {
  const { actor, language } = props
  const t = messages(language)
  const id = `${list.party}-heading`
  const counterpart = list.party === 'requester' ? t.arPublisher : t.arRequester
  const columns: Column<AccessRequestSummary>[] = [
    {
      label: t.arDataset,
      cell: (request) => (
        <a href={requestPath(actor.orgnr, request.id)}>
          <LocalText value={request.dataset.title} language={language} />
        </a>
      ),
    },
    {
      label: counterpart,
      cell: (request) => (list.party === 'requester' ? request.dataset.publisher.name : request.requester.name),
    },
    { label: t.arPurpose, cell: (request) => <LocalText value={request.purpose.text} language={language} /> },
    { label: t.arStatus, cell: (request) => <StatusBadge status={request.status} language={language} /> },
    { label: t.arUpdated, cell: (request) => formatDate(language, request.updatedAt) },
  ]
  return (
    <section aria-labelledby={id} data-list={list.party}>
      <h2 id={id}>{list.party === 'requester' ? t.arSentHeading : t.arReceivedHeading}</h2>
      {list.items.length ? (
        <ColumnTable
          class="table"
          rows={list.items}
          columns={columns}
          rowAttributes={(request) => ({ 'data-request': request.id })}
        />
      ) : (
        <p class="note">{props.status ? t.arNoneWithStatus : t.arNone[list.party]}</p>
      )}
      {list.next ? (
        <p>
          <a href={listHref(actor.orgnr, { status: props.status, [cursorParameter[list.party]]: list.next })}>
            {t.arMore}
          </a>
        </p>
      ) : null}
    </section>
  )
}

/** /org/{orgnr}/access-requests: what the organisation asked for (consumers) and what it was asked (publishers). */
export function AccessRequestsPage(props: ListPageProps) {
  const { actor, language } = props
  const t = messages(language)
  return (
    <Layout {...props} title={`${t.arListTitle} – ${actor.name}`}>
      <div class="portal">
        <OrgBreadcrumbs actor={actor} current={t.arListTitle} language={language} />
        <h1>{t.arListTitle}</h1>
        <p class="lead">{t.arListIntro(actor.name)}</p>
        {actor.roles.includes('consumer') ? (
          <p>
            <a class="button" href="/datasets">
              {t.arFindDataset}
            </a>
          </p>
        ) : null}
        <StatusFilter actor={actor} status={props.status} language={language} />
        {props.lists.map((list) => (
          <RequestTable list={list} props={props} />
        ))}
      </div>
    </Layout>
  )
}
