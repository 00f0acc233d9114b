import { type Dataset, legalBasisTypes } from '../../catalog/dataset.schemas.ts'
import { dataThemeLabels, dataThemeScheme, provisionalDataTheme } from '../../catalog/dcat/vocabulary.ts'
import { lifeEvents } from '../../catalog/life-events.ts'
import { pickText, themeLabel } from '../catalog/words.tsx'
import { CsrfField } from '../form.tsx'
import { type Language, messages } from '../i18n/index.ts'
import type { RowCounts, RowKind } from './dataset-form.ts'
import {
  Choices,
  DefaultSubmit,
  LanguageTexts,
  PublishErrorSummary,
  SelectInput,
  TextBox,
  TextInput,
} from './fields.tsx'
import { type FormValues, many, one, type PublishErrors } from './form-values.ts'
import { DatasetLinks, datasetPath, datasetsPath, type PublishFrame, PublishLayout } from './frame.tsx'

export interface DatasetFormPageProps {
  frame: PublishFrame
  /** The dataset being changed; none for a new one. */
  dataset?: Dataset | undefined
  values: FormValues
  errors: PublishErrors
  rows: RowCounts
}

const euThemes = Object.keys(dataThemeLabels)
  .map((code) => `${dataThemeScheme}/${code}`)
  .filter((uri) => uri !== provisionalDataTheme)

/** The form's label of a field, for the error summary: "Hjemmel 2: Lovdata-adresse". */
export function datasetFieldLabel(name: string, language: Language): string {
  const t = messages(language)
  const row = /^(legalBases|dataServices)\.(\d+)\.(.+)$/.exec(name)
  if (row) {
    const rowLabel = row[1] === 'legalBases' ? t.publishLegalBasisRow : t.publishServiceRow
    return `${rowLabel(Number(row[2]) + 1)}: ${datasetFieldLabel(row[3]!, language)}`
  }
  const [field = '', code] = name.split(/\.(?=nb$|nn$|en$)/)
  const label = t.publishFieldLabels[field] ?? field
  return code ? `${label} (${t.publishLanguageNames[code]})` : label
}

function LegalBasisRow({ i, values, errors, language }: RowProps) {
  const t = messages(language)
  const name = (field: string) => `legalBases.${i}.${field}`
  const common = { values, errors, language }
  return (
    <fieldset class="form-row">
      <legend>{t.publishLegalBasisRow(i + 1)}</legend>
      <input type="hidden" name={name('id')} value={one(values, name('id'))} />
      <SelectInput
        {...common}
        name={name('type')}
        label={t.publishFieldLabels.type!}
        options={[
          { value: '', label: t.publishChooseType },
          ...legalBasisTypes.map((type) => ({ value: type, label: t.legalBasisTypeNames[type] ?? type })),
        ]}
      />
      <LanguageTexts {...common} name={name('title')} legend={t.publishFieldLabels.title!} />
      <TextInput
        {...common}
        name={name('uri')}
        type="url"
        wide
        label={t.publishFieldLabels.uri!}
        hint={t.publishLegalBasisUriHint}
      />
    </fieldset>
  )
}

interface RowProps {
  i: number
  values: FormValues
  errors: PublishErrors
  language: Language
}

function DataServiceRow({ i, values, errors, language }: RowProps) {
  const t = messages(language)
  const name = (field: string) => `dataServices.${i}.${field}`
  const common = { values, errors, language }
  return (
    <fieldset class="form-row">
      <legend>{t.publishServiceRow(i + 1)}</legend>
      <input type="hidden" name={name('id')} value={one(values, name('id'))} />
      <LanguageTexts {...common} name={name('title')} legend={t.publishFieldLabels.serviceTitle!} />
      <TextInput {...common} name={name('endpointUrl')} type="url" wide label={t.publishFieldLabels.endpointUrl!} />
      <TextBox
        {...common}
        name={name('openapi')}
        rows={8}
        code
        label={t.publishFieldLabels.openapi!}
        hint={t.publishOpenapiHint}
      />
    </fieldset>
  )
}

function Rows({ kind, count, ...row }: Omit<RowProps, 'i'> & { kind: RowKind; count: number }) {
  const t = messages(row.language)
  const Row = kind === 'legalBases' ? LegalBasisRow : DataServiceRow
  return (
    <>
      {Array.from({ length: count }, (_, i) => (
        <Row {...row} i={i} />
      ))}
      <p>
        <button class="button button--plain" type="submit" name="action" value={`add-${kind}`}>
          {kind === 'legalBases' ? t.publishAddLegalBasis : t.publishAddService}
        </button>
      </p>
    </>
  )
}

