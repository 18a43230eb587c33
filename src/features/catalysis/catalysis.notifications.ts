/**
 * What catalysis notifies, each act that waits on someone declared once as a notification kind (in-app line,
 * e-mail template, label of the preferences page, default pace; texts in the catalysis catalogue under
 * `catalysis.notify.*`, `catalysis.mail.*`, `catalysis.notifyKind.*`), sent with `notify` inside the transaction
 * of the act:
 *
 * - an invitation to a meeting (the members of invited organisations, invited people with an account; an
 *   address without a verified account gets the e-mail alone, in French, with no unsubscribe link since there
 *   is no account to set preferences on);
 * - a seat obtained from the waiting list; a reminder before the meeting; the meeting cancelled; the feedback
 *   survey to answer (the people concerned);
 * - an invitation to co-animate a space (the invited organisation's admins);
 * - a request for consent to publish a dialogue's maturity level (each participating organisation's admins).
 *
 * Parameters are names and the Paris day and hour of the meeting (`dd/mm/yyyy`, `HH:MM`, read the same way in
 * French and in British English), never sentences. The person who acted is not notified of their own act.
 */
import type { Kysely } from 'kysely'
import { queueMail } from '../../core/mail/outbox.js'
import type { Database } from '../../database.js'
import { notificationKind, notify, type NotificationKind } from '../notifications/index.js'
import { isoToParisLocal } from './paris-time.js'

type Db = Kysely<Database>

export const meetingInvitation = notificationKind({ key: 'catalysis.meeting-invitation', audience: 'people', message: 'catalysis.notify.meetingInvitation', mail: 'catalysis.mail.meetingInvitation', label: 'catalysis.notifyKind.meetingInvitation', defaultPace: 'immediate' })
export const seatGranted = notificationKind({ key: 'catalysis.seat-granted', audience: 'people', message: 'catalysis.notify.seatGranted', mail: 'catalysis.mail.seatGranted', label: 'catalysis.notifyKind.seatGranted', defaultPace: 'immediate' })
export const meetingReminder = notificationKind({ key: 'catalysis.meeting-reminder', audience: 'people', message: 'catalysis.notify.reminder', mail: 'catalysis.mail.reminder', label: 'catalysis.notifyKind.reminder', defaultPace: 'immediate' })
export const meetingCancelled = notificationKind({ key: 'catalysis.meeting-cancelled', audience: 'people', message: 'catalysis.notify.cancelled', mail: 'catalysis.mail.cancelled', label: 'catalysis.notifyKind.cancelled', defaultPace: 'immediate' })
export const feedbackRequest = notificationKind({ key: 'catalysis.feedback-request', audience: 'people', message: 'catalysis.notify.feedback', mail: 'catalysis.mail.feedback', label: 'catalysis.notifyKind.feedback', defaultPace: 'immediate' })
export const coanimationInvitation = notificationKind({ key: 'catalysis.coanimation-invitation', audience: 'organisation-admins', message: 'catalysis.notify.coanimatorInvitation', mail: 'catalysis.mail.coanimatorInvitation', label: 'catalysis.notifyKind.coanimatorInvitation', defaultPace: 'immediate' })
export const consentRequest = notificationKind({ key: 'catalysis.consent-request', audience: 'organisation-admins', message: 'catalysis.notify.consentRequest', mail: 'catalysis.mail.consentRequest', label: 'catalysis.notifyKind.consentRequest', defaultPace: 'immediate' })

/** The kinds of catalysis, for the preferences page (listed in src/app.ts). */
export const catalysisNotificationKinds: NotificationKind[] = [meetingInvitation, seatGranted, meetingReminder, meetingCancelled, feedbackRequest, coanimationInvitation, consentRequest]

/** What the messages about a meeting name: its title and its Paris day and hour. */
export interface MeetingRef {
  id: string
  title: string
  starts_at: string
}

/** The parameters naming a meeting: `meeting`, `day` (`dd/mm/yyyy`) and `time` (`HH:MM`), in Paris time. */
export function meetingParams(m: MeetingRef): { meeting: string; day: string; time: string } {
  const local = isoToParisLocal(m.starts_at)
  return { meeting: m.title, day: `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`, time: local.slice(11, 16) }
}

const meetingLink = (m: MeetingRef) => `/rencontres/${m.id}`

/**
 * Invites people to a meeting: `userIds` (members of invited organisations, invited people with an account)
 * are notified; `mailOnly` addresses (no verified account) get the e-mail alone. Returns how many were told.
 */
export async function notifyMeetingInvitation(trx: Db, m: MeetingRef, organiser: string, userIds: string[], mailOnly: string[], actorId: string | null): Promise<number> {
  const params = { ...meetingParams(m), organiser }
  const told = await notify(trx, meetingInvitation, { userIds }, { params, link: meetingLink(m), exceptUserId: actorId })
  for (const to of new Set(mailOnly)) {
    await queueMail(trx, { to, locale: 'fr', template: meetingInvitation.mail, params: { ...params, link: meetingLink(m) } })
  }
  return told + new Set(mailOnly).size
}

/** A waiting person got a seat. */
export function notifySeatGranted(trx: Db, m: MeetingRef, userId: string): Promise<number> {
  return notify(trx, seatGranted, { userIds: [userId] }, { params: meetingParams(m), link: meetingLink(m) })
}

/** The meeting is near (`where`: the place and commune, or the online link). */
export function notifyReminder(trx: Db, m: MeetingRef, where: string, userIds: string[]): Promise<number> {
  return notify(trx, meetingReminder, { userIds }, { params: { ...meetingParams(m), where }, link: meetingLink(m) })
}

/** The meeting is cancelled: the registered and waiting people. */
export function notifyCancelled(trx: Db, m: MeetingRef, userIds: string[], actorId: string | null): Promise<number> {
  return notify(trx, meetingCancelled, { userIds }, { params: meetingParams(m), link: meetingLink(m), exceptUserId: actorId })
}

/** The feedback survey of a held meeting is open (`campaignId`: where to answer). */
export function notifyFeedback(trx: Db, m: MeetingRef, campaignId: string, userIds: string[], actorId: string | null): Promise<number> {
  return notify(trx, feedbackRequest, { userIds }, { params: { meeting: m.title }, link: `/repondre/${campaignId}`, exceptUserId: actorId })
}

/** An organisation is invited to co-animate a space: its admins answer. */
export function notifyCoanimation(trx: Db, space: { id: string; name: string }, organisationId: string, animating: string, actorId: string | null): Promise<number> {
  return notify(trx, coanimationInvitation, { organisationId }, { params: { space: space.name, organisation: animating }, link: `/espaces/${space.id}/equipe`, exceptUserId: actorId })
}

/** A dialogue's maturity level is computed: each participating organisation's admins give or refuse consent. */
export async function notifyConsentRequest(trx: Db, dialogue: { id: string; title: string }, organisations: Array<{ id: string; name: string }>, actorId: string | null): Promise<number> {
  let told = 0
  for (const o of organisations) told += await notify(trx, consentRequest, { organisationId: o.id }, { params: { dialogue: dialogue.title, organisation: o.name }, link: `/dialogues/${dialogue.id}`, exceptUserId: actorId })
  return told
}
