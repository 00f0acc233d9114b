import { spacedFnr } from '../../auth/citizen-login/pages.tsx'
import type { AccessRule, Dataset } from '../../catalog/dataset.schemas.ts'
import type { datasetHistory } from '../../catalog/datasets.ts'
import { describeFields } from '../../catalog/record-schema.ts'
import { formatDateTime } from '../../consent/pages.tsx'
import { LocalText, pickText } from '../catalog/words.tsx'
import { type Language, messages } from '../i18n/index.ts'
import { DatasetLinks, datasetPath, type PublishFrame, PublishLayout } from './frame.tsx'

export type CatalogChangeView = Awaited<ReturnType<typeof datasetHistory>>[number]

export interface HistoryPageProps {
  frame: PublishFrame
  dataset: Dataset
  changes: CatalogChangeView[]
}

/** Who made a change: the person (their own organisation sees the fødselsnummer), the API client, or the import. */
function changedBy(change: CatalogChangeView, language: Language): string {
  const t = messages(language)
  const who = change.by.pid
    ? t.publishByPerson(spacedFnr(change.by.pid))
    : change.by.clientId
      ? t.publishByClient(change.by.clientId)
      : t.publishByOrganisation(change.by.orgnr)
  return `${who}, ${t.publishVia[change.via] ?? change.via}`
}

function DatasetSnapshot({ snapshot, language }: { snapshot: Partial<Dataset>; language: Language }) {
  const t = messages(language)
  return (
    <dl class="facts">
      <dt>{t.publishFieldLabels.title}</dt>
      <dd>{snapshot.title ? <LocalText value={snapshot.title} language={language} /> : ''}</dd>
      <dt>{t.publishFieldLabels.accessRights}</dt>
      <dd>{t.accessRightsNames[snapshot.accessRights ?? ''] ?? snapshot.accessRights}</dd>
      <dt>{t.datasetPersonalData}</dt>
      <dd>{snapshot.containsPersonalData ? t.publishYes : t.publishNo}</dd>
      <dt>{t.datasetLegalBasesHeading}</dt>
      <dd>
        {(snapshot.legalBases ?? []).map((basis) => pickText(basis.title, language).text).join('; ') || t.publishNone}
      </dd>
      <dt>{t.publishSectionServices}</dt>
      <dd>{(snapshot.dataServices ?? []).map((service) => service.endpointUrl).join(', ') || t.publishNone}</dd>
    </dl>
  )
}

function RuleSnapshot({
  snapshot,
  dataset,
  language,
}: {
  snapshot: Partial<AccessRule>
  dataset: Dataset
  language: Language
}) {
  const t = messages(language)
  const basis = snapshot.basis
  const legalBasis =
    basis && 'legalBasisId' in basis
      ? dataset.legalBases.find((candidate) => candidate.id === basis.legalBasisId)
      : undefined
  const fields = dataset.recordSchema
    ? describeFields(dataset.recordSchema, snapshot.fields ?? [], language).map((field) => field.title)
    : (snapshot.fields ?? [])
  return (
    <dl class="facts">
      <dt>{t.ruleRecipient}</dt>
      <dd>{snapshot.recipient === 'any' ? t.ruleAnyRecipient : t.datasetOrgnr(snapshot.recipient?.orgnr ?? '')}</dd>
      <dt>{t.rulePurpose}</dt>
      <dd>
        {snapshot.purpose ? <LocalText value={snapshot.purpose.text} language={language} /> : ''}{' '}
        <span class="muted">{t.rulePurposeCode(snapshot.purpose?.code ?? '')}</span>
      </dd>
      <dt>{t.ruleBasis}</dt>
      <dd>
        {basis && 'consent' in basis
          ? t.ruleConsent
          : legalBasis
            ? pickText(legalBasis.title, language).text
            : basis && 'legalBasisId' in basis
              ? basis.legalBasisId
              : ''}
      </dd>
      <dt>{t.ruleFields}</dt>
      <dd>{fields.join(', ')}</dd>
    </dl>
  )
}

/** /org/{orgnr}/datasets/{id}/history: every change of the dataset and its rules, newest first. */
export function HistoryPage({ frame, dataset, changes }: HistoryPageProps) {
  const { language, actor } = frame
  const t = messages(language)
  const title = t.publishHistoryLink
  const datasetTitle = pickText(dataset.title, language).text
  return (
    <PublishLayout
      frame={frame}
      title={title}
      crumbs={[{ href: datasetPath(actor.orgnr, dataset.id), label: datasetTitle }]}
    >
      <h1>
        {title}: <LocalText value={dataset.title} language={language} />
      </h1>
      <DatasetLinks frame={frame} dataset={dataset} current="history" />
      <p class="lead">{t.publishHistoryIntro}</p>
      <ol class="timeline history" reversed>
        {[...changes].reverse().map((change) => {
          const rule = change.snapshot as Partial<AccessRule>
          const what =
            change.resource === 'dataset'
              ? t.publishDatasetChanged[change.change]
              : t.publishRuleChanged[change.change]?.(rule.purpose?.code ?? change.resourceId)
          return (
            <li data-change={`${change.resource}:${change.resourceId}:${change.version}`}>
              <time datetime={change.at}>{formatDateTime(language, change.at)}</time>
              <h2 class="small-heading">
                {what} <span class="muted">({t.publishVersion(change.version)})</span>
              </h2>
              <p class="history__by">{changedBy(change, language)}</p>
              <details>
                <summary>{t.publishSnapshot}</summary>
                {change.resource === 'dataset' ? (
                  <DatasetSnapshot snapshot={change.snapshot as Partial<Dataset>} language={language} />
                ) : (
                  <RuleSnapshot snapshot={rule} dataset={dataset} language={language} />
                )}
              </details>
            </li>
          )
        })}
      </ol>
    </PublishLayout>
  )
}
