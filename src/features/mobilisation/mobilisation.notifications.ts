/**
 * Every notification of mobilisation, in one place: each kind declared with `notificationKind` and sent with
 * `notify` inside the transaction of the act (or of the periodic check), to the people the function picks.
 *
 * - a pledge is late: the members of the pledging organisation, and nobody else (a late pledge is never published);
 * - an application is submitted: the admins of the fund's host organisation;
 * - a person is assigned to review a call's applications: that person;
 * - the deadline of a call for projects is near: the coordinators' admins of the alliances with a draft;
 * - decisions are published: the coordinators' admins of each applying alliance, with the reasons (funded/rejected);
 * - a grant agreement waits for a signature: the admins of the beneficiary organisation;
 * - a payment of a grant is recorded: the members of the beneficiary organisation;
 * - a grant report is due soon without an evaluation round: the coordinators' admins of the funded alliance.
 *
 * The person who acted is not notified of their own act.
 */
import type { Transaction } from 'kysely'
import { defineMessages } from '../../core/i18n/index.js'
import type { Database } from '../../database.js'
import { notificationKind, notify } from '../notifications/index.js'

type Trx = Transaction<Database>

export const pledgeLate = notificationKind({ key: 'mobilisation.pledge-late', audience: 'organisation-members', message: 'mobilisation.notify.pledgeLate', mail: 'mobilisation.mail.pledgeLate', label: 'mobilisation.notifyKind.pledgeLate', defaultPace: 'immediate' })
export const applicationSubmitted = notificationKind({ key: 'mobilisation.application-submitted', audience: 'organisation-admins', message: 'mobilisation.notify.applicationSubmitted', mail: 'mobilisation.mail.applicationSubmitted', label: 'mobilisation.notifyKind.applicationSubmitted', defaultPace: 'daily' })
export const reviewerAssigned = notificationKind({ key: 'mobilisation.reviewer-assigned', audience: 'people', message: 'mobilisation.notify.reviewerAssigned', mail: 'mobilisation.mail.reviewerAssigned', label: 'mobilisation.notifyKind.reviewerAssigned', defaultPace: 'immediate' })
export const deadlineSoon = notificationKind({ key: 'mobilisation.deadline-soon', audience: 'people', message: 'mobilisation.notify.deadlineSoon', mail: 'mobilisation.mail.deadlineSoon', label: 'mobilisation.notifyKind.deadlineSoon', defaultPace: 'immediate' })
export const decisionSent = notificationKind({ key: 'mobilisation.decision', audience: 'people', message: 'mobilisation.notify.decision', mail: 'mobilisation.mail.decision', label: 'mobilisation.notifyKind.decision', defaultPace: 'immediate', variants: ['funded', 'rejected'] })
export const grantToSign = notificationKind({ key: 'mobilisation.grant-to-sign', audience: 'organisation-admins', message: 'mobilisation.notify.grantToSign', mail: 'mobilisation.mail.grantToSign', label: 'mobilisation.notifyKind.grantToSign', defaultPace: 'immediate' })
export const paymentRecorded = notificationKind({ key: 'mobilisation.payment-recorded', audience: 'organisation-members', message: 'mobilisation.notify.paymentRecorded', mail: 'mobilisation.mail.paymentRecorded', label: 'mobilisation.notifyKind.paymentRecorded', defaultPace: 'daily' })
export const reportDue = notificationKind({ key: 'mobilisation.report-due', audience: 'people', message: 'mobilisation.notify.reportDue', mail: 'mobilisation.mail.reportDue', label: 'mobilisation.notifyKind.reportDue', defaultPace: 'immediate' })

/** The kinds of mobilisation, for the preferences page (listed in src/app.ts). */
export const mobilisationNotificationKinds = [pledgeLate, applicationSubmitted, reviewerAssigned, deadlineSoon, decisionSent, grantToSign, paymentRecorded, reportDue]

/** The admins of the alliance's active coordinator organisations (who apply and answer for the alliance). */
export async function coordinatorAdmins(trx: Trx, allianceId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('alliance_partners')
    .innerJoin('memberships', 'memberships.organisation_id', 'alliance_partners.organisation_id')
    .select('memberships.user_id')
    .distinct()
    .where('alliance_partners.alliance_id', '=', allianceId)
    .where('alliance_partners.status', '=', 'active')
    .where('alliance_partners.role', '=', 'coordinateur')
    .where('memberships.role', '=', 'admin')
    .execute()
  return rows.map((r) => r.user_id)
}

