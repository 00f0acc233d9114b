import { describe, expect, it } from 'vitest'
import { demoFamily, demoPersons, syntheticFnr } from '../demo/persons.ts'
import { birthDateOf, isMinorAt, majorityDate, osloDate, startOfOsloDay } from './birth-date.ts'

describe('birth dates from fødselsnummer', () => {
  it.each([
    [demoFamily.child.fnr, '2012-05-20'],
    [demoFamily.mother.fnr, '1984-03-12'],
    [demoPersons[0]!.fnr, '1984-05-12'],
    [demoPersons[5]!.fnr, '1988-04-11'], // a d-nummer: day + 40
    [syntheticFnr('1999-12-31', 900), '1999-12-31'], // 900–999 with a year from 40: the 1900s
    [syntheticFnr('2039-01-01', 500), '2039-01-01'],
    [syntheticFnr('1860-06-15', 500), '1860-06-15'],
  ])('%s was born %s', (fnr, date) => {
    expect(birthDateOf(fnr)).toBe(date)
  })

  it('knows no date for a number that is not valid', () => {
    expect(birthDateOf('12858440016')).toBeUndefined()
    expect(birthDateOf('abc')).toBeUndefined()
  })

  it('makes a person of age at midnight, Norwegian time, on the 18th birthday', () => {
    const fnr = syntheticFnr('2008-06-15', 500)
    expect(isMinorAt(fnr, new Date('2026-06-14T21:59:00Z'))).toBe(true) // 23:59 in Oslo (summer time)
    expect(isMinorAt(fnr, new Date('2026-06-14T22:01:00Z'))).toBe(false) // 00:01 on the birthday
    expect(isMinorAt(fnr, new Date('2008-06-14T12:00:00Z'))).toBe(false) // not born yet
    expect(isMinorAt(demoFamily.mother.fnr, new Date('2026-01-01T00:00:00Z'))).toBe(false)
  })

  it('brings a 29 February child of age on 1 March in a common year', () => {
    expect(majorityDate('2008-02-29')).toBe('2026-02-29')
    const fnr = syntheticFnr('2008-02-29', 500)
    expect(isMinorAt(fnr, new Date('2026-02-28T12:00:00Z'))).toBe(true)
    expect(isMinorAt(fnr, new Date('2026-03-01T12:00:00Z'))).toBe(false)
  })

  it('reads days in Norwegian time, across summer time', () => {
    expect(osloDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01')
    expect(startOfOsloDay('2027-01-15')?.toISOString()).toBe('2027-01-14T23:00:00.000Z')
    expect(startOfOsloDay('2027-06-30')?.toISOString()).toBe('2027-06-29T22:00:00.000Z')
    expect(startOfOsloDay('2027-03-28')?.toISOString()).toBe('2027-03-27T23:00:00.000Z') // the day clocks go forward
    expect(startOfOsloDay('2027-02-30')).toBeUndefined()
    expect(startOfOsloDay('30.06.2027')).toBeUndefined()
  })
})
