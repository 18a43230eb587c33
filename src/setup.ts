/**
 * Prepares a database for the application: migrations, the common vocabulary, the official geography
 * (first start only: it is skipped when the same version is loaded) and, unless disabled, the fictional
 * demonstration dataset. Used by `npm start` (`alliance serve`), `alliance db prepare` and the benchmarks.
 *
 * The heavy part (first install: the geography's ~35 000 territories, the demonstration dataset) builds
 * hundreds of MB of JavaScript objects; `alliance serve` runs it in a short-lived child process
 * (`alliance db prepare`) when `heavyPreparationPending` says so, so the serving process never holds that
 * memory nor keeps its high-water mark (docs/operations.md, « Mémoire »).
 */
import type { Kysely } from 'kysely'
import { migrateToLatest, pendingMigrations } from './core/db/migrate.js'
import type { Database } from './database.js'
import { pruneSessions } from './features/accounts/index.js'
import { demoLoaded, loadDemo } from './features/demo/index.js'
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

/**
 * Whether preparing the database would do more than a few queries: migrations pending, the geography absent,
 * or the demonstration dataset asked for and not loaded yet.
 */
export async function heavyPreparationPending(db: Kysely<Database>, options: { demo: boolean }): Promise<boolean> {
  if ((await pendingMigrations(db)).length > 0) return true
  if (!(await geographyLoaded(db))) return true
  return options.demo && !(await demoLoaded(db))
}

/** Whether the official geography is loaded (it is loaded once, at the first installation). */
async function geographyLoaded(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('app_meta').select('value').where('key', '=', 'geography_version').executeTakeFirst()) !== undefined
}

export async function setupDatabase(db: Kysely<Database>, options: SetupOptions): Promise<SetupReport> {
  const log = options.log ?? (() => {})
  const { applied } = await migrateToLatest(db)
  if (applied.length > 0) log(`Migrations appliquées : ${applied.join(', ')}`)
  await syncVocabulary(db)
  await ensureReferenceRateTable(db)
  let geography: LoadReport | null = null
  if (!(await geographyLoaded(db))) {
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
