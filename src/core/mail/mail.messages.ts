/** Words of every e-mail (footer, unsubscribe line) and of the messages kept from the old outbox. */
import { defineMessages } from '../i18n/index.js'

const fr = {
  'mail.lang': 'fr',
  'mail.footer.platform': 'Alliance, plateforme de co-construction territoriale — {url}',
  'mail.footer.unsubscribe.text': 'Pour ne plus recevoir ce type de message par e-mail : {url}',
  'mail.footer.unsubscribe.link': 'Ne plus recevoir ce type de message par e-mail',
  'mail.legacy.subject': 'Message d’Alliance',
  'mail.legacy.body': '{body}',
  'mail.legacy.action': 'Ouvrir',
}

const en: Record<keyof typeof fr, string> = {
  'mail.lang': 'en',
  'mail.footer.platform': 'Alliance, the platform for territorial co-construction — {url}',
  'mail.footer.unsubscribe.text': 'To stop receiving this kind of message by e-mail: {url}',
  'mail.footer.unsubscribe.link': 'Stop receiving this kind of message by e-mail',
  'mail.legacy.subject': 'Message from Alliance',
  'mail.legacy.body': '{body}',
  'mail.legacy.action': 'Open',
}

export const mailMessages = defineMessages(fr, en)

declare module '../i18n/index.js' {
  interface MessageKeys extends Record<keyof typeof fr, true> {}
}
