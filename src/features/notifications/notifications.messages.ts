/** Words of notifications: the list, preferences, unsubscribe, and the daily digest e-mail. */
import { defineMessages } from '../../core/i18n/index.js'

const fr = {
  'notifications.title': 'Notifications',
  'notifications.intro': 'Ce qui vous concerne : invitations, chartes à signer, demandes de mise en relation, réponses et messages.',
  'notifications.markRead': 'Tout marquer comme lu',
  'notifications.marked': 'Vos notifications sont marquées comme lues.',
  'notifications.none': 'Aucune notification pour le moment.',
  'notifications.new': 'Nouveau :',
  'notifications.preferences.link': 'Choisir ce que je reçois par e-mail',
  'notifications.preferences.title': 'Notifications par e-mail',
  'notifications.preferences.intro': 'Pour chaque type de notification, choisissez de recevoir un e-mail tout de suite, un résumé quotidien (vers 7 h) ou rien. Les notifications restent toujours visibles dans Alliance.',
  'notifications.preferences.submit': 'Enregistrer mes choix',
  'notifications.preferences.saved': 'Vos choix sont enregistrés.',
  'notifications.pace.immediate': 'Un e-mail tout de suite',
  'notifications.pace.daily': 'Dans le résumé quotidien',
  'notifications.pace.never': 'Pas d’e-mail',
  'notifications.unsubscribe.title': 'Se désabonner',
  'notifications.unsubscribe.ask': 'Ne plus recevoir par e-mail : {kind} ? Vous les verrez toujours dans Alliance.',
  'notifications.unsubscribe.submit': 'Me désabonner',
  'notifications.unsubscribe.done': 'C’est fait : vous ne recevrez plus par e-mail « {kind} ». Vous pouvez changer d’avis à tout moment.',
  'notifications.digest.label': 'le résumé quotidien',
  'notifications.mail.digest.subject': '{count, plural, one {Alliance : # nouvelle notification} other {Alliance : # nouvelles notifications}}',
  'notifications.mail.digest.body': 'Voici ce qui s’est passé depuis le dernier résumé :',
  'notifications.mail.digest.action': 'Voir mes notifications',
}

const en: Record<keyof typeof fr, string> = {
  'notifications.title': 'Notifications',
  'notifications.intro': 'What concerns you: invitations, charters to sign, connection requests, answers and messages.',
  'notifications.markRead': 'Mark all as read',
  'notifications.marked': 'Your notifications are marked as read.',
  'notifications.none': 'No notifications yet.',
  'notifications.new': 'New:',
  'notifications.preferences.link': 'Choose what I receive by e-mail',
  'notifications.preferences.title': 'E-mail notifications',
  'notifications.preferences.intro': 'For each kind of notification, choose to receive an e-mail at once, a daily digest (around 7 am) or nothing. Notifications always stay visible in Alliance.',
  'notifications.preferences.submit': 'Save my choices',
  'notifications.preferences.saved': 'Your choices are saved.',
  'notifications.pace.immediate': 'An e-mail at once',
  'notifications.pace.daily': 'In the daily digest',
  'notifications.pace.never': 'No e-mail',
  'notifications.unsubscribe.title': 'Unsubscribe',
  'notifications.unsubscribe.ask': 'Stop receiving by e-mail: {kind}? You will still see them in Alliance.',
  'notifications.unsubscribe.submit': 'Unsubscribe',
  'notifications.unsubscribe.done': 'Done: you will no longer receive “{kind}” by e-mail. You can change your mind at any time.',
  'notifications.digest.label': 'the daily digest',
  'notifications.mail.digest.subject': '{count, plural, one {Alliance: # new notification} other {Alliance: # new notifications}}',
  'notifications.mail.digest.body': 'Here is what happened since the last digest:',
  'notifications.mail.digest.action': 'See my notifications',
}

export const notificationMessages = defineMessages(fr, en)

declare module '../../core/i18n/index.js' {
  interface MessageKeys extends Record<keyof typeof fr, true> {}
}
