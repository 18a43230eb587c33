/**
 * What the organisations feature says by e-mail: the invitation to join an organisation (sent to an address
 * that may have no account yet, so it is account mail, not a notification one can unsubscribe from).
 */
import type { MessageBundle } from '../../core/i18n/index.js'

const fr = {
  'organisations.mail.inviteAdmin.subject': 'Invitation à rejoindre {organisation} sur Alliance',
  'organisations.mail.inviteAdmin.body': '{inviter} vous invite à rejoindre « {organisation} » sur Alliance, comme administrateur ou administratrice.\n\nL’invitation est valable {days} jours. Si vous n’avez pas encore de compte, créez-le avec cette adresse e-mail.',
  'organisations.mail.inviteAdmin.action': 'Voir l’invitation',
  'organisations.mail.inviteMember.subject': 'Invitation à rejoindre {organisation} sur Alliance',
  'organisations.mail.inviteMember.body': '{inviter} vous invite à rejoindre « {organisation} » sur Alliance, comme membre.\n\nL’invitation est valable {days} jours. Si vous n’avez pas encore de compte, créez-le avec cette adresse e-mail.',
  'organisations.mail.inviteMember.action': 'Voir l’invitation',
}

const en: Record<keyof typeof fr, string> = {
  'organisations.mail.inviteAdmin.subject': 'Invitation to join {organisation} on Alliance',
  'organisations.mail.inviteAdmin.body': '{inviter} invites you to join “{organisation}” on Alliance, as an administrator.\n\nThe invitation is valid for {days} days. If you have no account yet, create it with this e-mail address.',
  'organisations.mail.inviteAdmin.action': 'See the invitation',
  'organisations.mail.inviteMember.subject': 'Invitation to join {organisation} on Alliance',
  'organisations.mail.inviteMember.body': '{inviter} invites you to join “{organisation}” on Alliance, as a member.\n\nThe invitation is valid for {days} days. If you have no account yet, create it with this e-mail address.',
  'organisations.mail.inviteMember.action': 'See the invitation',
}

export const organisationNotificationMessages: MessageBundle = { fr, en }
