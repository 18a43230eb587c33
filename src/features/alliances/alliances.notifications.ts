/**
 * What alliances notify, to the admins of the organisations concerned: an invitation to join (answered from
 * "Mon espace"), the answer to an invitation (to the coordinators), a new charter version to sign (to every
 * active partner).
 */
import { defineMessages } from '../../core/i18n/index.js'
import { notificationKind } from '../notifications/index.js'

export const allianceInvited = notificationKind({ key: 'alliances.invited', audience: 'organisation-admins', message: 'alliances.notify.invited', mail: 'alliances.mail.invited', label: 'alliances.notifyKind.invited', defaultPace: 'immediate' })
export const invitationAnswered = notificationKind({ key: 'alliances.invitation-answered', audience: 'organisation-admins', message: 'alliances.notify.answered', mail: 'alliances.mail.answered', label: 'alliances.notifyKind.answered', defaultPace: 'immediate', variants: ['accepted', 'declined'] })
export const charterToSign = notificationKind({ key: 'alliances.charter-to-sign', audience: 'organisation-admins', message: 'alliances.notify.charter', mail: 'alliances.mail.charter', label: 'alliances.notifyKind.charter', defaultPace: 'immediate' })

/** The kinds of alliances, for the preferences page. */
export const allianceNotificationKinds = [allianceInvited, invitationAnswered, charterToSign]

const fr = {
  'alliances.mail.invited.subject': 'Invitation à rejoindre l’alliance « {alliance} »',
  'alliances.mail.invited.body': '{inviter} invite votre organisation, {organisation}, à rejoindre l’alliance « {alliance} » sur Alliance.\n\nLes administrateurs de votre organisation peuvent accepter ou refuser depuis Mon espace, ou depuis la page de l’alliance.',
  'alliances.mail.invited.action': 'Répondre depuis Mon espace',
  'alliances.notify.invited': '{organisation} est invitée par {inviter} à rejoindre l’alliance « {alliance} »',
  'alliances.notify.answered.accepted': '{organisation} a accepté de rejoindre l’alliance « {alliance} »',
  'alliances.notify.answered.declined': '{organisation} a décliné l’invitation à l’alliance « {alliance} »',
  'alliances.mail.answered.accepted.subject': '{organisation} rejoint l’alliance « {alliance} »',
  'alliances.mail.answered.accepted.body': '{organisation} a accepté l’invitation : elle est désormais partenaire de l’alliance « {alliance} ».',
  'alliances.mail.answered.accepted.action': 'Voir l’alliance',
  'alliances.mail.answered.declined.subject': '{organisation} décline l’invitation à « {alliance} »',
  'alliances.mail.answered.declined.body': '{organisation} a décliné l’invitation à rejoindre l’alliance « {alliance} ».',
  'alliances.mail.answered.declined.action': 'Voir l’alliance',
  'alliances.notify.charter': 'Nouvelle version {version} de la charte de « {alliance} » à signer',
  'alliances.mail.charter.subject': 'Charte de « {alliance} » : version {version} à signer',
  'alliances.mail.charter.body': 'La charte de l’alliance « {alliance} » a une nouvelle version ({version}). En tant qu’administrateur ou administratrice de {organisation}, vous pouvez la lire et la signer au nom de votre organisation.',
  'alliances.mail.charter.action': 'Lire et signer la charte',
  'alliances.notifyKind.invited': 'Invitations de votre organisation à rejoindre une alliance',
  'alliances.notifyKind.answered': 'Réponses aux invitations de vos alliances',
  'alliances.notifyKind.charter': 'Chartes à signer',
}

const en: Record<keyof typeof fr, string> = {
  'alliances.mail.invited.subject': 'Invitation to join the alliance “{alliance}”',
  'alliances.mail.invited.body': '{inviter} invites your organisation, {organisation}, to join the alliance “{alliance}” on Alliance.\n\nThe admins of your organisation can accept or decline from My space, or from the alliance’s page.',
  'alliances.mail.invited.action': 'Answer from My space',
  'alliances.notify.invited': '{organisation} is invited by {inviter} to join the alliance “{alliance}”',
  'alliances.notify.answered.accepted': '{organisation} accepted to join the alliance “{alliance}”',
  'alliances.notify.answered.declined': '{organisation} declined the invitation to the alliance “{alliance}”',
  'alliances.mail.answered.accepted.subject': '{organisation} joins the alliance “{alliance}”',
  'alliances.mail.answered.accepted.body': '{organisation} accepted the invitation: it is now a partner of the alliance “{alliance}”.',
  'alliances.mail.answered.accepted.action': 'See the alliance',
  'alliances.mail.answered.declined.subject': '{organisation} declines the invitation to “{alliance}”',
  'alliances.mail.answered.declined.body': '{organisation} declined the invitation to join the alliance “{alliance}”.',
  'alliances.mail.answered.declined.action': 'See the alliance',
  'alliances.notify.charter': 'New version {version} of the charter of “{alliance}” to sign',
  'alliances.mail.charter.subject': 'Charter of “{alliance}”: version {version} to sign',
  'alliances.mail.charter.body': 'The charter of the alliance “{alliance}” has a new version ({version}). As an admin of {organisation}, you can read it and sign it on behalf of your organisation.',
  'alliances.mail.charter.action': 'Read and sign the charter',
  'alliances.notifyKind.invited': 'Invitations of your organisation to join an alliance',
  'alliances.notifyKind.answered': 'Answers to the invitations of your alliances',
  'alliances.notifyKind.charter': 'Charters to sign',
}

export const allianceNotificationMessages = defineMessages(fr, en)

declare module '../../core/i18n/index.js' {
  interface MessageKeys extends Record<keyof typeof fr, true> {}
}
