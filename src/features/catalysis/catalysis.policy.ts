/**
 * Who may do what in catalysis.
 *
 * - Spaces are public. The admins of the animating organisation edit the space and its team (co-animating
 *   organisations). The team — members (any role) of the animating organisation and of the active
 *   co-animating organisations — logs activities, organises the space's meetings and runs its dialogues.
 *   A co-animating organisation's admins answer its invitation.
 * - A meeting is organised by a space (its team organises it) or by one organisation (its members do). A
 *   public meeting is seen by everyone; an invitation-only one by its organisers, the members of invited
 *   organisations, the people invited by e-mail and whoever holds a registration; everyone else gets 404.
 * - Places are public; the members of the managing organisation edit them.
 * - A dialogue is seen by its space's team and the members of its participating organisations (others 404,
 *   except its published result); the team runs it; participants raise findings and give their views; the
 *   admins of a participating organisation give or refuse its consent to publication.
 * - Platform admins edit the maturity grid; they have no other implicit right (as in alliances).
 * Statuses: 401 signed out, 404 may not see, 403 may see but not act.
 */
import { isAdminOf, isMemberOf, requireUser, type Actor } from '../../core/access/actor.js'
import { AppError, notFound } from '../../core/errors.js'
import type { MessageKey } from '../../core/i18n/index.js'
import type {
  CatalysisDialogueParticipantsTable,
  CatalysisDialoguesTable,
  CatalysisMeetingsTable,
  CatalysisPlacesTable,
  CatalysisSpaceCoanimatorsTable,
  CatalysisSpacesTable,
} from './catalysis.table.js'

function forbidden(key: MessageKey): AppError {
  return new AppError('ALLIANCE_ERR_FORBIDDEN', key)
}

/** What the policy knows about a space: the row and its co-animating organisations. */
export interface SpaceAccess {
  space: CatalysisSpacesTable
  coanimators: CatalysisSpaceCoanimatorsTable[]
}

/** True when the actor administers the space's animating organisation. */
export function isSpaceAdmin(actor: Actor, access: SpaceAccess): boolean {
  return isAdminOf(actor, access.space.organisation_id)
}

/** True when the actor is in the space's team (animating or active co-animating organisation, any role). */
export function isSpaceTeam(actor: Actor, access: SpaceAccess): boolean {
  return isMemberOf(actor, access.space.organisation_id) || access.coanimators.some((c) => c.status === 'active' && isMemberOf(actor, c.organisation_id))
}

/** Editing the space and its team: the animating organisation's admins (401, then 403). */
export function authorizeSpaceAdmin(actor: Actor, access: SpaceAccess): void {
  requireUser(actor)
  if (!isSpaceAdmin(actor, access)) throw forbidden('catalysis.error.spaceAdminOnly')
}

/** Acting in the space (activities, meetings, dialogues): its team (401, then 403). */
export function authorizeSpaceTeam(actor: Actor, access: SpaceAccess): void {
  requireUser(actor)
  if (!isSpaceTeam(actor, access)) throw forbidden('catalysis.error.teamOnly')
}

/** Answering a co-animation invitation: the invited organisation's admins. */
export function authorizeCoanimatorAnswer(actor: Actor, access: SpaceAccess, organisationId: string): CatalysisSpaceCoanimatorsTable {
  requireUser(actor)
  const row = access.coanimators.find((c) => c.organisation_id === organisationId && c.status === 'invitee')
  if (!row || !isAdminOf(actor, organisationId)) throw forbidden('catalysis.error.coanimatorAdminOnly')
  return row
}

/** Creating something for an organisation (a space, a place, a meeting): admin (`admin`) or member of it; else 404. */
export function authorizeActFor(actor: Actor, organisationId: string, options: { admin: boolean; field: string }): void {
  requireUser(actor)
  const allowed = options.admin ? isAdminOf(actor, organisationId) : isMemberOf(actor, organisationId)
  if (!allowed) throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'catalysis.error.organisationNotYours', { fields: [{ field: options.field, message: 'catalysis.error.organisationNotYours' }] })
}

// --- meetings ------------------------------------------------------------------------------------------

/** What the policy knows about a meeting and the actor. */
export interface MeetingAccess {
  meeting: CatalysisMeetingsTable
  /** the organising space (null for a meeting organised by an organisation alone) */
  space: SpaceAccess | null
  /** the actor (or one of their organisations) is invited */
  invited: boolean
  /** the actor holds a registration (any status) */
  registered: boolean
}

