import type { Child } from 'hono/jsx'
import { csrfFieldName } from '../auth/citizen-login/csrf.ts'
import { type Language, messages } from './i18n/index.ts'

/** A form field's error, keyed by the field's `name` (which is also its element id). */
export type FieldErrors = Record<string, string>

/** One line of the error summary: where its link goes and what it says. */
export interface SummaryEntry {
  href: string
  text: Child
}

/** The box at the top of a refused form: every error as a link to its field (GOV.UK / Designsystemet pattern). */
export function ErrorSummary({
  errors,
  language,
  entry = (name, error) => ({ href: `#${name}`, text: error }),
}: {
  errors: FieldErrors
  language: Language
  /** How an error is linked and worded, where the field's name and its own words are not enough. */
  entry?: (name: string, error: string) => SummaryEntry
}) {
  const entries = Object.entries(errors)
  if (!entries.length) return null
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{messages(language).errorSummaryTitle}</h2>
      <ul>
        {entries.map(([name, error]) => {
          const { href, text } = entry(name, error)
          return (
            <li>
              <a href={href}>{text}</a>
            </li>
          )
        })}
      </ul>
    </div>
  )
}

interface FieldProps {
  name: string
  label: string
  hint?: string | undefined
  errors: FieldErrors
  /** The language of the error texts where it is not the page's (WCAG 3.1.2): the API's English on a bokmål page. */
  errorLang?: string | undefined
}

const describedBy = (name: string, hint: string | undefined, error: string | undefined) =>
  [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined

/** A field's (or a group's) hint and error message, with the ids its control's aria-describedby names. */
function HintAndError({ name, hint, errors, errorLang }: Omit<FieldProps, 'label'>) {
  const error = errors[name]
  return (
    <>
      {hint ? (
        <span class="hint" id={`${name}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span class="error-message" id={`${name}-error`} lang={errorLang}>
          {error}
        </span>
      ) : null}
    </>
  )
}

/** Label, hint and error message of one field, wired to the control with aria-describedby. */
function Field({ control, ...props }: FieldProps & { control: (describedBy?: string) => Child }) {
  const error = props.errors[props.name]
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={props.name}>{props.label}</label>
      <HintAndError {...props} />
      {control(describedBy(props.name, props.hint, error))}
    </div>
  )
}

export function TextField(
  props: FieldProps & {
    value?: string | undefined
    type?: 'text' | 'url' | 'date' | 'email' | 'tel'
    autocomplete?: string
    /** As wide as the form: for URLs and other long values. */
    wide?: boolean
  },
) {
  return (
    <Field
      {...props}
      control={(describedBy) => (
        <input
          type={props.type ?? 'text'}
          id={props.name}
          name={props.name}
          value={props.value ?? ''}
          class={props.wide ? 'input--wide' : undefined}
          autocomplete={props.autocomplete ?? 'off'}
          spellcheck={props.type === 'url' || props.type === 'email' ? false : undefined}
          aria-describedby={describedBy}
          aria-invalid={props.errors[props.name] ? 'true' : undefined}
        />
      )}
    />
  )
}

export function TextArea(
  props: FieldProps & {
    value?: string | undefined
    rows?: number
    /** Code (JSON), in a monospace font and not spell-checked. */
    code?: boolean
  },
) {
  return (
    <Field
      {...props}
      control={(describedBy) => (
        <textarea
          id={props.name}
          name={props.name}
          rows={props.rows ?? 4}
          class={props.code ? 'code-input' : undefined}
          spellcheck={props.code ? false : undefined}
          aria-describedby={describedBy}
          aria-invalid={props.errors[props.name] ? 'true' : undefined}
        >
          {props.value ?? ''}
        </textarea>
      )}
    />
  )
}

export function SelectField(
  props: FieldProps & { value?: string | undefined; options: { value: string; label: string }[] },
) {
  return (
    <Field
      {...props}
      control={(describedBy) => (
        <select
          id={props.name}
          name={props.name}
          aria-describedby={describedBy}
          aria-invalid={props.errors[props.name] ? 'true' : undefined}
        >
          {props.options.map((option) => (
            <option value={option.value} selected={option.value === props.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  )
}

export interface Choice {
  value: string
  label: Child
  hint?: string | undefined
  /** How far inside another choice this one sits (a field inside a field), shown by indenting it. */
  depth?: number
}

/**
 * Radio buttons or checkboxes under one legend. The first control carries the group's name as its id, so the
 * error summary's link lands in the group.
 */
export function ChoiceGroup(
  props: Omit<FieldProps, 'label'> & {
    type: 'radio' | 'checkbox'
    legend: string
    choices: Choice[]
    checked: (value: string) => boolean
    /** Two columns where there is room: for long lists of short choices. */
    columns?: boolean
  },
) {
  const { name, hint, choices } = props
  const error = props.errors[name]
  return (
    <fieldset
      class={error ? 'field field--error' : 'field'}
      aria-describedby={describedBy(name, hint, error)}
      aria-invalid={error ? 'true' : undefined}
    >
      <legend>{props.legend}</legend>
      <HintAndError {...props} />
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
                checked={props.checked(choice.value)}
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

/** The hidden field every state-changing form of a logged-in person carries (checked by requireCsrf). */
export const CsrfField = ({ token }: { token: string }) => <input type="hidden" name={csrfFieldName} value={token} />

/** The confirmation after a change (PRG: the redirect carries `?done=…`). */
export const Flash = ({ text }: { text: string | undefined }) =>
  text ? (
    <p class="flash" role="status">
      {text}
    </p>
  ) : null
