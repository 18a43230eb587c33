/**
 * Every notification of evaluation, in one place, for the acts that wait on someone — each a kind declared
 * with `notificationKind` (in-app line, e-mail, label of the preferences page, default pace) and sent with
 * `notify` inside the transaction of the act, to the people the function picks:
 *
 * - a round opens: the members of every active partner have an answer to give by the closing day;
 * - a reminder: the members of the partners that have not submitted yet (sent by a coordinator);
 * - a review (bilan) is ready or has a new version: the admins of the partners that have not approved it;
 * - every active partner approved: the coordinators' admins may publish it.
 *
 * The person who acted is not notified of their own act.
 */
import type { Transaction } from 'kysely'
import { defineMessages } from '../../core/i18n/index.js'
import type { Database } from '../../database.js'
import { notificationKind, notify } from '../notifications/index.js'

type Trx = Transaction<Database>

export const roundOpened = notificationKind({ key: 'evaluation.round-opened', audience: 'people', message: 'evaluation.notify.roundOpened', mail: 'evaluation.mail.roundOpened', label: 'evaluation.notifyKind.roundOpened', defaultPace: 'immediate' })
export const answerDue = notificationKind({ key: 'evaluation.answer-due', audience: 'people', message: 'evaluation.notify.answerDue', mail: 'evaluation.mail.answerDue', label: 'evaluation.notifyKind.answerDue', defaultPace: 'immediate' })
export const reviewToApprove = notificationKind({ key: 'evaluation.review-to-approve', audience: 'people', message: 'evaluation.notify.reviewToApprove', mail: 'evaluation.mail.reviewToApprove', label: 'evaluation.notifyKind.reviewToApprove', defaultPace: 'immediate' })
export const reviewReady = notificationKind({ key: 'evaluation.review-ready', audience: 'people', message: 'evaluation.notify.reviewReady', mail: 'evaluation.mail.reviewReady', label: 'evaluation.notifyKind.reviewReady', defaultPace: 'immediate' })

/** The kinds of evaluation, for the preferences page (listed in src/app.ts). */
export const evaluationNotificationKinds = [roundOpened, answerDue, reviewToApprove, reviewReady]

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
export async function notifyRoundOpened(trx: Trx, round: RoundRef, actorId: string): Promise<number> {
  const people = await partnerPeople(trx, round.allianceId, { admins: false })
  return notify(trx, roundOpened, { userIds: people }, { params: { alliance: round.allianceName, number: round.number, closes: round.closesOn }, link: roundLink(round), exceptUserId: actorId })
}

/** A reminder to the members of the partners that have not submitted (`late`: their organisation ids). */
export async function notifyAnswerDue(trx: Trx, round: RoundRef, late: string[], actorId: string): Promise<number> {
  const people = await partnerPeople(trx, round.allianceId, { admins: false, organisationIds: late })
  return notify(trx, answerDue, { userIds: people }, { params: { alliance: round.allianceName, number: round.number, closes: round.closesOn }, link: roundLink(round), exceptUserId: actorId })
}

/** A review version waits for approvals: the admins of the partners that have not approved it. */
export async function notifyReviewToApprove(trx: Trx, round: RoundRef, version: number, pending: string[], actorId: string): Promise<number> {
  const people = await partnerPeople(trx, round.allianceId, { admins: true, organisationIds: pending })
  return notify(trx, reviewToApprove, { userIds: people }, { params: { alliance: round.allianceName, number: round.number, version }, link: `${roundLink(round)}/bilan`, exceptUserId: actorId })
}

/** Every active partner approved: the coordinators' admins may publish. */
export async function notifyReviewReady(trx: Trx, round: RoundRef, actorId: string): Promise<number> {
  const people = await partnerPeople(trx, round.allianceId, { admins: true, coordinatorsOnly: true })
  return notify(trx, reviewReady, { userIds: people }, { params: { alliance: round.allianceName, number: round.number }, link: `${roundLink(round)}/bilan`, exceptUserId: actorId })
}

