/** The closed lists of meetings: their kinds (the dîner Élus & Entreprises is the model) and limits. */

/** Kinds of meetings (rencontres). */
export const MEETING_KINDS = ['diner', 'atelier', 'interconnaissance', 'visite', 'webinaire', 'seance_dialogue'] as const

/** The bucket of the seats open to every world (the others are worlds with a quota). */
export const OPEN_SEATS = '*'

/** Largest capacity of a meeting. */
export const MAX_CAPACITY = 100_000

/** Longest meeting (a seminar over several days is still one meeting). */
export const MAX_DURATION_DAYS = 14

/** A reminder is sent to each registered person once, when the meeting starts within this many hours. */
export const REMINDER_HOURS = 48
