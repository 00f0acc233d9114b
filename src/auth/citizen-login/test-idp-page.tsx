import { type Language, messages } from '../../web/i18n/index.ts'
import { Layout, withLanguage } from '../../web/layout.tsx'
import { spacedFnr } from './pages.tsx'

export interface TestIdpPageProps {
  language: Language
  uid: string
  persons: readonly { fnr: string; name: string }[]
  /** What the field holds: a person picked from the list, or what was typed before an error. */
  value: string
  error?: string | undefined
}

/**
 * The test identity provider: a field for a synthetic fødselsnummer and the demo's persons to pick from. Picking
 * is a plain link that comes back with the field filled in, so the page needs no script at all.
 */
export function TestIdpPage({ language, uid, persons, value, error }: TestIdpPageProps) {
  const t = messages(language)
  const path = `/oidc/interaction/${uid}`
  const describedBy = error ? 'fnr-hint fnr-error' : 'fnr-hint'
  return (
    <Layout language={language} title={t.testIdpTitle} path={path} account={false}>
      <h1>{t.testIdpTitle}</h1>
      <p class="lead">{t.testIdpIntro}</p>
      <p class="note">{t.testIdpWarning}</p>
      {error ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">{t.errorSummaryTitle}</h2>
          <p>
            <a href="#fnr">{error}</a>
          </p>
        </div>
      ) : null}
      <form method="post" action={`${path}/login`} novalidate>
        <input type="hidden" name="lang" value={language} />
        <div class={error ? 'field field--error' : 'field'}>
          <label for="fnr">{t.fnrLabel}</label>
          <span class="hint" id="fnr-hint">
            {t.fnrHint}
          </span>
          {error ? (
            <span class="error-message" id="fnr-error">
              {error}
            </span>
          ) : null}
          <input
            type="text"
            id="fnr"
            name="fnr"
            value={value}
            inputmode="numeric"
            autocomplete="off"
            spellcheck={false}
            maxlength={20}
            aria-describedby={describedBy}
            aria-invalid={error ? 'true' : undefined}
          />
        </div>
        <button class="button" type="submit">
          {t.logIn}
        </button>
      </form>
      <h2>{t.pickPersonHeading}</h2>
      {persons.length ? (
        <>
          <p>{t.pickPersonIntro}</p>
          <ul class="persons">
            {persons.map((person) => (
              <li>
                <a
                  href={`${withLanguage(`${path}?fnr=${person.fnr}`, language)}#fnr`}
                  aria-label={t.usePerson(person.name)}
                >
                  {person.name}
                </a>
                <span class="fnr">{spacedFnr(person.fnr)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t.noPersons}</p>
      )}
    </Layout>
  )
}
