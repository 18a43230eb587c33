import type { MessageBundle } from '../../core/i18n/index.js'

export const notificationMessages: MessageBundle = {
  fr: {
    'notifications.title': 'Notifications',
    'notifications.intro': 'Les demandes de mise en relation, les réponses et les messages qui vous concernent.',
    'notifications.markRead': 'Tout marquer comme lu',
    'notifications.marked': 'Vos notifications sont marquées comme lues.',
    'notifications.none': 'Aucune notification pour le moment.',
    'notifications.new': 'Nouveau :',
  },
  en: {
    'notifications.title': 'Notifications',
    'notifications.intro': 'Contact requests, answers and messages that concern you.',
    'notifications.markRead': 'Mark all as read',
    'notifications.marked': 'Your notifications are marked as read.',
    'notifications.none': 'No notifications yet.',
    'notifications.new': 'New:',
  },
}
