/**
 * What the mise en relation notifies: a request received (the members of the organisation asked), its
 * answer (the members of the asking organisation; accepted or declined), and each new message of the thread.
 * Notifications and e-mails store these keys and their parameters (names and titles), never sentences: they
 * are written in each reader's language when shown or sent. The words of every notification of the mise en
 * relation are here (in-app line, e-mail, preferences label).
 */
import { defineMessages } from '../../../core/i18n/index.js'
import { notificationKind } from '../../notifications/index.js'

export const requestReceived = notificationKind({ key: 'listening.request-received', audience: 'organisation-members', message: 'listening.notify.requestReceived', mail: 'listening.mail.requestReceived', label: 'listening.notifyKind.requestReceived', defaultPace: 'immediate' })
export const requestAnswered = notificationKind({ key: 'listening.request-answered', audience: 'organisation-members', message: 'listening.notify', mail: 'listening.mail', label: 'listening.notifyKind.requestAnswered', defaultPace: 'immediate', variants: ['accepted', 'declined'] })
export const threadMessage = notificationKind({ key: 'listening.message', audience: 'organisation-members', message: 'listening.notify.message', mail: 'listening.mail.message', label: 'listening.notifyKind.message', defaultPace: 'daily' })

/** The kinds of the mise en relation, for the preferences page. */
export const connectionNotificationKinds = [requestReceived, requestAnswered, threadMessage]

const fr = {
  'listening.notify.requestReceived': '{from} vous propose une mise en relation pour « {need} »',
  'listening.notify.accepted': '{to} a accepté votre mise en relation pour « {need} »',
  'listening.notify.declined': '{to} a décliné votre mise en relation pour « {need} »',
  'listening.notify.message': 'Nouveau message de {from}',
  'listening.mail.requestReceived.subject': 'Demande de mise en relation de {from}',
  'listening.mail.requestReceived.body': '{from} vous propose une mise en relation au sujet du besoin « {need} » et de la ressource « {resource} ».\n\nSon message : {message}\n\nVous pouvez accepter ou refuser pendant {days, plural, one {# jour} other {# jours}}.',
  'listening.mail.requestReceived.action': 'Répondre à la demande',
  'listening.mail.accepted.subject': '{to} a accepté votre demande de mise en relation',
  'listening.mail.accepted.body': '{to} a accepté la mise en relation au sujet de « {need} ». Vous voyez désormais ses coordonnées et pouvez échanger des messages.',
  'listening.mail.accepted.action': 'Ouvrir la mise en relation',
  'listening.mail.declined.subject': '{to} a décliné votre demande de mise en relation',
  'listening.mail.declined.body': '{to} a décliné la mise en relation au sujet de « {need} ». Elle ne vous sera plus proposée.',
  'listening.mail.declined.action': 'Voir la demande',
  'listening.mail.message.subject': 'Nouveau message de {from}',
  'listening.mail.message.body': '{from} vous a écrit dans votre mise en relation.',
  'listening.mail.message.action': 'Lire et répondre',
  'listening.notifyKind.requestReceived': 'Demandes de mise en relation reçues',
  'listening.notifyKind.requestAnswered': 'Réponses à vos demandes de mise en relation',
  'listening.notifyKind.message': 'Messages des mises en relation',
}

const en: Record<keyof typeof fr, string> = {
  'listening.notify.requestReceived': '{from} asks to connect with you about “{need}”',
  'listening.notify.accepted': '{to} accepted your connection about “{need}”',
  'listening.notify.declined': '{to} declined your connection about “{need}”',
  'listening.notify.message': 'New message from {from}',
  'listening.mail.requestReceived.subject': 'Connection request from {from}',
  'listening.mail.requestReceived.body': '{from} asks to connect with you about the need “{need}” and the resource “{resource}”.\n\nTheir message: {message}\n\nYou can accept or decline within {days, plural, one {# day} other {# days}}.',
  'listening.mail.requestReceived.action': 'Answer the request',
  'listening.mail.accepted.subject': '{to} accepted your connection request',
  'listening.mail.accepted.body': '{to} accepted the connection about “{need}”. You now see their contact details and can exchange messages.',
  'listening.mail.accepted.action': 'Open the connection',
  'listening.mail.declined.subject': '{to} declined your connection request',
  'listening.mail.declined.body': '{to} declined the connection about “{need}”. It will not be suggested to you again.',
  'listening.mail.declined.action': 'See the request',
  'listening.mail.message.subject': 'New message from {from}',
  'listening.mail.message.body': '{from} wrote to you in your connection.',
  'listening.mail.message.action': 'Read and answer',
  'listening.notifyKind.requestReceived': 'Connection requests received',
  'listening.notifyKind.requestAnswered': 'Answers to your connection requests',
  'listening.notifyKind.message': 'Messages of connections',
}

export const connectionNotificationMessages = defineMessages(fr, en)

declare module '../../../core/i18n/index.js' {
  interface MessageKeys extends Record<keyof typeof fr, true> {}
}
