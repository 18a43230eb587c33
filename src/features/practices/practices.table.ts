/** Kysely types of the capitalisation library: practice sheets, their domains, the alliances they inspired. */

export interface PracticeSheetsTable {
  id: string
  alliance_id: string
  /** the round whose published review the sheet was written from */
  round_id: string
  title: string
  /** normalised title (byte-ordered) */
  search_name: string
  summary: string
  /** the six axes of an innovation model, and the context and lessons around them */
  context: string
  solution: string
  process: string
  socio_economic_model: string
  arrangement: string
  governance: string
  legal_frame: string
  lessons: string
  /** commune-size band of the perimeter's population (vocabulary kind `commune_size`) */
  size_band: string | null
  /** the région of the perimeter (`region:11`), null when it spans several */
  region_id: string | null
  /** what the search facets were built from (the alliance's phase, form, SDGs, worlds, visibility) */
  facet_signature: string
  is_demo: number
  created_by: string | null
  created_at: string
  updated_at: string
  published_at: string
}

export interface PracticeSheetDomainsTable {
  sheet_id: string
  /** code of the vocabulary kind `domain` */
  domain: string
}

/** "S'en inspirer": an alliance started from a sheet (the link kept both ways: essaimage). */
export interface PracticeInspirationsTable {
  sheet_id: string
  alliance_id: string
  created_by: string | null
  created_at: string
}

/** Alliances whose facets may have changed since their sheets were indexed (filled by a trigger on the directory). */
export interface PracticeDirtyTable {
  alliance_id: string
}

export interface PracticeTables {
  practice_sheets: PracticeSheetsTable
  practice_sheet_domains: PracticeSheetDomainsTable
  practice_inspirations: PracticeInspirationsTable
  practice_dirty: PracticeDirtyTable
}
