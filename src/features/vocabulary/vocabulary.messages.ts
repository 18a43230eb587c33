import { defineMessages } from '../../core/i18n/index.js'

const fr = {
  'nav.lexique': 'Lexique',
  'vocabulary.title': 'Lexique commun',
  'vocabulary.intro':
    '« Faire alliance » demande de se comprendre : voici les mots que la plateforme emploie, avec leur définition. Chaque étiquette affichée sur le site renvoie ici.',
  'vocabulary.origins':
    'Chaque entrée dit d’où elle vient : les sources de la méthode (ou une référence officielle), citées avec leur date et leur lien, ou « proposition d’Alliance » pour les listes que la plateforme propose elle-même.',
  'vocabulary.toc': 'Sommaire du lexique',
  'vocabulary.origin.label': 'Origine :',
  'vocabulary.origin.alliance': 'proposition d’Alliance',
  'vocabulary.origin.sources': '{count, plural, one {Source :} other {Sources :}}',
  'vocabulary.source.noDate': 's. d.',
  'vocabulary.source.unpublished': 'document non publié en ligne',
}

const en: Record<keyof typeof fr, string> = {
  'nav.lexique': 'Lexique',
  'vocabulary.title': 'Common vocabulary (lexique)',
  'vocabulary.intro':
    '“Faire alliance” requires understanding each other: here are the words the platform uses, with their definitions. Every label shown on the site links here.',
  'vocabulary.origins':
    'Each entry says where it comes from: the method’s sources (or an official reference), cited with their date and link, or “proposed by Alliance” for the lists the platform proposes itself.',
  'vocabulary.toc': 'Contents of the lexique',
  'vocabulary.origin.label': 'Origin:',
  'vocabulary.origin.alliance': 'proposed by Alliance',
  'vocabulary.origin.sources': '{count, plural, one {Source:} other {Sources:}}',
  'vocabulary.source.noDate': 'n.d.',
  'vocabulary.source.unpublished': 'not published online',
}

/** The vocabulary feature's catalogue (the lexique page; term labels live in the reference data). */
export const vocabularyMessages = defineMessages(fr, en)

declare module '../../core/i18n/index.js' {
  interface MessageKeys extends Record<keyof typeof fr, true> {}
}
