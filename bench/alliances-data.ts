/**
 * The data of `npm run bench:alliances`, generated deterministically (seeded) into a database that already
 * holds the full geography:
 * - 5 000 organisations seated in the Val-de-Marne (94) and 25 000 elsewhere in France;
 * - 100 000 alliances: 2 000 located in the Val-de-Marne (communes, EPT, the département), 98 000 across
 *   the country; 2 to 8 partners each, SDGs, levers, every phase and form, one in ten partners-only;
 * - 3 000 confirmed partnerships between organisations of the Val-de-Marne;
 * - one alliance with 50 partners, 500 journal entries, 1 000 contributions and a charter in 3 versions.
 * Rows are written directly (the services would take hours); the marker `bench_alliances` in `app_meta`
 * says the data is there, so later runs reuse it.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { dialectOf } from '../src/core/db/dialect.js'
import { nowIso } from '../src/core/db/values.js'
import { normaliseText } from '../src/core/text/normalise.js'
import type { Database } from '../src/database.js'
import { seededRandom } from '../src/core/random.js'
import { codesOf } from '../src/features/vocabulary/index.js'
import { EVERYWHERE, leverMask, sdgMask, worldMask } from '../src/features/alliances/facets.js'
import { markDirectorySummariesFresh } from '../src/features/alliances/directory.service.js'
import { benchId } from './data.js'

export const BENCH_VERSION = 'v5'
export const DEPARTEMENT = '94'
export const SIZES = { localOrganisations: 5000, otherOrganisations: 25000, localAlliances: 2000, alliances: 100_000, partnerships: 3000 }

const ORG = 0xb0000001
const ALLIANCE = 0xb0000002
const PARTNER = 0xb0000003
export const BIG_ALLIANCE_ID = benchId(ALLIANCE, 0)
/** The id of the n-th generated alliance and organisation (for benchmarks that build on this data). */
export const benchAllianceId = (n: number) => benchId(ALLIANCE, n)
export const benchOrganisationId = (n: number) => benchId(ORG, n)

async function insert<T extends keyof Database>(db: Kysely<Database>, table: T, rows: Array<Database[T]>, batch = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await db.insertInto(table).values(rows.slice(i, i + batch) as never).execute()
}

export interface BenchFixture {
  bigAllianceId: string
  /** organisations the bench user belongs to (the big alliance's coordinator and a few others) */
  memberOf: string[]
}

