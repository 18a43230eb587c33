/**
 * After a meeting: each participant says whom they met, for one of their organisations, among the other
 * organisations taking part; and, if they wish to follow up, sends a consented connection request — the
 * mise en relation of listening, through its own service (same consent, thread and notifications), about one
 * of their organisation's needs and one of the other's resources (or the reverse). The encounter records the
 * request, so that the meeting's new links show the connections that followed.
 */
import type { Kysely } from 'kysely'
import { isMemberOf, requireUser, type Actor } from '../../../core/access/actor.js'
import { nowIso } from '../../../core/db/values.js'
import { AppError, validationError, type FieldProblem } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import { createContactRequest } from '../../listening/index.js'
import { authorizeAttend, isOrganiser, type MeetingAccess } from '../catalysis.policy.js'
import { loadMeetingAccess } from './meetings.access.js'
import { participatingOrganisations } from './meetings.queries.js'

type Db = Kysely<Database>

export interface EncounterInput {
  /** the organisation the actor speaks for */
  organisationId: string
  metOrganisationId: string
  /** a follow-up: a need of one side and a resource of the other, with a message */
  followUp: { needId: string; resourceId: string; message: string } | null
}

/**
 * Saying whom one met: a signed-in person who sees the meeting (401, 404) and holds a seat in it or
 * organises it (403). Returns the meeting's access.
 */
export async function authorizeEncounter(db: Db, actor: Actor, meetingId: string): Promise<MeetingAccess> {
  const access = await loadMeetingAccess(db, actor, meetingId)
  const user = authorizeAttend(actor, access)
  if (isOrganiser(actor, access)) return access
  const seated = await db.selectFrom('catalysis_registrations').select('id').where('meeting_id', '=', meetingId).where('user_id', '=', user.userId).where('status', '=', 'inscrit').executeTakeFirst()
  if (!seated) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'catalysis.error.participantsOnly')
  return access
}

/** A pair of organisations in the stored order (a < b). */
export function pairOf(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x]
}

/**
 * Records that the actor's organisation met another one at the meeting, and sends the follow-up request when
 * asked. Rights: the meeting seen (404), a seated registration or an organiser (403), the actor's own
 * organisation (404 on the field). Errors: the meeting not started 409; the other organisation not taking
 * part, or the same one, 400; a follow-up whose need and resource are not those of the two organisations 400;
 * listening's own errors for the request (an already pending pair 409…). Returns the request's id, if any.
 */
export async function declareEncounter(db: Db, actor: Actor, meetingId: string, input: EncounterInput, publicUrl: string): Promise<string | null> {
  const access = await authorizeEncounter(db, actor, meetingId)
  const user = requireUser(actor)
  if (!isMemberOf(actor, input.organisationId)) {
    throw new AppError('ALLIANCE_ERR_NOT_FOUND', 'catalysis.error.organisationNotYours', { fields: [{ field: 'organisation_id', message: 'catalysis.error.organisationNotYours' }] })
  }
  if (access.meeting.starts_at > nowIso()) throw new AppError('ALLIANCE_ERR_CONFLICT', 'catalysis.error.notHeldYet')
  const participants = await participatingOrganisations(db, meetingId)
  const problems: FieldProblem[] = []
  if (input.metOrganisationId === input.organisationId) problems.push({ field: 'met_organisation_id', message: 'catalysis.error.metSelf' })
  else if (!participants.some((p) => p.id === input.metOrganisationId)) problems.push({ field: 'met_organisation_id', message: 'catalysis.error.metNotParticipant' })
  if (input.followUp) {
    const [need, resource] = await Promise.all([
      db.selectFrom('needs').select('organisation_id').where('id', '=', input.followUp.needId).executeTakeFirst(),
      db.selectFrom('resources').select('organisation_id').where('id', '=', input.followUp.resourceId).executeTakeFirst(),
    ])
    const sides = [need?.organisation_id, resource?.organisation_id].sort().join()
    if (sides !== [input.organisationId, input.metOrganisationId].sort().join()) problems.push({ field: 'subject', message: 'catalysis.error.followUpSubject' })
    if (input.followUp.message.trim().length < 10) problems.push({ field: 'message', message: 'form.error.minLength', params: { min: 10 } })
  }
  if (problems.length > 0) throw validationError(problems)
  const [a, b] = pairOf(input.organisationId, input.metOrganisationId)
  await db
    .insertInto('catalysis_encounters')
    .values({ meeting_id: meetingId, organisation_a_id: a, organisation_b_id: b, met_at: access.meeting.starts_at, declared_by: user.userId, contact_request_id: null, created_at: nowIso() })
    .onConflict((oc) => oc.columns(['meeting_id', 'organisation_a_id', 'organisation_b_id']).doNothing())
    .execute()
  if (!input.followUp) return null
  const requestId = await createContactRequest(db, actor, { needId: input.followUp.needId, resourceId: input.followUp.resourceId, fromOrganisationId: input.organisationId, message: input.followUp.message.trim() }, publicUrl)
  await db.updateTable('catalysis_encounters').set({ contact_request_id: requestId }).where('meeting_id', '=', meetingId).where('organisation_a_id', '=', a).where('organisation_b_id', '=', b).execute()
  return requestId
}

export interface FollowUpSubject {
  needId: string
  needTitle: string
  resourceId: string
  resourceTitle: string
  /** whose need it is */
  needOf: 'mine' | 'theirs'
}

/** What a follow-up between two organisations can be about: open needs of one × available resources of the other. */
export async function followUpSubjects(db: Db, mine: string, theirs: string): Promise<FollowUpSubject[]> {
  const pairs = async (needOrg: string, resourceOrg: string, needOf: 'mine' | 'theirs') => {
    const [needs, resources] = await Promise.all([
      db.selectFrom('needs').select(['id', 'title']).where('organisation_id', '=', needOrg).where('status', 'in', ['ouvert', 'en_discussion']).orderBy('updated_at', 'desc').limit(10).execute(),
      db.selectFrom('resources').select(['id', 'title']).where('organisation_id', '=', resourceOrg).where('status', '=', 'disponible').orderBy('updated_at', 'desc').limit(10).execute(),
    ])
    return needs.flatMap((n) => resources.map((r) => ({ needId: n.id, needTitle: n.title, resourceId: r.id, resourceTitle: r.title, needOf })))
  }
  return [...(await pairs(mine, theirs, 'mine')), ...(await pairs(theirs, mine, 'theirs'))]
}

/** The encounters the actor's organisations declared at a meeting (other organisation, request). */
export async function encountersOf(db: Db, meetingId: string, organisationIds: string[]) {
  if (organisationIds.length === 0) return []
  return db
    .selectFrom('catalysis_encounters')
    .select(['organisation_a_id', 'organisation_b_id', 'contact_request_id'])
    .where('meeting_id', '=', meetingId)
    .where((eb) => eb.or([eb('organisation_a_id', 'in', organisationIds), eb('organisation_b_id', 'in', organisationIds)]))
    .execute()
}