/** The form to publish a dataset or change one: every field the API takes, in the API's terms and checks. */
export function DatasetFormPage({ frame, dataset, values, errors, rows }: DatasetFormPageProps) {
  const { language, actor } = frame
  const t = messages(language)
  const common = { values, errors, language }
  const title = dataset ? t.publishEditTitle(pickText(dataset.title, language).text) : t.publishNewTitle
  const themeChoices = [...new Set([...euThemes, ...many(values, 'themes')])].map((uri) => ({
    value: uri,
    label: themeLabel(uri, language),
  }))
  return (
    <PublishLayout frame={frame} title={title}>
      <h1>{title}</h1>
      <PublishErrorSummary errors={errors} labelOf={(name) => datasetFieldLabel(name, language)} language={language} />
      <p class="lead">{t.publishFormIntro}</p>
      {dataset ? (
        <>
          <DatasetLinks frame={frame} dataset={dataset} current="edit" />
          <p class="note">{t.publishEditingVersion(Number(values.version))}</p>
        </>
      ) : null}
      <form
        id="publish-form"
        class="form"
        method="post"
        action={dataset ? datasetPath(actor.orgnr, dataset.id) : datasetsPath(actor.orgnr)}
        novalidate
      >
        <DefaultSubmit label={t.publishSave} />
        <CsrfField token={frame.account.csrfToken} />
        {dataset ? <input type="hidden" name="version" value={values.version ?? ''} /> : null}
        <h2>{t.publishSectionAbout}</h2>
        <LanguageTexts {...common} name="title" legend={t.publishFieldLabels.title!} hint={t.publishTitleHint} />
        <LanguageTexts {...common} name="description" legend={t.publishFieldLabels.description!} multiline rows={4} />
        <LanguageTexts
          {...common}
          name="keywords"
          legend={t.publishFieldLabels.keywords!}
          hint={t.publishKeywordsHint}
          multiline
          rows={3}
        />
        <h2>{t.publishSectionThemes}</h2>
        <Choices
          {...common}
          type="checkbox"
          columns
          name="themes"
          label={t.publishFieldLabels.themes!}
          choices={themeChoices}
        />
        <Choices
          {...common}
          type="checkbox"
          columns
          name="lifeEvents"
          label={t.publishFieldLabels.lifeEvents!}
          hint={t.publishLifeEventsHint}
          choices={lifeEvents.map((event) => ({ value: event.key, label: event.labels[language] }))}
        />
        <h2>{t.publishSectionAccess}</h2>
        <Choices
          {...common}
          type="radio"
          name="accessRights"
          label={t.publishFieldLabels.accessRights!}
          choices={(['PUBLIC', 'RESTRICTED', 'NON_PUBLIC'] as const).map((value) => ({
            value,
            label: t.accessRightsNames[value] ?? value,
            hint: t.publishAccessRightsHints[value],
          }))}
        />
        <Choices
          {...common}
          type="radio"
          name="containsPersonalData"
          label={t.publishFieldLabels.containsPersonalData!}
          choices={[
            { value: 'yes', label: t.publishYes },
            { value: 'no', label: t.publishNo },
          ]}
        />
        <h2>{t.publishSectionContact}</h2>
        <p class="hint">{t.publishContactHint}</p>
        <TextInput {...common} name="contactPoint.name" label={t.publishFieldLabels['contactPoint.name']!} />
        <TextInput
          {...common}
          name="contactPoint.email"
          type="email"
          label={t.publishFieldLabels['contactPoint.email']!}
        />
        <TextInput
          {...common}
          name="contactPoint.url"
          type="url"
          wide
          label={t.publishFieldLabels['contactPoint.url']!}
        />
        <TextInput
          {...common}
          name="contactPoint.phone"
          type="tel"
          label={t.publishFieldLabels['contactPoint.phone']!}
        />
        <h2>{t.publishSectionLegalBases}</h2>
        <p class="hint">{t.publishRowsHint}</p>
        <Rows {...common} kind="legalBases" count={rows.legalBases} />
        <h2>{t.publishSectionServices}</h2>
        <p class="hint">{t.publishServicesHint}</p>
        <Rows {...common} kind="dataServices" count={rows.dataServices} />
        <h2>{t.publishSectionRecordSchema}</h2>
        <TextBox
          {...common}
          name="recordSchema"
          rows={14}
          code
          label={t.publishFieldLabels.recordSchema!}
          hint={t.publishRecordSchemaHint}
        />
        <div class="actions">
          <button class="button" type="submit" name="action" value="save">
            {dataset ? t.publishSave : t.publishCreate}
          </button>
          <a href={datasetsPath(actor.orgnr)}>{t.publishCancel}</a>
          {dataset ? (
            <a class="actions__end" href={datasetPath(actor.orgnr, dataset.id, 'delete')}>
              {t.publishDeleteLink}
            </a>
          ) : null}
        </div>
      </form>
    </PublishLayout>
  )
}