/** A pledge is past its due day and not fulfilled: its organisation hears it, first and alone. */
export async function notifyPledgeLate(trx: Trx, pledge: { id: string; organisationId: string; dueOn: string; target: string }): Promise<number> {
  return notify(trx, pledgeLate, { organisationId: pledge.organisationId }, { params: { due: pledge.dueOn, target: pledge.target }, link: `/mobilisation/engagements/${pledge.id}` })
}

export async function notifyApplicationSubmitted(trx: Trx, application: { id: string; hostOrganisationId: string; call: string; alliance: string }, actorId: string): Promise<number> {
  return notify(trx, applicationSubmitted, { organisationId: application.hostOrganisationId }, { params: { call: application.call, alliance: application.alliance }, link: `/mobilisation/candidatures/${application.id}`, exceptUserId: actorId })
}

export async function notifyReviewerAssigned(trx: Trx, assignment: { callId: string; call: string; userId: string }, actorId: string): Promise<number> {
  return notify(trx, reviewerAssigned, { userIds: [assignment.userId] }, { params: { call: assignment.call }, link: `/mobilisation/appels-a-projets/${assignment.callId}`, exceptUserId: actorId })
}

export async function notifyDeadlineSoon(trx: Trx, reminder: { applicationId: string; allianceId: string; call: string; deadline: string }): Promise<number> {
  return notify(trx, deadlineSoon, { userIds: await coordinatorAdmins(trx, reminder.allianceId) }, { params: { call: reminder.call, deadline: reminder.deadline }, link: `/mobilisation/candidatures/${reminder.applicationId}` })
}

/** The decision and its reasons, to the coordinators' admins of the applying alliance. */
export async function notifyDecision(trx: Trx, decision: { applicationId: string; allianceId: string; call: string; outcome: 'funded' | 'rejected'; amountEuros: number; reasons: string }, actorId: string): Promise<number> {
  return notify(trx, decisionSent, { userIds: await coordinatorAdmins(trx, decision.allianceId) }, { params: { call: decision.call, amount: decision.amountEuros, reasons: decision.reasons }, variant: decision.outcome, link: `/mobilisation/candidatures/${decision.applicationId}`, exceptUserId: actorId })
}

export async function notifyGrantToSign(trx: Trx, grant: { id: string; beneficiaryOrganisationId: string; fund: string; reference: string }, actorId: string): Promise<number> {
  return notify(trx, grantToSign, { organisationId: grant.beneficiaryOrganisationId }, { params: { fund: grant.fund, reference: grant.reference }, link: `/mobilisation/conventions/${grant.id}`, exceptUserId: actorId })
}

export async function notifyPaymentRecorded(trx: Trx, payment: { grantId: string; beneficiaryOrganisationId: string; reference: string; amountEuros: number; paidOn: string }, actorId: string): Promise<number> {
  return notify(trx, paymentRecorded, { organisationId: payment.beneficiaryOrganisationId }, { params: { reference: payment.reference, amount: payment.amountEuros, date: payment.paidOn }, link: `/mobilisation/conventions/${payment.grantId}`, exceptUserId: actorId })
}

export async function notifyReportDue(trx: Trx, report: { grantId: string; allianceId: string; title: string; dueOn: string }): Promise<number> {
  return notify(trx, reportDue, { userIds: await coordinatorAdmins(trx, report.allianceId) }, { params: { title: report.title, due: report.dueOn }, link: `/mobilisation/conventions/${report.grantId}` })
}

