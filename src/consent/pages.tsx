import type { LanguageTextValue } from '../catalog/dataset.schemas.ts'
import type { FieldDescription } from '../catalog/record-schema.ts'
import { type ActingBanner, ActingForBanner } from '../fullmakt/banner.tsx'
import { type Language, messages } from '../web/i18n/index.ts'
import { type AccountView, Layout } from '../web/layout.tsx'
import type { ConsentRequest } from './consent.schemas.ts'

interface FrameProps {
  language: Language
  path: string
  account: AccountView
}

/** A consent with each dataset's fields in words, as the citizen reads it. */
export interface ConsentView {
  consent: ConsentRequest
  fields: Record<string, FieldDescription[]>
}

/** The text in the page's language, else in Norwegian: a consumer must give bokmål or nynorsk, English is optional. */
export const inLanguage = (text: LanguageTextValue | undefined, language: Language): string =>
  (text && (text[language] ?? text.nb ?? text.nn ?? text.en)) ?? ''

/** "31. desember 2026 kl. 23:59" or "31 December 2026 at 23:59", in Norwegian time. */
export const formatDateTime = (language: Language, iso: string): string =>
  new Intl.DateTimeFormat(language === 'nb' ? 'nb-NO' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Oslo',
  }).format(new Date(iso))

function ConsentFacts({ view, language }: { view: ConsentView; language: Language }) {
  const t = messages(language)
  const { consent } = view
  return (
    <>
      <dl class="facts">
        <dt>{t.consentWho}</dt>
        <dd>
          {consent.consumer.name} ({t.consentOrgnr(consent.consumer.orgnr)})
        </dd>
        <dt>{t.consentPurpose}</dt>
        <dd>{inLanguage(consent.purpose.text, language)}</dd>
        <dt>{t.consentValidTo}</dt>
        <dd>{formatDateTime(language, consent.validTo)}</dd>
        <dt>{t.consentUse}</dt>
        <dd>{consent.oneTime ? t.consentOneTime : t.consentManyTimes}</dd>
        <dt>{t.consentStatus}</dt>
        <dd data-status={consent.status}>{t.consentStatusNames[consent.status] ?? consent.status}</dd>
      </dl>
      <h2>{t.consentDatasetsHeading}</h2>
      {consent.datasets.map((dataset) => (
        <section class="dataset" data-dataset={dataset.datasetId}>
          <h3>{inLanguage(dataset.title, language)}</h3>
          <dl class="facts">
            <dt>{t.consentPublisher}</dt>
            <dd>
              {dataset.publisher.name} ({t.consentOrgnr(dataset.publisher.orgnr)})
            </dd>
            <dt>{t.consentFields}</dt>
            <dd>
              <ul class="fields">
                {(view.fields[dataset.datasetId] ?? []).map((field) => (
                  <li data-pointer={field.pointer}>{field.title}</li>
                ))}
              </ul>
            </dd>
            <dt>{t.consentRule}</dt>
            <dd>{t.consentRuleText(dataset.ruleId, consent.purpose.code)}</dd>
          </dl>
        </section>
      ))}
    </>
  )
}

/** The consent screen: what is asked, and, while pending, the two buttons (one form, so one CSRF token). */
export function ConsentPage({
  view,
  acting,
  ...frame
}: FrameProps & { view: ConsentView; acting?: { banner: ActingBanner | undefined; mayAnswer: boolean } }) {
  const t = messages(frame.language)
  const { consent } = view
  const mayAnswer = acting?.mayAnswer ?? true
  return (
    <Layout {...frame} title={t.consentTitle}>
      <ActingForBanner banner={acting?.banner} language={frame.language} csrfToken={frame.account.csrfToken} />
      <h1>{t.consentTitle}</h1>
      <p class="lead">{t.consentIntro(consent.consumer.name)}</p>
      {consent.requestMessage ? (
        <div class="note">
          <p>
            <strong>{t.consentMessage}</strong>
          </p>
          <p>{inLanguage(consent.requestMessage, frame.language)}</p>
        </div>
      ) : null}
      <ConsentFacts view={view} language={frame.language} />
      <h2>{t.consentDecisionHeading}</h2>
      {consent.status === 'pending' && !mayAnswer ? <p class="note">{t.fullmaktMayNotAnswer}</p> : null}
      {consent.status === 'pending' && mayAnswer ? (
        <form method="post" action={`/consent/view/${consent.id}`}>
          <input type="hidden" name="csrf" value={frame.account.csrfToken} />
          <input type="hidden" name="lang" value={frame.language} />
          <p>{t.consentDecisionHint}</p>
          <p>
            <button class="button" type="submit" name="decision" value="accept">
              {t.consentAccept}
            </button>{' '}
            <button class="button" type="submit" name="decision" value="reject">
              {t.consentReject}
            </button>
          </p>
        </form>
      ) : consent.status !== 'pending' ? (
        <p class="note">{t.consentDecided(t.consentStatusNames[consent.status] ?? consent.status)}</p>
      ) : null}
    </Layout>
  )
}

/** "My consents": every request about the citizen, newest first; accepted ones can be revoked, each has a receipt. */
export function ConsentListPage({
  views,
  acting,
  ...frame
}: FrameProps & { views: ConsentView[]; acting?: { banner: ActingBanner | undefined; revocable: Set<string> } }) {
  const t = messages(frame.language)
  return (
    <Layout {...frame} title={t.myConsentsTitle}>
      <ActingForBanner banner={acting?.banner} language={frame.language} csrfToken={frame.account.csrfToken} />
      <h1>{t.myConsentsTitle}</h1>
      <p class="lead">{t.myConsentsIntro}</p>
      {views.length === 0 ? <p>{t.myConsentsEmpty}</p> : null}
      {views.map(({ consent }) => (
        <section class="consent" data-consent={consent.id}>
          <h2>
            {consent.consumer.name}: {inLanguage(consent.purpose.text, frame.language)}
          </h2>
          <dl class="facts">
            <dt>{t.consentStatus}</dt>
            <dd data-status={consent.status}>{t.consentStatusNames[consent.status] ?? consent.status}</dd>
            <dt>{t.consentWho}</dt>
            <dd>
              {consent.consumer.name} ({t.consentOrgnr(consent.consumer.orgnr)})
            </dd>
            <dt>{t.consentDatasetsHeading}</dt>
            <dd>{consent.datasets.map((dataset) => inLanguage(dataset.title, frame.language)).join(', ')}</dd>
            <dt>{t.consentValidTo}</dt>
            <dd>{formatDateTime(frame.language, consent.validTo)}</dd>
          </dl>
          <p>
            <a href={`/consent/view/${consent.id}`}>{t.consentOpen}</a>
            {consent.decidedAt && consent.status !== 'rejected' ? (
              <>
                {' · '}
                <a href={`/me/consents/${consent.id}/receipt`}>{t.consentReceipt}</a>
              </>
            ) : null}
          </p>
          {consent.status === 'accepted' && (acting?.revocable.has(consent.id) ?? true) ? (
            <form method="post" action={`/me/consents/${consent.id}/revoke`}>
              <input type="hidden" name="csrf" value={frame.account.csrfToken} />
              <button class="button" type="submit" aria-label={`${t.consentRevoke}: ${consent.consumer.name}`}>
                {t.consentRevoke}
              </button>
            </form>
          ) : null}
        </section>
      ))}
    </Layout>
  )
}