/** Generates the data unless it is already there. Returns what the measurements need. */
export async function ensureBenchData(db: Kysely<Database>, log: (m: string) => void): Promise<BenchFixture> {
  const memberOf = [benchId(ORG, 0), benchId(ORG, 1), benchId(ORG, 2), benchId(ORG, 3)]
  const marker = await db.selectFrom('app_meta').select('value').where('key', '=', 'bench_alliances').executeTakeFirst()
  if (marker?.value === BENCH_VERSION) return { bigAllianceId: BIG_ALLIANCE_ID, memberOf }
  const random = seededRandom(4242)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const started = performance.now()

  const communes = await db.selectFrom('territories').select(['id', 'departement_code']).where('kind', '=', 'commune').execute()
  const local = communes.filter((c) => c.departement_code === DEPARTEMENT).map((c) => c.id)
  const elsewhere = communes.filter((c) => c.departement_code !== DEPARTEMENT).map((c) => c.id)
  const groups = await db
    .selectFrom('territory_closure')
    .innerJoin('territories', 'territories.id', 'territory_closure.ancestor_id')
    .select('territories.id')
    .distinct()
    .where('territory_closure.descendant_id', 'in', local)
    .where('territories.kind', 'in', ['epci', 'ept'])
    .execute()
  const localGroups = groups.map((g) => g.id)
  const worlds = codesOf('world')
  const phases = codesOf('alliance_phase')
  const forms = codesOf('coconstruction_form')
  const levers = codesOf('lever')
  const roles = codesOf('partner_role').filter((r) => r !== 'coordinateur')
  const types = codesOf('contribution_type')
  const partnershipTypes = codesOf('partnership_type')
  const now = nowIso()
  const day = () => `${2019 + Math.floor(random() * 7)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`
  const WORDS = ['Jardins', 'Mobilité', 'Emploi', 'Numérique', 'Solidarité', 'Énergie', 'Culture', 'Santé', 'Jeunesse', 'Seniors', 'Insertion', 'Réemploi', 'Alimentation', 'Sport', 'Logement', 'Berges', 'Commerce', 'Éducation']
  const PLACES = ['du Plateau', 'des Bords', 'de l’Est', 'du Centre', 'des Coteaux', 'du Val', 'des Quartiers', 'de la Vallée', 'du Bourg', 'des Rives']

  log('organisations…')
  const organisations: Array<Database['organisations']> = []
  const perimeters: Array<Database['organisation_perimeters']> = []
  const total = SIZES.localOrganisations + SIZES.otherOrganisations
  for (let n = 0; n < total; n++) {
    const seat = n < SIZES.localOrganisations ? pick(local) : pick(elsewhere)
    const name = `${pick(WORDS)} ${pick(PLACES)} ${n}`
    organisations.push({ id: benchId(ORG, n), world: pick(worlds), name, search_name: normaliseText(name), siren: null, siret: null, rna: null, seat_commune_id: seat, size_band: null, description: '', website: null, contact_email: null, contact_phone: null, is_demo: 0, created_by: null, created_at: now, updated_at: now })
    perimeters.push({ organisation_id: benchId(ORG, n), territory_id: seat })
  }

  log('alliances…')
  const alliances: Array<Database['alliances']> = []
  // One directory entry per alliance (its "everywhere" row), copied to each place once facets are known.
  const entries: Array<Database['alliance_directory']> = []
  const scopesOf: string[][] = []
  const territories: Array<Database['alliance_territories']> = []
  const closure = await db.selectFrom('territory_closure').select(['ancestor_id', 'descendant_id']).execute()
  const ancestorsOf = new Map<string, string[]>()
  for (const c of closure) ancestorsOf.set(c.descendant_id, [...(ancestorsOf.get(c.descendant_id) ?? []), c.ancestor_id])
  const sdgs: Array<Database['alliance_sdgs']> = []
  const allianceLevers: Array<Database['alliance_levers']> = []
  const partners: Array<Database['alliance_partners']> = []
  let partnerN = 0
  const partner = (allianceId: string, organisationId: string, role: string, joined: string) => {
    partners.push({ id: benchId(PARTNER, partnerN++), alliance_id: allianceId, organisation_id: organisationId, role, status: 'active', brings: '', expects: '', invited_by: null, invited_at: now, responded_by: null, joined_on: joined, left_on: null, left_reason: '', updated_at: now })
  }
  for (let n = 0; n < SIZES.alliances; n++) {
    const id = benchId(ALLIANCE, n)
    const isLocal = n < SIZES.localAlliances
    const started = day()
    const name = n === 0 ? 'Grande alliance du banc d’essai' : `Alliance ${pick(WORDS)} ${pick(PLACES)} ${n}`
    const row: Database['alliances'] = { id, name, search_name: normaliseText(name), stakes: 'Des enjeux partagés du territoire.', description: '', form: pick(forms), phase: pick(phases), phase_since: started, visibility: n === 0 || random() >= 0.1 ? 'public' : 'partners', started_on: started, ended_on: null, is_demo: 0, created_by: null, created_at: now, updated_at: now }
    alliances.push(row)
    const entry: Database['alliance_directory'] = { scope_id: EVERYWHERE, alliance_id: id, visibility: row.visibility, search_name: row.search_name, phase: row.phase, form: row.form, sdg_mask: 0, lever_mask: 0, world_mask: 0 }
    entries.push(entry)
    const r = random()
    const territory = isLocal ? (r < 0.8 ? pick(local) : r < 0.95 ? pick(localGroups) : `departement:${DEPARTEMENT}`) : pick(elsewhere)
    territories.push({ alliance_id: id, territory_id: territory })
    scopesOf.push([territory, ...new Set(ancestorsOf.get(territory) ?? [])].filter((v, i, all) => all.indexOf(v) === i))
    const goals = new Set([17, 1 + Math.floor(random() * 16), 1 + Math.floor(random() * 16)])
    for (const sdg of goals) sdgs.push({ alliance_id: id, sdg })
    entry.sdg_mask = sdgMask([...goals])
    const chosenLevers = levers.filter(() => random() < 0.4)
    for (const lever of chosenLevers) allianceLevers.push({ alliance_id: id, lever })
    entry.lever_mask = leverMask(chosenLevers)
    const size = n === 0 ? 50 : 2 + Math.floor(random() * 7)
    const chosen = new Set<number>(n === 0 ? [0] : [])
    while (chosen.size < size) chosen.add(isLocal ? Math.floor(random() * SIZES.localOrganisations) : SIZES.localOrganisations + Math.floor(random() * SIZES.otherOrganisations))
    ;[...chosen].forEach((o, i) => { partner(id, benchId(ORG, o), i === 0 ? 'coordinateur' : pick(roles), started) })
    entry.world_mask = worldMask([...chosen].map((o) => organisations[o]!.world))
  }
  // The bench user's organisations are partners of a few partners-only alliances too.
  for (let n = 1; n < SIZES.localAlliances; n += 97) {
    const a = alliances[n]!
    if (a.visibility !== 'partners') continue
    partner(a.id, memberOf[1]!, 'partenaire', a.started_on)
    entries[n]!.world_mask |= worldMask([organisations[1]!.world])
  }

  log('partnerships, charter, contributions, journal…')
  const partnerships: Array<Database['partnerships']> = []
  for (let n = 0; n < SIZES.partnerships; n++) {
    const a = Math.floor(random() * SIZES.localOrganisations)
    let b = Math.floor(random() * SIZES.localOrganisations)
    if (b === a) b = (a + 1) % SIZES.localOrganisations
    partnerships.push({ id: benchId(0xb0000004, n), alliance_id: null, organisation_a_id: benchId(ORG, a), organisation_b_id: benchId(ORG, b), partnership_type: pick(partnershipTypes), status: 'confirmed', started_on: day(), ended_on: null, description: '', proposed_by: null, answered_by: null, is_demo: 0, created_at: now, updated_at: now })
  }
  const bigPartners = partners.filter((p) => p.alliance_id === BIG_ALLIANCE_ID)
  const contributions: Array<Database['alliance_contributions']> = []
  for (let n = 0; n < 1000; n++) {
    const p = pick(bigPartners)
    const unit = pick(['eur', 'hours', 'days', 'people', 'items', 'm2'] as const)
    contributions.push({ id: benchId(0xb0000005, n), alliance_id: BIG_ALLIANCE_ID, partner_id: p.id, organisation_id: p.organisation_id, contribution_type: pick(types), unit, quantity_hundredths: (1 + Math.floor(random() * 500)) * 100, contributed_on: day(), description: 'Contribution', created_by: null, created_at: now, updated_by: null, updated_at: now })
  }
  const journal: Array<Database['alliance_journal_entries']> = []
  for (let n = 0; n < 500; n++) {
    const p = pick(bigPartners)
    journal.push({ id: benchId(0xb0000006, n), alliance_id: BIG_ALLIANCE_ID, organisation_id: p.organisation_id, kind: pick(['jalon', 'reunion', 'decision', 'resultat', 'difficulte']), occurred_on: day(), title: `Entrée ${n}`, title_key: null, title_params: null, body: 'Un récit de quelques phrases sur ce qui s’est passé.', phase_from: null, phase_to: null, system_event: null, author_id: null, created_at: now })
  }
  const charters: Array<Database['alliance_charters']> = []
  const signatures: Array<Database['alliance_charter_signatures']> = []
  for (let v = 1; v <= 3; v++) {
    const id = benchId(0xb0000007, v)
    charters.push({ id, alliance_id: BIG_ALLIANCE_ID, version: v, principles: 'Des principes partagés.', governance: 'Un comité décide.', meeting_frequency: 'trimestrielle', next_review_on: '2099-01-01', created_by: null, created_at: `${2022 + v}-01-01T00:00:00.000Z` })
    for (const p of bigPartners.slice(0, v === 3 ? 30 : 50)) signatures.push({ charter_id: id, organisation_id: p.organisation_id, version: v, signed_by: null, signer_name: 'Signataire', signed_at: now })
  }

  log('writing…')
  await db.transaction().execute(async (trx) => {
    await insert(trx, 'organisations', organisations)
    await insert(trx, 'organisation_perimeters', perimeters)
    await insert(trx, 'alliances', alliances)
    const directory = entries.flatMap((entry, n) => [entry, ...scopesOf[n]!.map((scope_id) => ({ ...entry, scope_id }))])
    await insert(trx, 'alliance_directory', directory)
    await insert(trx, 'alliance_territories', territories)
    await insert(trx, 'alliance_sdgs', sdgs)
    await insert(trx, 'alliance_levers', allianceLevers)
    await insert(trx, 'alliance_partners', partners)
    await insert(trx, 'partnerships', partnerships)
    await insert(trx, 'alliance_contributions', contributions)
    await insert(trx, 'alliance_journal_entries', journal)
    await insert(trx, 'alliance_charters', charters)
    await insert(trx, 'alliance_charter_signatures', signatures)
    await trx.insertInto('app_meta').values({ key: 'bench_alliances', value: BENCH_VERSION, updated_at: now }).execute()
    await markDirectorySummariesFresh(trx, now)
  })
  // Fresh statistics for the planners; on PostgreSQL, VACUUM also sets the visibility map that index-only
  // scans rely on (autovacuum would do it later on a live server).
  await (dialectOf(db) === 'postgres' ? sql`vacuum analyze` : sql`analyze`).execute(db)
  log(`data generated in ${Math.round((performance.now() - started) / 1000)} s (${partners.length} partner rows)`)
  return { bigAllianceId: BIG_ALLIANCE_ID, memberOf }
}
