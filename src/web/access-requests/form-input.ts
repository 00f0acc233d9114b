import type { ZodError } from 'zod'
import type { AccessRequestSummary } from '../../access-requests/schemas.ts'
import { jsonPointer, Problem } from '../../http/problem.ts'
import { isCalendarDay, osloDate, osloOffset } from '../../time/oslo.ts'
import type { FieldErrors } from '../form.tsx'
import type { Messages } from '../i18n/index.ts'

/** What the request form holds, as the browser sent it: strings, so a refused form comes back as it was typed. */
export interface RequestFormValues {
  purposeCode: string
  purposeText: string
  purposeTextEn: string
  /** A legal basis id, `consent`, or empty. */
  basis: string
  fields: string[]
  justification: string
  /** A date, yyyy-mm-dd (the browser's date field), or empty. */
  validTo: string
  message: string
}

export type FormBody = Record<string, string | File | (string | File)[]>

const one = (body: FormBody, name: string) => {
  const value = body[name]
  return typeof value === 'string' ? value.trim() : ''
}

const many = (body: FormBody, name: string): string[] => {
  const value = body[name]
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (entry): entry is string => typeof entry === 'string',
  )
}

/** Reads a submitted form; parse the body with `{ all: true }` so that every ticked field arrives. */
export const requestFormValues = (body: FormBody): RequestFormValues => ({
  purposeCode: one(body, 'purposeCode'),
  purposeText: one(body, 'purposeText'),
  purposeTextEn: one(body, 'purposeTextEn'),
  basis: one(body, 'basis'),
  fields: many(body, 'fields'),
  justification: one(body, 'justification'),
  validTo: one(body, 'validTo'),
  message: one(body, 'message'),
})

/**
 * A date picked in the form as the end of that day in Norwegian time (`2030-12-31T23:59:59+01:00`): "valid to the
 * 31st" means the whole of the 31st. Anything that is not a date is passed on unchanged, for the schema to refuse.
 */
export function endOfDay(date: string): string {
  if (!isCalendarDay(date)) return date
  return `${date}T23:59:59${osloOffset(Date.parse(`${date}T12:00:00Z`))}`
}

/** The day (yyyy-mm-dd, Norwegian time) of a stored time, for a date field. */
export const dayOf = (iso: string | undefined) => (iso ? osloDate(iso) : '')

/** The request's content in the API's shape, to be checked by the API's own schema and service. */
export function requestContent(values: RequestFormValues) {
  const basis =
    values.basis === 'consent' ? { consent: true } : values.basis ? { legalBasisId: values.basis } : undefined
  return {
    purpose: {
      code: values.purposeCode,
      text: { nb: values.purposeText || undefined, ...(values.purposeTextEn ? { en: values.purposeTextEn } : {}) },
    },
    basis,
    fields: values.fields,
    justification: values.justification,
    ...(values.validTo ? { validTo: endOfDay(values.validTo) } : {}),
  }
}

/** A stored request as the form shows it, for a revision. */
export const formValuesOf = (request: AccessRequestSummary): RequestFormValues => ({
  purposeCode: request.purpose.code,
  purposeText: request.purpose.text.nb ?? request.purpose.text.nn ?? '',
  purposeTextEn: request.purpose.text.en ?? '',
  basis: 'consent' in request.basis ? 'consent' : request.basis.legalBasisId,
  fields: request.fields,
  justification: request.justification,
  validTo: dayOf(request.validTo),
  message: '',
})

/** The form field a JSON pointer of the API's request body lands in. */
export function formFieldOf(pointer: string): string {
  const [, first = '', second = '', third = ''] = pointer.split('/')
  if (first === 'purpose') return second === 'code' ? 'purposeCode' : third === 'en' ? 'purposeTextEn' : 'purposeText'
  if (['basis', 'fields', 'justification', 'validTo', 'message'].includes(first)) return first
  return 'dataset'
}

/** The schema's findings, one per form field, in the reader's language (the schema's own words are for developers). */
export function schemaErrors(error: ZodError, t: Messages, fieldOf = formFieldOf): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const field = fieldOf(jsonPointer(issue.path))
    errors[field] ??= t.arInvalid[field] ?? t.arInvalidFallback
  }
  return errors
}

/**
 * The service's findings (a 400 naming fields by JSON pointer) on the form's fields, with the API's messages, in
 * bokmål where the catalogue has them. Anything else is not a form error and is thrown on.
 */
export function serviceErrors(error: unknown, t: Messages, fieldOf = formFieldOf): FieldErrors {
  if (!(error instanceof Problem) || error.status !== 400 || !error.options.errors?.length) throw error
  const errors: FieldErrors = {}
  for (const found of error.options.errors) {
    const field = fieldOf(found.pointer)
    errors[field] ??= t.arServiceMessages[found.detail] ?? found.detail
  }
  return errors
}
