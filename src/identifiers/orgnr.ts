const weights = [3, 2, 7, 6, 5, 4, 3, 2]

/** Norwegian organisation number (Enhetsregisteret): nine digits, the last a mod-11 control digit. */
export function isValidOrgnr(orgnr: string): boolean {
  if (!/^[89]\d{8}$/.test(orgnr)) return false
  const sum = weights.reduce((acc, weight, i) => acc + weight * Number(orgnr[i]), 0)
  const control = 11 - (sum % 11)
  if (control === 10) return false
  return (control === 11 ? 0 : control) === Number(orgnr[8])
}

/** ISO 6523 identifier of a Norwegian organisation, as Maskinporten and PEPPOL write it. */
export const iso6523Id = (orgnr: string) => `0192:${orgnr}`

/** The publisher URI that data.norge.no uses for an organisation. */
export const publisherUri = (orgnr: string) => `https://data.brreg.no/enhetsregisteret/api/enheter/${orgnr}`
