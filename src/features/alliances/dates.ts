/**
 * Calendar dates (YYYY-MM-DD) of alliances: start and end, phase changes, contributions, journal entries,
 * charter reviews. A date is a day in France, not an instant, so "today" is taken in Europe/Paris.
 */

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })

/** Today in France, as YYYY-MM-DD. */
export function todayInFrance(now = new Date()): string {
  return PARIS_DAY.format(now)
}

/** True when `value` is a real calendar day written YYYY-MM-DD between 1900 and 2200 (`2025-02-30` is not). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < 1900 || year > 2200) return false
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}
