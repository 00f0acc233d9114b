import type { AccessRule, Dataset } from '../../catalog/dataset.schemas.ts'
import { type LifeEvent, lifeEvents, lifeEventUri } from '../../catalog/life-events.ts'
import { Breadcrumbs } from '../breadcrumbs.tsx'
import { AccessTable, recipientWords } from '../catalog/access-table.tsx'
import { DatasetHeading, LocalText, pickText, searchHref } from '../catalog/words.tsx'
import { type Language, messages } from '../i18n/index.ts'
import { type AccountView, Layout } from '../layout.tsx'
import type { LifeEventSharing } from './sharing.ts'

interface PageFrame {
  language: Language
  path: string
  account: AccountView | undefined
}

/** `/life-events`: every life event Deling knows, with how many datasets serve it. */
export function LifeEventsPage({ counts, ...frame }: PageFrame & { counts: Map<string, number> }) {
  const t = messages(frame.language)
  return (
    <Layout language={frame.language} title={t.lifeEventsTitle} path={frame.path} account={frame.account}>
      <div class="catalog">
        <h1>{t.lifeEventsTitle}</h1>
        <p class="lead">{t.lifeEventsIntro}</p>
        <ul class="results__list">
          {lifeEvents.map((event) => {
            const count = counts.get(event.key) ?? 0
            return (
              <li class="result">
                <h2 class="result__title">
                  <a href={`/life-events/${event.key}`}>{event.labels[frame.language]}</a>
                </h2>
                <p>{event.description[frame.language]}</p>
                <p class="result__meta">{count ? t.lifeEventsCount(count) : t.lifeEventsNoDatasets}</p>
              </li>
            )
          })}
        </ul>
      </div>
    </Layout>
  )
}

/** One line of the overview: the publisher shares the dataset with these recipients, for these purposes. */
function SharingLine({
  dataset,
  rules,
  recipientNames,
  language,
}: {
  dataset: Dataset
  rules: AccessRule[]
  recipientNames: Map<string, string>
  language: Language
}) {
  const t = messages(language)
  // Named organisations first, by name, then anyone with consent; each recipient's purposes by their words.
  const byRecipient = new Map<string, AccessRule[]>()
  const ordered = [...rules].sort(
    (a, b) =>
      Number(a.recipient === 'any') - Number(b.recipient === 'any') ||
      recipientWords(a, recipientNames, language).localeCompare(recipientWords(b, recipientNames, language), 'nb') ||
      pickText(a.purpose.text, language).text.localeCompare(pickText(b.purpose.text, language).text, 'nb'),
  )
  for (const rule of ordered) {
    const who = rule.recipient === 'any' ? t.lifeEventAnyWithConsent : recipientWords(rule, recipientNames, language)
    byRecipient.set(who, [...(byRecipient.get(who) ?? []), rule])
  }
  return (
    <li>
      <a href={`/datasets/${dataset.id}`}>
        <LocalText value={dataset.title} language={language} />
      </a>
      {': '}
      <strong>{dataset.publisher.name}</strong>{' '}
      {byRecipient.size ? (
        <>
          {t.lifeEventShares}{' '}
          {[...byRecipient].map(([who, purposes], index) => (
            <>
              {index ? '; ' : ''}
              {who} (
              {purposes.map((rule, i) => (
                <>
                  {i ? ', ' : ''}
                  <LocalText value={rule.purpose.text} language={language} />
                </>
              ))}
              )
            </>
          ))}
        </>
      ) : (
        t.lifeEventSharesNobody
      )}
    </li>
  )
}

/** `/life-events/{key}`: which agencies share what with whom when this happens, the cross-agency view. */
export function LifeEventPage({
  event,
  sharing,
  publicUrl,
  ...frame
}: PageFrame & { event: LifeEvent; sharing: LifeEventSharing; publicUrl: string }) {
  const { language } = frame
  const t = messages(language)
  const uri = lifeEventUri(event, publicUrl)
  const label = event.labels[language]
  return (
    <Layout language={language} title={label} path={frame.path} account={frame.account}>
      <div class="catalog">
        <Breadcrumbs
          crumbs={[{ href: '/life-events', label: t.lifeEventsTitle }]}
          current={label}
          language={language}
        />
        <h1>{label}</h1>
        <p class="lead">{event.description[language]}</p>
        <p class="muted">
          {event.national ? t.lifeEventNational : t.lifeEventOwn}{' '}
          <a href={uri}>
            <code class="wrap">{uri}</code>
          </a>
        </p>
        <section aria-labelledby="sharing">
          <h2 id="sharing">{t.lifeEventSharingHeading}</h2>
          {sharing.datasets.length ? (
            <>
              <p>{t.lifeEventSharingIntro(sharing.total, sharing.publishers)}</p>
              <ul class="sharing">
                {sharing.datasets.map(({ dataset, rules }) => (
                  <SharingLine
                    dataset={dataset}
                    rules={rules}
                    recipientNames={sharing.recipientNames}
                    language={language}
                  />
                ))}
              </ul>
              {sharing.total > sharing.datasets.length ? (
                <p class="note">{t.lifeEventMore(sharing.datasets.length)}</p>
              ) : null}
              <p>
                <a href={searchHref({ lifeEvent: event.key })}>{t.lifeEventSearchLink}</a>
              </p>
            </>
          ) : (
            <p class="note">{t.lifeEventNone}</p>
          )}
        </section>
        {sharing.datasets.length ? (
          <section aria-labelledby="datasets">
            <h2 id="datasets">{t.lifeEventDatasetsHeading}</h2>
            {sharing.datasets.map(({ dataset, rules }) => (
              <article class="life-event__dataset" aria-labelledby={`title-${dataset.id}`}>
                <DatasetHeading dataset={dataset} language={language} id={`title-${dataset.id}`} />
                <AccessTable
                  dataset={dataset}
                  rules={rules}
                  recipientNames={sharing.recipientNames}
                  language={language}
                  heading={{ id: `rules-${dataset.id}`, level: 'h4' }}
                />
              </article>
            ))}
          </section>
        ) : null}
        <p>
          <a href="/life-events">{t.lifeEventAllLink}</a>
        </p>
      </div>
    </Layout>
  )
}
