/**
 * The data of `npm run bench:pages`: the platform as it will be after years of use, in one database.
 * - the geography and the demo dataset of the pilot territory (alliances, studies, catalysis…);
 * - the alliances of `bench:alliances` (bench/alliances-data.ts: 30 000 organisations, 100 000 alliances,
 *   one alliance with 50 partners, 500 journal entries and 1 000 contributions);
 * - the scale data of `alliance demo scale` (200 000 organisations, 1 000 000 resources, 300 000 needs),
 *   times BENCH_SCALE (1 by default; 0.05 is a quick look on a busy machine);
 * - the pilot commune (Vincennes) holding 5 000 more needs, published by the demo organisations seated there.
 * The marker `bench_pages` in `app_meta` says the data is there, so later runs reuse it (SQLite under
 * bench/.data/pages-x<scale>.sqlite, or the database of BENCH_PG_URL).
 */
import type { Kysely } from 'kysely'
import { refreshStatistics } from '../src/core/db/dialect.js'
import { nowIso } from '../src/core/db/values.js'
import { indexDocuments, type SearchDocument } from '../src/core/search/fulltext.js'
import { seededRandom } from '../src/core/random.js'
import type { Database } from '../src/database.js'
import { signUp } from '../src/features/accounts/index.js'
import { DEMO_ORGANISATIONS, demoId, loadDemo } from '../src/features/demo/index.js'
import { generateScaleData, levelsOf, refreshServedUntil } from '../src/features/listening/index.js'
import { NEED_TEMPLATES } from '../src/features/listening/listening.demo.data.js'
import { needDocument } from '../src/features/listening/listening.documents.js'
import { templateNeedRows } from '../src/features/listening/listening.templates.js'
import type { NeedStatus } from '../src/features/listening/listening.table.js'
import { ensureBenchData } from './alliances-data.js'
import { benchId } from './data.js'

export const BENCH_VERSION = 'v1'
export const PILOT_COMMUNE = '94080'
export const PILOT_NEEDS = 5000
export const EMAIL = 'bench-pages@example.org'
export const PASSWORD = 'un mot de passe de banc d’essai des pages'

export function scaleSizes(scale: number) {
  return { organisations: Math.max(1, Math.round(200_000 * scale)), resources: Math.round(1_000_000 * scale), needs: Math.round(300_000 * scale) }
}

export interface PagesFixture {
  bigAllianceId: string
  /** the big alliance's coordinator (an actor page with its alliances and partnerships) */
  coordinatorId: string
  /** one of the pilot commune's needs (a need page and its matches) */
  pilotNeedId: string
  /** a published study (campaign id), or null when the demo has none */
  studyId: string | null
}

const NEED = 0xb0000010
const COORDINATOR = benchId(0xb0000001, 0)

/** 5 000 needs placed in the pilot commune, with their contributions and full-text documents. */
async function pilotNeeds(db: Kysely<Database>): Promise<void> {
  const random = seededRandom(5000)
  const territoryId = `commune:${PILOT_COMMUNE}`
  const levels = await levelsOf(db, territoryId)
  const ancestors = (await db.selectFrom('territory_closure').select('ancestor_id').where('descendant_id', '=', territoryId).execute()).map((r) => r.ancestor_id)
  const owners = DEMO_ORGANISATIONS.filter((o) => o.seat === PILOT_COMMUNE).map((o) => ({ id: demoId(`organisation:${o.key}`), world: o.world }))
  const reference = Date.parse('2026-11-01T00:00:00Z')
  for (let start = 0; start < PILOT_NEEDS; start += 1000) {
    const needs: Database['needs'][] = []
    const contributions: Database['need_contributions'][] = []
    const documents: SearchDocument[] = []
    for (let n = start; n < start + 1000; n++) {
      const owner = owners[n % owners.length]!
      const template = NEED_TEMPLATES[Math.floor(random() * NEED_TEMPLATES.length)]!
      const s = random()
      const status: NeedStatus = s < 0.7 ? 'ouvert' : s < 0.85 ? 'en_discussion' : s < 0.95 ? 'couvert' : 'clos'
      const created = new Date(reference - Math.floor(random() * 730 * 86400_000)).toISOString()
      const rows = templateNeedRows(template, { id: benchId(NEED, n), organisationId: owner.id, world: owner.world, title: `${template.title} (${n + 1})`, status, created, updated: created, territoryId, levels }, () => 0.5 + random())
      needs.push(rows.need)
      contributions.push(...rows.contributions)
      documents.push(needDocument(rows.need, ancestors))
    }
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < needs.length; i += 400) await trx.insertInto('needs').values(needs.slice(i, i + 400)).execute()
      for (let i = 0; i < contributions.length; i += 1000) await trx.insertInto('need_contributions').values(contributions.slice(i, i + 1000)).execute()
      await refreshServedUntil(trx, needs.map((n) => n.id))
      await indexDocuments(trx, documents)
    })
  }
}

/** Builds what is missing and returns the ids the pages need. */
export async function ensurePagesData(db: Kysely<Database>, scale: number, log: (m: string) => void): Promise<PagesFixture> {
  const marker = await db.selectFrom('app_meta').select('value').where('key', '=', 'bench_pages').executeTakeFirst()
  if (marker?.value !== `${BENCH_VERSION}:${scale}`) {
    const started = performance.now()
    if (marker) throw new Error(`the database holds bench data of another scale (${marker.value}); remove it to rebuild`)
    log('demo dataset…')
    // The demo loaders run in dependency order; one that fails (a feature being reworked) leaves the ones
    // before it loaded, which is all the pages measured here need — say so and go on.
    await loadDemo(db).catch((error: unknown) => log(`  demo incomplete: ${error instanceof Error ? error.message : String(error)}`))
    log('alliances (bench/alliances-data.ts)…')
    await ensureBenchData(db, log)
    const sizes = scaleSizes(scale)
    log(`scale data: ${sizes.organisations} organisations, ${sizes.resources} resources, ${sizes.needs} needs…`)
    let last = 0
    await generateScaleData(db, {
      ...sizes,
      progress: (step, done, total) => {
        if (Date.now() - last > 10_000 || done === total) {
          last = Date.now()
          log(`  ${step} ${done}/${total}`)
        }
      },
    })
    log(`the pilot commune's ${PILOT_NEEDS} needs…`)
    await pilotNeeds(db)
    const userId = await signUp(db, { email: EMAIL, password: PASSWORD, displayName: 'Banc d’essai des pages' })
    const at = nowIso()
    // A member of the demo Vincennes service (its needs are in "Mon espace") and of the big alliance's coordinator.
    await db
      .insertInto('memberships')
      .values([
        { user_id: userId, organisation_id: demoId('organisation:vincennes-vie-associative'), role: 'admin', created_at: at },
        { user_id: userId, organisation_id: COORDINATOR, role: 'admin', created_at: at },
      ])
      .execute()
    await refreshStatistics(db)
    await db.insertInto('app_meta').values({ key: 'bench_pages', value: `${BENCH_VERSION}:${scale}`, updated_at: at }).execute()
    log(`data built in ${Math.round((performance.now() - started) / 1000)} s`)
  }
  const study = await db.selectFrom('survey_publications').select('campaign_id').orderBy('published_at').executeTakeFirst()
  return { bigAllianceId: benchId(0xb0000002, 0), coordinatorId: COORDINATOR, pilotNeedId: benchId(NEED, 0), studyId: study?.campaign_id ?? null }
}
