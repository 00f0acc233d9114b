import { describe, expect, it } from 'vitest'
import { dayAfter, isCalendarDay, osloDate, osloDayBounds, osloOffset, startOfOsloDay } from './oslo.ts'

describe('Norwegian calendar days', () => {
  it('finds the day at an instant and where a day begins, across both clock changes', () => {
    expect(osloDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01')
    expect(startOfOsloDay('2027-01-15')?.toISOString()).toBe('2027-01-14T23:00:00.000Z')
    expect(startOfOsloDay('2027-06-30')?.toISOString()).toBe('2027-06-29T22:00:00.000Z')
    expect(startOfOsloDay('2027-03-28')?.toISOString()).toBe('2027-03-27T23:00:00.000Z')
    expect(osloDayBounds('2027-03-28')).toEqual({
      start: new Date('2027-03-27T23:00:00Z'),
      end: new Date('2027-03-28T22:00:00Z'),
    })
    expect(osloDayBounds('2025-10-26')).toEqual({
      start: new Date('2025-10-25T22:00:00Z'),
      end: new Date('2025-10-26T23:00:00Z'),
    })
    expect(osloOffset(new Date('2027-01-15T12:00:00Z'))).toBe('+01:00')
    expect(osloOffset(new Date('2027-07-15T12:00:00Z'))).toBe('+02:00')
  })

  it.each(['2027-02-30', '30.06.2027', '2027-6-1', '', '+10000-01-01'])('refuses %j as a day', (text) => {
    expect(isCalendarDay(text)).toBe(false)
    expect(startOfOsloDay(text)).toBeUndefined()
    expect(osloDayBounds(text)).toBeUndefined()
  })

  it('has no day after the last one YYYY-MM-DD can write', () => {
    expect(dayAfter('2027-12-31')).toBe('2028-01-01')
    expect(dayAfter('9999-12-31')).toBeUndefined()
    expect(osloDayBounds('9999-12-31')).toBeUndefined()
  })
})
