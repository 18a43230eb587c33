/**
 * iCalendar (RFC 5545) of meetings, made with `ical-generator`: one `.ics` per meeting and subscribable
 * feeds (a space's meetings, a territory's). Times are written in Europe/Paris (`TZID=Europe/Paris`) with the
 * zone's VTIMEZONE (daylight-saving rules from `@touch4it/ical-timezones`), so that a meeting after the
 * October change keeps its local hour in every calendar. Each event keeps its id as UID and its change count
 * as SEQUENCE, so that calendars replace their copy when a meeting moves or is cancelled.
 */
import { TZDate } from '@date-fns/tz'
import { getVtimezoneComponent } from '@touch4it/ical-timezones'
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import { PARIS } from '../paris-time.js'

/** What an event needs from a meeting (and its place). */
export interface IcalMeeting {
  id: string
  title: string
  description: string
  starts_at: string
  ends_at: string
  status: string
  ical_sequence: number
  updated_at: string
  created_at: string
  location: string | null
  online_url: string | null
  organiser_name: string
}

/**
 * A calendar of meetings. `name` is the feed's name shown by calendar applications; `publicUrl` makes each
 * event's link absolute. An empty list gives a valid empty calendar.
 */
export function meetingsCalendar(name: string, meetings: IcalMeeting[], publicUrl: string): string {
  const calendar = ical({ name, prodId: { company: 'Alliance', product: 'Rencontres', language: 'FR' }, method: ICalCalendarMethod.PUBLISH, ttl: 3600 })
  // No calendar-wide zone (DTSTAMP and the other instants stay UTC, as RFC 5545 wants); each event is in Paris
  // and the generator adds its VTIMEZONE once.
  calendar.timezone({ name: null, generator: getVtimezoneComponent })
  const host = new URL(publicUrl).host
  for (const m of meetings) {
    const url = `${publicUrl}/rencontres/${m.id}`
    calendar.createEvent({
      id: `${m.id}@${host}`,
      sequence: m.ical_sequence,
      start: new TZDate(Date.parse(m.starts_at), PARIS),
      end: new TZDate(Date.parse(m.ends_at), PARIS),
      timezone: PARIS,
      stamp: new Date(m.updated_at),
      created: new Date(m.created_at),
      lastModified: new Date(m.updated_at),
      summary: m.title,
      description: [m.description, m.online_url ? `En ligne : ${m.online_url}` : '', `Organisé par ${m.organiser_name}.`, url].filter((p) => p !== '').join('\n\n'),
      location: m.location ?? (m.online_url ? m.online_url : null),
      url,
      status: m.status === 'annulee' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    })
  }
  return calendar.toString()
}
