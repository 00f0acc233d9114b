import type { Child } from 'hono/jsx'
import { type Language, messages } from '../i18n/index.ts'
import { type FormValues, formErrorName, many, one, type PublishErrors } from './form-values.ts'

/**
 * Form controls of the publishing pages. Like src/web/form.tsx (label, hint, error wired with aria-describedby),
 * but the error texts are the API's own, in English: on a bokmål page they are marked `lang="en"` (WCAG 3.1.2).
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

const describedBy = (name: string, hint: string | undefined, error: string | undefined) =>
  [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined

function HintAndError({
  name,
  hint,
  error,
  language,
}: {
  name: string
  hint?: string | undefined
  error?: string | undefined
  language: Language
}) {
  return (
    <>
      {hint ? (
        <span class="hint" id={`${name}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span class="error-message" id={`${name}-error`} lang={errorLanguage(language)}>
          {error}
        </span>
      ) : null}
    </>
  )
}

export function TextInput(props: Common & { type?: 'text' | 'url' | 'email' | 'tel' | 'date'; wide?: boolean }) {
  const { name, label, hint, values, errors, language } = props
  const error = errors[name]
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={name}>{label}</label>
      <HintAndError name={name} hint={hint} error={error} language={language} />
      <input
        type={props.type ?? 'text'}
        id={name}
        name={name}
        value={one(values, name)}
        class={props.wide ? 'input--wide' : undefined}
        autocomplete="off"
        spellcheck={props.type === 'url' || props.type === 'email' ? false : undefined}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  )
}

export function TextBox(props: Common & { rows?: number; code?: boolean }) {
  const { name, label, hint, values, errors, language } = props
  const error = errors[name]
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={name}>{label}</label>
      <HintAndError name={name} hint={hint} error={error} language={language} />
      <textarea
        id={name}
        name={name}
        rows={props.rows ?? 4}
        class={props.code ? 'code-input' : undefined}
        spellcheck={props.code ? false : undefined}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        {one(values, name)}
      </textarea>
    </div>
  )
}

export function SelectInput(props: Common & { options: { value: string; label: string }[] }) {
  const { name, label, hint, values, errors, language } = props
  const error = errors[name]
  const selected = one(values, name)
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={name}>{label}</label>
      <HintAndError name={name} hint={hint} error={error} language={language} />
      <select
        id={name}
        name={name}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === selected}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}

export interface Choice {
  value: string
  label: string
  hint?: string | undefined
  /** How far inside another choice this one sits (a field inside a field), shown by indenting it. */
  depth?: number
}

/**
 * Radio buttons or checkboxes under one legend. The first control carries the group's name as its id, so the
 * error summary's link lands in the group.
 */
export function Choices(props: Common & { type: 'radio' | 'checkbox'; choices: Choice[]; columns?: boolean }) {
  const { name, label, hint, values, errors, language, choices } = props
  const error = errors[name]
  const chosen = new Set(many(values, name))
  return (
    <fieldset
      class={error ? 'field field--error' : 'field'}
      aria-describedby={describedBy(name, hint, error)}
      aria-invalid={error ? 'true' : undefined}
    >
      <legend>{label}</legend>
      <HintAndError name={name} hint={hint} error={error} language={language} />
      <div class={props.columns ? 'choices choices--columns' : 'choices'}>
        {choices.map((choice, i) => {
          const id = i === 0 ? name : `${name}-${i}`
          return (
            <div class={choice.depth ? `choice choice--depth-${Math.min(choice.depth, 3)}` : 'choice'}>
              <input
                type={props.type}
                id={id}
                name={name}
                value={choice.value}
                checked={chosen.has(choice.value)}
                aria-describedby={choice.hint ? `${id}-hint` : undefined}
              />
              <label for={id}>
                {choice.label}
                {choice.hint ? (
                  <span class="hint" id={`${id}-hint`}>
                    {choice.hint}
                  </span>
                ) : null}
              </label>
            </div>
          )
        })}
      </div>
    </fieldset>
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

/**
 * The box at the top of a refused form (the pattern of src/web/form.tsx): each error as a link to its field,
 * named by the field's label, in the API's words.
 */
export function PublishErrorSummary({
  errors,
  labelOf,
  language,
}: {
  errors: PublishErrors
  labelOf: (name: string) => string
  language: Language
}) {
  const entries = Object.entries(errors)
  if (!entries.length) return null
  const t = messages(language)
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{t.errorSummaryTitle}</h2>
      <ul>
        {entries.map(([name, error]) => (
          <li>
            <a href={name === formErrorName ? '#publish-form' : `#${name}`}>
              {name === formErrorName ? t.publishNotSaved : labelOf(name)}:{' '}
              <span lang={errorLanguage(language)}>{error}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
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
