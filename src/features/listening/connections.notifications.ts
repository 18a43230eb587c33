/** What the mise en relation says by e-mail: a request received, its answer. */
import type { MessageBundle } from '../../core/i18n/index.js'

const fr = {
  'listening.mail.requestReceived.subject': 'Demande de mise en relation de {from}',
  'listening.mail.requestReceived.body': '{from} vous propose une mise en relation au sujet du besoin « {need} » et de la ressource « {resource} ».\n\nSon message : {message}\n\nVous pouvez accepter ou refuser pendant {days} jours.',
  'listening.mail.requestReceived.action': 'Répondre à la demande',
  'listening.mail.accepted.subject': '{to} a accepté votre demande de mise en relation',
  'listening.mail.accepted.body': '{to} a accepté la mise en relation au sujet de « {need} ». Vous voyez désormais ses coordonnées et pouvez échanger des messages.',
  'listening.mail.accepted.action': 'Ouvrir la mise en relation',
  'listening.mail.declined.subject': '{to} a décliné votre demande de mise en relation',
  'listening.mail.declined.body': '{to} a décliné la mise en relation au sujet de « {need} ». Elle ne vous sera plus proposée.',
  'listening.mail.declined.action': 'Voir la demande',
}

const en: Record<keyof typeof fr, string> = {
  'listening.mail.requestReceived.subject': 'Connection request from {from}',
  'listening.mail.requestReceived.body': '{from} asks to connect with you about the need “{need}” and the resource “{resource}”.\n\nTheir message: {message}\n\nYou can accept or decline within {days} days.',
  'listening.mail.requestReceived.action': 'Answer the request',
  'listening.mail.accepted.subject': '{to} accepted your connection request',
  'listening.mail.accepted.body': '{to} accepted the connection about “{need}”. You now see their contact details and can exchange messages.',
  'listening.mail.accepted.action': 'Open the connection',
  'listening.mail.declined.subject': '{to} declined your connection request',
  'listening.mail.declined.body': '{to} declined the connection about “{need}”. It will not be suggested to you again.',
  'listening.mail.declined.action': 'See the request',
}

export const connectionNotificationMessages: MessageBundle = { fr, en }
