/**
 * Calendar days of France. A date of the platform (a campaign opening, an alliance's start, a meeting's day) is a
 * day in Europe/Paris written `YYYY-MM-DD`, not an instant: "today" is therefore taken in Paris, whatever the
 * server's time zone.
 */
import { TZDate } from '@date-fns/tz'

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

// ---------------------------------------------------------------------------------------------------------------
// Instants at a Paris local time (deadlines, meetings): people write "2027-03-31T12:00" meaning noon in Paris; the
// database keeps the instant (ISO-8601 UTC). The offset is the one of that day (UTC+1 in winter, UTC+2 in summer).

const PARIS_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/
const PARIS_PARTS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/**
 * The instant (ISO-8601 UTC) of a Paris local date-time `YYYY-MM-DDTHH:MM`, or null when it is malformed or does
 * not exist. Edge cases: a time inside the spring gap (02:30 on the last Sunday of March) is refused; a time of the
 * repeated autumn hour (02:00–02:59 on the last Sunday of October) is the second of its two instants (winter time), the later one: a deadline is never earlier than written.
 */
export function parisLocalToIso(local: string): string | null {
  const match = PARIS_LOCAL.exec(local)
  if (!match || !isCalendarDate(local.slice(0, 10))) return null
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number]
  if (hour > 23 || minute > 59) return null
  const zoned = new TZDate(year, month - 1, day, hour, minute, 'Europe/Paris')
  // A skipped hour comes back shifted by the library: refuse it rather than move the deadline.
  if (zoned.getHours() !== hour || zoned.getMinutes() !== minute || zoned.getDate() !== day) return null
  return new Date(zoned.getTime()).toISOString()
}

/** The Paris local date-time `YYYY-MM-DDTHH:MM` of an instant (what a `datetime-local` field shows). */
export function isoToParisLocal(iso: string): string {
  const parts = Object.fromEntries(PARIS_PARTS.formatToParts(new Date(iso)).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}
