import { formatDateTime } from '../consent/pages.tsx'
import { type Language, messages } from '../web/i18n/index.ts'
import { NewestList } from '../web/newest-list.tsx'
import { GivenAndReceived } from './pages.tsx'
import type { Authorisation, RepresentedPerson } from './schemas.ts'
import type { RepresentativeActivity } from './service.ts'

/** The "acting for" chooser on "my page": oneself and everyone the citizen may act for now. */
export function ActingChooser(props: {
  options: RepresentedPerson[]
  current: string | undefined
  language: Language
  csrfToken: string
}) {
  const { options, current, language } = props
  const t = messages(language)
  if (!options.length && !current) return null
  const choose = (fnr: string, label: string) => (
    <form method="post" action="/me/acting-for">
      <input type="hidden" name="fnr" value={fnr} />
      <input type="hidden" name="csrf" value={props.csrfToken} />
      <input type="hidden" name="lang" value={language} />
      <button class="button" type="submit">
        {label}
      </button>
    </form>
  )
  return (
    <section aria-labelledby="acting-for">
      <h2 id="acting-for">{t.fullmaktChooserHeading}</h2>
      <p>{t.fullmaktChooserIntro}</p>
      <ul class="results__list">
        {current ? <li class="result">{choose('self', t.fullmaktBackToSelf)}</li> : null}
        {options.map((person) => (
          <li class="result" data-represented={person.fnr}>
            <h3>{person.name ?? person.fnr}</h3>
            <p class="result__meta">
              <span>{person.bases.map((basis) => t.fullmaktBasisNames[basis] ?? basis).join(', ')}</span>
              {person.pendingRequests ? (
                <span data-pending={person.pendingRequests}>{t.fullmaktPending(person.pendingRequests)}</span>
              ) : null}
            </p>
            {person.fnr === current ? (
              <p>{t.fullmaktActingNow}</p>
            ) : (
              choose(person.fnr, t.fullmaktActFor(person.name ?? person.fnr))
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** On one's own "my page": who may act for one by law, what representatives did, and the authorisations. */
export function RepresentationOverview(props: {
  language: Language
  csrfToken: string
  relations: { kind: string; fnr: string; name: string | null }[]
  activity: { items: RepresentativeActivity[]; total: number }
  given: Authorisation[]
  received: Authorisation[]
}) {
  const { language, relations, activity } = props
  const t = messages(language)
  return (
    <>
      <section aria-labelledby="authorisations">
        <h2 id="authorisations">{t.fullmaktHeading}</h2>
        <GivenAndReceived
          given={props.given}
          received={props.received}
          heading="h3"
          language={language}
          csrfToken={props.csrfToken}
          manageable
          returnTo="/me"
        />
        <p>
          <a href="/me/authorisations">{t.fullmaktManage}</a>
        </p>
      </section>
      {relations.length ? (
        <section aria-labelledby="relations">
          <h2 id="relations">{t.fullmaktRelationsHeading}</h2>
          <p>{t.fullmaktRelationsIntro}</p>
          <ul>
            {relations.map((relation) => (
              <li data-relation={relation.kind}>
                {relation.name ?? relation.fnr} ({t.fullmaktRelationNames[relation.kind] ?? relation.kind})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <NewestList
        id="representatives"
        heading={t.fullmaktActionsHeading}
        newest={activity}
        empty={t.fullmaktActionsEmpty}
        showing={t.fullmaktShowingNewest}
        entry={(item) => (
          <li class="result" data-action={item.action} data-representative={item.representative.fnr}>
            <p>
              <time datetime={item.at}>{formatDateTime(language, item.at)}</time>:{' '}
              {t.fullmaktActionBy(
                item.representative.name ?? item.representative.fnr,
                t.fullmaktBasisNames[item.basis] ?? item.basis,
              )}{' '}
              {t.fullmaktActionNames[item.action] ?? item.action}
              {item.consumerName ? ` (${item.consumerName})` : ''}
            </p>
          </li>
        )}
      />
    </>
  )
}
