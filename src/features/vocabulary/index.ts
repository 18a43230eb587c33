/**
 * Vocabulary (sémantique commune): the shared labels of the method — worlds, SDGs, levers, impacts,
 * partnership and contribution types, forms of co-construction, catalysis trades, territorial levels, sizes.
 *
 * Owns: `vocabulary_terms`. Public exports: lookups (`termLabel`, `codesOf`, `termOptions`…), the `TermLink`
 * component, `syncVocabulary`, the feature plugin (`/lexique`, `/api/v1/vocabulary`).
 */
import type { FastifyInstance } from 'fastify'
import { vocabularyApi } from './vocabulary.api.js'
import { vocabularyPages } from './vocabulary.pages.js'

export { VOCABULARY, type VocabularyKind, type Term } from './vocabulary.data.js'
export { codesOf, findTerm, termLabel, termAnchor, termDefinition, termOptions, termsOf } from './vocabulary.terms.js'
export { TermLink, TermList } from './Term.js'
export { syncVocabulary } from './vocabulary.service.js'
export { vocabularyMessages } from './vocabulary.messages.js'
export type { VocabularyTables } from './vocabulary.table.js'

export async function vocabularyFeature(app: FastifyInstance): Promise<void> {
  await app.register(vocabularyPages)
  await app.register(vocabularyApi)
}
