/**
 * The ordered list of migrations. Names are ISO-dated and never change once released; each file only uses
 * Kysely's portable schema builder (and `../dialect.ts` where dialects differ) and never imports app code.
 */
import type { Migration } from 'kysely'
import * as m0800 from './2026-11-26T08-00_create_core.js'
import * as m0810 from './2026-11-26T08-10_create_territories.js'
import * as m0820 from './2026-11-26T08-20_create_vocabulary.js'
import * as m0830 from './2026-11-26T08-30_create_accounts_and_organisations.js'
import * as m270900 from './2026-11-27T09-00_create_listening.js'
import * as m280900 from './2026-11-28T09-00_listening_match_profiles.js'

export const migrations: Record<string, Migration> = {
  '2026-11-26T08-00_create_core': m0800,
  '2026-11-26T08-10_create_territories': m0810,
  '2026-11-26T08-20_create_vocabulary': m0820,
  '2026-11-26T08-30_create_accounts_and_organisations': m0830,
  '2026-11-27T09-00_create_listening': m270900,
  '2026-11-28T09-00_listening_match_profiles': m280900,
}
