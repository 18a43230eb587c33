/**
 * Fulfilling a pledge: a member of the pledging organisation links a contribution its organisation recorded in an
 * alliance, for all or part of its quantity. The link is explicit (nothing is matched behind anyone's back) and
 * partial fulfilment is normal. The database keeps each pledge's fulfilled quantity (a trigger sums the links) and
 * refuses more than promised (a CHECK); the service says so first, with the quantity left.
 */
import type { Kysely } from 'kysely'
import { requireUser, type Actor } from '../../../core/access/actor.js'
import { isUniqueViolation, lockForUpdate } from '../../../core/db/dialect.js'
import { isId, newId, nowIso } from '../../../core/db/values.js'
import { AppError, notFound, validationError, type FieldProblem } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import { authorizeContributionEdit, loadAllianceAccess } from '../../alliances/index.js'
import { readQuantity } from '../amounts.js'
import { fulfils, HELP, type HelpKind } from '../help.js'
import { authorizePledgeFulfil } from './pledges.policy.js'
import { loadPledge } from './pledges.service.js'

type Db = Kysely<Database>

export interface LinkInput {
  contributionId: string
  /** typed quantity; empty: as much as both the pledge and the contribution allow */
  quantity?: string
}

/**
 * Links a contribution to a pledge (members of the pledging organisation who may edit that contribution). Refused
 * (400, every problem at once): another organisation's contribution, a type or unit that does not fulfil the kind,
 * another alliance than the pledge's, a contribution made before the pledge, more than the pledge still needs or than
 * the contribution has left. 409 when the pledge was withdrawn or the contribution is already linked. Returns the
 * link's id.
 */
export async function linkContribution(db: Db, actor: Actor, pledgeId: string, input: LinkInput): Promise<string> {
  const pledge = authorizePledgeFulfil(actor, await loadPledge(db, actor, pledgeId))
  const user = requireUser(actor)
  if (pledge.status !== 'active') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.pledgeWithdrawn')
  const contributionId = input.contributionId
  const owner = isId(contributionId) ? await db.selectFrom('alliance_contributions').select('alliance_id').where('id', '=', contributionId).executeTakeFirst() : undefined
  if (!owner) throw validationError([{ field: 'contribution_id', message: 'mobilisation.error.contribution' }])
  // The contributions' own rule: the actor belongs to the contributing organisation (404 / 403 otherwise).
  const { contribution } = await authorizeContributionEdit(db, actor, await loadAllianceAccess(db, actor, owner.alliance_id), contributionId)
  const kind = pledge.help_kind as HelpKind
  const problems: FieldProblem[] = []
  if (contribution.organisation_id !== pledge.organisation_id) problems.push({ field: 'contribution_id', message: 'mobilisation.error.otherOrganisation' })
  if (!fulfils(kind, contribution.contribution_type, contribution.unit)) problems.push({ field: 'contribution_id', message: 'mobilisation.error.kindMismatch' })
  if (pledge.alliance_id && contribution.alliance_id !== pledge.alliance_id) problems.push({ field: 'contribution_id', message: 'mobilisation.error.otherAlliance' })
  if (contribution.contributed_on < pledge.pledged_on) problems.push({ field: 'contribution_id', message: 'mobilisation.error.beforePledge', params: { date: pledge.pledged_on } })
  const typed = readQuantity(problems, 'quantity', input.quantity, HELP[kind].unit, { optional: true })
  if (problems.length > 0) throw validationError(problems)

  const id = newId()
  try {
    await db.transaction().execute(async (trx) => {
      const current = await lockForUpdate(trx, trx.selectFrom('mobilisation_pledges').select(['quantity_hundredths', 'fulfilled_hundredths', 'status']).where('id', '=', pledge.id)).executeTakeFirstOrThrow()
      if (current.status !== 'active') throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.pledgeWithdrawn')
      const used = await trx.selectFrom('mobilisation_pledge_fulfilments').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('quantity_hundredths'), eb.lit(0)).as('n')).where('contribution_id', '=', contributionId).executeTakeFirstOrThrow()
      const pledgeLeft = Number(current.quantity_hundredths) - Number(current.fulfilled_hundredths)
      const contributionLeft = Number(contribution.quantity_hundredths) - Number(used.n)
      const quantity = typed ?? Math.min(pledgeLeft, contributionLeft)
      if (pledgeLeft <= 0) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.pledgeFulfilled')
      const tooMuch: FieldProblem[] = []
      if (quantity > pledgeLeft) tooMuch.push({ field: 'quantity', message: 'mobilisation.error.moreThanLeft', params: { left: pledgeLeft / 100 } })
      else if (quantity > contributionLeft || quantity <= 0) tooMuch.push({ field: 'quantity', message: 'mobilisation.error.contributionUsed', params: { left: Math.max(0, contributionLeft) / 100 } })
      if (tooMuch.length > 0) throw validationError(tooMuch)
      await trx.insertInto('mobilisation_pledge_fulfilments').values({ id, pledge_id: pledge.id, contribution_id: contributionId, quantity_hundredths: quantity, linked_by: user.userId, linked_at: nowIso() }).execute()
      await trx.updateTable('mobilisation_pledges').set({ updated_at: nowIso() }).where('id', '=', pledge.id).execute()
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('ALLIANCE_ERR_CONFLICT', 'mobilisation.error.alreadyLinked', { cause: error })
    throw error
  }
  return id
}

/** Removes a link (members of the pledging organisation); the pledge's fulfilled quantity goes down with it. */
export async function unlinkContribution(db: Db, actor: Actor, pledgeId: string, fulfilmentId: string): Promise<void> {
  const pledge = authorizePledgeFulfil(actor, await loadPledge(db, actor, pledgeId))
  const done = await db.deleteFrom('mobilisation_pledge_fulfilments').where('id', '=', fulfilmentId).where('pledge_id', '=', pledge.id).executeTakeFirst()
  if (Number(done.numDeletedRows) !== 1) throw notFound()
}
