/**
 * The pruned ranking of resources for a need (`matchResourcesForNeed`) against two references that read
 * everything: the SQL full scan and the TypeScript scorer over every row. On SQLite and PostgreSQL, on
 * randomised data (random seats, reaches — some not containing the seat —, types, domains, SDGs, worlds,
 * figures, dates, statuses, availability, declined pairs, needs at every level with SDGs other than the
 * suggested ones) and on hand-built cases where a bound matters: a seat across a département border in the
 * same EPCI, ties at the k-th place, pages after the first.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { seededRandom } from '../../../core/random.js'
import { newId } from '../../../core/db/values.js'
import { syncVocabulary } from '../../vocabulary/index.js'
import { DIALECTS, type TestDatabase } from '../../../../test/helpers/dialects.js'
import { loadTestGeography } from '../../../../test/helpers/geography.js'
import { CONTRIBUTION_TYPES, DOMAINS, NATIONAL, domainMask, sdgMask } from '../listening.codes.js'
import { levelsOf, type Levels } from '../listening.places.js'
import { coveringSets, loadNeedSides, loadResourceSides } from './loaders.js'
import { matchProfileIds } from './profiles.js'
import { matchResourcesForNeed, type RankedId } from './pruned.js'
import { fullScanResourcesForNeed } from './rank.js'
import { scorePair, type NeedSide } from './score.js'

const NOW = new Date('2026-11-01T00:00:00Z')
const WORLDS = ['association', 'entreprise', 'collectivite', 'fondation', 'etat']

type Kdb = TestDatabase['db']['kysely']

/** Every candidate of a need scored by the reference scorer, in the documented order. */
async function reference(db: Kdb, need: NeedSide, limit: number, offset: number): Promise<RankedId[]> {
  const rows = await db.selectFrom('resources').select(['id', 'status', 'organisation_id']).execute()
  const declined = new Set((await db.selectFrom('contact_requests').select('resource_id').where('need_id', '=', need.id).where('status', '=', 'refusee').execute()).map((r) => r.resource_id))
  const sides = await loadResourceSides(db, rows.map((r) => r.id))
  const covering = (await coveringSets(db, [need.territory_id])).get(need.territory_id)!
  const ranked: Array<RankedId & { updated_at: string }> = []
  for (const r of rows) {
    if (r.status !== 'disponible' || r.organisation_id === need.organisation_id || declined.has(r.id)) continue
    const side = sides.get(r.id)!
    const score = scorePair(need, side, covering, NOW)
    if (score) ranked.push({ id: r.id, score: score.total, updated_at: side.updated_at })
  }
  ranked.sort((a, b) => b.score - a.score || (a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : a.id < b.id ? -1 : 1))
  return ranked.slice(offset, offset + limit).map(({ id, score }) => ({ id, score }))
}

async function insertOrganisation(db: Kdb, world: string, seat: string): Promise<string> {
  const id = newId()
  const at = '2026-01-01T00:00:00.000Z'
  await db
    .insertInto('organisations')
    .values({ id, world, name: `Organisation ${id.slice(-6)}`, search_name: `organisation ${id.slice(-6)}`, siren: null, siret: null, rna: null, seat_commune_id: seat, size_band: null, description: '', website: null, contact_email: null, contact_phone: null, is_demo: 0, created_by: null, created_at: at, updated_at: at })
    .execute()
  return id
}

interface Org {
  id: string
  world: string
  seat: Levels
}

async function insertResource(db: Kdb, org: Org, values: { type: string; reach: string; domains: string[]; sdgs: number[]; amount: number | null; hours: number | null; people: number | null; updatedAt: string; status: 'disponible' | 'suspendue' | 'close'; until: string | null }): Promise<string> {
  const id = newId()
  const compared = { contribution_type: values.type, domain_mask: domainMask(values.domains), sdg_mask: sdgMask(values.sdgs) }
  const [profile] = await matchProfileIds(db, [compared])
  await db
    .insertInto('resources')
    .values({
      id,
      organisation_id: org.id,
      created_by: null,
      kind: 'ressource',
      title: 'Ressource',
      description: 'Ressource de test',
      ...compared,
      world: org.world,
      match_profile: profile!,
      amount_min_cents: null,
      amount_max_cents: values.amount,
      hours: values.hours,
      people: values.people,
      skills: null,
      items: null,
      place: null,
      reach_territory_id: values.reach,
      seat_commune_id: org.seat.commune,
      seat_epci_id: org.seat.epci,
      seat_ept_id: org.seat.ept,
      seat_departement_id: org.seat.departement,
      seat_region_id: org.seat.region,
      available_from: null,
      available_until: values.until,
      status: values.status,
      is_demo: 0,
      created_at: values.updatedAt,
      updated_at: values.updatedAt,
    })
    .execute()
  return id
}

