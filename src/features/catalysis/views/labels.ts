/**
 * The message keys of catalysis' closed lists, typed: a code without a message fails to compile. For codes read as
 * plain strings, translate with `translateLabel(t, LABELS, code)`.
 */
import type { MessageKey } from '../../../core/i18n/index.js'
import type { Consent, DialogueStatus } from '../catalysis.table.js'
import type { MEETING_KINDS } from '../meetings/meetings.codes.js'
import type { ACCESSIBILITY, PLACE_KINDS, SERVICES } from '../places/places.codes.js'

export const MEETING_KIND_LABELS = { atelier: 'catalysis.meeting.kind.atelier', diner: 'catalysis.meeting.kind.diner', interconnaissance: 'catalysis.meeting.kind.interconnaissance', seance_dialogue: 'catalysis.meeting.kind.seance_dialogue', visite: 'catalysis.meeting.kind.visite', webinaire: 'catalysis.meeting.kind.webinaire' } as const satisfies Record<(typeof MEETING_KINDS)[number], MessageKey>
export const PLACE_KIND_LABELS = { coworking: 'catalysis.place.kind.coworking', demonstrateur: 'catalysis.place.kind.demonstrateur', fab_lab: 'catalysis.place.kind.fab_lab', lieu_convivial: 'catalysis.place.kind.lieu_convivial', maison_associations: 'catalysis.place.kind.maison_associations', salle_reunion: 'catalysis.place.kind.salle_reunion', tiers_lieu: 'catalysis.place.kind.tiers_lieu' } as const satisfies Record<(typeof PLACE_KINDS)[number], MessageKey>
export const PLACE_SERVICE_LABELS = { accueil: 'catalysis.place.service.accueil', cuisine: 'catalysis.place.service.cuisine', machines_fablab: 'catalysis.place.service.machines_fablab', parking: 'catalysis.place.service.parking', postes_coworking: 'catalysis.place.service.postes_coworking', restauration: 'catalysis.place.service.restauration', videoprojection: 'catalysis.place.service.videoprojection', visioconference: 'catalysis.place.service.visioconference', wifi: 'catalysis.place.service.wifi' } as const satisfies Record<(typeof SERVICES)[number], MessageKey>
export const PLACE_ACCESS_LABELS = { boucle_magnetique: 'catalysis.place.access.boucle_magnetique', plain_pied: 'catalysis.place.access.plain_pied', sanitaires_adaptes: 'catalysis.place.access.sanitaires_adaptes', signaletique_adaptee: 'catalysis.place.access.signaletique_adaptee', stationnement_reserve: 'catalysis.place.access.stationnement_reserve', transports_accessibles: 'catalysis.place.access.transports_accessibles' } as const satisfies Record<(typeof ACCESSIBILITY)[number], MessageKey>
export const DIALOGUE_STATUS_LABELS = { clos: 'catalysis.dialogue.status.clos', en_cours: 'catalysis.dialogue.status.en_cours' } as const satisfies Record<DialogueStatus, MessageKey>
/** A participant's consent to publication; `waiting` before the answer. */
export const CONSENT_LABELS = { accord: 'catalysis.consent.accord', refus: 'catalysis.consent.refus', waiting: 'catalysis.consent.waiting' } as const satisfies Record<Consent | 'waiting', MessageKey>
export const IMPORTANCE_LABELS = { 1: 'catalysis.importance.1', 2: 'catalysis.importance.2', 3: 'catalysis.importance.3', 4: 'catalysis.importance.4' } as const satisfies Record<1 | 2 | 3 | 4, MessageKey>
/** The status of a connection request (`listening`). */
export const CONNECTION_STATUS_LABELS = { acceptee: 'catalysis.links.connection.acceptee', expiree: 'catalysis.links.connection.expiree', proposee: 'catalysis.links.connection.proposee', refusee: 'catalysis.links.connection.refusee' } as const satisfies Record<'proposee' | 'acceptee' | 'refusee' | 'expiree', MessageKey>
