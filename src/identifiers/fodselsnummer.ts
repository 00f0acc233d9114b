const first = [3, 7, 6, 1, 8, 9, 4, 5, 2]
const second = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]

function controlDigit(digits: number[], weights: number[]): number | undefined {
  const sum = weights.reduce((acc, weight, i) => acc + weight * digits[i]!, 0)
  const control = 11 - (sum % 11)
  if (control === 10) return undefined
  return control === 11 ? 0 : control
}

/** Both mod-11 control digits of an 11-digit fødselsnummer or d-nummer are right. */
export function hasValidControlDigits(fnr: string): boolean {
  if (!/^\d{11}$/.test(fnr)) return false
  const digits = [...fnr].map(Number)
  return controlDigit(digits, first) === digits[9] && controlDigit(digits, second) === digits[10]
}

export type IdentityNumberKind = 'fnr' | 'dnr' | 'synthetic-fnr' | 'synthetic-dnr'

/**
 * Classifies a valid identity number by its date part: d-nummer add 40 to the day, and synthetic test persons
 * (Skatteetaten's Tenor) add 80 to the month. Returns undefined when the number is not valid.
 */
export function classifyIdentityNumber(fnr: string): IdentityNumberKind | undefined {
  if (!hasValidControlDigits(fnr)) return undefined
  let day = Number(fnr.slice(0, 2))
  let month = Number(fnr.slice(2, 4))
  const dnr = day > 40
  if (dnr) day -= 40
  const synthetic = month > 80
  if (synthetic) month -= 80
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined
  if (synthetic) return dnr ? 'synthetic-dnr' : 'synthetic-fnr'
  return dnr ? 'dnr' : 'fnr'
}

/** Only synthetic persons may be used in the demo, in tests and at the test identity provider. */
export const isSyntheticIdentityNumber = (fnr: string) => classifyIdentityNumber(fnr)?.startsWith('synthetic') ?? false
