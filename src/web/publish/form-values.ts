import type { FieldError } from '../../http/problem.ts'
import { Problem } from '../../http/problem.ts'

/**
 * What a publishing form holds, by field name. Names mirror the API's JSON pointers with dots (`/legalBases/1/uri`
 * is the field `legalBases.1.uri`), so an error the API reports for a pointer lands beside the field it names.
 */
export type FormValues = Record<string, string | string[]>

/** One field's value as typed (a repeated field gives its first value). */
export const one = (values: FormValues, name: string): string => {
  const value = values[name]
  return (Array.isArray(value) ? value[0] : value) ?? ''
}

/** Every value of a repeated field (checkboxes). */
export const many = (values: FormValues, name: string): string[] => {
  const value = values[name]
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

/** A typed text, or undefined when the field was left empty: the API leaves optional members out, never "". */
export const optional = (values: FormValues, name: string): string | undefined => one(values, name).trim() || undefined

/** The submitted form as FormValues: every field as typed, repeated ones as lists. Files are not accepted. */
export function formValuesOf(body: Record<string, string | File | (string | File)[]>): FormValues {
  const values: FormValues = {}
  for (const [name, value] of Object.entries(body)) {
    const texts = (Array.isArray(value) ? value : [value]).filter((part): part is string => typeof part === 'string')
    values[name] = texts.length === 1 ? texts[0]! : texts
  }
  return values
}

/** A field's error text, and errors that belong to no one field (under the name `form`). */
export type PublishErrors = Record<string, string>

/** The name under which an error of the whole form (a conflict, an error no field shows) is kept. */
export const formErrorName = 'form'

const dotted = (pointer: string) =>
  pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.')

/**
 * The form field that shows an error at `pointer`: the field of that name, else the field that holds it (a keyword
 * list holds `/keywords/nb/3`), else the first field inside it (a title's "give nb or nn" goes to its bokmål field).
 */
export function fieldForPointer(
  pointer: string,
  fieldNames: readonly string[],
  overrides: Record<string, string> = {},
) {
  const override = overrides[pointer]
  if (override) return override
  const name = dotted(pointer)
  if (!name) return formErrorName
  if (fieldNames.includes(name)) return name
  const holder = fieldNames.filter((field) => name.startsWith(`${field}.`)).sort((a, b) => b.length - a.length)[0]
  return holder ?? fieldNames.find((field) => field.startsWith(`${name}.`)) ?? formErrorName
}

/** Adds an error to a field, after any it already has. */
export function addError(errors: PublishErrors, name: string, detail: string) {
  errors[name] = errors[name] ? `${errors[name]}; ${detail}` : detail
}

/** The API's field errors (zod's or a service's), each beside its field, in the API's own words. */
export function errorsAtFields(
  fieldErrors: readonly Pick<FieldError, 'pointer' | 'detail'>[],
  fieldNames: readonly string[],
  overrides: Record<string, string> = {},
): PublishErrors {
  const errors: PublishErrors = {}
  for (const error of fieldErrors) addError(errors, fieldForPointer(error.pointer, fieldNames, overrides), error.detail)
  return errors
}

/**
 * What a form shows for a service's refusal: field errors for 400 `validation-failed`, the detail for a conflict
 * (409). Anything else (403, 404, 412) is thrown on, to become the problem page.
 */
export function errorsOfRefusal(error: unknown, fieldNames: readonly string[], overrides: Record<string, string> = {}) {
  if (!(error instanceof Problem)) throw error
  if (error.status === 400 && error.options.errors?.length)
    return { status: 400 as const, errors: errorsAtFields(error.options.errors, fieldNames, overrides) }
  if (error.status === 409) return { status: 409 as const, errors: { [formErrorName]: error.detail ?? error.message } }
  throw error
}

/** The version a form was loaded with (its hidden field), for the API's If-Match check. */
export function loadedVersion(values: FormValues): number {
  const version = Number(one(values, 'version'))
  if (!Number.isInteger(version) || version < 1)
    throw new Problem(400, 'validation-failed', 'The form lacks the version it was loaded with', {
      errors: [{ in: 'form', pointer: '/version', detail: 'reload the form and make the change again' }],
    })
  return version
}
