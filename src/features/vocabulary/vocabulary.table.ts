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
}

export interface VocabularyTables {
  vocabulary_terms: VocabularyTermsTable
}
