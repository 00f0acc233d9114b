import { formatDateTime } from '../consent/pages.tsx'
import type { FieldError } from '../http/problem.ts'
import { type Language, messages } from '../web/i18n/index.ts'
import { type AccountView, Layout } from '../web/layout.tsx'
import { type ActingBanner, ActingForBanner } from './banner.tsx'
import type { Authorisation } from './schemas.ts'

interface FrameProps {
  language: Language
  path: string
  account: AccountView
}

const formatDate = (language: Language, iso: string) =>
  new Intl.DateTimeFormat(language === 'nb' ? 'nb-NO' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Oslo' }).format(
    new Date(iso),
  )

const personText = (person: { fnr: string; name: string | null }) =>
  person.name ? `${person.name} (${person.fnr})` : person.fnr

/** Authorisations given or received; those still in force get the button that ends them, when `manageable`. */
export function AuthorisationList(props: {
  items: Authorisation[]
  side: 'given' | 'received'
  language: Language
  csrfToken: string
  manageable: boolean
  /** The page the revoke form comes back to. */
  returnTo: '/me' | '/me/authorisations'
}) {
  const { items, side, language } = props
  const t = messages(language)
  if (!items.length) return <p>{side === 'given' ? t.fullmaktGivenEmpty : t.fullmaktReceivedEmpty}</p>
  return (
    <ul class="results__list">
      {items.map((item) => (
        <li class="result" data-authorisation={item.id}>
          <dl class="facts">
            <dt>{side === 'given' ? t.fullmaktTo : t.fullmaktFrom}</dt>
            <dd>{personText(side === 'given' ? item.representative : item.giver)}</dd>
            <dt>{t.fullmaktScope}</dt>
            <dd data-scope={item.scope}>
              {t.fullmaktScopeNames[item.scope]}
              {item.accept ? ` ${t.fullmaktAndAccept}` : ''}
            </dd>
            <dt>{t.fullmaktOrganisations}</dt>
            <dd>{item.orgnrs ? item.orgnrs.join(', ') : t.fullmaktAllOrganisations}</dd>
            <dt>{t.fullmaktPeriod}</dt>
            <dd>
              {t.fullmaktPeriodText(formatDate(language, item.validFrom), formatDateTime(language, item.validTo))}
            </dd>
            <dt>{t.fullmaktStatus}</dt>
            <dd data-status={item.status}>{t.fullmaktStatusNames[item.status]}</dd>
          </dl>
          {props.manageable && (item.status === 'active' || item.status === 'scheduled') ? (
            <form method="post" action={`/me/authorisations/${item.id}/revoke`}>
              <input type="hidden" name="csrf" value={props.csrfToken} />
              <input type="hidden" name="lang" value={language} />
              <input type="hidden" name="returnTo" value={props.returnTo} />
              <button class="button" type="submit">
                {side === 'given' ? t.fullmaktRevoke : t.fullmaktGiveUp}
              </button>
            </form>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

/** The authorisations the citizen gave, then those they received, each list under its heading. */
export function GivenAndReceived({
  given,
  received,
  heading: Heading,
  ...list
}: Omit<Parameters<typeof AuthorisationList>[0], 'items' | 'side'> & {
  given: Authorisation[]
  received: Authorisation[]
  heading: 'h2' | 'h3'
}) {
  const t = messages(list.language)
  return (
    <>
      <Heading>{t.fullmaktGivenHeading}</Heading>
      <AuthorisationList items={given} side="given" {...list} />
      <Heading>{t.fullmaktReceivedHeading}</Heading>
      <AuthorisationList items={received} side="received" {...list} />
    </>
  )
}

export interface AuthorisationFormState {
  values: Record<string, string>
  errors: FieldError[]
}

/** `/me/authorisations`: the citizen's authorisations and the form for a new one. */
export function AuthorisationsPage(
  props: FrameProps & {
    given: Authorisation[]
    received: Authorisation[]
    banner: ActingBanner | undefined
    form?: AuthorisationFormState
  },
) {
  const { given, received, banner, form, ...frame } = props
  const { language } = frame
  const t = messages(language)
  const csrfToken = frame.account.csrfToken
  const self = !banner || banner.kind === 'ended'
  const value = (name: string) => form?.values[name] ?? ''
  const fieldOf = (pointer: string) => pointer.split('/')[1] ?? ''
  const errorAt = (name: string) => form?.errors.find((error) => fieldOf(error.pointer) === name)
  const errorText = (name: string) => t.fullmaktFieldErrors[name] ?? name
  const field = (name: string, label: string, input: unknown, hint?: string) => (
    <div class={errorAt(name) ? 'field field--error' : 'field'}>
      <label for={`fm-${name}`}>{label}</label>
      {hint ? <span class="hint">{hint}</span> : null}
      {errorAt(name) ? <span class="error-message">{errorText(name)}</span> : null}
      {input}
    </div>
  )
  return (
    <Layout {...frame} title={t.fullmaktHeading}>
      <ActingForBanner banner={banner} language={language} csrfToken={csrfToken} />
      <h1>{t.fullmaktHeading}</h1>
      <p class="lead">{t.fullmaktIntro}</p>
      {self ? null : <p class="note">{t.fullmaktMustBeSelf}</p>}
      <GivenAndReceived
        given={given}
        received={received}
        heading="h2"
        language={language}
        csrfToken={csrfToken}
        manageable={self}
        returnTo="/me/authorisations"
      />
      {self ? (
        <form method="post" action="/me/authorisations" novalidate>
          <h2>{t.fullmaktNewHeading}</h2>
          {form?.errors.length ? (
            <div class="error-summary" role="alert">
              <h2>{t.fullmaktErrorsHeading}</h2>
              {[...new Set(form.errors.map((error) => fieldOf(error.pointer)))].map((name) => (
                <p>{errorText(name)}</p>
              ))}
            </div>
          ) : null}
          <input type="hidden" name="csrf" value={csrfToken} />
          <input type="hidden" name="lang" value={language} />
          {field(
            'representative',
            t.fullmaktRepresentative,
            <input
              type="text"
              id="fm-representative"
              name="representative"
              inputmode="numeric"
              autocomplete="off"
              value={value('representative')}
            />,
            t.fullmaktRepresentativeHint,
          )}
          <fieldset class="field">
            <legend>{t.fullmaktScopeLegend}</legend>
            <label class="block">
              <input type="radio" name="scope" value="view" checked={value('scope') !== 'view-and-revoke'} />{' '}
              {t.fullmaktScopeView}
            </label>
            <label class="block">
              <input type="radio" name="scope" value="view-and-revoke" checked={value('scope') === 'view-and-revoke'} />{' '}
              {t.fullmaktScopeViewAndRevoke}
            </label>
            <label class="block">
              <input type="checkbox" name="accept" value="on" checked={value('accept') === 'on'} />{' '}
              {t.fullmaktAcceptLabel}
            </label>
          </fieldset>
          {field(
            'orgnrs',
            t.fullmaktOrgnrsLabel,
            <input type="text" id="fm-orgnrs" name="orgnrs" value={value('orgnrs')} />,
            t.fullmaktOrgnrsHint,
          )}
          {field(
            'validFrom',
            t.fullmaktValidFromLabel,
            <input type="date" id="fm-validFrom" name="validFrom" value={value('validFrom')} />,
          )}
          {field(
            'validTo',
            t.fullmaktValidToLabel,
            <input type="date" id="fm-validTo" name="validTo" value={value('validTo')} />,
          )}
          <button class="button" type="submit">
            {t.fullmaktSubmit}
          </button>
        </form>
      ) : null}
    </Layout>
  )
}
