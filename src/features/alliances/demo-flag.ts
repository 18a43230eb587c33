/**
 * For other features' demonstration loaders that create an alliance through the services (as a person would,
 * e.g. "S'en inspirer" from a practice sheet): settles it into the fictional dataset, so that it carries the
 * demo badge like the alliances of `alliances.demo.ts` and loads the same everywhere.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../database.js'

export interface DemoAllianceSettling {
  /** the alliance's key in the demo (its journal entries become `alliance-journal:<key>:<n>`) */
  key: string
  /** the demo's id function (`demoId`) */
  id: (key: string) => string
  /** the day the story dates the alliance's journal entries */
  on: string
}

/**
 * Flags an alliance as fictional demonstration data (`is_demo = 1`) and gives the journal entries the services
 * wrote while creating it (fresh ids, today's date) ids from the demo's `id(key)` and the story's day, in an
 * order that depends on their content only — so loading the demo twice, anywhere, gives the same rows
 * (`alliances.demo.test.ts` checks it). No other table refers to a journal entry's id.
 */
export async function settleDemoAlliance(db: Kysely<Database>, allianceId: string, settling: DemoAllianceSettling): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('alliances').set({ is_demo: 1 }).where('id', '=', allianceId).execute()
    const entries = await trx
      .selectFrom('alliance_journal_entries')
      .select('id')
      .where('alliance_id', '=', allianceId)
      .orderBy('kind')
      .orderBy('system_event')
      .orderBy('title')
      .orderBy('id')
      .execute()
    for (const [n, entry] of entries.entries()) {
      await trx.updateTable('alliance_journal_entries').set({ id: settling.id(`alliance-journal:${settling.key}:${n}`), occurred_on: settling.on }).where('id', '=', entry.id).execute()
    }
  })
}
