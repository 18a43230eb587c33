/**
 * The data of `npm run bench:mobilisation`, generated deterministically (seeded) into a database that already holds
 * the full geography, at the issue's size times `scale` (`BENCH_SCALE`, default 1):
 * - 10 000 organisations seated across France, 10 000 alliances (public), 200 reviewers;
 * - 5 000 calls to engage, the first one holding 5 000 of the 200 000 pledges (levels copied from each seat, valued);
 * - 500 funds, 5 000 calls for projects (the first fund's first call: 5 000 applications, 200 reviewers; the second
 *   fund holds a tenth of the calls and, signed, 10 000 of their applications' grants, two tranches each — the SCDL
 *   export), 100 000 applications, 500 000 reviews and 1 000 000 scores (five reviews of two criteria each).
 * Rows are written directly in bulk (the services would take hours); the marker `bench_mobilisation` in `app_meta`
 * (its version and scale) says the data is there, so later runs reuse it.
 */
import type { Insertable, Kysely } from 'kysely'
import { refreshStatistics } from '../src/core/db/dialect.js'
import { seededRandom } from '../src/core/random.js'
import { normaliseText } from '../src/core/text/normalise.js'
import type { Database } from '../src/database.js'
import { HELP, HELP_KINDS } from '../src/features/mobilisation/help.js'
import { communeSizeBand } from '../src/features/territories/index.js'
import { codesOf } from '../src/features/vocabulary/index.js'
import { benchId } from './data.js'

export const MOBILISATION_BENCH_VERSION = 'v1'

/** The sizes times `scale` (at least what the measured pages need). */
export function mobilisationSizes(scale: number) {
  const n = (full: number, min: number) => Math.max(min, Math.round(full * scale))
  return {
    organisations: n(10_000, 500),
    alliances: n(10_000, 500),
    reviewers: 200,
    calls: n(5000, 50),
    pledges: n(200_000, 5000),
    bigCallPledges: n(5000, 500),
    funds: n(500, 10),
    projectCalls: n(5000, 50),
    applications: n(100_000, 2000),
    bigCallApplications: n(5000, 500),
    reviewsPerApplication: 5,
    grants: n(10_000, 200),
  }
}
export type MobilisationSizes = ReturnType<typeof mobilisationSizes>

const ORG = 0xd0000001
const ALLIANCE = 0xd0000002
const USER = 0xd0000003
const CALL = 0xd0000004
const PLEDGE = 0xd0000005
const FUND = 0xd0000006
const PROJECT_CALL = 0xd0000007
const APPLICATION = 0xd0000008
const GRANT = 0xd0000009

export interface MobilisationFixture {
  sizes: MobilisationSizes
  /** the call to engage with `bigCallPledges` pledges */
  bigCallId: string
  /** the région whose dashboard is measured (`region:11`, Île-de-France) */
  region: string
  /** the call for projects with `bigCallApplications` applications and 200 reviewers, its fund's host */
  deliberationCallId: string
  deliberationHostId: string
  /** the fund whose signed grants are exported */
  scdlFundId: string
}

async function insert<T extends keyof Database>(db: Kysely<Database>, table: T, rows: Array<Insertable<Database[T]>>, batch = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await db.insertInto(table).values(rows.slice(i, i + batch) as never).execute()
}

/** Writes `count` rows made by `make`, in chunks (memory stays flat), each chunk in one transaction. */
async function generate<T extends keyof Database>(db: Kysely<Database>, table: T, count: number, make: (i: number) => Insertable<Database[T]>, chunk = 20_000): Promise<void> {
  for (let start = 0; start < count; start += chunk) {
    const rows: Array<Insertable<Database[T]>> = []
    for (let i = start; i < Math.min(count, start + chunk); i++) rows.push(make(i))
    await db.transaction().execute((trx) => insert(trx, table, rows, Math.max(1, Math.floor(30_000 / Object.keys(rows[0] ?? { a: 1 }).length))))
  }
}

