/**
 * Every notification of evaluation, in one place, for the acts that wait on someone. Each function picks its
 * recipients and calls `notify` inside the caller's transaction; their message keys (`evaluation.notify.*`)
 * are the kinds a later delivery layer can re-declare (e-mail, per-kind preferences).
 *
 * - a round opens: the members of every active partner have an answer to give by the closing day;
 * - a reminder: the members of the partners that have not submitted yet (sent by a coordinator);
 * - a review (bilan) is ready or has a new version: the admins of every active partner must approve it;
 * - every active partner approved: the coordinators' admins may publish it.
 */
import type { Transaction } from 'kysely'
import type { Database } from '../../database.js'
import { notify } from '../notifications/index.js'

type Trx = Transaction<Database>

export const EVALUATION_NOTIFICATION_KINDS = ['evaluation.notify.roundOpened', 'evaluation.notify.answerDue', 'evaluation.notify.reviewToApprove', 'evaluation.notify.reviewReady'] as const

interface RoundRef {
  allianceId: string
  allianceName: string
  roundId: string
  number: number
  closesOn: string
}

/** Users of the alliance's active partner organisations (admins only when `admins`), optionally some organisations only. */
async function partnerPeople(trx: Trx, allianceId: string, options: { admins: boolean; organisationIds?: string[]; coordinatorsOnly?: boolean }): Promise<string[]> {
  let query = trx
    .selectFrom('alliance_partners')
    .innerJoin('memberships', 'memberships.organisation_id', 'alliance_partners.organisation_id')
    .select('memberships.user_id')
    .distinct()
    .where('alliance_partners.alliance_id', '=', allianceId)
    .where('alliance_partners.status', '=', 'active')
  if (options.admins) query = query.where('memberships.role', '=', 'admin')
  if (options.coordinatorsOnly) query = query.where('alliance_partners.role', '=', 'coordinateur')
  if (options.organisationIds) {
    if (options.organisationIds.length === 0) return []
    query = query.where('alliance_partners.organisation_id', 'in', options.organisationIds)
  }
  return (await query.execute()).map((r) => r.user_id)
}

const roundLink = (r: RoundRef) => `/evaluation/${r.allianceId}/temps/${r.roundId}`

/** A round opened: every member of an active partner has an answer to give. */
export async function notifyRoundOpened(trx: Trx, round: RoundRef): Promise<number> {
  const people = await partnerPeople(trx, round.allianceId, { admins: false })
  return notify(trx, people, { messageKey: 'evaluation.notify.roundOpened', params: { alliance: round.allianceName, number: round.number, closes: round.closesOn }, link: roundLink(round) })
}

/** A reminder to the members of the partners that have not submitted (`late`: their organisation ids). */
export async function notifyAnswerDue(trx: Trx, round: RoundRef, late: string[]): Promise<number> {
  const people = await partnerPeople(trx, round.allianceId, { admins: false, organisationIds: late })
  return notify(trx, people, { messageKey: 'evaluation.notify.answerDue', params: { alliance: round.allianceName, number: round.number, closes: round.closesOn }, link: roundLink(round) })
}

/** A review version waits for approvals: the admins of the partners that have not approved it. */
export async function notifyReviewToApprove(trx: Trx, round: RoundRef, version: number, pending: string[]): Promise<number> {
  const people = await partnerPeople(trx, round.allianceId, { admins: true, organisationIds: pending })
  return notify(trx, people, { messageKey: 'evaluation.notify.reviewToApprove', params: { alliance: round.allianceName, number: round.number, version }, link: `${roundLink(round)}/bilan` })
}

/** Every active partner approved: the coordinators' admins may publish. */
export async function notifyReviewReady(trx: Trx, round: RoundRef): Promise<number> {
  const people = await partnerPeople(trx, round.allianceId, { admins: true, coordinatorsOnly: true })
  return notify(trx, people, { messageKey: 'evaluation.notify.reviewReady', params: { alliance: round.allianceName, number: round.number }, link: `${roundLink(round)}/bilan` })
}
