/**
 * Who may do what with calls for projects and applications.
 *
 * Calls: a published call is public; a draft is seen by the fund's admins only (404 for others), who alone edit,
 * publish, assign reviewers and decide (403 for others who see the call).
 *
 * Applications are private to the applicants and the committee:
 * - the members of the applying alliance's active partners read it (drafts included); its coordinators' admins
 *   ("applicant admins") start, edit, submit and withdraw it;
 * - once submitted, the fund's admins read it, and so do the call's reviewers — except a reviewer in conflict of
 *   interest (their organisation is a partner of the alliance, or they declared a conflict), for whom the
 *   application does not exist (404), unless they read it as an applicant;
 * - a reviewer scores it, a fund admin decides on it, only without a conflict (403 `CONFLICT_OF_INTEREST`);
 * - everyone else: 404. Platform admins have no implicit right.
 */
import { requireUser, type Actor } from '../../../core/access/actor.js'
import { AppError, notFound } from '../../../core/errors.js'
import type { ConflictSource } from '../selection/conflicts.js'
import type { Application, ProjectCall } from './projects.queries.js'

export interface ProjectCallAccess {
  call: ProjectCall
  fundAdmin: boolean
  committee: boolean
  reviewer: boolean
}

/** The call, or 404 (a draft is the fund admins'). */
export function authorizeProjectCallView(access: ProjectCallAccess): ProjectCallAccess {
  if (access.call.status === 'draft' && !access.fundAdmin) throw notFound()
  return access
}

/** Running the call: the fund's admins (401, 404, 403). */
export function authorizeProjectCallManage(actor: Actor, access: ProjectCallAccess): ProjectCallAccess {
  requireUser(actor)
  authorizeProjectCallView(access)
  if (!access.fundAdmin) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.fundAdminOnly')
  return access
}

export interface ApplicationAccess {
  application: Application
  call: ProjectCall
  /** `admin`: an admin of an active coordinator; `member`: a member of an active partner */
  applicant: 'admin' | 'member' | null
  fundAdmin: boolean
  reviewer: boolean
  /** the actor's conflict with this application, if any */
  conflict: ConflictSource | null
}

/** True when the committee side (fund admins, reviewers without conflict) may read it: submitted or withdrawn. */
function committeeSees(access: ApplicationAccess): boolean {
  if (access.application.status === 'draft') return false
  if (access.fundAdmin) return true
  return access.reviewer && access.conflict === null && access.application.status === 'submitted'
}

export function canSeeApplication(access: ApplicationAccess): boolean {
  return access.applicant !== null || committeeSees(access)
}

/** Reading the application: signed in (401), applicant or committee (404). */
export function authorizeApplicationView(actor: Actor, access: ApplicationAccess): ApplicationAccess {
  requireUser(actor)
  if (!canSeeApplication(access)) throw notFound()
  return access
}

/** Changing, submitting, withdrawing it: the alliance's coordinators' admins (403 for other applicants and the committee). */
export function authorizeApplicationEdit(actor: Actor, access: ApplicationAccess): ApplicationAccess {
  authorizeApplicationView(actor, access)
  if (access.applicant !== 'admin') throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.applicantAdminOnly')
  return access
}

/** Scoring it: an assigned reviewer without conflict (403 for others who see it, with the conflict's reason). */
export function authorizeReview(actor: Actor, access: ApplicationAccess): ApplicationAccess {
  authorizeApplicationView(actor, access)
  if (access.reviewer && access.conflict !== null) throw new AppError('ALLIANCE_ERR_CONFLICT_OF_INTEREST', `mobilisation.error.conflict.${access.conflict}`)
  if (!access.reviewer || access.application.status !== 'submitted') throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.reviewerOnly')
  return access
}

/** Declaring a conflict with it: an assigned reviewer who sees it. */
export function authorizeDeclareConflict(actor: Actor, access: ApplicationAccess): ApplicationAccess {
  authorizeApplicationView(actor, access)
  if (!access.reviewer) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.reviewerOnly')
  return access
}

/** Deciding on it: a fund admin without conflict (403). */
export function authorizeDecide(actor: Actor, access: ApplicationAccess): ApplicationAccess {
  authorizeApplicationView(actor, access)
  if (!access.fundAdmin) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'mobilisation.error.fundAdminOnly')
  if (access.conflict !== null) throw new AppError('ALLIANCE_ERR_CONFLICT_OF_INTEREST', `mobilisation.error.conflict.${access.conflict}`)
  return access
}
