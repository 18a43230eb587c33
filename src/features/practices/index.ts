/**
 * Capitalisation (pratiques inspirantes): a library of practice sheets written by alliances from their
 * published partnership reviews, wired to the alliances' live figures; faceted full-text search; an Atom feed;
 * "S'en inspirer" starts a new alliance from a sheet and keeps the link both ways (essaimage).
 *
 * Owns: `practice_sheets`, `practice_sheet_domains`, `practice_inspirations` (and its documents, kind `practice`,
 * in the full-text index).
 */
import type { FastifyInstance } from 'fastify'
import { practicesApi } from './practices.api.js'
import { practiceRoutes, type PracticeRoutesOptions } from './practices.routes.js'

export { loadPracticesDemo } from './practices.demo.js'
export { practiceMessages } from './practices.messages.js'
export { practicesPersonalData } from './practices.personal-data.js'
export type { PracticeTables } from './practices.table.js'

/** The library's pages and API (registered by `src/app.ts`). */
export async function practicesFeature(app: FastifyInstance, options: PracticeRoutesOptions): Promise<void> {
  await app.register(practiceRoutes, options)
  await app.register(practicesApi, options)
}
