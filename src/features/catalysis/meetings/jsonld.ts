/**
 * A meeting as schema.org `Event` JSON-LD, embedded in its page so that search engines and calendars read
 * it: dates with the Paris offset of the day, status, attendance mode (in person, online or both), place with
 * its postal address or the online link, organiser, capacity and seats left.
 */
import { isoWithParisOffset } from '../paris-time.js'
import type { MeetingDetails } from './meetings.queries.js'

export function meetingJsonLd(m: MeetingDetails, publicUrl: string): Record<string, unknown> {
  const inPerson = m.place_id !== null || m.address !== null
  const online = m.online_url !== null
  const place = inPerson
    ? {
        '@type': 'Place',
        name: m.place_name ?? m.territory_name,
        address: {
          '@type': 'PostalAddress',
          streetAddress: m.place_address ?? m.address,
          addressLocality: m.territory_kind === 'commune' ? m.territory_name : undefined,
          postalCode: m.postal_code ?? undefined,
          addressCountry: 'FR',
        },
      }
    : null
  const virtual = online ? { '@type': 'VirtualLocation', url: m.online_url } : null
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    '@id': `${publicUrl}/rencontres/${m.id}`,
    url: `${publicUrl}/rencontres/${m.id}`,
    name: m.title,
    description: m.description || undefined,
    startDate: isoWithParisOffset(m.starts_at),
    endDate: isoWithParisOffset(m.ends_at),
    eventStatus: m.status === 'annulee' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: inPerson && online ? 'https://schema.org/MixedEventAttendanceMode' : online ? 'https://schema.org/OnlineEventAttendanceMode' : 'https://schema.org/OfflineEventAttendanceMode',
    location: place && virtual ? [place, virtual] : (place ?? virtual),
    organizer: { '@type': 'Organization', name: m.organisation_name, url: `${publicUrl}/acteurs/${m.organisation_id}` },
    maximumAttendeeCapacity: m.capacity,
    remainingAttendeeCapacity: Math.max(0, m.capacity - m.registered_count),
    inLanguage: 'fr',
  }
}

/** The JSON text safe inside a `<script type="application/ld+json">` (no `</script>` can close it early). */
export function jsonLdText(data: Record<string, unknown>): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
}
