/**
 * The closed lists of places: kinds (those the catalysis grid names, plus the maisons des associations and
 * meeting rooms), accessibility features, services, and the days of opening hours. Labels are in
 * `catalysis.messages.ts` (`catalysis.place.kind.<code>`…).
 */

/** Kinds of places that serve co-construction. */
export const PLACE_KINDS = ['tiers_lieu', 'maison_associations', 'coworking', 'fab_lab', 'demonstrateur', 'lieu_convivial', 'salle_reunion'] as const

/** Accessibility features a place may declare. */
export const ACCESSIBILITY = ['plain_pied', 'sanitaires_adaptes', 'boucle_magnetique', 'stationnement_reserve', 'transports_accessibles', 'signaletique_adaptee'] as const

/** Services a place may offer. */
export const SERVICES = ['wifi', 'videoprojection', 'visioconference', 'cuisine', 'restauration', 'parking', 'postes_coworking', 'machines_fablab', 'accueil'] as const

/** Days of the week (ISO order), keys of the opening hours. */
export const DAYS = ['lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim'] as const
export type Day = (typeof DAYS)[number]

const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/

/**
 * Reads one day's opening hours: ranges "09:00-12:00" separated by commas, each ending after it starts, in
 * order and without overlap. Returns the normalised text, or null when it is malformed. An empty text is a
 * closed day.
 */
export function parseDayHours(text: string): string | null {
  const ranges = text.split(',').map((r) => r.trim().replace(/\s+/g, '').replace(/h/g, ':')).filter((r) => r !== '')
  let previousEnd = -1
  for (const r of ranges) {
    const m = RANGE.exec(r)
    if (!m) return null
    const start = Number(m[1]) * 60 + Number(m[2])
    const end = Number(m[3]) * 60 + Number(m[4])
    if (end <= start || start < previousEnd || end > 24 * 60) return null
    previousEnd = end
  }
  return ranges.join(',')
}
