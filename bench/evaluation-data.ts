/**
 * The data of `npm run bench:evaluation`, generated deterministically (seeded) on top of the alliances
 * benchmark's data (`alliances-data.ts`: 100 000 alliances, 30 000 organisations):
 * - 2 000 000 contributions spread over the alliances (about 20 each, every type and unit, some with two
 *   decimals), from 2019 to 2026;
 * - one alliance of 40 partners (the second generated one) with 8 closed evaluation rounds answered by every
 *   partner (21 cells and 9 impacts each);
 * - 20 000 practice sheets (one per public alliance, each written from a closed round), indexed for search.
 * The valued summaries are then rebuilt in bulk. The marker `bench_evaluation` in `app_meta` says the data is
 * there, so later runs reuse it.
 */
import type { ContributionUnit } from '../src/features/alliances/index.js'
import type { Kysely } from 'kysely'
import { newId } from '../src/core/db/values.js'
import { refreshStatistics } from '../src/core/db/dialect.js'
import { seededRandom } from '../src/core/random.js'
import { normaliseText } from '../src/core/text/normalise.js'
import type { Database } from '../src/database.js'
import { worldMask } from '../src/features/alliances/facets.js'
import { CURRENT_GRID } from '../src/features/evaluation/evaluation.grid.js'
import { indexSheets } from '../src/features/practices/practices.search.js'
import { ensureReferenceRateTable, rebuildSummaries } from '../src/features/valuation/index.js'
import { codesOf } from '../src/features/vocabulary/index.js'
import { benchAllianceId, benchOrganisationId, ensureBenchData, SIZES, type BenchFixture } from './alliances-data.js'
import { benchId } from './data.js'

export const EVALUATION_BENCH_VERSION = 'v1'
export const EVALUATION_SIZES = { contributions: 2_000_000, partners: 40, rounds: 8, sheets: 20_000 }
export const FORTY_ALLIANCE_ID = benchAllianceId(1)
export const LAST_ROUND_ID = benchId(0xe0000001, EVALUATION_SIZES.rounds)

export interface EvaluationFixture extends BenchFixture {
  fortyAllianceId: string
  lastRoundId: string
}

async function insert<T extends keyof Database>(db: Kysely<Database>, table: T, rows: Array<Database[T]>, batch = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await db.insertInto(table).values(rows.slice(i, i + batch) as never).execute()
}

/** Units each type is given in (a realistic mix: hours of volunteering, euros of money, items of goods…). */
const UNITS: Record<string, ContributionUnit[]> = {
  mecenat_financier: ['eur'],
  mecenat_competences: ['hours', 'days'],
  mecenat_nature: ['items'],
  mecenat_logistique: ['days'],
  benevolat: ['hours', 'days'],
  lieu: ['days', 'm2'],
  expertise: ['hours'],
  cooperation_economique: ['eur'],
  partenariat_innovation: ['hours'],
}

