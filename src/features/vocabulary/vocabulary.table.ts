/** Kysely types of the vocabulary tables. */
export interface VocabularyTermsTable {
  kind: string
  code: string
  position: number
  parent_code: string | null
  label_fr: string
  label_en: string
  definition_fr: string
  definition_en: string
  /** `source` (cited: see `sources`) or `alliance` (a proposal of the platform). */
  origin: string
  /** The keys of the cited sources (`vocabulary.sources.ts`), space-separated; empty for `alliance`. */
  sources: string
}

export interface VocabularyTables {
  vocabulary_terms: VocabularyTermsTable
}
