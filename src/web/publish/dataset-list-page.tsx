import type { Dataset } from '../../catalog/dataset.schemas.ts'
import { AccessBadge, formatDate, LocalText } from '../catalog/words.tsx'
import { Flash } from '../form.tsx'
import { messages } from '../i18n/index.ts'
import { datasetPath, datasetsPath, type PublishFrame, PublishLayout } from './frame.tsx'

export interface DatasetListPageProps {
  frame: PublishFrame
  datasets: Dataset[]
  ruleCounts: Map<string, number>
  total: number | undefined
  /** The cursor of the next page, when there is one. */
  next: string | undefined
  /** Whether this is a later page (so there is a way back to the first). */
  later: boolean
  flash: string | undefined
}

/** /org/{orgnr}/datasets: every dataset the organisation publishes, its non-public ones too, with what to do next. */
export function DatasetListPage({ frame, datasets, ruleCounts, total, next, later, flash }: DatasetListPageProps) {
  const { language, actor } = frame
  const t = messages(language)
  return (
    <PublishLayout frame={frame} title={t.orgTaskPublish} list>
      <h1>{t.orgTaskPublish}</h1>
      <Flash text={flash} />
      <p class="lead">{t.publishListIntro(actor.name)}</p>
      <p>
        <a class="button" href={`${datasetsPath(actor.orgnr)}/new`}>
          {t.publishNewTitle}
        </a>
      </p>
      {total !== undefined ? <p class="results__total">{t.publishListTotal(total)}</p> : null}
      {datasets.length ? (
        <ul class="results__list">
          {datasets.map((dataset) => (
            <li class="result" data-dataset={dataset.id}>
              <h2 class="result__title">
                <a href={datasetPath(actor.orgnr, dataset.id)}>
                  <LocalText value={dataset.title} language={language} />
                </a>
              </h2>
              <p class="result__meta">
                <AccessBadge accessRights={dataset.accessRights} names={t.accessRightsNames} />
                <span>{t.publishVersion(dataset.version)}</span>
                <span>{t.publishUpdated(formatDate(language, dataset.updatedAt))}</span>
              </p>
              <ul class="inline-list page-links">
                <li>
                  <a href={datasetPath(actor.orgnr, dataset.id)}>{t.publishEditLink}</a>
                </li>
                <li>
                  <a href={datasetPath(actor.orgnr, dataset.id, 'rules')}>
                    {t.publishRulesCount(ruleCounts.get(dataset.id) ?? 0)}
                  </a>
                </li>
                <li>
                  <a href={datasetPath(actor.orgnr, dataset.id, 'history')}>{t.publishHistoryLink}</a>
                </li>
                <li>
                  {dataset.accessRights === 'NON_PUBLIC' ? (
                    <span class="muted">{t.publishNotPublic}</span>
                  ) : (
                    <a href={`/datasets/${dataset.id}`}>{t.publishPublicPage}</a>
                  )}
                </li>
              </ul>
            </li>
          ))}
        </ul>
      ) : (
        <p class="note">{t.publishListNone}</p>
      )}
      {next || later ? (
        <nav class="paging" aria-label={t.catalogPaging}>
          {later ? <a href={datasetsPath(actor.orgnr)}>{t.catalogFirstPage}</a> : null}
          {next ? (
            <a href={`${datasetsPath(actor.orgnr)}?cursor=${encodeURIComponent(next)}`}>{t.catalogNextPage}</a>
          ) : null}
        </nav>
      ) : null}
    </PublishLayout>
  )
}
