import type { MessageBundle } from '../../core/i18n/index.js'

export const vocabularyMessages: MessageBundle = {
  fr: {
    'nav.lexique': 'Lexique',
    'vocabulary.title': 'Lexique commun',
    'vocabulary.intro':
      '« Faire alliance » demande de se comprendre : voici les mots que la plateforme emploie, avec leur définition. Chaque étiquette affichée sur le site renvoie ici.',
    'vocabulary.toc': 'Sommaire du lexique',
    'vocabulary.origin.source': 'Source du terme :',
    'vocabulary.origin.alliance': 'Proposition d’Alliance : les sources de la méthode ne donnent pas cette liste.',
  },
  en: {
    'nav.lexique': 'Lexique',
    'vocabulary.title': 'Common vocabulary (lexique)',
    'vocabulary.intro':
      '“Faire alliance” requires understanding each other: here are the words the platform uses, with their definitions. Every label shown on the site links here.',
    'vocabulary.toc': 'Contents of the lexique',
    'vocabulary.origin.source': 'Source of the term:',
    'vocabulary.origin.alliance': 'Proposed by Alliance: the method’s sources give no such list.',
  },
}
