import { describe, expect, it } from 'vitest'
import { iso6523Id, isValidOrgnr, publisherUri } from './orgnr.ts'

describe('isValidOrgnr', () => {
  it.each([
    ['974761076', 'Skatteetaten'],
    ['889640782', 'NAV'],
    ['984851006', 'DNB Bank ASA'],
    ['991825827', 'Digitaliseringsdirektoratet'],
  ])('accepts %s (%s)', (orgnr) => {
    expect(isValidOrgnr(orgnr)).toBe(true)
  })

  it.each([
    ['974761077', 'wrong control digit'],
    ['889640781', 'wrong control digit'],
    ['97476107', 'eight digits'],
    ['9747610760', 'ten digits'],
    ['', 'empty'],
    ['174761076', 'does not start with 8 or 9'],
    ['97476107a', 'a letter'],
    ['974 761 076', 'spaces'],
    [' 974761076', 'leading space'],
    ['974761076\n', 'trailing newline'],
    ['٩٧٤٧٦١٠٧٦', 'non-ASCII digits'],
    ['800000050', 'control digit would be 10, so no such number exists'],
  ])('refuses %j (%s)', (orgnr) => {
    expect(isValidOrgnr(orgnr)).toBe(false)
  })
})

describe('organisation identifiers', () => {
  it('writes the ISO 6523 id as Maskinporten does', () => {
    expect(iso6523Id('974761076')).toBe('0192:974761076')
  })

  it('writes the publisher URI that data.norge.no uses', () => {
    expect(publisherUri('889640782')).toBe('https://data.brreg.no/enhetsregisteret/api/enheter/889640782')
  })
})
