import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { demoId, loadDemo } from '../demo/index.js'
import { DEMO_ALLIANCES } from './alliances.demo.data.js'

/** A digest of the demo rows that should not depend on when or where the demo was loaded. */
async function digest(t: TestApp): Promise<string> {
  const contributions = await t.db.selectFrom('alliance_contributions').select(['id', 'organisation_id', 'unit', 'quantity_hundredths', 'contributed_on']).orderBy('id').execute()
  const journal = await t.db.selectFrom('alliance_journal_entries').select(['id', 'kind', 'occurred_on', 'title']).orderBy('id').execute()
  return createHash('sha256').update(JSON.stringify([contributions, journal])).digest('hex')
}

for (const dialect of DIALECTS) {
  describe(`demo alliances [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect)
      await loadDemo(t.db)
    })
    after(() => t.close())

    test('a dozen alliances in the pilot territory, at different phases, with partners from several worlds', async () => {
      const alliances = await t.db.selectFrom('alliances').selectAll().execute()
      assert.ok(alliances.length >= 12, String(alliances.length))
      assert.ok(alliances.every((a) => a.is_demo === 1))
      assert.ok(new Set(alliances.map((a) => a.phase)).size >= 5)
      assert.ok(alliances.some((a) => a.visibility === 'partners'))
      const inPilot = await t.db
        .selectFrom('alliance_territories')
        .select('alliance_id')
        .distinct()
        .where('territory_id', 'in', (eb) => eb.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', '=', 'ept:200057941'))
        .execute()
      assert.ok(inPilot.length >= 12)
      const seventeen = await t.db.selectFrom('alliance_sdgs').select('alliance_id').where('sdg', '=', 17).execute()
      assert.equal(seventeen.length, alliances.length, 'SDG 17 on every alliance')
    })

    test('charters with versions not signed by everyone, contributions over two to four years, journals', async () => {
      const charters = await t.db.selectFrom('alliance_charters').select(['id', 'alliance_id', 'version']).execute()
      assert.ok(charters.some((c) => c.version >= 2))
      const unsigned = await t.db
        .selectFrom('alliance_charters')
        .innerJoin('alliance_partners', 'alliance_partners.alliance_id', 'alliance_charters.alliance_id')
        .select('alliance_charters.id')
        .where('alliance_partners.status', '=', 'active')
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('alliance_charter_signatures').select('charter_id').whereRef('alliance_charter_signatures.charter_id', '=', 'alliance_charters.id').whereRef('alliance_charter_signatures.organisation_id', '=', 'alliance_partners.organisation_id'))),
        )
        .execute()
      assert.ok(unsigned.length > 0, 'some versions are not signed by every partner')
      const spans = await t.db
        .selectFrom('alliance_contributions')
        .select(['alliance_id', (eb) => eb.fn.min('contributed_on').as('first'), (eb) => eb.fn.max('contributed_on').as('last')])
        .groupBy('alliance_id')
        .execute()
      const years = spans.map((s) => Number(String(s.last).slice(0, 4)) - Number(String(s.first).slice(0, 4)) + 1)
      assert.ok(years.filter((y) => y >= 2 && y <= 5).length >= 8, JSON.stringify(years))
      const entries = await t.db.selectFrom('alliance_journal_entries').select(['alliance_id', 'kind', 'system_event']).execute()
      assert.ok(entries.some((e) => e.kind === 'changement_phase' && e.system_event === 'phase_changed'))
      for (const kind of ['jalon', 'reunion', 'decision', 'resultat', 'difficulte']) assert.ok(entries.some((e) => e.kind === kind), kind)
      const cents = await t.db.selectFrom('alliance_contributions').select('quantity_hundredths').where('unit', '=', 'eur').execute()
      assert.ok(cents.every((c) => Number.isInteger(Number(c.quantity_hundredths)) && Number(c.quantity_hundredths) > 0))
    })

    test('loading again changes nothing; the content is deterministic', async () => {
      const before = await digest(t)
      await loadDemo(t.db)
      assert.equal(await digest(t), before)
      const other = await buildTestApp(dialect)
      try {
        await loadDemo(other.db)
        assert.equal(await digest(other), before)
      } finally {
        await other.close()
      }
    })

    test('the pages show the demo alliances; a partners-only one stays hidden from visitors', async () => {
      const visitor = new Client(t.app)
      const directory = await visitor.get('/alliances?territoire=ept:200057941')
      assert.equal(directory.statusCode, 200)
      assert.match(textOf(directory.body), /Numérique pour tous à l’Est/)
      assert.doesNotMatch(textOf(directory.body), /Berges vivantes/)
      const hidden = DEMO_ALLIANCES.find((a) => a.visibility === 'partners')!
      assert.equal((await visitor.get(`/alliances/${demoId(`alliance:${hidden.key}`)}`)).statusCode, 404)
      const page = await visitor.get(`/alliances/${demoId('alliance:numerique-pour-tous')}`)
      assert.equal(page.statusCode, 200)
      assert.match(textOf(page.body), /Seniors Connectés/)
      const oneWorld = await visitor.get(`/alliances/${demoId('alliance:entraide-alimentaire')}`)
      assert.match(textOf(oneWorld.body), /Pas encore une alliance entre mondes différents/)
      const network = await visitor.get('/alliances/territoires/ept/200057941/reseau')
      assert.match(network.body, /<svg[^>]*class="network"/)
    })
  })
}
