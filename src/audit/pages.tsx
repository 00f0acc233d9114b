import { formatDateTime, inLanguage } from '../consent/pages.tsx'
import { type ActingBanner, ActingForBanner } from '../fullmakt/banner.tsx'
import { type Language, messages } from '../web/i18n/index.ts'
import { type AccountView, Layout } from '../web/layout.tsx'
import type { Delivery } from './citizen-log.ts'

interface FrameProps {
  language: Language
  path: string
  account: AccountView
}

function DeliveryFacts({ delivery, language }: { delivery: Delivery; language: Language }) {
  const t = messages(language)
  const { receiver, dataset, purpose, legalBasis, consent } = delivery
  return (
    <dl class="facts">
      <dt>{t.accessLogWhen}</dt>
      <dd>
        <time datetime={delivery.at}>{formatDateTime(language, delivery.at)}</time>
      </dd>
      <dt>{t.accessLogReceiver}</dt>
      <dd>
        {receiver.name} ({t.consentOrgnr(receiver.orgnr)})
      </dd>
      <dt>{t.accessLogSystem}</dt>
      <dd>{receiver.system}</dd>
      {dataset.publisher ? (
        <>
          <dt>{t.accessLogFrom}</dt>
          <dd>
            {dataset.publisher.name} ({t.consentOrgnr(dataset.publisher.orgnr)})
          </dd>
        </>
      ) : null}
      <dt>{t.accessLogPurpose}</dt>
      <dd>{inLanguage(purpose.text ?? undefined, language) || purpose.code}</dd>
      <dt>{t.accessLogBasis}</dt>
      <dd data-basis={legalBasis ? 'legal-basis' : 'consent'}>
        {legalBasis ? (
          <>
            {t.accessLogLegalBasis}:{' '}
            <a href={legalBasis.uri} rel="external noreferrer">
              {inLanguage(legalBasis.title ?? undefined, language) || legalBasis.uri}
            </a>
          </>
        ) : consent ? (
          <a href="/me/consents">{t.accessLogConsent(consent.id)}</a>
        ) : null}
      </dd>
      <dt>{t.accessLogFields}</dt>
      <dd>
        {delivery.fields.length ? (
          <ul class="fields">
            {delivery.fields.map((field) => (
              <li data-pointer={field.pointer}>{field.title}</li>
            ))}
          </ul>
        ) : (
          t.accessLogNoFields
        )}
      </dd>
    </dl>
  )
}

/** "Who has received my data": every delivery of the citizen's data, newest first. */
export function AccessLogPage({
  deliveries,
  total,
  banner,
  ...frame
}: FrameProps & { deliveries: Delivery[]; total: number; banner?: ActingBanner | undefined }) {
  const t = messages(frame.language)
  return (
    <Layout {...frame} title={t.accessLogTitle}>
      <ActingForBanner banner={banner} language={frame.language} csrfToken={frame.account.csrfToken} />
      <h1>{t.accessLogTitle}</h1>
      <p class="lead">{t.accessLogIntro}</p>
      {deliveries.length === 0 ? <p>{t.accessLogEmpty}</p> : null}
      {total > deliveries.length ? <p class="note">{t.accessLogShowing(deliveries.length, total)}</p> : null}
      {deliveries.map((delivery) => (
        <section class="delivery" data-entry={delivery.id}>
          <h2>
            {delivery.receiver.name}:{' '}
            {inLanguage(delivery.dataset.title ?? undefined, frame.language) || delivery.dataset.id}
          </h2>
          <DeliveryFacts delivery={delivery} language={frame.language} />
        </section>
      ))}
    </Layout>
  )
}
