/** The demo of catalysis (see catalysis.demo.data.ts). */
import type { Kysely } from 'kysely'
import type { Database } from '../../database.js'

export async function loadCatalysisDemo(_db: Kysely<Database>, _ids: (key: string) => string): Promise<{ loaded: boolean }> {
  return { loaded: false }
}
