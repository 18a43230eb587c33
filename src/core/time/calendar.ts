/**
 * Calendar days of France. A date of the platform (a campaign opening, an alliance's start, a meeting's day) is a
 * day in Europe/Paris written `YYYY-MM-DD`, not an instant: "today" is therefore taken in Paris, whatever the
 * server's time zone.
 */

// Building an Intl formatter costs far more than using one: made once.
const PARIS_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' })

/** Today in Europe/Paris, as `YYYY-MM-DD` (around midnight UTC it may differ from the UTC day). */
export function parisToday(now: Date = new Date()): string {
  return PARIS_DAY.format(now)
}

/**
 * True when `value` is a real calendar day written `YYYY-MM-DD` between 1900 and 2200. Edge cases:
 * `2025-02-30` and `2024-13-01` are refused; `2024-02-29` is accepted (leap year).
 */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < 1900 || year > 2200) return false
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}
