import type { Dataset } from '../../catalog/dataset.schemas.ts'
import type { CatalogFacets, FacetValue } from '../../catalog/search-facets.ts'
import { type Language, type Messages, messages } from '../i18n/index.ts'
import { type AccountView, Layout } from '../layout.tsx'
import {
  DatasetHeading,
  type FacetName,
  facetNames,
  LocalText,
  lifeEventLabel,
  pickText,
  type SearchFilters,
  searchHref,
  themeLabel,
} from './words.tsx'

export interface SearchPageProps {
  language: Language
  path: string
  account: AccountView | undefined
  filters: SearchFilters
  items: Dataset[]
  facets: CatalogFacets['facets'] | undefined
  total: number | undefined
  next: string | undefined
  /** Whether this is a later page (reached with a cursor). */
  later: boolean
}

const facetName = (name: FacetName, t: Messages) =>
  name === 'lifeEvent' ? t.lifeEventFacetName : t.catalogFacetNames[name]

const facetLabel = (name: FacetName, facet: Pick<FacetValue, 'value' | 'label'>, language: Language) => {
  const t = messages(language)
  if (name === 'theme') return themeLabel(facet.value, language)
  if (name === 'lifeEvent') return lifeEventLabel(facet.value, language)
  if (name === 'accessRights') return t.accessRightsNames[facet.value] ?? facet.value
  return facet.label ?? facet.value
}

// Long descriptions are cut at a word boundary: the dataset page has the whole text.
function shorten(text: string, max = 220): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : max)}…`
}

function SearchForm({ filters, t }: { filters: SearchFilters; t: Messages }) {
  return (
    <search>
      <form class="search-form" method="get" action="/datasets">
        <label for="q">{t.catalogSearchLabel}</label>
        <span class="hint" id="q-hint">
          {t.catalogSearchHint}
        </span>
        <div class="search-form__row">
          <input type="search" id="q" name="q" value={filters.q ?? ''} aria-describedby="q-hint" maxlength={200} />
          {facetNames.map((name) => (filters[name] ? <input type="hidden" name={name} value={filters[name]} /> : null))}
          <button class="button" type="submit">
            {t.catalogSearchButton}
          </button>
        </div>
      </form>
    </search>
  )
}

function ActiveFilters({ filters, facets, language }: Pick<SearchPageProps, 'filters' | 'facets' | 'language'>) {
  const t = messages(language)
  const active = facetNames.filter((name) => filters[name])
  if (!active.length) return null
  return (
    <section class="active-filters" aria-labelledby="active-filters">
      <h2 id="active-filters" class="small-heading">
        {t.catalogActiveFilters}
      </h2>
      <ul class="chips">
        {active.map((name) => {
          const value = filters[name]!
          const found = facets?.[name].find((facet) => facet.value === value)
          const label = `${facetName(name, t)}: ${facetLabel(name, found ?? { value }, language)}`
          return (
            <li>
              <a class="chip" href={searchHref({ ...filters, [name]: undefined })}>
                {t.catalogFacetRemove(label)}
              </a>
            </li>
          )
        })}
        {active.length > 1 || filters.q ? (
          <li>
            <a href="/datasets">{t.catalogClearFilters}</a>
          </li>
        ) : null}
      </ul>
    </section>
  )
}

function Facets({ filters, facets, language }: Pick<SearchPageProps, 'filters' | 'facets' | 'language'>) {
  const t = messages(language)
  if (!facets) return null
  return (
    <section class="facets" id="filters" aria-labelledby="filters-heading">
      <h2 id="filters-heading">{t.catalogFiltersHeading}</h2>
      {facetNames.map((name) =>
        facets[name].length ? (
          <div class="facet">
            <h3>{facetName(name, t)}</h3>
            <ul>
              {facets[name].map((facet) => {
                const selected = filters[name] === facet.value
                return (
                  <li>
                    <a
                      href={searchHref({ ...filters, [name]: selected ? undefined : facet.value })}
                      aria-current={selected ? 'true' : undefined}
                    >
                      {facetLabel(name, facet, language)}
                      {selected ? <span class="visually-hidden">{` (${t.catalogFacetSelected})`}</span> : null}
                    </a>{' '}
                    <span class="count">({t.catalogFacetCount(facet.count)})</span>
                  </li>
                )
              })}
            </ul>
          </div>
        ) : null,
      )}
    </section>
  )
}

function Result({ dataset, language }: { dataset: Dataset; language: Language }) {
  const t = messages(language)
  const description = pickText(dataset.description, language)
  return (
    <li class="result">
      <DatasetHeading dataset={dataset} language={language} />
      <p lang={description.lang === language ? undefined : description.lang}>{shorten(description.text)}</p>
      {dataset.legalBases.length ? (
        <p class="result__bases">
          {t.catalogLegalBases}:{' '}
          {dataset.legalBases.map((basis, index) => (
            <>
              {index ? ', ' : ''}
              <LocalText value={basis.title} language={language} />
            </>
          ))}
        </p>
      ) : null}
    </li>
  )
}

/** `/datasets`: the search form, the results with paging, and the facet filters, all plain links and GET forms. */
export function SearchPage(props: SearchPageProps) {
  const { language, filters, items, total, next, later } = props
  const t = messages(language)
  return (
    <Layout language={language} title={t.catalogTitle} path={props.path} account={props.account}>
      <div class="catalog">
        <h1>{t.catalogTitle}</h1>
        <p class="lead">{t.catalogIntro}</p>
        <SearchForm filters={filters} t={t} />
        <ActiveFilters filters={filters} facets={props.facets} language={language} />
        <div class="catalog__columns">
          <section class="results" aria-labelledby="results-heading">
            <h2 id="results-heading">{t.catalogResultsHeading}</h2>
            {total !== undefined ? (
              <p class="results__total">
                {filters.q ? t.catalogTotalFor(total, filters.q) : t.catalogTotal(total)}
                {props.facets && total > 0 ? (
                  <>
                    {' · '}
                    <a href="#filters">{t.catalogFiltersHeading}</a>
                  </>
                ) : null}
              </p>
            ) : null}
            {items.length ? (
              <ol class="results__list">
                {items.map((dataset) => (
                  <Result dataset={dataset} language={language} />
                ))}
              </ol>
            ) : (
              <p class="note">{t.catalogNoResults}</p>
            )}
            {next || later ? (
              <nav class="paging" aria-label={t.catalogPaging}>
                {later ? <a href={searchHref(filters)}>{t.catalogFirstPage}</a> : null}
                {next ? (
                  <a class="button" rel="next" href={searchHref(filters, next)}>
                    {t.catalogNextPage}
                  </a>
                ) : null}
              </nav>
            ) : null}
          </section>
          <Facets filters={filters} facets={props.facets} language={language} />
        </div>
      </div>
    </Layout>
  )
}
