/**
 * What the API shows of the vocabulary: kinds, terms, and where each term comes from (a cited source or a
 * proposal of the platform). Named components, reused by generated clients.
 */
import Type, { type Static } from 'typebox'
import { Enum, named, Nullable } from '../../core/http/schemas.js'
import { VOCABULARY, type KindInfo, type Term } from './vocabulary.data.js'
import { SOURCES, type Source } from './vocabulary.sources.js'
import { termAnchor, termOrigin } from './vocabulary.terms.js'

/** The families of terms. */
export const VocabularyKindSchema = named(
  'VocabularyKind',
  Enum(
    VOCABULARY.map((k) => k.kind),
    { description: 'Family of terms, e.g. `world`, `sdg`, `lever`' },
  ),
)

/** A cited document. */
export const VocabularySourceSchema = named(
  'VocabularySource',
  Type.Object({
    id: Enum(Object.keys(SOURCES), { description: 'Key of the source (stable)' }),
    author: Type.String(),
    title: Type.String(),
    year: Nullable(Type.Integer({ description: 'Year of publication; null when the document states none' })),
    url: Nullable(Type.String({ format: 'uri', description: 'Where to read it; null when no public copy is known' })),
  }),
)

/** One term of the lexique. */
export const VocabularyTermSchema = named(
  'VocabularyTerm',
  Type.Object({
    code: Type.String({ description: 'Stable code, stored by the features that use the term' }),
    parent: Type.Optional(Type.String({ description: 'The parent term’s code (a kind of mécénat, a catalysis activity)' })),
    sdgs: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { description: 'Domains of action: the SDGs the domain serves' })),
    label_fr: Type.String(),
    label_en: Type.String(),
    definition_fr: Type.String(),
    definition_en: Type.String(),
    origin: Enum(['source', 'alliance'] as const, { description: '`source`: the method’s (or an official) vocabulary, cited in `sources`; `alliance`: a proposal of the platform' }),
    sources: Type.Array(VocabularySourceSchema, { description: 'The documents the term comes from (empty for `alliance`)' }),
    href: Type.String({ description: 'The entry on the lexique page (relative)' }),
  }),
)

/** `GET /api/v1/vocabulary`. */
export const VocabularyResponse = Type.Array(
  named(
    'VocabularyKindTerms',
    Type.Object({
      kind: VocabularyKindSchema,
      label_fr: Type.String(),
      label_en: Type.String(),
      terms: Type.Array(VocabularyTermSchema),
    }),
  ),
  { description: 'Every kind of term, in the lexique’s order' },
)

function presentSource(id: keyof typeof SOURCES, s: Source): Static<typeof VocabularySourceSchema> {
  return { id, author: s.author, title: s.title, year: s.year, url: s.url }
}

/** A term as the API shows it. */
function presentTerm(info: KindInfo, t: Term): Static<typeof VocabularyTermSchema> {
  const origin = termOrigin(info.kind, t.code)
  return {
    code: t.code,
    ...(t.parent ? { parent: t.parent } : {}),
    ...(t.sdgs ? { sdgs: t.sdgs } : {}),
    label_fr: t.fr,
    label_en: t.en,
    definition_fr: t.defFr,
    definition_en: t.defEn,
    origin: origin === 'alliance' ? 'alliance' : 'source',
    sources: origin === 'alliance' ? [] : origin.map((key) => presentSource(key, SOURCES[key])),
    href: `/lexique#${termAnchor(info.kind, t.code)}`,
  }
}

/** The whole vocabulary as the API shows it (built once: reference data does not change while running). */
export function presentVocabulary(): Static<typeof VocabularyResponse> {
  return VOCABULARY.map((info) => ({
    kind: info.kind,
    label_fr: info.fr,
    label_en: info.en,
    terms: info.terms.map((t) => presentTerm(info, t)),
  }))
}
