/** What alliances say by e-mail: an organisation invited to join an alliance. */
import type { MessageBundle } from '../../core/i18n/index.js'

const fr = {
  'alliances.mail.invited.subject': 'Invitation à rejoindre l’alliance « {alliance} »',
  'alliances.mail.invited.body': '{inviter} invite votre organisation, {organisation}, à rejoindre l’alliance « {alliance} » sur Alliance.\n\nLes administrateurs de votre organisation peuvent accepter ou refuser depuis la page de l’alliance.',
  'alliances.mail.invited.action': 'Voir l’alliance et répondre',
}

const en: Record<keyof typeof fr, string> = {
  'alliances.mail.invited.subject': 'Invitation to join the alliance “{alliance}”',
  'alliances.mail.invited.body': '{inviter} invites your organisation, {organisation}, to join the alliance “{alliance}” on Alliance.\n\nThe admins of your organisation can accept or decline from the alliance’s page.',
  'alliances.mail.invited.action': 'See the alliance and answer',
}

export const allianceNotificationMessages: MessageBundle = { fr, en }
