/** The calendar feeds kept in memory, by feed and meetings' version (see `../summaries.ts`). */
import type { Kysely } from 'kysely'
import type { Database } from '../../../database.js'
import { memoOf, type Memo } from '../summaries.js'

/** The feeds of a database. */
export function feedsOf(db: Kysely<Database>): Memo<string> {
  return memoOf<string>(db, 'feeds', 200)
}
