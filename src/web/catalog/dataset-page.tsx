import type { AccessRule, Dataset } from '../../catalog/dataset.schemas.ts'
import { lifeEventKeys } from '../../catalog/life-events.ts'
import { AskForAccess } from '../access-requests/ask-page.tsx'
import { Breadcrumbs } from '../breadcrumbs.tsx'
import { type Language, messages } from '../i18n/index.ts'
import { type AccountView, Layout } from '../layout.tsx'
import { AccessTable } from './access-table.tsx'
import { type ApiOperation, ApiSection, DcatSection } from './api-section.tsx'
import { AccessBadge, LocalText, lifeEventLabel, pickText, searchHref, themeLabel } from './words.tsx'

export interface DatasetPageProps {
  language: Language
  path: string
  account: AccountView | undefined
  dataset: Dataset
  rules: AccessRule[]
  recipientNames: Map<string, string>
  operations: ApiOperation[] | undefined
  publicUrl: string
}

function ContactPoint({ contact }: { contact: NonNullable<Dataset['contactPoint']> }) {
  const ways = [
    contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : null,
    contact.phone ? <a href={`tel:${contact.phone.replaceAll(' ', '')}`}>{contact.phone}</a> : null,
    contact.url ? <a href={contact.url}>{contact.url}</a> : null,
  ].filter((way) => way !== null)
  return (
    <>
      {contact.name ? <span class="block">{contact.name}</span> : null}
      {ways.map((way) => (
        <span class="block">{way}</span>
      ))}
    </>
  )
}

function About({ dataset, language }: { dataset: Dataset; language: Language }) {
  const t = messages(language)
  const keywords = pickKeywords(dataset.keywords, language)
  return (
    <section aria-labelledby="about">
      <h2 id="about">{t.datasetAbout}</h2>
      <dl class="facts">
        <dt>{t.datasetPublisher}</dt>
        <dd>
          <span class="block">
            {dataset.publisher.name} ({t.datasetOrgnr(dataset.publisher.orgnr)})
          </span>
          <a href={searchHref({ publisher: dataset.publisher.orgnr })}>
            {t.datasetMoreFromPublisher(dataset.publisher.name)}
          </a>
        </dd>
        <dt>{t.datasetAccessRights}</dt>
        <dd>
          <AccessBadge accessRights={dataset.accessRights} names={t.accessRightsNames} />
        </dd>
        {dataset.themes.length ? (
          <>
            <dt>{t.datasetThemes}</dt>
            <dd>
              <ul class="inline-list">
                {dataset.themes.map((theme) => (
                  <li>
                    <a href={searchHref({ theme })}>{themeLabel(theme, language)}</a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {dataset.lifeEvents.length ? (
          <>
            <dt>{t.lifeEventsTitle}</dt>
            <dd>
              <ul class="inline-list">
                {lifeEventKeys(dataset.lifeEvents).map((key) => (
                  <li>
                    <a href={`/life-events/${key}`}>{lifeEventLabel(key, language)}</a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {keywords.words.length ? (
          <>
            <dt>{t.datasetKeywords}</dt>
            <dd lang={keywords.lang === language ? undefined : keywords.lang}>{keywords.words.join(', ')}</dd>
          </>
        ) : null}
        {dataset.contactPoint ? (
          <>
            <dt>{t.datasetContact}</dt>
            <dd>
              <ContactPoint contact={dataset.contactPoint} />
            </dd>
          </>
        ) : null}
        <dt>{t.datasetPersonalData}</dt>
        <dd>{dataset.containsPersonalData ? t.datasetPersonalDataYes : t.datasetPersonalDataNo}</dd>
      </dl>
    </section>
  )
}

function pickKeywords(keywords: Dataset['keywords'], language: Language): { words: string[]; lang: string } {
  const order = language === 'en' ? (['en', 'nb', 'nn'] as const) : (['nb', 'nn', 'en'] as const)
  for (const lang of order) {
    const words = keywords[lang]
    if (words?.length) return { words, lang }
  }
  return { words: [], lang: language }
}

function LegalBases({ dataset, language }: { dataset: Dataset; language: Language }) {
  const t = messages(language)
  return (
    <section aria-labelledby="legal-bases">
      <h2 id="legal-bases">{t.datasetLegalBasesHeading}</h2>
      {dataset.legalBases.length ? (
        <ul class="legal-bases">
          {dataset.legalBases.map((basis) => (
            <li>
              <a href={basis.uri}>
                <LocalText value={basis.title} language={language} />
              </a>
              <span class="block muted">{t.legalBasisTypeNames[basis.type] ?? basis.type}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.datasetLegalBasesNone}</p>
      )}
    </section>
  )
}

/** `/datasets/{id}`: what the dataset is, under which law, who may receive what, and how to call its API. */
export function DatasetPage(props: DatasetPageProps) {
  const { dataset, language } = props
  const t = messages(language)
  const title = pickText(dataset.title, language)
  const description = pickText(dataset.description, language)
  return (
    <Layout language={language} title={title.text} path={props.path} account={props.account}>
      <div class="catalog">
        <Breadcrumbs
          crumbs={[{ href: '/datasets', label: t.catalogTitle }]}
          current={<LocalText value={dataset.title} language={language} />}
          language={language}
        />
        <h1>
          <LocalText value={dataset.title} language={language} />
        </h1>
        <p class="lead" lang={description.lang === language ? undefined : description.lang}>
          {description.text}
        </p>
        <About dataset={dataset} language={language} />
        <LegalBases dataset={dataset} language={language} />
        <AccessTable dataset={dataset} rules={props.rules} recipientNames={props.recipientNames} language={language} />
        <AskForAccess dataset={dataset} language={language} />
        <ApiSection {...props} />
        <DcatSection dataset={dataset} publicUrl={props.publicUrl} language={language} />
      </div>
    </Layout>
  )
}
