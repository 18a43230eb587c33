/**
 * Every message catalysis sends to people, in one place: each kind of act that waits on someone (an
 * invitation to a meeting, a seat obtained from the waiting list, a reminder before a meeting, an invitation
 * to co-animate a space, a dialogue's request for consent) is one entry of `KINDS`, delivered in the
 * application (`notify`, read in each person's language) and by e-mail (the outbox), inside the caller's
 * transaction. When per-kind preferences and e-mail delivery land, these kinds are what is re-declared.
 */
import type { Kysely, Transaction } from 'kysely'
import { queueMail } from '../../core/mail/outbox.js'
import type { Database } from '../../database.js'
import { notify } from '../notifications/index.js'

type Trx = Transaction<Database> | Kysely<Database>

/** The kinds of catalysis notifications, with the French and English e-mail text. */
const KINDS = {
  meetingInvitation: {
    messageKey: 'catalysis.notify.meetingInvitation',
    subject: (p: Params) => `Alliance : invitation à « ${p.meeting} »`,
    body: (p: Params) => `${p.organiser} vous invite à « ${p.meeting} » (${p.when}).\nInscription : ${p.url}\n\n${p.organiser} invites you to “${p.meeting}” (${p.when}). Register at the link above.`,
  },
  seatGranted: {
    messageKey: 'catalysis.notify.seatGranted',
    subject: (p: Params) => `Alliance : une place s’est libérée pour « ${p.meeting} »`,
    body: (p: Params) => `Une place s’est libérée : vous êtes inscrit·e à « ${p.meeting} » (${p.when}).\nSi vous ne pouvez plus venir, annulez pour la personne suivante : ${p.url}\n\nA seat became free: you are now registered for “${p.meeting}” (${p.when}).`,
  },
  meetingReminder: {
    messageKey: 'catalysis.notify.reminder',
    subject: (p: Params) => `Alliance : rappel, « ${p.meeting} » approche`,
    body: (p: Params) => `Rappel : « ${p.meeting} » a lieu ${p.when}, ${p.where}.\nDétails et annulation : ${p.url}\n\nReminder: “${p.meeting}” takes place ${p.when}.`,
  },
  meetingCancelled: {
    messageKey: 'catalysis.notify.cancelled',
    subject: (p: Params) => `Alliance : « ${p.meeting} » est annulée`,
    body: (p: Params) => `La rencontre « ${p.meeting} » prévue ${p.when} est annulée par ses organisateurs.\n${p.url}\n\nThe meeting “${p.meeting}” planned ${p.when} is cancelled.`,
  },
  feedbackRequest: {
    messageKey: 'catalysis.notify.feedback',
    subject: (p: Params) => `Alliance : votre avis sur « ${p.meeting} »`,
    body: (p: Params) => `Merci d’avoir participé à « ${p.meeting} ». Quelques questions pour améliorer les prochaines rencontres : ${p.url}\n\nThank you for attending “${p.meeting}”. A few questions at the link above.`,
  },
  coanimatorInvitation: {
    messageKey: 'catalysis.notify.coanimatorInvitation',
    subject: (p: Params) => `Alliance : invitation à co-animer l’espace « ${p.space} »`,
    body: (p: Params) => `${p.organisation} invite votre organisation à co-animer l’espace territorial « ${p.space} ».\nRépondre : ${p.url}\n\n${p.organisation} invites your organisation to co-animate the territory space “${p.space}”.`,
  },
  consentRequest: {
    messageKey: 'catalysis.notify.consentRequest',
    subject: (p: Params) => `Alliance : publier le résultat du dialogue « ${p.dialogue} » ?`,
    body: (p: Params) => `Le niveau de maturité du dialogue « ${p.dialogue} » est calculé. Il ne sera publié qu’avec l’accord de chaque organisation participante.\nDonner ou refuser l’accord : ${p.url}\n\nThe maturity level of “${p.dialogue}” is ready; it is published only if every participating organisation agrees.`,
  },
} as const

type Params = Record<string, string>
export type NotificationKind = keyof typeof KINDS

export interface Recipient {
  id: string
  email: string
}

/**
 * Notifies `recipients` of an act of `kind` (in the application and by e-mail); `link` is the page where
 * they act, `publicUrl` makes it absolute in the e-mail. `mailOnly` are addresses without an account (an
 * invitation by e-mail): they get the e-mail alone. Duplicated recipients are told once.
 */
export async function tell(trx: Trx, kind: NotificationKind, recipients: Recipient[], params: Params, link: string, publicUrl: string, mailOnly: string[] = []): Promise<void> {
  const unique = [...new Map(recipients.map((r) => [r.id, r])).values()]
  const spec = KINDS[kind]
  if (unique.length > 0) await notify(trx, unique.map((r) => r.id), { messageKey: spec.messageKey, params, link })
  const full = { ...params, url: `${publicUrl}${link}` }
  for (const address of new Set([...unique.map((r) => r.email), ...mailOnly])) {
    await queueMail(trx, { recipient: address, subject: spec.subject(full), bodyText: spec.body(full), link: full.url })
  }
}

/** The people acting for organisations (`admins` only: their admins), to tell them about an act. */
export async function peopleOf(trx: Trx, organisationIds: string[], options: { admins: boolean }): Promise<Recipient[]> {
  if (organisationIds.length === 0) return []
  let query = trx.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id').select(['users.id', 'users.email']).where('memberships.organisation_id', 'in', organisationIds)
  if (options.admins) query = query.where('memberships.role', '=', 'admin')
  return query.orderBy('users.id').execute()
}
