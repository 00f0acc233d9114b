import type { AccessRule } from '../../catalog/dataset.schemas.ts'
import { osloDate, osloOffset, startOfOsloDay } from '../../time/oslo.ts'
import { type FormValues, many, one, optional } from './form-values.ts'

/** The access-rule form and the API's NewAccessRule, both ways (see dataset-form.ts for the idea). */

// The day an instant falls on in Norway, as a date field shows it (YYYY-MM-DD).
export { osloDate }

/** The start of a day in Norway as an ISO instant with its offset (+01:00 in winter, +02:00 in summer). */
export function osloMidnight(date: string): string | undefined {
  const start = startOfOsloDay(date)
  return start && `${date}T00:00:00${osloOffset(start)}`
}

/**
 * The instant a date field stands for: the stored instant while the day is unchanged (a rule made through the API
 * may end at 12:00, and saving the form must not move it), else the start of the chosen day in Norway.
 */
function instantOf(values: FormValues, name: 'validFrom' | 'validTo'): string | undefined {
  const date = optional(values, name)
  if (!date) return undefined
  const stored = optional(values, `${name}.stored`)
  if (stored && osloDate(stored) === date) return stored
  // Something that is not a date goes to the API as typed, which names what is wrong with it.
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? (osloMidnight(date) ?? date) : date
}

/** A stored rule as the form shows it, with the version it was loaded at. */
export function ruleFormValues(rule: AccessRule): FormValues {
  const values: FormValues = {
    recipient: rule.recipient === 'any' ? 'any' : rule.recipient.orgnr,
    'purpose.code': rule.purpose.code,
    basis: 'consent' in rule.basis ? 'consent' : rule.basis.legalBasisId,
    fields: rule.fields,
    oneTime: rule.oneTime ? 'yes' : '',
    version: String(rule.version),
  }
  for (const code of ['nb', 'nn', 'en'] as const) values[`purpose.text.${code}`] = rule.purpose.text[code] ?? ''
  for (const name of ['validFrom', 'validTo'] as const) {
    const instant = rule[name]
    values[name] = instant ? osloDate(instant) : ''
    values[`${name}.stored`] = instant ?? ''
  }
  return values
}

/** The API body for the form's values; the API's schema and service check all of it. */
export function ruleBody(values: FormValues): Record<string, unknown> {
  const recipient = one(values, 'recipient')
  const basis = one(values, 'basis')
  const text = Object.fromEntries(
    (['nb', 'nn', 'en'] as const).flatMap((code) => {
      const words = optional(values, `purpose.text.${code}`)
      return words ? [[code, words]] : []
    }),
  )
  const body: Record<string, unknown> = {
    recipient: recipient === 'any' ? 'any' : recipient ? { orgnr: recipient } : undefined,
    purpose: { code: optional(values, 'purpose.code'), text },
    basis: basis === 'consent' ? { consent: true } : basis ? { legalBasisId: basis } : undefined,
    fields: many(values, 'fields'),
    validFrom: instantOf(values, 'validFrom'),
    validTo: instantOf(values, 'validTo'),
    oneTime: one(values, 'oneTime') === 'yes',
  }
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined))
}

/** The rule form's visible fields in page order: where an error the API reports by pointer is shown. */
export const ruleFieldNames = [
  'recipient',
  'purpose.code',
  'purpose.text.nb',
  'purpose.text.nn',
  'purpose.text.en',
  'basis',
  'fields',
  'validFrom',
  'validTo',
  'oneTime',
]