const fr = {
  'mobilisation.notify.pledgeLate': 'Votre engagement pour « {target} » devait être réalisé le {due} : indiquez ce qui a été fait ou changez l’échéance.',
  'mobilisation.notify.applicationSubmitted': 'Nouvelle candidature à « {call} » : {alliance}.',
  'mobilisation.notify.reviewerAssigned': 'Vous évaluez les candidatures de l’appel à projets « {call} ».',
  'mobilisation.notify.deadlineSoon': 'La candidature de votre alliance à « {call} » est encore un brouillon : le dépôt ferme le {deadline}.',
  'mobilisation.notify.decision.funded': '{amount, plural, other {Votre candidature à « {call} » est retenue : # € accordés.}}',
  'mobilisation.notify.decision.rejected': 'Votre candidature à « {call} » n’est pas retenue. Les raisons du comité sont sur la candidature.',
  'mobilisation.notify.grantToSign': 'La convention {reference} du fonds « {fund} » attend votre signature.',
  'mobilisation.notify.paymentRecorded': '{amount, plural, other {Versement de # € reçu pour la convention {reference} (le {date}).}}',
  'mobilisation.notify.reportDue': 'Le rapport « {title} » de votre subvention est attendu le {due} : ouvrez le temps d’évaluation de l’alliance.',
  'mobilisation.mail.pledgeLate.subject': 'Un engagement de votre organisation a dépassé son échéance',
  'mobilisation.mail.pledgeLate.body': 'L’engagement de votre organisation pour « {target} » devait être réalisé le {due}. Si l’aide a été apportée, reliez les contributions enregistrées dans l’alliance ; sinon, changez l’échéance ou le calendrier. Personne d’autre que votre organisation ne reçoit ce message.',
  'mobilisation.mail.pledgeLate.action': 'Voir l’engagement',
  'mobilisation.mail.applicationSubmitted.subject': 'Nouvelle candidature à « {call} »',
  'mobilisation.mail.applicationSubmitted.body': 'L’alliance {alliance} a déposé sa candidature à l’appel à projets « {call} ».',
  'mobilisation.mail.applicationSubmitted.action': 'Lire la candidature',
  'mobilisation.mail.reviewerAssigned.subject': 'Vous êtes évaluateur ou évaluatrice de « {call} »',
  'mobilisation.mail.reviewerAssigned.body': 'Le comité du fonds vous confie l’évaluation des candidatures de l’appel à projets « {call} ». Si l’une d’elles vous concerne de près, déclarez un conflit d’intérêts : vous ne la verrez plus.',
  'mobilisation.mail.reviewerAssigned.action': 'Voir l’appel à projets',
  'mobilisation.mail.deadlineSoon.subject': 'Le dépôt des candidatures à « {call} » ferme bientôt',
  'mobilisation.mail.deadlineSoon.body': 'La candidature de votre alliance n’est pas encore déposée. Le dépôt ferme le {deadline} (heure de Paris).',
  'mobilisation.mail.deadlineSoon.action': 'Reprendre la candidature',
  'mobilisation.mail.decision.funded.subject': 'Votre candidature à « {call} » est retenue',
  'mobilisation.mail.decision.funded.body': '{amount, plural, other {Le comité accorde # € à votre alliance. Ses raisons : {reasons}. La convention de subvention vous sera proposée à la signature.}}',
  'mobilisation.mail.decision.funded.action': 'Voir la décision',
  'mobilisation.mail.decision.rejected.subject': 'Votre candidature à « {call} » n’est pas retenue',
  'mobilisation.mail.decision.rejected.body': 'Le comité ne retient pas la candidature de votre alliance. Ses raisons : {reasons}',
  'mobilisation.mail.decision.rejected.action': 'Voir la décision',
  'mobilisation.mail.grantToSign.subject': 'Convention {reference} à signer',
  'mobilisation.mail.grantToSign.body': 'La convention {reference} du fonds « {fund} » est prête : relisez ses tranches, ses conditions et ses rapports, puis signez-la pour votre organisation.',
  'mobilisation.mail.grantToSign.action': 'Lire et signer la convention',
  'mobilisation.mail.paymentRecorded.subject': 'Versement reçu pour la convention {reference}',
  'mobilisation.mail.paymentRecorded.body': '{amount, plural, other {Le fonds a enregistré un versement de # € le {date} pour la convention {reference}.}}',
  'mobilisation.mail.paymentRecorded.action': 'Voir la convention',
  'mobilisation.mail.reportDue.subject': 'Rapport de subvention attendu le {due}',
  'mobilisation.mail.reportDue.body': 'Le rapport « {title} » est attendu le {due}. Le bilan du temps d’évaluation de l’alliance tient lieu de rapport : ouvrez ce temps depuis la convention.',
  'mobilisation.mail.reportDue.action': 'Ouvrir la convention',
  'mobilisation.notifyKind.pledgeLate': 'Engagements de mon organisation arrivés à échéance',
  'mobilisation.notifyKind.applicationSubmitted': 'Candidatures reçues par un fonds que j’administre',
  'mobilisation.notifyKind.reviewerAssigned': 'Évaluations de candidatures qui me sont confiées',
  'mobilisation.notifyKind.deadlineSoon': 'Échéances des appels à projets',
  'mobilisation.notifyKind.decision': 'Décisions sur les candidatures de mes alliances',
  'mobilisation.notifyKind.grantToSign': 'Conventions de subvention à signer',
  'mobilisation.notifyKind.paymentRecorded': 'Versements des subventions reçues',
  'mobilisation.notifyKind.reportDue': 'Rapports de subvention attendus',
}

