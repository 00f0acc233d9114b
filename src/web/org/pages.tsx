import { spacedFnr } from '../../auth/citizen-login/pages.tsx'
import { formatDateTime } from '../../consent/pages.tsx'
import type { RoleGrantor } from '../../db/schema/index.ts'
import type { OrganisationActor } from '../../organisation-roles/acting-for.ts'
import { type OrganisationRoleName, organisationRoleNames, type RoleGrant } from '../../organisation-roles/schemas.ts'
import { Breadcrumbs, OrgBreadcrumbs } from '../breadcrumbs.tsx'
import { CsrfField, ErrorSummary, type FieldErrors, Flash, SelectField, TextField } from '../form.tsx'
import { type Language, messages } from '../i18n/index.ts'
import { type AccountView, Layout } from '../layout.tsx'
import { type Column, ColumnTable } from '../table.tsx'

interface Frame {
  language: Language
  path: string
  account: AccountView
}

export interface ActingChoice {
  orgnr: string
  name: string
  roles: OrganisationRoleName[]
}

/** /org: the organisations the person holds a role in. */
export function OrganisationChooserPage({ choices, ...frame }: Frame & { choices: ActingChoice[] }) {
  const t = messages(frame.language)
  return (
    <Layout {...frame} title={t.orgChooserTitle}>
      <div class="portal">
        <h1>{t.orgChooserTitle}</h1>
        {choices.length ? (
          <>
            <p class="lead">{t.orgChooserIntro}</p>
            <ul class="results__list">
              {choices.map((choice) => (
                <li class="result" data-orgnr={choice.orgnr}>
                  <h2 class="small-heading">
                    <a href={`/org/${choice.orgnr}`}>{choice.name}</a>
                  </h2>
                  <p class="result__meta">
                    <span>{choice.orgnr}</span>
                    <span>
                      {t.orgRolesHeld}: {choice.roles.map((role) => t.orgRoleNames[role]).join(', ')}
                    </span>
                  </p>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p class="note">{t.orgChooserNone}</p>
        )}
      </div>
    </Layout>
  )
}

const tasks: {
  role: OrganisationRoleName[]
  path: string
  label: 'orgTaskPublish' | 'orgTaskRequests' | 'orgTaskPeople'
}[] = [
  { role: ['publisher'], path: 'datasets', label: 'orgTaskPublish' },
  { role: ['publisher', 'consumer'], path: 'access-requests', label: 'orgTaskRequests' },
  { role: ['admin'], path: 'people', label: 'orgTaskPeople' },
]

/** /org/{orgnr}: what the person can do for the organisation, by the roles they hold there. */
export function OrganisationHomePage({ actor, ...frame }: Frame & { actor: OrganisationActor }) {
  const t = messages(frame.language)
  return (
    <Layout {...frame} title={actor.name}>
      <div class="portal">
        <Breadcrumbs crumbs={[{ href: '/org', label: t.orgLink }]} current={actor.name} language={frame.language} />
        <h1>{actor.name}</h1>
        <p class="lead">{t.orgHomeIntro(actor.name)}</p>
        <h2>{t.orgRolesHeld}</h2>
        <ul>
          {actor.roles.map((role) => (
            <li data-role={role}>
              <strong>{t.orgRoleNames[role]}</strong>: {t.orgRoleDescriptions[role]}
            </li>
          ))}
        </ul>
        <h2>{t.orgTasksHeading}</h2>
        <ul class="tasks">
          {tasks
            .filter((task) => task.role.some((role) => actor.roles.includes(role)))
            .map((task) => (
              <li class="task">
                <h3>
                  <a href={`/org/${actor.orgnr}/${task.path}`}>{t[task.label]}</a>
                </h3>
              </li>
            ))}
        </ul>
      </div>
    </Layout>
  )
}

export interface PeoplePageProps extends Frame {
  actor: OrganisationActor
  held: RoleGrant[]
  history: RoleGrant[]
  form: { pid?: string; role?: string; errors: FieldErrors }
  flash?: string | undefined
}

const PersonName = ({ grant }: { grant: RoleGrant }) => (
  <>
    {grant.name ? <span class="block">{grant.name}</span> : null}
    <span class="muted">{spacedFnr(grant.pid)}</span>
  </>
)

const grantRow = (grant: RoleGrant) => ({ 'data-grant': grant.id })

function grantorText(grantor: RoleGrantor, language: Language) {
  return grantor.kind === 'operator' ? messages(language).orgByOperator : spacedFnr(grantor.pid)
}

/** /org/{orgnr}/people: the roles held now, the form to give one, and the roles taken away (the history). */
export function PeoplePage({ actor, held, history, form, flash, ...frame }: PeoplePageProps) {
  const t = messages(frame.language)
  const { language } = frame
  // Who holds (or held) which role, and who gave it: the same first columns in both tables.
  const grantColumns: Column<RoleGrant>[] = [
    { label: t.orgPerson, cell: (grant) => <PersonName grant={grant} /> },
    { label: t.orgRole, cell: (grant) => t.orgRoleNames[grant.role] },
    { label: t.orgGrantedBy, cell: (grant) => grantorText(grant.grantedBy, language) },
  ]
  return (
    <Layout {...frame} title={`${t.orgPeopleTitle} – ${actor.name}`}>
      <div class="portal">
        <OrgBreadcrumbs actor={actor} current={t.orgPeopleTitle} language={language} />
        <h1>{t.orgPeopleTitle}</h1>
        <ErrorSummary errors={form.errors} language={language} />
        <Flash text={flash} />
        <p class="lead">{t.orgPeopleIntro(actor.name)}</p>
        <h2 id="held-heading">{t.orgPeopleHeld}</h2>
        {held.length ? (
          <ColumnTable
            class="table"
            labelledBy="held-heading"
            rows={held}
            columns={[
              ...grantColumns,
              { label: t.orgGrantedAt, cell: (grant) => formatDateTime(language, grant.grantedAt) },
              {
                label: t.orgActions,
                hiddenHeading: true,
                unlabelled: true,
                cell: (grant) => (
                  <form method="post" action={`/org/${actor.orgnr}/people/${grant.id}/revoke`}>
                    <CsrfField token={frame.account.csrfToken} />
                    <button
                      class="button button--plain"
                      type="submit"
                      aria-label={t.orgRevokeLabel(t.orgRoleNames[grant.role] ?? grant.role, spacedFnr(grant.pid))}
                    >
                      {t.orgRevoke}
                    </button>
                  </form>
                ),
              },
            ]}
            rowAttributes={grantRow}
          />
        ) : (
          <p>{t.orgPeopleNone}</p>
        )}
        <h2>{t.orgGrantHeading}</h2>
        <form class="form" method="post" action={`/org/${actor.orgnr}/people`} novalidate>
          <CsrfField token={frame.account.csrfToken} />
          <TextField
            name="pid"
            label={t.orgPerson}
            hint={t.orgGrantPidHint}
            value={form.pid}
            errors={form.errors}
            autocomplete="off"
          />
          <SelectField
            name="role"
            label={t.orgRole}
            value={form.role}
            errors={form.errors}
            options={organisationRoleNames.map((role) => ({ value: role, label: t.orgRoleNames[role] ?? role }))}
          />
          <button class="button" type="submit">
            {t.orgGrantSubmit}
          </button>
        </form>
        {history.length ? (
          <>
            <h2 id="history-heading">{t.orgPeopleHistory}</h2>
            <ColumnTable
              class="table"
              labelledBy="history-heading"
              rows={history}
              columns={[
                ...grantColumns,
                {
                  label: t.orgRevokedBy,
                  cell: (grant) => (grant.revokedBy ? grantorText(grant.revokedBy, language) : ''),
                },
                {
                  label: t.orgRevokedAt,
                  cell: (grant) => (grant.revokedAt ? formatDateTime(language, grant.revokedAt) : ''),
                },
              ]}
              rowAttributes={grantRow}
            />
          </>
        ) : null}
      </div>
    </Layout>
  )
}
