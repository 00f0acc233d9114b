/**
 * Norwegian calendar days. People, forms and the law mean "that day" in Norway, so dates in forms, birthdays and
 * day exports are days in Europe/Oslo (23 to 25 hours long across a clock change). One place, so every slice
 * agrees on where a day begins and which strings are days at all.
 */
export const osloTimeZone = 'Europe/Oslo'

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: osloTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: osloTimeZone, timeZoneName: 'longOffset' })
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/
const dayMs = 86_400_000

/** The calendar date (`YYYY-MM-DD`) in Norway at an instant. */
export const osloDate = (instant: Date | string): string => dateFormat.format(new Date(instant))

/** Norway's offset from UTC at an instant as ISO 8601 writes it: `+01:00` in winter, `+02:00` in summer. */
export function osloOffset(instant: Date | number): string {
  const name = offsetFormat.formatToParts(new Date(instant)).find((part) => part.type === 'timeZoneName')?.value
  const offset = name?.replace('GMT', '')
  return offset || '+00:00'
}

const offsetMs = (instant: number) => {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(osloOffset(instant))
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000 : 0
}

/** Whether `date` is a real calendar day written `YYYY-MM-DD` (no 30 February, no year 10000). */
export function isCalendarDay(date: string): boolean {
  const match = dayPattern.exec(date)
  if (!match) return false
  const utc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return !Number.isNaN(utc) && new Date(utc).toISOString().slice(0, 10) === date
}

/** The day after `date`, or undefined when there is none that `YYYY-MM-DD` can write. */
export function dayAfter(date: string): string | undefined {
  if (!isCalendarDay(date)) return undefined
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + dayMs).toISOString().slice(0, 10)
  return isCalendarDay(next) ? next : undefined
}

/** The instant a calendar day begins in Norway; undefined for a string that is not a day. */
export function startOfOsloDay(date: string): Date | undefined {
  if (!isCalendarDay(date)) return undefined
  const midnightUtc = Date.parse(`${date}T00:00:00Z`)
  // Twice: the offset at the first guess, not at UTC midnight, is the one in force at Norwegian midnight (Norway
  // changes its clocks at 01:00 UTC, so midnight always exists exactly once).
  const guess = midnightUtc - offsetMs(midnightUtc)
  return new Date(midnightUtc - offsetMs(guess))
}

/** The instants a Norwegian day runs between: `start` inclusive, `end` exclusive; undefined for a non-day. */
export function osloDayBounds(date: string): { start: Date; end: Date } | undefined {
  const next = dayAfter(date)
  const start = startOfOsloDay(date)
  const end = next && startOfOsloDay(next)
  return start && end ? { start, end } : undefined
}
