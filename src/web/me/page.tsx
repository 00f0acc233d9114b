import type { Delivery } from '../../audit/citizen-log.ts'
import type { ConsentRequest } from '../../consent/consent.schemas.ts'
import { formatDateTime, inLanguage } from '../../consent/pages.tsx'
import { type ActingBanner, ActingForBanner } from '../../fullmakt/banner.tsx'
import { ActingChooser, RepresentationOverview } from '../../fullmakt/my-page.tsx'
import type { RepresentationOverviewView } from '../../fullmakt/overview.ts'
import type { RepresentedPerson } from '../../fullmakt/schemas.ts'
import { type Language, messages } from '../i18n/index.ts'
import { type AccountView, Layout } from '../layout.tsx'
import { NewestList } from '../newest-list.tsx'

/** The newest few of a list, and how many there are in all. */
export interface Newest<T> {
  items: T[]
  total: number
}

export interface MyPageProps {
  language: Language
  path: string
  account: AccountView
  consents: Newest<ConsentRequest>
  deliveries: Newest<Delivery>
  acting: {
    /** The represented person's name while acting for them. */
    subjectName: string | undefined
    banner: ActingBanner | undefined
    options: RepresentedPerson[]
    current: string | undefined
    /** On one's own page only: authorisations, parents and guardians, what representatives did. */
    overview: RepresentationOverviewView | undefined
  }
}

function ConsentSummary({ consent, language }: { consent: ConsentRequest; language: Language }) {
  const t = messages(language)
  return (
    <li class="result" data-consent={consent.id}>
      <h3>{consent.consumer.name}</h3>
      <p>
        {t.consentPurpose}: {inLanguage(consent.purpose.text, language)}
      </p>
      <p class="result__meta">
        <span data-status={consent.status}>
          {t.consentStatus}: {t.consentStatusNames[consent.status] ?? consent.status}
        </span>
        <span>
          {t.consentValidTo}: {formatDateTime(language, consent.validTo)}
        </span>
      </p>
    </li>
  )
}

function DeliverySummary({ delivery, language }: { delivery: Delivery; language: Language }) {
  const t = messages(language)
  const { receiver, dataset, purpose } = delivery
  return (
    <li class="result" data-entry={delivery.id}>
      <h3>{receiver.name}</h3>
      <p>{inLanguage(dataset.title ?? undefined, language) || dataset.id}</p>
      <p class="result__meta">
        <span>
          {t.accessLogWhen}: <time datetime={delivery.at}>{formatDateTime(language, delivery.at)}</time>
        </span>
        <span>
          {t.accessLogPurpose}: {inLanguage(purpose.text ?? undefined, language) || purpose.code}
        </span>
      </p>
    </li>
  )
}

/** "My page": the citizen's newest consents and deliveries, each with the way to the full list. */
export function MyPage({ consents, deliveries, acting, ...frame }: MyPageProps) {
  const { language } = frame
  const t = messages(language)
  const { csrfToken } = frame.account
  return (
    <Layout {...frame} title={t.myPageTitle}>
      <ActingForBanner banner={acting.banner} language={language} csrfToken={csrfToken} />
      <h1>{t.myPageHeading(acting.subjectName ?? frame.account.name ?? t.nameUnknown)}</h1>
      <p class="lead">{t.myPageIntro}</p>
      <NewestList
        id="consents"
        heading={t.myPageConsentsHeading}
        newest={consents}
        empty={t.myPageConsentsEmpty}
        showing={t.myPageNewest}
        entry={(consent) => <ConsentSummary consent={consent} language={language} />}
      >
        <p>
          <a href="/me/consents">{t.myPageConsentsAll}</a>
        </p>
      </NewestList>
      <NewestList
        id="access-log"
        heading={t.myPageAccessLogHeading}
        newest={deliveries}
        empty={t.myPageAccessLogEmpty}
        showing={t.myPageNewest}
        entry={(delivery) => <DeliverySummary delivery={delivery} language={language} />}
      >
        <p>
          <a href="/me/access-log">{t.myPageAccessLogAll}</a>
        </p>
      </NewestList>
      <ActingChooser options={acting.options} current={acting.current} language={language} csrfToken={csrfToken} />
      {acting.overview ? (
        <RepresentationOverview {...acting.overview} language={language} csrfToken={csrfToken} />
      ) : null}
    </Layout>
  )
}
