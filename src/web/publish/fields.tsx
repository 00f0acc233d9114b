import type { Child } from 'hono/jsx'
import { type Choice, ChoiceGroup, ErrorSummary, SelectField, TextArea, TextField } from '../form.tsx'
import { type Language, messages } from '../i18n/index.ts'
import { type FormValues, formErrorName, many, one, type PublishErrors } from './form-values.ts'

/**
 * The portal's form controls (src/web/form.tsx) bound to a publishing form's values. The error texts are the API's
 * own, in English: on a bokmål page they are marked `lang="en"` (WCAG 3.1.2).
 */
interface Common {
  name: string
  label: string
  hint?: string | undefined
  values: FormValues
  errors: PublishErrors
  language: Language
}

const errorLanguage = (language: Language) => (language === 'en' ? undefined : 'en')

export function TextInput({
  values,
  language,
  ...props
}: Common & { type?: 'text' | 'url' | 'email' | 'tel' | 'date'; wide?: boolean }) {
  return <TextField {...props} value={one(values, props.name)} errorLang={errorLanguage(language)} />
}

export function TextBox({ values, language, ...props }: Common & { rows?: number; code?: boolean }) {
  return <TextArea {...props} value={one(values, props.name)} errorLang={errorLanguage(language)} />
}

export function SelectInput({ values, language, ...props }: Common & { options: { value: string; label: string }[] }) {
  return <SelectField {...props} value={one(values, props.name)} errorLang={errorLanguage(language)} />
}

export function Choices({
  values,
  language,
  label,
  ...props
}: Common & { type: 'radio' | 'checkbox'; choices: Choice[]; columns?: boolean }) {
  const chosen = new Set(many(values, props.name))
  return (
    <ChoiceGroup {...props} legend={label} checked={(value) => chosen.has(value)} errorLang={errorLanguage(language)} />
  )
}

const languageCodes = ['nb', 'nn', 'en'] as const

/** A text in bokmål, nynorsk and English: the fields `name.nb`, `name.nn`, `name.en`, side by side where there is room. */
export function LanguageTexts(props: Omit<Common, 'label'> & { legend: string; multiline?: boolean; rows?: number }) {
  const { name, legend, hint, values, errors, language } = props
  const t = messages(language)
  const hasError = languageCodes.some((code) => errors[`${name}.${code}`])
  return (
    <fieldset class={hasError ? 'field language-texts language-texts--error' : 'field language-texts'}>
      <legend>{legend}</legend>
      {hint ? <span class="hint">{hint}</span> : null}
      <div class={props.multiline ? 'language-texts__stack' : 'language-texts__row'}>
        {languageCodes.map((code) => {
          const common = {
            name: `${name}.${code}`,
            label: t.publishLanguageNames[code] ?? code,
            values,
            errors,
            language,
          }
          return props.multiline ? <TextBox {...common} rows={props.rows ?? 3} /> : <TextInput {...common} />
        })}
      </div>
    </fieldset>
  )
}

/** The error summary with each error named by its field's label, in the API's words. */
export function PublishErrorSummary({
  errors,
  labelOf,
  language,
}: {
  errors: PublishErrors
  labelOf: (name: string) => string
  language: Language
}) {
  const t = messages(language)
  return (
    <ErrorSummary
      errors={errors}
      language={language}
      entry={(name, error) => ({
        href: name === formErrorName ? '#publish-form' : `#${name}`,
        text: (
          <>
            {name === formErrorName ? t.publishNotSaved : labelOf(name)}:{' '}
            <span lang={errorLanguage(language)}>{error}</span>
          </>
        ),
      })}
    />
  )
}

/**
 * The first control of a form, out of sight and out of the tab order: the button Enter in a text field presses
 * (HTML's implicit submission uses the first submit button), so Enter saves rather than adds a row.
 */
export const DefaultSubmit = ({ label }: { label: string }): Child => (
  <button type="submit" class="visually-hidden" tabindex={-1}>
    {label}
  </button>
)