/** Generates the data unless it is already there. */
export async function ensureEvaluationData(db: Kysely<Database>, log: (m: string) => void): Promise<EvaluationFixture> {
  const base = await ensureBenchData(db, log)
  const fixture = { ...base, fortyAllianceId: FORTY_ALLIANCE_ID, lastRoundId: LAST_ROUND_ID }
  const marker = await db.selectFrom('app_meta').select('value').where('key', '=', 'bench_evaluation').executeTakeFirst()
  if (marker?.value === EVALUATION_BENCH_VERSION) return fixture
  await ensureReferenceRateTable(db)
  const random = seededRandom(1411)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const types = codesOf('contribution_type')
  const started = performance.now()
  const now = new Date().toISOString()

  log('le partenariat de 40…')
  const existing = await db.selectFrom('alliance_partners').select('organisation_id').where('alliance_id', '=', FORTY_ALLIANCE_ID).execute()
  const members = new Set(existing.map((p) => p.organisation_id))
  const fortyPartners: Array<Database['alliance_partners']> = []
  for (let n = 1; members.size < EVALUATION_SIZES.partners; n += 7) {
    const org = benchOrganisationId(n % SIZES.localOrganisations)
    if (members.has(org)) continue
    members.add(org)
    fortyPartners.push({ id: benchId(0xe0000002, n), alliance_id: FORTY_ALLIANCE_ID, organisation_id: org, role: 'partenaire', status: 'active', brings: '', expects: '', invited_by: null, invited_at: now, responded_by: null, joined_on: '2019-01-07', left_on: null, left_reason: '', updated_at: now })
  }
  await db.transaction().execute(async (trx) => {
    await insert(trx, 'alliance_partners', fortyPartners)
    const worlds = await trx.selectFrom('organisations').select('world').where('id', 'in', [...members]).execute()
    await trx.updateTable('alliance_directory').set({ world_mask: worldMask(worlds.map((w) => w.world)) }).where('alliance_id', '=', FORTY_ALLIANCE_ID).execute()
    await trx.updateTable('alliances').set({ visibility: 'public' }).where('id', '=', FORTY_ALLIANCE_ID).execute()
    await trx.updateTable('alliance_directory').set({ visibility: 'public' }).where('alliance_id', '=', FORTY_ALLIANCE_ID).execute()
  })

  log('8 temps d’évaluation, 40 réponses chacun…')
  await db.transaction().execute(async (trx) => {
    for (let r = 1; r <= EVALUATION_SIZES.rounds; r++) {
      const year = 2018 + r
      const roundId = benchId(0xe0000001, r)
      await trx.insertInto('evaluation_rounds').values({ id: roundId, alliance_id: FORTY_ALLIANCE_ID, number: r, title: `Bilan ${year}`, period_start: `${year}-01-01`, period_end: `${year}-12-31`, opens_on: `${year + 1}-01-10`, closes_on: `${year + 1}-02-10`, grid_version: CURRENT_GRID.version, disclosure: 'named', opened_by: null, closed_at: null, closed_by: null, is_demo: 0, created_at: now, updated_at: now }).execute()
      const answers: Array<Database['evaluation_answers']> = []
      const ratings: Array<Database['evaluation_ratings']> = []
      const impacts: Array<Database['evaluation_impacts']> = []
      for (const org of members) {
        const answerId = newId()
        const usual = 1 + Math.floor(random() * 4)
        const level = () => (random() < 0.05 ? 0 : Math.max(1, Math.min(4, usual + Math.round((random() - 0.5) * 2))))
        answers.push({ id: answerId, round_id: roundId, alliance_id: FORTY_ALLIANCE_ID, organisation_id: org, status: 'submitted', what_worked: 'Ce qui a marché cette année.', difficulties: '', lessons: 'Un enseignement.', created_at: now, updated_by: null, updated_at: now, submitted_by: null, submitted_at: now })
        for (const object of CURRENT_GRID.objects) for (const approach of CURRENT_GRID.approaches) ratings.push({ answer_id: answerId, object, approach, level: level(), comment: random() < 0.2 ? 'Un commentaire, une preuve.' : '' })
        for (const impact of CURRENT_GRID.impacts) for (const scope of CURRENT_GRID.scopes) impacts.push({ answer_id: answerId, impact, scope, level: level(), comment: '' })
      }
      await insert(trx, 'evaluation_answers', answers)
      await insert(trx, 'evaluation_ratings', ratings)
      await insert(trx, 'evaluation_impacts', impacts)
    }
  })

  log('2 000 000 contributions…')
  const perAlliance = Math.round(EVALUATION_SIZES.contributions / SIZES.alliances)
  let written = 0
  for (let start = 0; start < SIZES.alliances; start += 5000) {
    const ids = Array.from({ length: Math.min(5000, SIZES.alliances - start) }, (_, i) => benchAllianceId(start + i))
    const partners = await db.selectFrom('alliance_partners').select(['id', 'alliance_id', 'organisation_id']).where('alliance_id', 'in', ids).where('status', '=', 'active').execute()
    const byAlliance = new Map<string, typeof partners>()
    for (const p of partners) byAlliance.set(p.alliance_id, [...(byAlliance.get(p.alliance_id) ?? []), p])
    const rows: Array<Database['alliance_contributions']> = []
    for (const allianceId of ids) {
      const list = byAlliance.get(allianceId) ?? []
      if (list.length === 0) continue
      for (let k = 0; k < perAlliance && written + rows.length < EVALUATION_SIZES.contributions; k++) {
        const p = pick(list)
        const type = pick(types)
        const unit = pick<ContributionUnit>(UNITS[type] ?? ['hours'])
        const whole = unit === 'eur' ? 100 + Math.floor(random() * 20_000) : 1 + Math.floor(random() * 80)
        const fraction = unit === 'hours' || unit === 'days' ? pick([0, 0, 0, 50, 25]) : unit === 'eur' ? Math.floor(random() * 100) : 0
        const day = `${2019 + Math.floor(random() * 8)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`
        rows.push({ id: newId(), alliance_id: allianceId, partner_id: p.id, organisation_id: p.organisation_id, contribution_type: type, unit, quantity_hundredths: whole * 100 + fraction, contributed_on: day > '2026-11-30' ? '2026-11-30' : day, description: '', created_by: null, created_at: now, updated_by: null, updated_at: now })
      }
    }
    await db.transaction().execute((trx) => insert(trx, 'alliance_contributions', rows, 1000))
    written += rows.length
    log(`  ${written} contributions (${Math.round((performance.now() - started) / 1000)} s)`)
  }

  log('20 000 fiches de pratique…')
  const publicAlliances = await db.selectFrom('alliances').select('id').where('visibility', '=', 'public').where('id', '!=', FORTY_ALLIANCE_ID).where('id', '!=', benchAllianceId(0)).orderBy('id').limit(EVALUATION_SIZES.sheets).execute()
  const domains = codesOf('domain')
  const sizes = codesOf('commune_size')
  const regions = (await db.selectFrom('territories').select('id').where('kind', '=', 'region').execute()).map((r) => r.id)
  const WORDS = ['ateliers', 'jardins partagés', 'mobilité', 'insertion', 'numérique', 'réemploi', 'alimentation', 'seniors', 'jeunesse', 'énergie', 'culture', 'sport', 'santé', 'logement']
  for (let start = 0; start < publicAlliances.length; start += 1000) {
    const chunk = publicAlliances.slice(start, start + 1000)
    const rounds: Array<Database['evaluation_rounds']> = []
    const sheets: Array<Database['practice_sheets']> = []
    const sheetDomains: Array<Database['practice_sheet_domains']> = []
    chunk.forEach((a, i) => {
      const n = start + i
      const roundId = benchId(0xe0000003, n)
      rounds.push({ id: roundId, alliance_id: a.id, number: 1, title: 'Premier bilan', period_start: '2024-01-01', period_end: '2024-12-31', opens_on: '2025-01-10', closes_on: '2025-02-10', grid_version: CURRENT_GRID.version, disclosure: 'named', opened_by: null, closed_at: null, closed_by: null, is_demo: 0, created_at: now, updated_at: now })
      const topic = `${pick(WORDS)} et ${pick(WORDS)}`
      const title = `Pratique ${n} : ${topic}`
      const text = `Une alliance entre mondes différents autour de ${topic}, sur son territoire.`
      sheets.push({ id: benchId(0xe0000004, n), alliance_id: a.id, round_id: roundId, title, search_name: normaliseText(title), summary: text, context: text, solution: text, process: text, socio_economic_model: text, arrangement: text, governance: text, legal_frame: text, lessons: text, size_band: pick(sizes), region_id: pick(regions), facet_signature: '', is_demo: 0, created_by: null, created_at: now, updated_at: now, published_at: now })
      for (const d of new Set([pick(domains), pick(domains)])) sheetDomains.push({ sheet_id: benchId(0xe0000004, n), domain: d })
    })
    await db.transaction().execute(async (trx) => {
      await insert(trx, 'evaluation_rounds', rounds)
      await insert(trx, 'practice_sheets', sheets)
      await insert(trx, 'practice_sheet_domains', sheetDomains)
      for (let i = 0; i < sheets.length; i += 200) await indexSheets(trx, sheets.slice(i, i + 200).map((s) => s.id))
    })
    log(`  ${start + chunk.length} fiches (${Math.round((performance.now() - started) / 1000)} s)`)
  }

  log('sommes valorisées des territoires…')
  await rebuildSummaries(db)
  await db.insertInto('app_meta').values({ key: 'bench_evaluation', value: EVALUATION_BENCH_VERSION, updated_at: now }).onConflict((oc) => oc.column('key').doUpdateSet({ value: EVALUATION_BENCH_VERSION, updated_at: now })).execute()
  await refreshStatistics(db)
  log(`données générées en ${Math.round((performance.now() - started) / 1000)} s`)
  return fixture
}
