/**
 * Matching on hand-built cases whose expected ranking is obvious, on SQLite and PostgreSQL: the indexed
 * path, the full scan and the reference scorer agree; reaches that do not cover a need never appear; an
 * organisation never sees its own resources; a declined pair is not proposed again; ties are ordered.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'
import { contribution, makeNeed, makeOrganisation, makeResource, type TestOrganisation } from '../../../../test/helpers/listening.js'
import { coveringSets, loadNeedSides, loadResourceSides } from './loaders.js'
import { matchResourcesForNeed } from './pruned.js'
import { explainNeeds, explainNeedsForResource, explainResourcesForNeed, fullScanResourcesForNeed, matchNeedsForResource } from './rank.js'
import { capacityBand, scorePair, WEIGHTS } from './score.js'

test('capacity bands: enough, at least half, short, unknown', () => {
  assert.equal(capacityBand(100, 150), 'full')
  assert.equal(capacityBand(100, 60), 'partial')
  assert.equal(capacityBand(100, 40), 'short')
  assert.equal(capacityBand(null, 40), 'unknown')
})

for (const dialect of DIALECTS) {
  describe(`matching [${dialect.name}]`, () => {
    let t: TestApp
    let association: TestOrganisation
    let vincennesCompany: TestOrganisation
    let lyonCompany: TestOrganisation
    let loireCompany: TestOrganisation
    let needId: string
    const ids: Record<string, string> = {}
    const now = new Date()

    before(async () => {
      t = await buildTestApp(dialect)
      association = await makeOrganisation(t.db, 'Réussir à Vincennes', 'association', '94080')
      vincennesCompany = await makeOrganisation(t.db, 'Numérique de Vincennes', 'entreprise', '94080')
      lyonCompany = await makeOrganisation(t.db, 'Banque de Lyon', 'entreprise', '69123')
      loireCompany = await makeOrganisation(t.db, 'Conseil de la Loire', 'entreprise', '42218')
      needId = await makeNeed(t.db, association, {
        title: 'Tuteurs en mathématiques',
        territoryId: 'commune:94080',
        sdgs: [4],
        contributions: [contribution('mecenat_competences', { hours: 20, people: 2, skills: 'mathématiques' }), contribution('mecenat_financier', { amountMinCents: 500000 })],
      })
      ids.localSkills = await makeResource(t.db, vincennesCompany, { title: 'Ingénieurs volontaires', contributionType: 'mecenat_competences', hours: 30, people: 2, domains: ['education_jeunesse'], sdgs: [4, 9], reachTerritoryId: 'commune:94080' })
      ids.nationalMoney = await makeResource(t.db, lyonCompany, { title: 'Fonds national', contributionType: 'mecenat_financier', amountMaxCents: 1000000, reachTerritoryId: 'national' })
      ids.loireSkills = await makeResource(t.db, loireCompany, { title: 'Conseil dans la Loire', contributionType: 'mecenat_competences', hours: 30, domains: ['education_jeunesse'], sdgs: [4], reachTerritoryId: 'departement:42' })
      ids.ownSkills = await makeResource(t.db, association, { title: 'Nos propres bénévoles', contributionType: 'mecenat_competences', hours: 30, domains: ['education_jeunesse'], reachTerritoryId: 'commune:94080' })
      ids.defaultReach = await makeResource(t.db, vincennesCompany, { title: 'Matériel informatique', contributionType: 'mecenat_nature' })
      ids.wrongType = await makeResource(t.db, lyonCompany, { title: 'Un lieu à Lyon', contributionType: 'lieu', reachTerritoryId: 'national' })
    })
    after(() => t.close())

    const needSide = async () => (await loadNeedSides(t.db, [needId])).get(needId)!

    test('a same-commune skills resource beats a national financial one; the reasons say why', async () => {
      const ranked = await matchResourcesForNeed(t.db, await needSide(), { limit: 20, now })
      assert.deepEqual(ranked.map((r) => r.id), [ids.localSkills, ids.nationalMoney])
      const explained = await explainResourcesForNeed(t.db, await needSide(), { limit: 20, now })
      const first = explained[0]!.score.components.map((c) => c.code)
      assert.ok(first.includes('proximity.commune'))
      assert.ok(first.includes('type') && first.includes('domain') && first.includes('sdg') && first.includes('world') && first.includes('capacity.full'))
      assert.ok(explained[1]!.score.components.some((c) => c.code === 'proximity.national'))
      // SQL and the reference scorer give the same totals.
      assert.deepEqual(explained.map((e) => e.score.total), ranked.map((r) => r.score))
      const expected = WEIGHTS.type + WEIGHTS.proximity.commune + WEIGHTS.domain + WEIGHTS.sdgEach + WEIGHTS.world + WEIGHTS.capacity.full + 5
      assert.equal(ranked[0]!.score, expected)
    })

    test('a reach that does not cover the need, a type not sought and the organisation’s own resource never appear', async () => {
      const ranked = (await matchResourcesForNeed(t.db, await needSide(), { limit: 50, now })).map((r) => r.id)
      for (const excluded of [ids.loireSkills, ids.ownSkills, ids.defaultReach, ids.wrongType]) assert.ok(!ranked.includes(excluded as string))
      const covering = (await coveringSets(t.db, ['commune:94080'])).get('commune:94080')!
      const loire = (await loadResourceSides(t.db, [ids.loireSkills!])).get(ids.loireSkills!)!
      assert.equal(scorePair(await needSide(), loire, covering, now), null)
    })

    test('the full scan finds exactly the same ranking', async () => {
      const indexed = await matchResourcesForNeed(t.db, await needSide(), { limit: 20, now })
      const scanned = await fullScanResourcesForNeed(t.db, await needSide(), { limit: 20, now })
      assert.deepEqual(scanned, indexed)
    })

    test('without a reach, a resource reaches its seat’s département, and the default reach is matched', async () => {
      const row = await t.db.selectFrom('resources').select('reach_territory_id').where('id', '=', ids.defaultReach!).executeTakeFirstOrThrow()
      assert.equal(row.reach_territory_id, 'departement:94')
      const other = await makeNeed(t.db, association, { title: 'Des ordinateurs', territoryId: 'commune:94080', contributions: [contribution('mecenat_nature')] })
      const side = (await loadNeedSides(t.db, [other])).get(other)!
      assert.deepEqual((await matchResourcesForNeed(t.db, side, { limit: 20, now })).map((r) => r.id), [ids.defaultReach])
    })

    test('reverse: a resource finds the needs inside its reach only, never its organisation’s own', async () => {
      const resource = (await loadResourceSides(t.db, [ids.localSkills!])).get(ids.localSkills!)!
      const needs = (await matchNeedsForResource(t.db, resource, { limit: 20, now })).map((r) => r.id)
      assert.ok(needs.includes(needId))
      const faraway = await makeNeed(t.db, association, { title: 'Besoin à Saint-Étienne', territoryId: 'commune:42218', contributions: [contribution('mecenat_competences')] })
      const companyNeed = await makeNeed(t.db, vincennesCompany, { title: 'Besoin de l’entreprise', territoryId: 'commune:94080', contributions: [contribution('mecenat_competences')] })
      const again = (await matchNeedsForResource(t.db, resource, { limit: 20, now })).map((r) => r.id)
      assert.ok(!again.includes(faraway) && !again.includes(companyNeed))
      const explained = await explainNeedsForResource(t.db, resource, { limit: 20, now })
      assert.deepEqual(explained.map((e) => e.needId), again)
    })

    test('explaining the needs of a resource reads a bounded number of queries, whatever the number of needs', async () => {
      // A national resource: needs everywhere are proposed.
      const resource = (await loadResourceSides(t.db, [ids.nationalMoney!])).get(ids.nationalMoney!)!
      const places = ['commune:94033', 'departement:94', 'commune:42218', 'commune:69123', 'region:84']
      for (const territoryId of places) await makeNeed(t.db, association, { title: `Besoin à ${territoryId}`, territoryId, contributions: [contribution('mecenat_financier', { amountMinCents: 200000 })] })
      const ranked = await matchNeedsForResource(t.db, resource, { limit: 50, now })
      assert.ok(new Set([...(await loadNeedSides(t.db, ranked.map((r) => r.id))).values()].map((n) => n.territory_id)).size >= 5, 'needs in several territories')
      let queries = 0
      const counted = t.db.withPlugin({ transformQuery: (args) => {
          queries++
          return args.node
        }, transformResult: async (args) => args.result })
      const explained = await explainNeeds(counted, resource, ranked, now)
      assert.equal(explained.length, ranked.length)
      assert.ok(queries <= 3, `${queries} queries for ${ranked.length} needs`)
      // The same explanations as one reference score per need.
      const covering = await coveringSets(t.db, [...(await loadNeedSides(t.db, ranked.map((r) => r.id))).values()].map((n) => n.territory_id))
      for (const e of explained) {
        const need = (await loadNeedSides(t.db, [e.needId])).get(e.needId)!
        assert.deepEqual(e.score, scorePair(need, resource, covering.get(need.territory_id)!, now, 'needs'))
      }
      assert.deepEqual(explained.map((e) => e.score.total), ranked.map((r) => r.score), 'SQL and the reference scorer agree')
    })

    test('ties are ordered by the most recent update, then by id', async () => {
      const twin = await makeOrganisation(t.db, 'Jumelle de Vincennes', 'entreprise', '94080')
      const a = await makeResource(t.db, twin, { title: 'Jumeau A', contributionType: 'lieu', reachTerritoryId: 'commune:94080' })
      const b = await makeResource(t.db, twin, { title: 'Jumeau B', contributionType: 'lieu', reachTerritoryId: 'commune:94080' })
      const stamp = '2026-10-01T00:00:00.000Z'
      await t.db.updateTable('resources').set({ updated_at: stamp }).where('id', 'in', [a, b]).execute()
      const need = await makeNeed(t.db, association, { title: 'Une salle', territoryId: 'commune:94080', contributions: [contribution('lieu')] })
      const side = (await loadNeedSides(t.db, [need])).get(need)!
      const ranked = await matchResourcesForNeed(t.db, side, { limit: 20, now: new Date('2026-10-15T00:00:00Z') })
      assert.equal(ranked[0]!.score, ranked[1]!.score)
      assert.deepEqual(ranked.slice(0, 2).map((r) => r.id), [a, b].sort())
      assert.ok(ranked[2]!.score < ranked[1]!.score, 'the national place of Lyon comes after the local twins')
    })

    test('a declined pair is not proposed again', async () => {
      const now2 = new Date().toISOString()
      await t.db
        .insertInto('contact_requests')
        .values({ id: '0190b3c4-0000-7000-8000-0000000000aa', need_id: needId, resource_id: ids.nationalMoney!, from_organisation_id: association.id, to_organisation_id: lyonCompany.id, from_user_id: association.actor.userId, message: 'Bonjour, parlons-en.', status: 'refusee', created_at: now2, expires_at: now2, answered_at: now2, answered_by: lyonCompany.actor.userId })
        .execute()
      const ranked = (await matchResourcesForNeed(t.db, await needSide(), { limit: 20, now })).map((r) => r.id)
      assert.deepEqual(ranked, [ids.localSkills])
      assert.deepEqual((await fullScanResourcesForNeed(t.db, await needSide(), { limit: 20, now })).map((r) => r.id), ranked)
    })
  })
}

describe('scale generator', () => {
  test('the same options give the same rows (SQLite, test geography)', async () => {
    const { generateScaleData } = await import('../listening.scale.js')
    const snapshots: string[] = []
    for (let i = 0; i < 2; i++) {
      const t = await buildTestApp(DIALECTS[0]!)
      try {
        const report = await generateScaleData(t.db, { organisations: 30, resources: 90, needs: 40, seed: 11 })
        assert.equal(report.rows, 160)
        const rows = await t.db.selectFrom('resources').select(['id', 'title', 'reach_territory_id', 'contribution_type', 'updated_at']).orderBy('id').execute()
        const needs = await t.db.selectFrom('needs').select(['id', 'territory_id', 'status']).orderBy('id').execute()
        snapshots.push(JSON.stringify({ rows, needs }))
      } finally {
        await t.close()
      }
    }
    assert.equal(snapshots[0], snapshots[1])
  })
})