async function insertNeed(db: Kdb, org: Org, territory: string, domain: string, sdgs: number[], demands: Array<{ type: string; amount: number | null; hours: number | null; people: number | null }>): Promise<string> {
  const id = newId()
  const levels = await levelsOf(db, territory)
  const at = '2026-10-01T00:00:00.000Z'
  await db
    .insertInto('needs')
    .values({
      id,
      organisation_id: org.id,
      created_by: null,
      title: 'Besoin',
      description: 'Besoin de test',
      domain,
      sdg_mask: sdgMask(sdgs),
      type_mask: 0,
      territory_id: territory,
      terr_commune_id: levels.commune,
      terr_epci_id: levels.epci,
      terr_ept_id: levels.ept,
      terr_departement_id: levels.departement,
      terr_region_id: levels.region,
      world: org.world,
      horizon: 'court',
      lever: null,
      status: 'ouvert',
      is_demo: 0,
      created_at: at,
      updated_at: at,
    })
    .execute()
  for (const d of demands) {
    await db.insertInto('need_contributions').values({ need_id: id, contribution_type: d.type, amount_min_cents: d.amount, amount_max_cents: null, hours: d.hours, people: d.people, skills: null, details: null }).execute()
  }
  return id
}

async function assertSameRankings(db: Kdb, needId: string, label: string): Promise<void> {
  const need = (await loadNeedSides(db, [needId])).get(needId)!
  for (const [limit, offset] of [
    [20, 0],
    [5, 0],
    [7, 6],
    [1, 0],
  ] as const) {
    const pruned = await matchResourcesForNeed(db, need, { limit, offset, now: NOW })
    const expected = await reference(db, need, limit, offset)
    assert.deepEqual(pruned, expected, `${label}: pruned = reference (limit ${limit}, offset ${offset})`)
    if (offset === 0) assert.deepEqual(await fullScanResourcesForNeed(db, need, { limit, offset, now: NOW }), expected, `${label}: full scan = reference`)
  }
}

