/** Loads a meeting with what the policy needs about the actor (space team, invitation, registration). */
import type { Kysely } from 'kysely'
import type { Actor } from '../../../core/access/actor.js'
import { notFound } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import type { MeetingAccess } from '../catalysis.policy.js'
import { findSpaceAccess } from '../spaces/spaces.queries.js'

type Db = Kysely<Database>

/** The meeting of `id` and the actor's relation to it; 404 when it does not exist. */
export async function loadMeetingAccess(db: Db, actor: Actor, id: string): Promise<MeetingAccess> {
  const meeting = await db.selectFrom('catalysis_meetings').selectAll().where('id', '=', id).executeTakeFirst()
  if (!meeting) throw notFound()
  const space = meeting.space_id ? ((await findSpaceAccess(db, meeting.space_id)) ?? null) : null
  if (actor.userId === null) return { meeting, space, invited: false, registered: false }
  const organisations = [...actor.memberships.keys()]
  const [invitation, registration] = await Promise.all([
    db
      .selectFrom('catalysis_meeting_invitations')
      .select('id')
      .where('meeting_id', '=', id)
      .where((eb) => eb.or([eb('email', '=', actor.email.toLowerCase()), ...(organisations.length > 0 ? [eb('organisation_id', 'in', organisations)] : [])]))
      .limit(1)
      .executeTakeFirst(),
    db.selectFrom('catalysis_registrations').select('id').where('meeting_id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst(),
  ])
  return { meeting, space, invited: invitation !== undefined, registered: registration !== undefined }
}
