import type { AccessRule, Dataset } from '../../catalog/dataset.schemas.ts'
import { describeFields } from '../../catalog/record-schema.ts'
import { type Language, messages } from '../i18n/index.ts'
import { type Column, ColumnTable } from '../table.tsx'
import { formatDate, LocalText } from './words.tsx'

export interface AccessTableProps {
  dataset: Dataset
  rules: AccessRule[]
  /** Names of the recipient organisations Deling knows, by orgnr. */
  recipientNames: Map<string, string>
  language: Language
  /** Where several tables share a page (a life event's), each needs its own heading id, one level down. */
  heading?: { id: string; level: 'h2' | 'h3' | 'h4' }
}

/** The recipient of a rule in words: the organisation's name (and orgnr), or anyone with the person's consent. */
export function recipientWords(rule: AccessRule, recipientNames: Map<string, string>, language: Language): string {
  const t = messages(language)
  if (rule.recipient === 'any') return t.ruleAnyRecipient
  const name = recipientNames.get(rule.recipient.orgnr)
  return name ? `${name} (${t.datasetOrgnr(rule.recipient.orgnr)})` : t.datasetOrgnr(rule.recipient.orgnr)
}

function Basis({ rule, dataset, language }: { rule: AccessRule; dataset: Dataset; language: Language }) {
  const t = messages(language)
  if ('consent' in rule.basis) return <>{t.ruleConsent}</>
  const { legalBasisId } = rule.basis
  const basis = dataset.legalBases.find((candidate) => candidate.id === legalBasisId)
  if (!basis) return <>{legalBasisId}</>
  return (
    <a href={basis.uri}>
      <LocalText value={basis.title} language={language} />
    </a>
  )
}

function validity(rule: AccessRule, language: Language): string {
  const t = messages(language)
  const parts = [
    rule.validFrom ? t.ruleValidFrom(formatDate(language, rule.validFrom)) : undefined,
    rule.validTo ? t.ruleValidTo(formatDate(language, rule.validTo)) : undefined,
  ].filter((part) => part !== undefined)
  if (!parts.length) return t.ruleAlwaysValid
  const text = parts.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** "Who may receive what": one row per access rule, in words. */
export function AccessTable({ dataset, rules, recipientNames, language, heading }: AccessTableProps) {
  const t = messages(language)
  const { id, level: Heading } = heading ?? { id: 'who-gets-what', level: 'h2' }
  const columns: Column<AccessRule>[] = [
    { label: t.ruleRecipient, cell: (rule) => recipientWords(rule, recipientNames, language) },
    {
      label: t.rulePurpose,
      cell: (rule) => (
        <>
          <LocalText value={rule.purpose.text} language={language} />
          <span class="code">{t.rulePurposeCode(rule.purpose.code)}</span>
        </>
      ),
    },
    { label: t.ruleBasis, cell: (rule) => <Basis rule={rule} dataset={dataset} language={language} /> },
    {
      label: t.ruleFields,
      cell: (rule) => (
        <ul class="fields">
          {describeFields(dataset.recordSchema ?? { type: 'object', properties: {} }, rule.fields, language).map(
            (field) => (
              <li>{field.title}</li>
            ),
          )}
        </ul>
      ),
    },
    { label: t.ruleValidity, cell: (rule) => validity(rule, language) },
    { label: t.ruleUse, cell: (rule) => (rule.oneTime ? t.ruleOneTime : t.ruleManyTimes) },
  ]
  return (
    <section aria-labelledby={id}>
      <Heading id={id}>{t.whoGetsWhatHeading}</Heading>
      <p>{t.whoGetsWhatIntro}</p>
      {rules.length ? (
        <ColumnTable class="rules" caption={t.whoGetsWhatCaption} rowHeader rows={rules} columns={columns} />
      ) : (
        <p class="note">{t.whoGetsWhatNone}</p>
      )}
    </section>
  )
}
