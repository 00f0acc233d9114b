import { spacedFnr } from '../../auth/citizen-login/pages.tsx'
import { formatDateTime } from '../../consent/pages.tsx'
import type { RoleGrantor } from '../../db/schema/index.ts'
import type { OrganisationActor } from '../../organisation-roles/acting-for.ts'
import { type OrganisationRoleName, organisationRoleNames, type RoleGrant } from '../../organisation-roles/schemas.ts'
import { CsrfField, ErrorSummary, type FieldErrors, SelectField, TextField } from '../form.tsx'
import { type Language, messages } from '../i18n/index.ts'
import { type AccountView, Layout } from '../layout.tsx'

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
        <nav class="breadcrumbs" aria-label={t.orgLink}>
          <ol>
            <li>
              <a href="/org">{t.orgLink}</a>
            </li>
            <li aria-current="page">{actor.name}</li>
          </ol>
        </nav>
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

function grantorText(grantor: RoleGrantor, language: Language) {
  return grantor.kind === 'operator' ? messages(language).orgByOperator : spacedFnr(grantor.pid)
}

/** /org/{orgnr}/people: the roles held now, the form to give one, and the roles taken away (the history). */
export function PeoplePage({ actor, held, history, form, flash, ...frame }: PeoplePageProps) {
  const t = messages(frame.language)
  const { language } = frame
  return (
    <Layout {...frame} title={`${t.orgPeopleTitle} – ${actor.name}`}>
      <div class="portal">
        <nav class="breadcrumbs" aria-label={t.orgLink}>
          <ol>
            <li>
              <a href="/org">{t.orgLink}</a>
            </li>
            <li>
              <a href={`/org/${actor.orgnr}`}>{actor.name}</a>
            </li>
            <li aria-current="page">{t.orgPeopleTitle}</li>
          </ol>
        </nav>
        <h1>{t.orgPeopleTitle}</h1>
        <ErrorSummary errors={form.errors} language={language} />
        {flash ? (
          <p class="flash" role="status">
            {flash}
          </p>
        ) : null}
        <p class="lead">{t.orgPeopleIntro(actor.name)}</p>
        <h2 id="held-heading">{t.orgPeopleHeld}</h2>
        {held.length ? (
          <table class="table" aria-labelledby="held-heading">
            <thead>
              <tr>
                <th scope="col">{t.orgPerson}</th>
                <th scope="col">{t.orgRole}</th>
                <th scope="col">{t.orgGrantedBy}</th>
                <th scope="col">{t.orgGrantedAt}</th>
                <th scope="col">
                  <span class="visually-hidden">{t.orgActions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {held.map((grant) => (
                <tr data-grant={grant.id}>
                  <td data-label={t.orgPerson}>
                    <PersonName grant={grant} />
                  </td>
                  <td data-label={t.orgRole}>{t.orgRoleNames[grant.role]}</td>
                  <td data-label={t.orgGrantedBy}>{grantorText(grant.grantedBy, language)}</td>
                  <td data-label={t.orgGrantedAt}>{formatDateTime(language, grant.grantedAt)}</td>
                  <td>
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
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
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
            <table class="table" aria-labelledby="history-heading">
              <thead>
                <tr>
                  <th scope="col">{t.orgPerson}</th>
                  <th scope="col">{t.orgRole}</th>
                  <th scope="col">{t.orgGrantedBy}</th>
                  <th scope="col">{t.orgRevokedBy}</th>
                  <th scope="col">{t.orgRevokedAt}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((grant) => (
                  <tr data-grant={grant.id}>
                    <td data-label={t.orgPerson}>
                      <PersonName grant={grant} />
                    </td>
                    <td data-label={t.orgRole}>{t.orgRoleNames[grant.role]}</td>
                    <td data-label={t.orgGrantedBy}>{grantorText(grant.grantedBy, language)}</td>
                    <td data-label={t.orgRevokedBy}>{grant.revokedBy ? grantorText(grant.revokedBy, language) : ''}</td>
                    <td data-label={t.orgRevokedAt}>
                      {grant.revokedAt ? formatDateTime(language, grant.revokedAt) : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </div>
    </Layout>
  )
}
