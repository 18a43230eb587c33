/**
 * Loading a call for projects or an application with what the actor may do in it (the facts the policy decides
 * on): fund admin, committee member, reviewer, applicant, conflict of interest.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../../core/access/actor.js'
import { notFound } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import { isCoordinatorAdmin, loadAllianceAccess } from '../../alliances/index.js'
import { isCommitteeMember } from '../funds/funds.queries.js'
import { isFundAdmin } from '../funds/funds.policy.js'
import { conflictOf } from '../selection/conflicts.js'
import { authorizeProjectCallView, type ApplicationAccess, type ProjectCallAccess } from './projects.policy.js'
import { isReviewer, unsafeFindApplication, unsafeFindProjectCall } from './projects.queries.js'

type Db = Kysely<Database>

/** A call for projects through the policy (404 for a draft outside the fund's admins). */
export async function loadProjectCall(db: Db, actor: Actor, id: string): Promise<ProjectCallAccess> {
  const call = await unsafeFindProjectCall(db, id)
  if (!call) throw notFound()
  const [committee, reviewer] = await Promise.all([isCommitteeMember(db, call.fund_id, actor.userId), isReviewer(db, call.id, actor.userId)])
  return authorizeProjectCallView({ call, fundAdmin: isFundAdmin(actor, { host_organisation_id: call.host_organisation_id }), committee, reviewer })
}

/** An application with the actor's roles around it (the policy's `authorize…` functions decide). */
export async function loadApplicationAccess(db: Db, actor: Actor, id: string): Promise<ApplicationAccess> {
  const application = await unsafeFindApplication(db, id)
  if (!application) throw notFound()
  const call = await unsafeFindProjectCall(db, application.call_id)
  if (!call) throw notFound()
  const alliance = await loadAllianceAccess(db, actor, application.alliance_id)
  const activeOwn = alliance.own.filter((p) => p.status === 'active' && actor.memberships.has(p.organisation_id))
  const applicant = isCoordinatorAdmin(actor, alliance) ? 'admin' : activeOwn.length > 0 ? 'member' : null
  const fundAdmin = isFundAdmin(actor, { host_organisation_id: call.host_organisation_id })
  const reviewer = await isReviewer(db, call.id, actor.userId)
  const conflict = fundAdmin || reviewer ? await conflictOf(db, actor.userId, application) : null
  return { application, call, applicant, fundAdmin, reviewer, conflict }
}