const fr = {
  'evaluation.notify.roundOpened': 'Temps d’évaluation {number} ouvert pour « {alliance} » : votre organisation peut répondre jusqu’au {closes}.',
  'evaluation.notify.answerDue': 'Rappel : votre organisation n’a pas encore soumis sa réponse au temps d’évaluation {number} de « {alliance} » (clôture le {closes}).',
  'evaluation.notify.reviewToApprove': 'Le bilan du temps {number} de « {alliance} » (version {version}) attend l’approbation de votre organisation.',
  'evaluation.notify.reviewReady': 'Tous les partenaires ont approuvé le bilan du temps {number} de « {alliance} » : il peut être publié.',
  'evaluation.mail.roundOpened.subject': '« {alliance} » : temps d’évaluation {number} ouvert',
  'evaluation.mail.roundOpened.body': 'Un temps d’évaluation partenariale est ouvert pour l’alliance « {alliance} ». Les membres de votre organisation peuvent préparer sa réponse, et ses administrateurs la soumettre, jusqu’au {closes}.',
  'evaluation.mail.roundOpened.action': 'Répondre pour votre organisation',
  'evaluation.mail.answerDue.subject': 'Rappel : réponse attendue pour « {alliance} »',
  'evaluation.mail.answerDue.body': 'Votre organisation n’a pas encore soumis sa réponse au temps d’évaluation {number} de l’alliance « {alliance} ». Il se clôt le {closes}.',
  'evaluation.mail.answerDue.action': 'Compléter la réponse',
  'evaluation.mail.reviewToApprove.subject': 'Bilan de « {alliance} » à approuver',
  'evaluation.mail.reviewToApprove.body': 'Le bilan du temps d’évaluation {number} de l’alliance « {alliance} » (version {version}) attend l’approbation de votre organisation. Il ne sera publié qu’une fois approuvé par chaque partenaire.',
  'evaluation.mail.reviewToApprove.action': 'Lire et approuver le bilan',
  'evaluation.mail.reviewReady.subject': 'Bilan de « {alliance} » approuvé par tous',
  'evaluation.mail.reviewReady.body': 'Chaque partenaire a approuvé le bilan du temps d’évaluation {number} de l’alliance « {alliance} » : les coordinateurs peuvent le publier.',
  'evaluation.mail.reviewReady.action': 'Publier le bilan',
  'evaluation.notifyKind.roundOpened': 'Temps d’évaluation ouverts dans vos alliances',
  'evaluation.notifyKind.answerDue': 'Rappels de réponse à un temps d’évaluation',
  'evaluation.notifyKind.reviewToApprove': 'Bilans à approuver pour votre organisation',
  'evaluation.notifyKind.reviewReady': 'Bilans approuvés par tous, prêts à publier',
}

const en: Record<keyof typeof fr, string> = {
  'evaluation.notify.roundOpened': 'Evaluation round {number} opened for “{alliance}”: your organisation can answer until {closes}.',
  'evaluation.notify.answerDue': 'Reminder: your organisation has not yet submitted its answer to evaluation round {number} of “{alliance}” (closes on {closes}).',
  'evaluation.notify.reviewToApprove': 'The review of round {number} of “{alliance}” (version {version}) awaits your organisation’s approval.',
  'evaluation.notify.reviewReady': 'Every partner approved the review of round {number} of “{alliance}”: it can be published.',
  'evaluation.mail.roundOpened.subject': '“{alliance}”: evaluation round {number} opened',
  'evaluation.mail.roundOpened.body': 'A partnership evaluation round is open for the alliance “{alliance}”. The members of your organisation can prepare its answer, and its admins submit it, until {closes}.',
  'evaluation.mail.roundOpened.action': 'Answer for your organisation',
  'evaluation.mail.answerDue.subject': 'Reminder: answer expected for “{alliance}”',
  'evaluation.mail.answerDue.body': 'Your organisation has not yet submitted its answer to evaluation round {number} of the alliance “{alliance}”. It closes on {closes}.',
  'evaluation.mail.answerDue.action': 'Complete the answer',
  'evaluation.mail.reviewToApprove.subject': 'Review of “{alliance}” to approve',
  'evaluation.mail.reviewToApprove.body': 'The review of evaluation round {number} of the alliance “{alliance}” (version {version}) awaits your organisation’s approval. It is published only once every partner approved it.',
  'evaluation.mail.reviewToApprove.action': 'Read and approve the review',
  'evaluation.mail.reviewReady.subject': 'Review of “{alliance}” approved by all',
  'evaluation.mail.reviewReady.body': 'Every partner approved the review of evaluation round {number} of the alliance “{alliance}”: the coordinators can publish it.',
  'evaluation.mail.reviewReady.action': 'Publish the review',
  'evaluation.notifyKind.roundOpened': 'Evaluation rounds opened in your alliances',
  'evaluation.notifyKind.answerDue': 'Reminders to answer an evaluation round',
  'evaluation.notifyKind.reviewToApprove': 'Reviews to approve for your organisation',
  'evaluation.notifyKind.reviewReady': 'Reviews approved by all, ready to publish',
}

export const evaluationNotificationMessages = defineMessages(fr, en)

declare module '../../core/i18n/index.js' {
  interface MessageKeys extends Record<keyof typeof fr, true> {}
}
