import type { Child } from 'hono/jsx'
import { csrfFieldName } from '../auth/citizen-login/csrf.ts'
import { type Language, messages } from './i18n/index.ts'

/** A form field's error, keyed by the field's `name` (which is also its element id). */
export type FieldErrors = Record<string, string>

/** The box at the top of a refused form: every error as a link to its field (GOV.UK / Designsystemet pattern). */
export function ErrorSummary({ errors, language }: { errors: FieldErrors; language: Language }) {
  const entries = Object.entries(errors)
  if (!entries.length) return null
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{messages(language).errorSummaryTitle}</h2>
      <ul>
        {entries.map(([name, error]) => (
          <li>
            <a href={`#${name}`}>{error}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}

interface FieldProps {
  name: string
  label: string
  hint?: string | undefined
  errors: FieldErrors
}

/** Label, hint and error message of one field, wired to the control with aria-describedby. */
function Field({ name, label, hint, errors, control }: FieldProps & { control: (describedBy?: string) => Child }) {
  const error = errors[name]
  const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ')
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={name}>{label}</label>
      {hint ? (
        <span class="hint" id={`${name}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span class="error-message" id={`${name}-error`}>
          {error}
        </span>
      ) : null}
      {control(describedBy || undefined)}
    </div>
  )
}

export function TextField(
  props: FieldProps & { value?: string | undefined; type?: 'text' | 'url' | 'date' | 'email'; autocomplete?: string },
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
          autocomplete={props.autocomplete ?? 'off'}
          aria-describedby={describedBy}
          aria-invalid={props.errors[props.name] ? 'true' : undefined}
        />
      )}
    />
  )
}

export function TextArea(props: FieldProps & { value?: string | undefined; rows?: number }) {
  return (
    <Field
      {...props}
      control={(describedBy) => (
        <textarea
          id={props.name}
          name={props.name}
          rows={props.rows ?? 4}
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

/** The hidden field every state-changing form of a logged-in person carries (checked by requireCsrf). */
export const CsrfField = ({ token }: { token: string }) => <input type="hidden" name={csrfFieldName} value={token} />
