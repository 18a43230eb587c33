/**
 * Capitalisation (pratiques inspirantes): a library of practice sheets written by alliances from their
 * published partnership reviews, wired to the alliances' live figures; faceted full-text search; an Atom feed;
 * "S'en inspirer" starts a new alliance from a sheet and keeps the link both ways (essaimage).
 *
 * Owns: `practice_sheets`, `practice_sheet_domains`, `practice_inspirations` (and its documents, kind `practice`,
 * in the full-text index).
 */
export { loadPracticesDemo } from './practices.demo.js'
export { practiceMessages } from './practices.messages.js'
export { practicesPersonalData } from './practices.personal-data.js'
export type { PracticeTables } from './practices.table.js'
