/**
 * The local hours of meetings (Paris days themselves — today, a valid calendar day — are `core/time/calendar.ts`'s).
 * Meetings happen at a local hour in France: people type "2026-10-29T18:30" meaning 18:30 in Paris, and the
 * database stores the instant (ISO-8601 UTC). The offset is the one of that day (UTC+2 in summer, UTC+1 in
 * winter), never today's, so a meeting after the October change keeps the hour it was given.
 *
 * Edge cases: a local time inside the spring gap (e.g. 02:30 on the last Sunday of March) does not exist
 * and is refused; a time in the repeated autumn hour (02:00–03:00 on the last Sunday of October) takes the
 * first of the two instants.
 */
import { TZDate } from '@date-fns/tz'
import type { Locale } from '../../core/i18n/index.js'
import { parisToday } from '../../core/time/calendar.js'

export const PARIS = 'Europe/Paris'

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/

/** The UTC instant of a Paris local date-time `YYYY-MM-DDTHH:MM`, or null when it is malformed or does not exist. */
export function parisLocalToIso(local: string): string | null {
  const match = LOCAL.exec(local)
  if (!match) return null
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number]
  if (year < 2000 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null
  const zoned = new TZDate(year, month - 1, day, hour, minute, PARIS)
  // A day that does not exist (31 April) or a skipped hour comes back shifted: refuse rather than guess.
  if (zoned.getFullYear() !== year || zoned.getMonth() !== month - 1 || zoned.getDate() !== day || zoned.getHours() !== hour || zoned.getMinutes() !== minute) return null
  return new Date(zoned.getTime()).toISOString()
}

const LOCAL_PARTS = new Intl.DateTimeFormat('en-CA', { timeZone: PARIS, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })

/** The Paris local date-time `YYYY-MM-DDTHH:MM` of an instant (the value of a `datetime-local` field). */
export function isoToParisLocal(iso: string): string {
  const parts = Object.fromEntries(LOCAL_PARTS.formatToParts(new Date(iso)).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}

/** The Paris day `YYYY-MM-DD` of an instant (the calendar of France is `core/time/calendar.ts`'s). */
export function parisDayOf(iso: string): string {
  return parisToday(new Date(iso))
}

const formats = new Map<string, Intl.DateTimeFormat>()
function format(locale: Locale, kind: 'dateTime' | 'time' | 'day'): Intl.DateTimeFormat {
  const key = `${locale}:${kind}`
  let f = formats.get(key)
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: '2-digit', minute: '2-digit', timeZone: PARIS }
        : kind === 'day'
          ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: PARIS }
          : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: PARIS }
    f = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', options)
    formats.set(key, f)
  }
  return f
}

/** "jeudi 29 octobre 2026, 18:30 – 21:30" (Paris time), the end's day repeated only when it differs. */
export function formatMeetingTime(locale: Locale, startsAt: string, endsAt: string): string {
  const sameDay = parisDayOf(startsAt) === parisDayOf(endsAt)
  const start = format(locale, 'dateTime').format(new Date(startsAt))
  const end = sameDay ? format(locale, 'time').format(new Date(endsAt)) : format(locale, 'dateTime').format(new Date(endsAt))
  return `${start} – ${end}`
}

/** An instant written with the Paris offset of that day, e.g. `2026-11-23T19:00:00+01:00` (schema.org dates). */
export function isoWithParisOffset(iso: string): string {
  return new TZDate(Date.parse(iso), PARIS).toISOString().replace('.000', '')
}
