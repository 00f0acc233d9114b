import type { AccessRule, Dataset } from '../../catalog/dataset.schemas.ts'
import { describeFields } from '../../catalog/record-schema.ts'
import { recipientWords } from '../catalog/access-table.tsx'
import { formatDate, LocalText, pickText } from '../catalog/words.tsx'
import { CsrfField, Flash } from '../form.tsx'
import { type Language, messages } from '../i18n/index.ts'
import { type Column, ColumnTable } from '../table.tsx'
import { Choices, DefaultSubmit, LanguageTexts, PublishErrorSummary, SelectInput, TextInput } from './fields.tsx'
import { type FormValues, many, one, type PublishErrors } from './form-values.ts'
import { DatasetLinks, datasetPath, type PublishFrame, PublishLayout } from './frame.tsx'
import { fieldDepth, recordFieldPointers } from './record-fields.ts'

const datasetCrumb = (frame: PublishFrame, dataset: Dataset) => ({
  href: datasetPath(frame.actor.orgnr, dataset.id),
  label: pickText(dataset.title, frame.language).text,
})

function basisWords(rule: AccessRule, dataset: Dataset, language: Language) {
  const t = messages(language)
  if ('consent' in rule.basis) return t.ruleConsent
  const { legalBasisId } = rule.basis
  const basis = dataset.legalBases.find((candidate) => candidate.id === legalBasisId)
  return basis ? pickText(basis.title, language).text : legalBasisId
}

export interface RulesPageProps {
  frame: PublishFrame
  dataset: Dataset
  rules: AccessRule[]
  recipientNames: Map<string, string>
  flash: string | undefined
}

/** /org/{orgnr}/datasets/{id}/rules: the dataset's access rules, each with a way to change or delete it. */
export function RulesPage({ frame, dataset, rules, recipientNames, flash }: RulesPageProps) {
  const { language, actor } = frame
  const t = messages(language)
  const title = t.publishRulesLink
  const columns: Column<AccessRule>[] = [
    { label: t.ruleRecipient, cell: (rule) => recipientWords(rule, recipientNames, language) },
    {
      label: t.rulePurpose,
      cell: (rule) => (
        <>
          <LocalText value={rule.purpose.text} language={language} />
          <span class="block muted">{t.rulePurposeCode(rule.purpose.code)}</span>
        </>
      ),
    },
    { label: t.ruleBasis, cell: (rule) => basisWords(rule, dataset, language) },
    {
      label: t.ruleFields,
      cell: (rule) =>
        dataset.recordSchema
          ? describeFields(dataset.recordSchema, rule.fields, language)
              .map((field) => field.title)
              .join(', ')
          : rule.fields.join(', '),
    },
    {
      label: t.ruleValidity,
      cell: (rule) => (
        <>
          {[
            rule.validFrom ? t.ruleValidFrom(formatDate(language, rule.validFrom)) : '',
            rule.validTo ? t.ruleValidTo(formatDate(language, rule.validTo)) : '',
          ]
            .filter(Boolean)
            .join(' ') || t.ruleAlwaysValid}
          {rule.oneTime ? <span class="block muted">{t.ruleOneTime}</span> : null}
        </>
      ),
    },
    {
      label: t.publishActions,
      hiddenHeading: true,
      cell: (rule) => (
        <ul class="inline-list">
          <li>
            <a
              href={datasetPath(actor.orgnr, dataset.id, `rules/${rule.id}`)}
              aria-label={t.publishEditRuleLabel(rule.purpose.code)}
            >
              {t.publishEditLink}
            </a>
          </li>
          <li>
            <a
              href={datasetPath(actor.orgnr, dataset.id, `rules/${rule.id}/delete`)}
              aria-label={t.publishDeleteRuleLabel(rule.purpose.code)}
            >
              {t.publishDeleteShort}
            </a>
          </li>
        </ul>
      ),
    },
  ]
  return (
    <PublishLayout frame={frame} title={title} crumbs={[datasetCrumb(frame, dataset)]}>
      <h1>
        {title}: <LocalText value={dataset.title} language={language} />
      </h1>
      <DatasetLinks frame={frame} dataset={dataset} current="rules" />
      <Flash text={flash} />
      <p class="lead">{t.publishRulesIntro}</p>
      <p>
        <a class="button" href={datasetPath(actor.orgnr, dataset.id, 'rules/new')}>
          {t.publishNewRule}
        </a>
      </p>
      {rules.length ? (
        <ColumnTable
          class="table"
          caption={t.whoGetsWhatCaption}
          rows={rules}
          columns={columns}
          rowAttributes={(rule) => ({ 'data-rule': rule.id })}
        />
      ) : (
        <p class="note">{t.publishRulesNone}</p>
      )}
    </PublishLayout>
  )
}

export interface RuleFormPageProps {
  frame: PublishFrame
  dataset: Dataset
  /** The rule being changed; none for a new one. */
  rule?: AccessRule | undefined
  values: FormValues
  errors: PublishErrors
  organisations: { orgnr: string; name: string }[]
}