const en: Record<keyof typeof fr, string> = {
  'mobilisation.notify.pledgeLate': 'Your pledge for “{target}” was due on {due}: say what was done or change the due day.',
  'mobilisation.notify.applicationSubmitted': 'New application to “{call}”: {alliance}.',
  'mobilisation.notify.reviewerAssigned': 'You review the applications of the call for projects “{call}”.',
  'mobilisation.notify.deadlineSoon': 'Your alliance’s application to “{call}” is still a draft: submissions close on {deadline}.',
  'mobilisation.notify.decision.funded': '{amount, plural, other {Your application to “{call}” is selected: €# granted.}}',
  'mobilisation.notify.decision.rejected': 'Your application to “{call}” is not selected. The committee’s reasons are on the application.',
  'mobilisation.notify.grantToSign': 'Grant agreement {reference} of the fund “{fund}” waits for your signature.',
  'mobilisation.notify.paymentRecorded': '{amount, plural, other {Payment of €# received for agreement {reference} (on {date}).}}',
  'mobilisation.notify.reportDue': 'The report “{title}” of your grant is due on {due}: open the alliance’s evaluation round.',
  'mobilisation.mail.pledgeLate.subject': 'A pledge of your organisation is past its due day',
  'mobilisation.mail.pledgeLate.body': 'Your organisation’s pledge for “{target}” was due on {due}. If the help was given, link the contributions recorded in the alliance; otherwise change the due day or the schedule. Nobody but your organisation receives this message.',
  'mobilisation.mail.pledgeLate.action': 'See the pledge',
  'mobilisation.mail.applicationSubmitted.subject': 'New application to “{call}”',
  'mobilisation.mail.applicationSubmitted.body': 'The alliance {alliance} submitted its application to the call for projects “{call}”.',
  'mobilisation.mail.applicationSubmitted.action': 'Read the application',
  'mobilisation.mail.reviewerAssigned.subject': 'You review “{call}”',
  'mobilisation.mail.reviewerAssigned.body': 'The fund’s committee asks you to review the applications of the call for projects “{call}”. If one of them concerns you closely, declare a conflict of interest: you will no longer see it.',
  'mobilisation.mail.reviewerAssigned.action': 'See the call for projects',
  'mobilisation.mail.deadlineSoon.subject': 'Applications to “{call}” close soon',
  'mobilisation.mail.deadlineSoon.body': 'Your alliance’s application is not submitted yet. Submissions close on {deadline} (Paris time).',
  'mobilisation.mail.deadlineSoon.action': 'Continue the application',
  'mobilisation.mail.decision.funded.subject': 'Your application to “{call}” is selected',
  'mobilisation.mail.decision.funded.body': '{amount, plural, other {The committee grants €# to your alliance. Its reasons: {reasons}. The grant agreement will be offered for signature.}}',
  'mobilisation.mail.decision.funded.action': 'See the decision',
  'mobilisation.mail.decision.rejected.subject': 'Your application to “{call}” is not selected',
  'mobilisation.mail.decision.rejected.body': 'The committee does not select your alliance’s application. Its reasons: {reasons}',
  'mobilisation.mail.decision.rejected.action': 'See the decision',
  'mobilisation.mail.grantToSign.subject': 'Agreement {reference} to sign',
  'mobilisation.mail.grantToSign.body': 'Agreement {reference} of the fund “{fund}” is ready: read its tranches, conditions and reports, then sign it for your organisation.',
  'mobilisation.mail.grantToSign.action': 'Read and sign the agreement',
  'mobilisation.mail.paymentRecorded.subject': 'Payment received for agreement {reference}',
  'mobilisation.mail.paymentRecorded.body': '{amount, plural, other {The fund recorded a payment of €# on {date} for agreement {reference}.}}',
  'mobilisation.mail.paymentRecorded.action': 'See the agreement',
  'mobilisation.mail.reportDue.subject': 'Grant report due on {due}',
  'mobilisation.mail.reportDue.body': 'The report “{title}” is due on {due}. The review of the alliance’s evaluation round is the report: open that round from the agreement.',
  'mobilisation.mail.reportDue.action': 'Open the agreement',
  'mobilisation.notifyKind.pledgeLate': 'Pledges of my organisation past their due day',
  'mobilisation.notifyKind.applicationSubmitted': 'Applications received by a fund I run',
  'mobilisation.notifyKind.reviewerAssigned': 'Applications I am asked to review',
  'mobilisation.notifyKind.deadlineSoon': 'Deadlines of calls for projects',
  'mobilisation.notifyKind.decision': 'Decisions on my alliances’ applications',
  'mobilisation.notifyKind.grantToSign': 'Grant agreements to sign',
  'mobilisation.notifyKind.paymentRecorded': 'Payments of grants received',
  'mobilisation.notifyKind.reportDue': 'Grant reports due',
}

export const mobilisationNotificationMessages = defineMessages(fr, en)

declare module '../../core/i18n/index.js' {
  interface MessageKeys extends Record<keyof typeof fr, true> {}
}
