/**
 * Vocabulary (sémantique commune): the shared labels of the method — worlds, SDGs, levers, impacts,
 * partnership and contribution types, forms of co-construction, catalysis trades, territorial levels, sizes —
 * each with where it comes from (a cited source, or a proposal of the platform).
 *
 * Owns: `vocabulary_terms`. Public exports: lookups (`termLabel`, `codesOf`, `termOptions`…), the `TermLink`
 * component, `syncVocabulary`, the feature plugin (`/lexique`, `/api/v1/vocabulary`).
 */
import type { FastifyInstance } from 'fastify'
import { vocabularyApi } from './vocabulary.api.js'
import { vocabularyPages } from './vocabulary.routes.js'

export { VOCABULARY } from './vocabulary.data.js'
export { SOURCES } from './vocabulary.sources.js'
export { codesOf, findTerm, termLabel, termAnchor, termOptions, termOrigin, termsOf } from './vocabulary.terms.js'
export { TermLink, TermList } from './views/Term.js'
export { syncVocabulary } from './vocabulary.service.js'
export { vocabularyMessages } from './vocabulary.messages.js'
export type { VocabularyTables } from './vocabulary.table.js'

/** Registers the lexique page and the vocabulary API. */
export async function vocabularyFeature(app: FastifyInstance): Promise<void> {
  await app.register(vocabularyPages)
  await app.register(vocabularyApi)
}
