import type { Dataset, LanguageTextValue } from '../../catalog/dataset.schemas.ts'
import { themeConcept } from '../../catalog/dcat/vocabulary.ts'
import { lifeEventOf } from '../../catalog/life-events.ts'
import { type Language, messages } from '../i18n/index.ts'

/** The filters of a catalog search as the page's query string carries them. */
export interface SearchFilters {
  q?: string | undefined
  theme?: string | undefined
  publisher?: string | undefined
  accessRights?: string | undefined
  legalBasis?: string | undefined
  lifeEvent?: string | undefined
}

export const facetNames = ['lifeEvent', 'theme', 'publisher', 'accessRights', 'legalBasis'] as const
export type FacetName = (typeof facetNames)[number]

/** `/datasets` with these filters (and cursor): empty values are left out, so links stay short and bookmarkable. */
export function searchHref(filters: SearchFilters, cursor?: string): string {
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value)
  if (cursor) query.set('cursor', cursor)
  const search = query.toString()
  return search ? `/datasets?${search}` : '/datasets'
}

/** A text in the page's language when the publisher gave it, else in the Norwegian form they gave. */
export function pickText(value: LanguageTextValue, language: Language): { text: string; lang: string } {
  const order = language === 'en' ? (['en', 'nb', 'nn'] as const) : (['nb', 'nn', 'en'] as const)
  for (const lang of order) {
    const text = value[lang]
    if (text) return { text, lang }
  }
  return { text: '', lang: language }
}

/** A publisher's text; marked with its own language when it is not the page's (WCAG 3.1.2, language of parts). */
export function LocalText({ value, language }: { value: LanguageTextValue; language: Language }) {
  const { text, lang } = pickText(value, language)
  return lang === language ? text : <span lang={lang}>{text}</span>
}

/** An EU data theme or LOS theme in words. */
export function themeLabel(uri: string, language: Language): string {
  const { labels } = themeConcept(uri)
  return (language === 'en' ? labels.en : undefined) ?? labels.nb ?? labels.nn ?? labels.en ?? uri
}

/** A life event in the page's language (its key when Deling does not know it). */
export function lifeEventLabel(key: string, language: Language): string {
  return lifeEventOf(key)?.labels[language] ?? key
}

/** A date as a reader of the page's language expects it, in Norwegian time. */
export function formatDate(language: Language, iso: string): string {
  return new Intl.DateTimeFormat(language === 'nb' ? 'nb-NO' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Oslo',
  }).format(new Date(iso))
}

/** The access-rights badge: the words carry the meaning, the colour only repeats it. */
export function AccessBadge({ accessRights, names }: { accessRights: string; names: Record<string, string> }) {
  return (
    <span class={`badge badge--${accessRights.toLowerCase().replace('_', '-')}`}>
      {names[accessRights] ?? accessRights}
    </span>
  )
}

/** How a list names a dataset: its title as a link to its page, then its access rights and its publisher. */
export function DatasetHeading({
  dataset,
  language,
  id,
}: {
  dataset: Pick<Dataset, 'id' | 'title' | 'accessRights' | 'publisher'>
  language: Language
  /** For a section the heading labels. */
  id?: string
}) {
  const t = messages(language)
  return (
    <>
      <h3 id={id}>
        <a href={`/datasets/${dataset.id}`}>
          <LocalText value={dataset.title} language={language} />
        </a>
      </h3>
      <p class="result__meta">
        <AccessBadge accessRights={dataset.accessRights} names={t.accessRightsNames} />
        <span>
          {t.catalogPublisher}: {dataset.publisher.name}
        </span>
      </p>
    </>
  )
}
