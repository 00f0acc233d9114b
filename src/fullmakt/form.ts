import type { z } from '@hono/zod-openapi'
import type { FieldError } from '../http/problem.ts'
import { classifyIdentityNumber } from '../identifiers/fodselsnummer.ts'
import { isValidOrgnr } from '../identifiers/orgnr.ts'
import { osloDayBounds, startOfOsloDay } from '../time/oslo.ts'
import type { NewAuthorisationFormSchema, NewAuthorisationSchema } from './schemas.ts'
import type { AuthorisationInput } from './service.ts'

/** The API's JSON as the service takes it. */
export const fromJson = (body: z.infer<typeof NewAuthorisationSchema>): AuthorisationInput => ({
  representative: body.representative,
  scope: body.scope,
  accept: body.accept,
  orgnrs: body.orgnrs ?? null,
  validFrom: body.validFrom ? new Date(body.validFrom) : undefined,
  validTo: new Date(body.validTo),
})

/**
 * The page's form as the service takes it: days in Norwegian time (the last day included, so validTo is the next
 * midnight), organisation numbers from one text field. Every field it cannot read is named, as the API would.
 */
export function fromForm(form: z.infer<typeof NewAuthorisationFormSchema>): {
  input?: AuthorisationInput
  errors: FieldError[]
} {
  const errors: FieldError[] = []
  const fail = (pointer: string, detail: string) => errors.push({ in: 'form', pointer, detail })
  const representative = form.representative.trim()
  if (!classifyIdentityNumber(representative))
    fail('/representative', 'a fødselsnummer or d-nummer with valid control digits')
  const orgnrs = (form.orgnrs ?? '').split(/[\s,;]+/).filter(Boolean)
  for (const [i, orgnr] of orgnrs.entries()) if (!isValidOrgnr(orgnr)) fail(`/orgnrs/${i}`, `${orgnr} is not an orgnr`)
  const validFrom = form.validFrom ? startOfOsloDay(form.validFrom) : undefined
  if (form.validFrom && !validFrom) fail('/validFrom', 'a date such as 2026-12-01')
  // The end is the start of the day after the last one, at Norwegian midnight (23 or 25 hours later across a
  // clock change). A last day the calendar cannot follow (year 9999) is refused like any other bad date.
  const validTo = osloDayBounds(form.validTo)?.end
  if (!validTo) fail('/validTo', 'a date such as 2027-06-30')
  if (errors.length || !validTo) return { errors }
  return {
    errors,
    input: {
      representative,
      scope: form.scope,
      accept: form.accept === 'on',
      orgnrs: orgnrs.length ? orgnrs : null,
      validFrom,
      validTo,
    },
  }
}
