import { describe, expect, it } from 'vitest'
import { classifyIdentityNumber, hasValidControlDigits, isSyntheticIdentityNumber } from './fodselsnummer.ts'

// Every number here is synthetic (month + 80, as in Skatteetaten's Tenor) or dated 2039, so no real person has it.
describe('classifyIdentityNumber', () => {
  it.each([
    ['12858440015', 'synthetic-fnr', '12 May 1984, month + 80'],
    ['03917920183', 'synthetic-fnr', '3 November 1979'],
    ['30865740057', 'synthetic-fnr', '30 June 1957'],
    ['51848820028', 'synthetic-dnr', 'd-nummer: day + 40 and month + 80'],
    ['15013990074', 'fnr', 'an ordinary fødselsnummer, born 2039'],
    ['55013990068', 'dnr', 'an ordinary d-nummer (day + 40), born 2039'],
  ])('classifies %s as %s (%s)', (fnr, kind) => {
    expect(classifyIdentityNumber(fnr)).toBe(kind)
  })

  it.each([
    ['12858440016', 'second control digit wrong'],
    ['12858440025', 'first control digit wrong'],
    ['12858440004', 'both control digits wrong'],
    ['1285844001', 'ten digits'],
    ['128584400150', 'twelve digits'],
    ['', 'empty'],
    ['1285844001a', 'a letter'],
    ['128584 40015', 'a space'],
    ['128584-40015', 'a separator'],
    ['10933990082', 'month 93 is 13 + 80: no such month'],
    ['12803990032', 'month 80 is 0 + 80: no such month'],
    ['00853990043', 'day 00'],
    ['72853990028', 'day 72 is 32 + 40: no such day'],
  ])('refuses %j (%s)', (fnr) => {
    expect(classifyIdentityNumber(fnr)).toBeUndefined()
    expect(isSyntheticIdentityNumber(fnr)).toBe(false)
  })
})

describe('hasValidControlDigits', () => {
  it('checks only the two mod-11 digits, not the date', () => {
    expect(hasValidControlDigits('10933990082')).toBe(true)
    expect(hasValidControlDigits('10933990083')).toBe(false)
  })
})

describe('isSyntheticIdentityNumber', () => {
  it.each([
    ['12858440015', true],
    ['51848820028', true],
    ['15013990074', false],
    ['55013990068', false],
  ])('%s → %s', (fnr, synthetic) => {
    expect(isSyntheticIdentityNumber(fnr)).toBe(synthetic)
  })
})