/** True when the actor organises the meeting: the space's team, or the organising organisation's members. */
export function isOrganiser(actor: Actor, access: MeetingAccess): boolean {
  if (actor.userId === null) return false
  return access.space ? isSpaceTeam(actor, access.space) : isMemberOf(actor, access.meeting.organisation_id)
}

/** True when the actor may see the meeting. */
export function canViewMeeting(actor: Actor, access: MeetingAccess): boolean {
  return access.meeting.visibility === 'public' || isOrganiser(actor, access) || access.invited || access.registered
}

/** Seeing the meeting (404 otherwise, for signed-out visitors too). */
export function authorizeViewMeeting(actor: Actor, access: MeetingAccess): void {
  if (!canViewMeeting(actor, access)) throw notFound()
}

/** Organising (edit, invite, attendance, minutes): 401, 404 when hidden, 403 when seen. */
export function authorizeOrganise(actor: Actor, access: MeetingAccess): void {
  requireUser(actor)
  authorizeViewMeeting(actor, access)
  if (!isOrganiser(actor, access)) throw forbidden('catalysis.error.organiserOnly')
}

/** Registering or saying whom one met: a signed-in person who sees the meeting. */
export function authorizeAttend(actor: Actor, access: MeetingAccess): Actor & { userId: string } {
  const user = requireUser(actor)
  authorizeViewMeeting(actor, access)
  return user
}

// --- places --------------------------------------------------------------------------------------------

/** Editing a place: the members of its managing organisation (401, then 403: places are public). */
export function authorizePlaceEdit(actor: Actor, place: CatalysisPlacesTable): void {
  requireUser(actor)
  if (!isMemberOf(actor, place.organisation_id)) throw forbidden('catalysis.error.placeManagerOnly')
}

// --- dialogues -----------------------------------------------------------------------------------------

/** What the policy knows about a dialogue. */
export interface DialogueAccess {
  dialogue: CatalysisDialoguesTable
  space: SpaceAccess
  participants: CatalysisDialogueParticipantsTable[]
  /** the result is published (then its summary is public) */
  published: boolean
}

/** True when the actor is a member of a participating organisation. */
export function isParticipant(actor: Actor, access: DialogueAccess): boolean {
  return access.participants.some((p) => isMemberOf(actor, p.organisation_id))
}

/** True when the actor may open the dialogue's workspace. */
export function canViewDialogue(actor: Actor, access: DialogueAccess): boolean {
  return actor.userId !== null && (isSpaceTeam(actor, access.space) || isParticipant(actor, access))
}

/** The dialogue's workspace: 401 signed out, 404 for anyone but its team and participants. */
export function authorizeViewDialogue(actor: Actor, access: DialogueAccess): void {
  requireUser(actor)
  if (!canViewDialogue(actor, access)) throw notFound()
}

/** Running the dialogue (participants, sessions, self-diagnosis): the space's team. */
export function authorizeRunDialogue(actor: Actor, access: DialogueAccess): void {
  authorizeViewDialogue(actor, access)
  if (!isSpaceTeam(actor, access.space)) throw forbidden('catalysis.error.teamOnly')
}

/** Speaking for a participating organisation (findings, views): a member of it; consent: an admin. */
export function authorizeParticipantAct(actor: Actor, access: DialogueAccess, organisationId: string, options: { admin: boolean }): CatalysisDialogueParticipantsTable {
  authorizeViewDialogue(actor, access)
  const participant = access.participants.find((p) => p.organisation_id === organisationId)
  const allowed = participant !== undefined && (options.admin ? isAdminOf(actor, organisationId) : isMemberOf(actor, organisationId))
  if (!allowed) throw forbidden(options.admin ? 'catalysis.error.participantAdminOnly' : 'catalysis.error.participantOnly')
  return participant
}

/** The participating organisations the actor may speak for (forms' "on behalf of"). */
export function actingParticipants(actor: Actor, access: DialogueAccess, options: { admin: boolean }): CatalysisDialogueParticipantsTable[] {
  return access.participants.filter((p) => (options.admin ? isAdminOf(actor, p.organisation_id) : isMemberOf(actor, p.organisation_id)))
}

// --- maturity grid -------------------------------------------------------------------------------------

/** Editing the maturity grid: platform admins only (401, then 403). */
export function authorizeGridEdit(actor: Actor): void {
  requireUser(actor)
  if (!actor.isPlatformAdmin) throw forbidden('catalysis.error.platformAdminOnly')
}
