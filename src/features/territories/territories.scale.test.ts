/**
 * A territory page's cost must not grow with the size of the territory: the number of SQL statements it runs
 * (its own queries and every section's) is the same with 1 need in the commune as with 41, at every level,
 * signed in (no page cache), on both databases. Statements are counted by a Kysely plugin on the connection
 * the application uses.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { KyselyPlugin } from 'kysely'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../app.js'
import { loadConfig } from '../../core/config.js'
import type { Db } from '../../core/db/connect.js'
import type { Database } from '../../database.js'
import { Client } from '../../../test/helpers/app.js'
import { DIALECTS, type TestDatabase } from '../../../test/helpers/dialects.js'
import { loadTestGeography } from '../../../test/helpers/geography.js'
import { contribution, makeNeed, makeOrganisation, makeResource } from '../../../test/helpers/listening.js'
import { syncVocabulary } from '../vocabulary/index.js'

/** Counts the statements executed through the Kysely instance it is plugged into (one result per statement). */
class StatementCounter implements KyselyPlugin {
  count = 0
  transformQuery: KyselyPlugin['transformQuery'] = (args) => args.node
  transformResult: KyselyPlugin['transformResult'] = async (args) => {
    this.count++
    return args.result
  }
}

const PAGES = ['/territoires/commune/94080', '/territoires/ept/200057941', '/territoires/epci/200054781', '/territoires/departement/94', '/territoires/region/11']

for (const dialect of DIALECTS) {
  describe(`territory pages at scale [${dialect.name}]`, () => {
    let database: TestDatabase
    let app: FastifyInstance
    const counter = new StatementCounter()
    before(async () => {
      database = await dialect.open()
      await syncVocabulary(database.db.kysely)
      await loadTestGeography(database.db.kysely)
      const counted: Db<Database> = { ...database.db, kysely: database.db.kysely.withPlugin(counter) }
      app = await buildApp(loadConfig({ NODE_ENV: 'test', ALLIANCE_RATE_LIMIT: '0', ALLIANCE_PAGE_CACHE_SECONDS: '0', PUBLIC_URL: 'http://alliance.test' }), { db: counted })
      await app.ready()
    })
    after(async () => {
      await app.close()
      await database.close()
    })

    async function statementsPerPage(client: Client): Promise<Record<string, number>> {
      const counts: Record<string, number> = {}
      for (const url of PAGES) {
        // The first view may do once-only work (a session refreshed, a summary rebuilt): count the second.
        await client.get(url)
        counter.count = 0
        const res = await client.get(url)
        assert.equal(res.statusCode, 200, url)
        counts[url] = counter.count
      }
      return counts
    }

    test('the number of statements of each territory page does not grow with the needs inside it', async () => {
      const db = database.db.kysely
      const association = await makeOrganisation(db, 'Association des jardins de Vincennes', 'association', '94080')
      const company = await makeOrganisation(db, 'Entreprise de Vincennes', 'entreprise', '94080')
      const person = new Client(app)
      assert.equal((await person.signUp('territoire-echelle@example.org')).statusCode, 303)
      const publish = (n: number) => makeNeed(db, association, { title: `Besoin numéro ${n}`, territoryId: 'commune:94080', contributions: [contribution(n % 2 ? 'benevolat' : 'materiel')] })
      await publish(0)
      const few = await statementsPerPage(person)
      for (let n = 1; n <= 40; n++) await publish(n)
      await makeResource(db, company, { contributionType: 'benevolat', title: 'Des salariés bénévoles', reachTerritoryId: 'departement:94' })
      const many = await statementsPerPage(person)
      assert.deepEqual(many, few, 'statements per page with 41 needs, against 1')
      for (const [url, n] of Object.entries(few)) assert.ok(n > 3, `${url}: the counter sees the page's statements (${n})`)
    })
  })
}
