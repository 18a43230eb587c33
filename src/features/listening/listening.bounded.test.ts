/**
 * The pages a signed-in person uses every day — the directories of needs and resources (plain, paged,
 * filtered by territory, by words), a need, and the matches of a need and of a resource — read the same
 * number of queries whatever the number of needs and resources (issue 12, item 1): lists are paged through
 * indexes, counts stop at the cap, rankings are pruned and explained in a fixed number of queries. Signed in,
 * so that no page comes from the page cache. On both databases.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { KyselyPlugin } from 'kysely'
import { buildTestApp, Client, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { contribution, makeNeed, makeOrganisation, makeResource, type TestOrganisation } from '../../../test/helpers/listening.js'

/** Counts the application's queries while armed. */
function queryCounter() {
  const counter = {
    armed: false,
    queries: 0,
    plugin: {
      transformQuery: (args) => {
        if (counter.armed) counter.queries++
        return args.node
      },
      transformResult: async (args) => args.result,
    } satisfies KyselyPlugin,
  }
  return counter
}

/** The needs' and resources' places and kinds of the world; growing it adds more of the same shapes. */
const NEED_PLACES = ['commune:94080', 'departement:94', 'commune:94033']
const RESOURCE_REACHES = ['commune:94080', 'departement:94', 'region:11']

for (const dialect of DIALECTS) {
  describe(`listening pages at scale [${dialect.name}]`, () => {
    const counter = queryCounter()
    let t: TestApp
    let person: Client
    let association: TestOrganisation
    let company: TestOrganisation
    let needId: string
    let resourceId: string
    let serial = 0

    /** `copies` needs of each place and resources of each reach (the same match profiles every time). */
    async function grow(copies: number) {
      for (let i = 0; i < copies; i++) {
        for (const territoryId of NEED_PLACES) {
          serial++
          await makeNeed(t.db, association, {
            title: `Tuteurs pour les collégiens ${serial}`,
            territoryId,
            contributions: [contribution('mecenat_competences', { hours: 20, people: 2 }), contribution('benevolat', { people: 3 })],
          })
        }
        for (const reachTerritoryId of RESOURCE_REACHES) {
          serial++
          await makeResource(t.db, company, { title: `Ingénieurs volontaires ${serial}`, contributionType: 'mecenat_competences', hours: 30, people: 4, domains: ['education_jeunesse'], sdgs: [4], reachTerritoryId })
        }
      }
    }

    const pages = () => [
      '/besoins',
      '/besoins?page=3',
      '/besoins?territoire=departement:94',
      '/besoins?q=tuteurs&contribution=benevolat',
      '/ressources',
      '/ressources?territoire=departement:94&contribution=mecenat_competences',
      `/besoins/${needId}`,
      `/besoins/${needId}/correspondances`,
      `/ressources/${resourceId}/correspondances`,
    ]

    /** The queries of one request of `url` (the fewest of two, after a warm-up: a background refresh may fall in one). */
    async function queriesOf(url: string): Promise<number> {
      const counts: number[] = []
      for (let round = 0; round < 3; round++) {
        counter.queries = 0
        counter.armed = round > 0
        const res = await person.get(url)
        counter.armed = false
        assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`)
        if (round > 0) counts.push(counter.queries)
      }
      return Math.min(...counts)
    }

    before(async () => {
      t = await buildTestApp(dialect, {}, { plugins: [counter.plugin] })
      association = await makeOrganisation(t.db, 'Réussir à Vincennes', 'association', '94080')
      company = await makeOrganisation(t.db, 'Numérique de Fontenay', 'entreprise', '94033')
      needId = await makeNeed(t.db, association, { title: 'Le besoin observé', territoryId: 'commune:94080', contributions: [contribution('mecenat_competences', { hours: 20, people: 2 })] })
      resourceId = await makeResource(t.db, company, { title: 'La ressource observée', contributionType: 'mecenat_competences', hours: 30, people: 4, reachTerritoryId: 'departement:94' })
      await grow(1)
      person = new Client(t.app)
      const signedUp = await person.signUp('lectrice@example.org')
      assert.equal(signedUp.statusCode, 303, signedUp.body)
    })
    after(() => t.close())

    test('directories, a need and the matches read no more queries with 20 times more needs and resources', async () => {
      // One page at a time: the counter sees every query of the application.
      const counts = async () => {
        const out = new Map<string, number>()
        for (const url of pages()) out.set(url, await queriesOf(url))
        return out
      }
      const count = async () => Number((await t.db.selectFrom('needs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      const small = await counts()
      await grow(10)
      const middle = await counts()
      await grow(10)
      const large = await counts()
      const needs = await count()
      assert.ok(needs >= 60, `${needs} needs: three pages of the directory, three times the matches shown`)

      for (const url of pages()) {
        const [s, m, l] = [small.get(url)!, middle.get(url)!, large.get(url)!]
        // With fewer candidates than the matches shown, the pruned ranking reads every group down to the oldest
        // (its most rounds); with enough of them it stops earlier. A page past the end reads its total alone,
        // which a page holding rows reads with them (core paging's rowsWithTotal). Nothing reads more as rows grow.
        assert.ok(m <= s, `${url}: ${s} queries with few rows, ${m} with more`)
        assert.ok(l <= m, `${url}: ${m} queries, then ${l} with ${needs} needs`)
        if (!url.endsWith('/correspondances') && !url.includes('page=')) assert.equal(l, s, `${url}: the same queries at every size`)
      }

      // The pages are full at this size: the directory's third page, the 20 matches shown.
      const third = await person.get('/besoins?page=3')
      assert.match(third.body, /Tuteurs pour les collégiens/)
      const matches = await person.get(`/besoins/${needId}/correspondances`)
      assert.equal(new Set(matches.body.match(/href="\/ressources\/[0-9a-f-]{36}"/g)).size, 20)
    })
  })
}
