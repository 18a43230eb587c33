/**
 * Prepares a database for the application: migrations, the common vocabulary, the official geography
 * (first start only: it is skipped when the same version is loaded) and, unless disabled, the fictional
 * demonstration dataset. Used by `npm start` (`alliance serve`) and by `alliance db migrate`.
 */
import type { Kysely } from 'kysely'
import { migrateToLatest } from './core/db/migrate.js'
import type { Database } from './database.js'
import { pruneSessions } from './features/accounts/index.js'
import { loadDemo } from './features/demo/index.js'
import { sweepExpiredRequests } from './features/listening/index.js'
import { loadGeography, readGeographySource, type LoadReport } from './features/territories/index.js'
import { ensureReferenceRateTable } from './features/valuation/index.js'
import { syncVocabulary } from './features/vocabulary/index.js'

export interface SetupReport {
  migrations: string[]
  geography: LoadReport | null
  demo: { loaded: boolean; organisations: number } | null
}

export interface SetupOptions {
  demo: boolean
  sessionIdleMinutes: number
  log?: (message: string) => void
  progress?: (step: string, done: number, total: number) => void
}

export async function setupDatabase(db: Kysely<Database>, options: SetupOptions): Promise<SetupReport> {
  const log = options.log ?? (() => {})
  const { applied } = await migrateToLatest(db)
  if (applied.length > 0) log(`Migrations appliquées : ${applied.join(', ')}`)
  await syncVocabulary(db)
  await ensureReferenceRateTable(db)
  const present = await db.selectFrom('app_meta').select('value').where('key', '=', 'geography_version').executeTakeFirst()
  let geography: LoadReport | null = null
  if (!present) {
    log('Chargement de la géographie officielle (première installation)…')
    geography = await loadGeography(db, readGeographySource(), { progress: options.progress })
    log(`Géographie ${geography.version} : ${geography.territories} territoires.`)
  }
  let demo: SetupReport['demo'] = null
  if (options.demo) {
    demo = await loadDemo(db)
    if (demo.loaded) log(`Jeu de démonstration fictif chargé : ${demo.organisations} organisations.`)
  }
  await pruneSessions(db, options.sessionIdleMinutes * 60_000)
  await sweepExpiredRequests(db)
  return { migrations: applied, geography, demo }
}