/** The label of a rule-form field, for the error summary. */
export function ruleFieldLabel(name: string, language: Language): string {
  const t = messages(language)
  const code = /^purpose\.text\.(nb|nn|en)$/.exec(name)?.[1]
  if (code) return `${t.publishFieldLabels.purposeText} (${t.publishLanguageNames[code]})`
  return t.publishFieldLabels[name] ?? name
}

/** The form to add an access rule to a dataset or change one, in the API's terms and with its checks. */
export function RuleFormPage({ frame, dataset, rule, values, errors, organisations }: RuleFormPageProps) {
  const { language, actor } = frame
  const t = messages(language)
  const common = { values, errors, language }
  const title = rule ? t.publishEditRuleTitle(rule.purpose.code) : t.publishNewRule
  const rulesPath = datasetPath(actor.orgnr, dataset.id, 'rules')
  const pointers = dataset.recordSchema ? recordFieldPointers(dataset.recordSchema) : []
  const chosenElsewhere = many(values, 'fields').filter((pointer) => !pointers.includes(pointer))
  const fieldChoices = dataset.recordSchema
    ? describeFields(dataset.recordSchema, [...pointers, ...chosenElsewhere], language).map((field) => ({
        value: field.pointer,
        label: field.title,
        hint: field.pointer,
        depth: fieldDepth(field.pointer),
      }))
    : []
  const bases = dataset.legalBases.filter((basis) => basis.type !== 'non-disclosure')
  return (
    <PublishLayout
      frame={frame}
      title={title}
      crumbs={[datasetCrumb(frame, dataset), { href: rulesPath, label: t.publishRulesLink }]}
    >
      <h1>{title}</h1>
      <PublishErrorSummary errors={errors} labelOf={(name) => ruleFieldLabel(name, language)} language={language} />
      <p class="lead">{t.publishRuleIntro(pickText(dataset.title, language).text)}</p>
      <form
        id="publish-form"
        class="form"
        method="post"
        action={rule ? `${rulesPath}/${rule.id}` : rulesPath}
        novalidate
      >
        <DefaultSubmit label={t.publishSave} />
        <CsrfField token={frame.account.csrfToken} />
        {rule ? <input type="hidden" name="version" value={one(values, 'version')} /> : null}
        <SelectInput
          {...common}
          name="recipient"
          label={t.publishFieldLabels.recipient!}
          hint={t.publishRecipientHint}
          options={[
            { value: '', label: t.publishChooseRecipient },
            { value: 'any', label: t.ruleAnyRecipient },
            ...organisations.map((organisation) => ({
              value: organisation.orgnr,
              label: `${organisation.name} (${t.datasetOrgnr(organisation.orgnr)})`,
            })),
          ]}
        />
        <TextInput
          {...common}
          name="purpose.code"
          label={t.publishFieldLabels['purpose.code']!}
          hint={t.publishPurposeCodeHint}
        />
        <LanguageTexts
          {...common}
          name="purpose.text"
          legend={t.publishFieldLabels.purposeText!}
          hint={t.publishPurposeTextHint}
        />
        <Choices
          {...common}
          type="radio"
          name="basis"
          label={t.publishFieldLabels.basis!}
          hint={bases.length ? undefined : t.publishNoBases}
          choices={[
            ...bases.map((basis) => ({
              value: basis.id,
              label: `${pickText(basis.title, language).text} (${t.legalBasisTypeNames[basis.type]})`,
              hint: basis.uri,
            })),
            { value: 'consent', label: t.ruleConsent, hint: t.publishConsentHint },
          ]}
        />
        {fieldChoices.length ? (
          <Choices
            {...common}
            type="checkbox"
            name="fields"
            label={t.publishFieldLabels.fields!}
            hint={t.publishFieldsHint}
            choices={fieldChoices}
          />
        ) : (
          <div class={errors.fields ? 'field field--error' : 'field'} id="fields">
            <p class="note">{t.publishNoRecordSchema}</p>
            {errors.fields ? (
              <p class="error-message" lang={language === 'en' ? undefined : 'en'}>
                {errors.fields}
              </p>
            ) : null}
          </div>
        )}
        <input type="hidden" name="validFrom.stored" value={one(values, 'validFrom.stored')} />
        <TextInput
          {...common}
          type="date"
          name="validFrom"
          label={t.publishFieldLabels.validFrom!}
          hint={t.publishValidFromHint}
        />
        <input type="hidden" name="validTo.stored" value={one(values, 'validTo.stored')} />
        <TextInput
          {...common}
          type="date"
          name="validTo"
          label={t.publishFieldLabels.validTo!}
          hint={t.publishValidToHint}
        />
        <Choices
          {...common}
          type="checkbox"
          name="oneTime"
          label={t.ruleUse}
          choices={[{ value: 'yes', label: t.publishFieldLabels.oneTime!, hint: t.publishOneTimeHint }]}
        />
        <div class="actions">
          <button class="button" type="submit" name="action" value="save">
            {rule ? t.publishSave : t.publishCreateRule}
          </button>
          <a href={rulesPath}>{t.publishCancel}</a>
        </div>
      </form>
    </PublishLayout>
  )
}