export async function ensureMobilisationData(db: Kysely<Database>, scale: number, log: (m: string) => void): Promise<MobilisationFixture> {
  const sizes = mobilisationSizes(scale)
  const fixture: MobilisationFixture = { sizes, bigCallId: benchId(CALL, 0), region: 'region:11', deliberationCallId: benchId(PROJECT_CALL, 0), deliberationHostId: benchId(ORG, 0), scdlFundId: benchId(FUND, 1) }
  const version = `${MOBILISATION_BENCH_VERSION}@${scale}`
  const marker = await db.selectFrom('app_meta').select('value').where('key', '=', 'bench_mobilisation').executeTakeFirst()
  if (marker?.value === version) return fixture
  if (marker) throw new Error(`the bench database holds mobilisation data of another size (${marker.value}): delete it (bench/.data/mobilisation.sqlite, or the PostgreSQL database) first`)
  const random = seededRandom(1616)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const started = performance.now()
  const now = new Date().toISOString()
  const elapsed = () => `${Math.round((performance.now() - started) / 1000)} s`

  // Communes with their levels (EPCI/EPT, département, région), the big call's pledges in Île-de-France.
  const communes = await db.selectFrom('territories').select(['id', 'population', 'departement_code', 'region_code']).where('kind', '=', 'commune').execute()
  const groups = await db
    .selectFrom('territory_closure')
    .innerJoin('territories', 'territories.id', 'territory_closure.ancestor_id')
    .select(['territory_closure.descendant_id', 'territories.id', 'territories.kind'])
    .where('territories.kind', 'in', ['epci', 'ept'])
    .execute()
  const groupOf = new Map<string, { epci: string | null; ept: string | null }>()
  for (const g of groups) {
    const e = groupOf.get(g.descendant_id) ?? { epci: null, ept: null }
    if (g.kind === 'epci') e.epci = g.id
    else e.ept = g.id
    groupOf.set(g.descendant_id, e)
  }
  const ileDeFrance = communes.filter((c) => c.region_code === '11')
  const worlds = codesOf('world')
  const sizesBands = codesOf('organisation_size')
  const kinds = HELP_KINDS
  const WORDS = ['Jardins', 'Mobilité', 'Emploi', 'Numérique', 'Solidarité', 'Énergie', 'Culture', 'Santé', 'Jeunesse', 'Insertion']

  log(`${sizes.organisations} organisations, ${sizes.alliances} alliances, ${sizes.reviewers} évaluateurs…`)
  const orgs = Array.from({ length: sizes.organisations }, (_, n) => {
    const seat = n % 4 === 0 ? pick(ileDeFrance) : pick(communes)
    return { id: benchId(ORG, n), world: pick(worlds), size: pick(sizesBands), seat }
  })
  await generate(db, 'organisations', sizes.organisations, (n) => {
    const o = orgs[n]!
    const name = `${pick(WORDS)} ${n}`
    return { id: o.id, world: o.world, name, search_name: normaliseText(name), siren: null, siret: String(44306184100047 + n * 10).padStart(14, '0'), rna: null, seat_commune_id: o.seat.id, size_band: o.size, description: '', website: null, contact_email: null, contact_phone: null, is_demo: 0, created_by: null, created_at: now, updated_at: now }
  })
  await generate(db, 'alliances', sizes.alliances, (n) => {
    const name = `Alliance ${pick(WORDS)} ${n}`
    return { id: benchId(ALLIANCE, n), name, search_name: normaliseText(name), stakes: 'Des enjeux partagés.', description: '', form: 'experimentation_collective', phase: 'experimentation', phase_since: '2024-01-01', visibility: 'public' as const, started_on: '2024-01-01', ended_on: null, is_demo: 0, created_by: null, created_at: now, updated_at: now }
  })
  await generate(db, 'users', sizes.reviewers, (n) => ({ id: benchId(USER, n), email: `bench-mobilisation-reviewer-${n}@example.org`, password_hash: 'x', display_name: `Évaluatrice ${n}`, locale: 'fr', is_platform_admin: 0, is_demo: 0, created_at: now, updated_at: now, email_verified_at: now }))

  log(`${sizes.calls} appels à mobilisation, ${sizes.pledges} engagements…`)
  await generate(db, 'mobilisation_calls', sizes.calls, (n) => ({ id: benchId(CALL, n), organisation_id: orgs[n % orgs.length]!.id, space_id: null, title: `Appel ${n}`, summary: 'Un appel à s’engager.', territory_id: n === 0 ? 'region:11' : orgs[n % orgs.length]!.seat.id, starts_on: '2026-01-01', ends_on: '2027-12-31', status: 'published' as const, published_at: now, closed_at: null, is_demo: 0, created_by: null, created_at: now, updated_at: now }))
  await insert(db, 'mobilisation_call_goals', kinds.slice(0, 4).map((k) => ({ call_id: benchId(CALL, 0), help_kind: k, target_hundredths: 5_000_000 })))
  await generate(db, 'mobilisation_pledges', sizes.pledges, (n) => {
    const o = orgs[Math.floor(random() * orgs.length)]!
    const big = n < sizes.bigCallPledges
    const callId = big ? benchId(CALL, 0) : random() < 0.5 ? benchId(CALL, 1 + Math.floor(random() * (sizes.calls - 1))) : null
    const kind = big ? kinds[n % 4]! : pick(kinds)
    const unit = HELP[kind].unit
    const quantity = (1 + Math.floor(random() * 200)) * 100
    const fulfilled = random() < 0.5 ? Math.floor(quantity * random()) : 0
    const rate = unit === 'eur' ? 100 : unit === 'hours' ? 2500 : 1000
    const g = groupOf.get(o.seat.id)
    return {
      id: benchId(PLEDGE, n), organisation_id: o.id, world: o.world, size_band: o.size, commune_id: o.seat.id, epci_id: g?.epci ?? null, ept_id: g?.ept ?? null,
      departement_id: o.seat.departement_code ? `departement:${o.seat.departement_code}` : null, region_id: o.seat.region_code ? `region:${o.seat.region_code}` : null, commune_band: communeSizeBand(o.seat.population),
      call_id: callId, need_id: null, alliance_id: null, help_kind: kind, unit, quantity_hundredths: quantity, volunteers: null, fulfilled_hundredths: fulfilled,
      value_cents: Math.round((quantity * rate) / 100), value_basis: 'reference', rate_cents: rate, realised_cents: Math.round((fulfilled * rate) / 100), rate_table_id: null, rate_table_version: null,
      pledged_on: '2026-02-01', starts_on: '2026-02-01', due_on: '2027-06-30', schedule: 'once', status: random() < 0.95 ? ('active' as const) : ('withdrawn' as const), withdrawn_on: null, withdrawn_reason: '', late_notified_at: null,
      is_demo: 0, created_by: null, created_at: now, updated_at: now,
    }
  })
  log(`  engagements écrits (${elapsed()})`)

  log(`${sizes.funds} fonds, ${sizes.projectCalls} appels à projets…`)
  await generate(db, 'mobilisation_funds', sizes.funds, (n) => ({ id: benchId(FUND, n), host_organisation_id: orgs[n]!.id, name: `Fonds ${n}`, description: '', legal_form: 'fondation' as const, siret: '73282932000074', territory_id: orgs[n]!.seat.id, pledged_cents: 0, paid_cents: 0, committed_cents: 100_000_000_000, granted_cents: 0, disbursed_cents: 0, is_demo: 0, created_by: null, created_at: now, updated_at: now }))
  // The second fund holds a tenth of the calls (those numbered 1 mod 10); the others are spread over the funds.
  const fundOfCall = (c: number) => (c === 0 ? 0 : c % 10 === 1 ? 1 : c % sizes.funds === 1 ? 2 : c % sizes.funds)
  await generate(db, 'mobilisation_project_calls', sizes.projectCalls, (c) => ({ id: benchId(PROJECT_CALL, c), fund_id: benchId(FUND, fundOfCall(c)), title: `Appel à projets ${c}`, summary: 'Financer l’ingénierie des alliances.', territory_id: 'region:11', min_amount_cents: 100_000, max_amount_cents: 2_000_000, cofunding_min_percent: 20, min_worlds: 2, score_max: 5, opens_at: '2026-01-05T08:00:00.000Z', deadline_at: '2026-03-01T11:00:00.000Z', questionnaire_id: null, questions: '{}', status: 'published' as const, published_at: now, decided_at: null, reminded_at: null, is_demo: 0, created_by: null, created_at: now, updated_at: now }))
  const criteria: Array<Insertable<Database['mobilisation_criteria']>> = []
  for (let c = 0; c < sizes.projectCalls; c++) criteria.push({ call_id: benchId(PROJECT_CALL, c), position: 1, label: 'Pertinence', weight: 2 }, { call_id: benchId(PROJECT_CALL, c), position: 2, label: 'Coopération', weight: 1 })
  await db.transaction().execute((trx) => insert(trx, 'mobilisation_criteria', criteria, 2000))
  // Reviewers: all 200 on the big call, five on every other call.
  const reviewersOf = (c: number) => (c === 0 ? sizes.reviewers : 5)
  const reviewerOf = (c: number, k: number) => (c === 0 ? k : (c * 7 + k * 13) % sizes.reviewers)
  const reviewerRows: Array<Insertable<Database['mobilisation_reviewers']>> = []
  for (let c = 0; c < sizes.projectCalls; c++) for (let k = 0; k < reviewersOf(c); k++) reviewerRows.push({ call_id: benchId(PROJECT_CALL, c), user_id: benchId(USER, reviewerOf(c, k)), assigned_by: null, assigned_at: now })
  await db.transaction().execute((trx) => insert(trx, 'mobilisation_reviewers', reviewerRows, 2000))

  log(`${sizes.applications} candidatures, ${sizes.applications * sizes.reviewsPerApplication} évaluations, ${sizes.applications * sizes.reviewsPerApplication * 2} notes…`)
  // Application a: the big call's first `bigCallApplications`, then the others round-robin over the other calls.
  const others = sizes.projectCalls - 1
  const callOf = (a: number) => (a < sizes.bigCallApplications ? 0 : 1 + ((a - sizes.bigCallApplications) % others))
  const allianceOf = (a: number) => (a < sizes.bigCallApplications ? a % sizes.alliances : Math.floor((a - sizes.bigCallApplications) / others) % sizes.alliances)
  await generate(db, 'mobilisation_applications', sizes.applications, (a) => {
    const requested = (10 + Math.floor(random() * 190)) * 10_000
    return { id: benchId(APPLICATION, a), call_id: benchId(PROJECT_CALL, callOf(a)), alliance_id: benchId(ALLIANCE, allianceOf(a)), beneficiary_organisation_id: orgs[allianceOf(a) % orgs.length]!.id, title: `Projet ${a}`, summary: 'Coordonner les partenaires.', requested_cents: requested, budget_cents: requested * 2, answers: '{}', status: 'submitted' as const, eligibility: '[]', submitted_at: '2026-02-20T10:00:00.000Z', submitted_by: null, withdrawn_at: null, withdrawn_reason: '', is_demo: 0, created_by: null, created_at: now, updated_at: now }
  })
  const reviewsPer = sizes.reviewsPerApplication
  const reviewer = (a: number, k: number) => {
    const c = callOf(a)
    return c === 0 ? (a * reviewsPer + k) % sizes.reviewers : reviewerOf(c, k)
  }
  const scoreOf = (a: number, k: number, position: number) => (a * 31 + k * 17 + position * 7) % 6
  await generate(db, 'mobilisation_reviews', sizes.applications * reviewsPer, (i) => {
    const a = Math.floor(i / reviewsPer)
    const k = i % reviewsPer
    const total = Math.floor((2 * ((2 * scoreOf(a, k, 1) + scoreOf(a, k, 2)) * 1000) + 15) / 30)
    return { application_id: benchId(APPLICATION, a), user_id: benchId(USER, reviewer(a, k)), call_id: benchId(PROJECT_CALL, callOf(a)), status: 'submitted' as const, comment: k === 0 ? 'Un projet solide, une coopération réelle.' : '', total_milli: total, updated_at: now, submitted_at: now }
  })
  log(`  évaluations écrites (${elapsed()})`)
  await generate(db, 'mobilisation_scores', sizes.applications * reviewsPer * 2, (i) => {
    const position = 1 + (i % 2)
    const a = Math.floor(i / (reviewsPer * 2))
    const k = Math.floor(i / 2) % reviewsPer
    return { application_id: benchId(APPLICATION, a), user_id: benchId(USER, reviewer(a, k)), position, score: scoreOf(a, k, position) }
  }, 40_000)
  log(`  notes écrites (${elapsed()})`)

  log(`${sizes.grants} subventions signées du fonds exporté…`)
  // The applications of the second fund's calls (call numbers 1 mod 10), funded, their grants signed.
  const funded: number[] = []
  for (let a = sizes.bigCallApplications; a < sizes.applications && funded.length < sizes.grants; a++) if (fundOfCall(callOf(a)) === 1) funded.push(a)
  const amount = (g: number) => (10 + (g % 190)) * 10_000
  await generate(db, 'mobilisation_decisions', funded.length, (g) => ({ application_id: benchId(APPLICATION, funded[g]!), call_id: benchId(PROJECT_CALL, callOf(funded[g]!)), outcome: 'funded' as const, amount_cents: amount(g), conditions: '', reasons: 'Un projet solide.', decided_by: null, decided_at: now, published_at: now }))
  await generate(db, 'mobilisation_grants', funded.length, (g) => {
    const a = funded[g]!
    const day = `2026-${String(1 + (g % 12)).padStart(2, '0')}-${String(1 + (g % 28)).padStart(2, '0')}`
    return { id: benchId(GRANT, g), fund_id: benchId(FUND, 1), call_id: benchId(PROJECT_CALL, callOf(a)), application_id: benchId(APPLICATION, a), alliance_id: benchId(ALLIANCE, allianceOf(a)), beneficiary_organisation_id: orgs[allianceOf(a) % orgs.length]!.id, reference: `FB-2026-${String(g + 1).padStart(5, '0')}`, object: `Ingénierie de l’alliance ${allianceOf(a)}`, amount_cents: amount(g), disbursed_cents: 0, conditions: '', status: 'signed' as const, in_kind: 0, notification_ue: 0, dispositif_aide: null, fund_signed_by: null, fund_signed_at: now, beneficiary_signed_by: null, beneficiary_signed_at: now, signed_on: day, tranche_count: 0, first_due_on: null, last_due_on: null, is_demo: 0, created_at: now, updated_at: now }
  })
  await generate(db, 'mobilisation_grant_tranches', funded.length * 2, (i) => {
    const g = Math.floor(i / 2)
    const first = Math.round(amount(g) * 0.6)
    return { grant_id: benchId(GRANT, g), number: 1 + (i % 2), amount_cents: i % 2 === 0 ? first : amount(g) - first, due_on: i % 2 === 0 ? '2026-06-01' : '2026-12-01', condition: '', paid_cents: 0, paid_on: null }
  })
  const granted = funded.reduce((s, _a, g) => s + amount(g), 0)
  await db.updateTable('mobilisation_funds').set({ granted_cents: granted }).where('id', '=', benchId(FUND, 1)).execute()

  await db.insertInto('app_meta').values({ key: 'bench_mobilisation', value: version, updated_at: now }).onConflict((oc) => oc.column('key').doUpdateSet({ value: version, updated_at: now })).execute()
  await refreshStatistics(db)
  log(`données générées en ${elapsed()}`)
  return fixture
}