for (const dialect of DIALECTS) {
  describe(`pruned matching [${dialect.name}]`, () => {
    let database: TestDatabase
    let db: Kdb

    before(async () => {
      database = await dialect.open()
      db = database.db.kysely
      await syncVocabulary(db)
      await loadTestGeography(db)
    })
    after(() => database.close())

    const org = async (world: string, seatCode: string): Promise<Org> => {
      const seat = `commune:${seatCode}`
      return { id: await insertOrganisation(db, world, seat), world, seat: await levelsOf(db, seat) }
    }

    test('a seat across the département border in the same EPCI earns its points (Paris for Vincennes, Métropole du Grand Paris)', async () => {
      const needer = await org('association', '94080')
      const paris = await org('entreprise', '75056')
      const neighbour = await org('entreprise', '94080')
      const lyon = await org('entreprise', '69123')
      const values = { type: 'lieu', domains: ['education_jeunesse'], sdgs: [4], amount: null, hours: null, people: null, status: 'disponible' as const, until: null }
      // Paris shares the Métropole with Vincennes (20 points) although it lies in another département: with
      // an old update it scores 30 + 20 + 15 + 3 + 8 + 2 + 1 = 79, above a fresh resource of Vincennes
      // itself without the domain (30 + 25 + 3 + 8 + 2 + 5 = 73) — which a bound of 8 points for the rest of
      // the région (71) would wrongly leave unread.
      const inParis = await insertResource(db, paris, { ...values, reach: 'region:11', updatedAt: '2024-01-01T00:00:00.000Z' })
      const inVincennes = await insertResource(db, neighbour, { ...values, domains: ['sport'], reach: 'commune:94080', updatedAt: '2026-10-30T00:00:00.000Z' })
      await insertResource(db, lyon, { ...values, reach: NATIONAL, updatedAt: '2026-10-30T00:00:00.000Z' })
      const needId = await insertNeed(db, needer, 'commune:94080', 'education_jeunesse', [4], [{ type: 'lieu', amount: null, hours: null, people: null }])
      const need = (await loadNeedSides(db, [needId])).get(needId)!
      const ranked = await matchResourcesForNeed(db, need, { limit: 2, now: NOW })
      assert.deepEqual(ranked, [
        { id: inParis, score: 79 },
        { id: inVincennes, score: 73 },
      ])
      await assertSameRankings(db, needId, 'border')
    })

    test('ties at the k-th place are ordered like the full ranking (latest update, then id)', async () => {
      const needer = await org('association', '42218')
      const twins = await org('entreprise', '42218')
      const stamp = '2026-06-01T00:00:00.000Z'
      const values = { type: 'expertise', reach: 'departement:42', domains: ['sante'], sdgs: [3], amount: null, hours: null, people: null, status: 'disponible' as const, until: null }
      for (let i = 0; i < 12; i++) await insertResource(db, twins, { ...values, updatedAt: i % 3 === 0 ? '2026-10-20T00:00:00.000Z' : stamp })
      const needId = await insertNeed(db, needer, 'commune:42218', 'sante', [3], [{ type: 'expertise', amount: null, hours: null, people: null }])
      await assertSameRankings(db, needId, 'ties')
    })

    test('randomised resources and needs at every level: the pruned ranking equals the full ones', async () => {
      const random = seededRandom(dialect.name === 'sqlite' ? 7 : 8)
      const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
      const some = <T,>(items: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(items)))]
      const communes = (await db.selectFrom('territories').select('code').where('kind', '=', 'commune').orderBy('id').execute()).map((c) => c.code)
      const places = (await db.selectFrom('territories').select('id').where('kind', 'in', ['commune', 'epci', 'ept', 'departement', 'region']).orderBy('id').execute()).map((t) => t.id)
      const orgs: Org[] = []
      // Few seats, so that many resources share communes, EPCIs and départements with the needs.
      const seats = Array.from({ length: 12 }, () => pick(communes))
      for (let i = 0; i < 40; i++) orgs.push(await org(pick(WORLDS), pick(seats)))
      const types = CONTRIBUTION_TYPES.slice(0, 4)
      for (let i = 0; i < 700; i++) {
        const o = pick(orgs)
        const covering = [...(await coveringSets(db, [o.seat.commune!])).get(o.seat.commune!)!].sort()
        const r = random()
        const reach = r < 0.6 ? pick(covering) : r < 0.8 ? NATIONAL : pick(places)
        const days = Math.floor(random() * 800)
        await insertResource(db, o, {
          type: pick(types),
          reach,
          domains: random() < 0.2 ? [] : some(DOMAINS, 3),
          sdgs: random() < 0.2 ? [] : some([1, 3, 4, 8, 10, 11, 13], 4),
          amount: random() < 0.3 ? null : Math.floor(random() * 50) * 100_000,
          hours: random() < 0.3 ? null : 1 + Math.floor(random() * 60),
          people: random() < 0.5 ? null : 1 + Math.floor(random() * 5),
          updatedAt: new Date(NOW.getTime() - days * 86400_000).toISOString(),
          status: random() < 0.85 ? 'disponible' : pick(['suspendue', 'close'] as const),
          until: random() < 0.9 ? null : random() < 0.5 ? '2026-01-01' : '2027-01-01',
        })
      }
      const resources = (await db.selectFrom('resources').select('id').execute()).map((r) => r.id)
      for (let i = 0; i < 30; i++) {
        const needer = pick(orgs)
        const territory = random() < 0.5 ? `commune:${pick(seats)}` : pick(places)
        const demands = some(types, 3).map((type) => ({ type, amount: random() < 0.4 ? null : Math.floor(random() * 30) * 100_000, hours: random() < 0.4 ? null : 1 + Math.floor(random() * 80), people: random() < 0.6 ? null : 1 + Math.floor(random() * 4) }))
        const needId = await insertNeed(db, needer, territory, pick(DOMAINS), some([1, 3, 4, 8, 10, 11, 13, 16], 4), demands)
        for (let d = 0; d < 3; d++) {
          const at = NOW.toISOString()
          const other = pick(orgs)
          await db
            .insertInto('contact_requests')
            .values({ id: newId(), need_id: needId, resource_id: pick(resources), from_organisation_id: needer.id, to_organisation_id: other.id, from_user_id: null, message: 'Bonjour', status: 'refusee', created_at: at, expires_at: at, answered_at: at, answered_by: null })
            .execute()
        }
        await assertSameRankings(db, needId, `need ${i} (${territory})`)
      }
      const counted = await sql<{ n: number }>`select count(*) as n from resources r where r.match_profile is null`.execute(db)
      assert.equal(Number(counted.rows[0]?.n), 0)
    })
  })
}
