import { osloDate, startOfOsloDay } from '../time/oslo.ts'

// The day helpers live in src/time/oslo.ts; fullmakt's callers and tests take them from here too.
export { osloDate, startOfOsloDay }

import { classifyIdentityNumber } from '../identifiers/fodselsnummer.ts'

/** Age of majority in Norway (vergemålsloven § 8): parents act for their children until this birthday. */
export const ageOfMajority = 18

// Skatteetaten's rule for the century of a fødselsnummer, from the individual number (digits 7–9) and the year.
function century(individual: number, year: number): number | undefined {
  if (individual <= 499) return 1900
  if (individual <= 749 && year >= 54) return 1800
  if (year <= 39) return 2000
  if (individual >= 900) return 1900
  return undefined
}

/**
 * The birth date (`YYYY-MM-DD`) a fødselsnummer or d-nummer encodes, synthetic ones (month + 80) included;
 * undefined for a number that is not valid.
 */
export function birthDateOf(fnr: string): string | undefined {
  if (!classifyIdentityNumber(fnr)) return undefined
  const day = Number(fnr.slice(0, 2)) % 40
  const month = Number(fnr.slice(2, 4)) % 80
  const year = Number(fnr.slice(4, 6))
  const start = century(Number(fnr.slice(6, 9)), year)
  if (start === undefined) return undefined
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${start + year}-${pad(month)}-${pad(day)}`
}

/**
 * The date someone born on `birthDate` comes of age. Kept as text: a 29 February birthday then comes of age on
 * 1 March in a common year, because `YYYY-02-29` sorts before `YYYY-03-01`.
 */
export const majorityDate = (birthDate: string) =>
  `${Number(birthDate.slice(0, 4)) + ageOfMajority}${birthDate.slice(4)}`

/** Whether the person with this number is born and under 18 at `now`, in Norwegian time. */
export function isMinorAt(fnr: string, now: Date): boolean {
  const birthDate = birthDateOf(fnr)
  if (!birthDate) return false
  const today = osloDate(now)
  return birthDate <= today && today < majorityDate(birthDate)
}
