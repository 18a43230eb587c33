/**
 * The stored listening state of territory pages (issue 12, item 1), on SQLite and PostgreSQL: the served day of
 * each need (orphan needs) after every kind of write of needs and resources, equal to the definition evaluated
 * over every resource; the dashboard counts kept by triggers, equal to counting every need and resource inside;
 * and the migration's backfill of both on existing data.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sql, type Kysely } from 'kysely'
import * as migration from '../../core/db/migrations/2026-12-11T16-40_listening_orphans_and_counts.js'
import type { Database } from '../../database.js'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { contribution, makeNeed, makeOrganisation, makeResource, type TestOrganisation } from '../../../test/helpers/listening.js'
import { answerContactRequest, createContactRequest } from './index.js'
import { countInsideTerritory, listOrphanNeeds } from './listening.queries.js'
import { updateNeed, updateResource } from './listening.service.js'
import type { NeedData, ResourceData } from './listening.schemas.js'

const TODAY = '2026-12-05'
const TERRITORIES = ['commune:94080', 'commune:94033', 'departement:94', 'region:11', 'departement:42', 'commune:42218']

/** Orphan needs by the definition: open, and no available resource of another organisation serves them on `today`. */
async function orphansByDefinition(db: Kysely<Database>, territoryId: string, today: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`select n.id from needs n
    where n.status in ('ouvert', 'en_discussion')
      and n.territory_id in (select descendant_id from territory_closure where ancestor_id = ${territoryId})
      and not exists (select 1 from need_contributions nc inner join resources r on r.contribution_type = nc.contribution_type
        where nc.need_id = n.id and r.status = 'disponible' and r.organisation_id <> n.organisation_id
          and (r.available_until is null or r.available_until >= ${today})
          and (r.reach_territory_id = 'national' or r.reach_territory_id in (select ancestor_id from territory_closure where descendant_id = n.territory_id)))
    order by n.id`.execute(db)
  return rows.rows.map((r) => r.id)
}

/** The dashboard counts by counting every open need and available resource inside (the closure). */
async function countsByDefinition(db: Kysely<Database>, territoryId: string) {
  const inside = sql`(select descendant_id from territory_closure where ancestor_id = ${territoryId})`
  const needs = await sql<{ domain: string; sdg_mask: number }>`select domain, sdg_mask from needs where status in ('ouvert', 'en_discussion') and territory_id in ${inside}`.execute(db)
  const resources = await sql<{ contribution_type: string }>`select contribution_type from resources where status = 'disponible' and seat_commune_id in ${inside}`.execute(db)
  const tally = (codes: string[]) => {
    const m = new Map<string, number>()
    for (const c of codes) m.set(c, (m.get(c) ?? 0) + 1)
    return [...m].map(([code, n]) => ({ code, n })).sort((a, b) => (a.code < b.code ? -1 : 1))
  }
  return {
    byDomain: tally(needs.rows.map((r) => r.domain)),
    bySdg: Array.from({ length: 17 }, (_, i) => ({ code: String(i + 1), n: needs.rows.filter((r) => (Number(r.sdg_mask) & (1 << i)) !== 0).length })),
    byType: tally(resources.rows.map((r) => r.contribution_type)),
  }
}

for (const dialect of DIALECTS) {
  describe(`listening stored state of territory pages [${dialect.name}]`, () => {
    let t: TestApp
    let association: TestOrganisation
    let company: TestOrganisation
    let needId: string
    let resourceId: string
    const needData = (over: Partial<NeedData> = {}): NeedData => ({
      organisationId: association.id,
      title: 'Des bénévoles pour la collecte',
      description: 'Une description assez longue pour le test.',
      domain: 'education_jeunesse',
      sdgs: null,
      horizon: 'moyen',
      lever: null,
      status: null,
      territoryId: 'commune:94080',
      contributions: [contribution('benevolat', { people: 3 })],
      ...over,
    })
    const resourceData = (over: Partial<ResourceData> = {}): ResourceData => ({
      organisationId: company.id,
      kind: 'ressource',
      title: 'Des bénévoles',
      description: 'Une description assez longue pour le test.',
      amountMinCents: null,
      amountMaxCents: null,
      hours: null,
      people: 4,
      skills: null,
      items: null,
      place: null,
      domains: [],
      sdgs: [],
      reachTerritoryId: 'departement:94',
      availableFrom: null,
      availableUntil: null,
      status: null,
      contributionType: 'benevolat',
      ...over,
    })

    before(async () => {
      t = await buildTestApp(dialect)
      association = await makeOrganisation(t.db, 'Association de Vincennes', 'association', '94080')
      company = await makeOrganisation(t.db, 'Entreprise de Fontenay', 'entreprise', '94033')
    })
    after(() => t.close())

    const served = async (id: string) => (await t.db.selectFrom('needs').select('served_until').where('id', '=', id).executeTakeFirstOrThrow()).served_until
    /** The stored orphans and counts of every territory agree with their definitions, on each of these days. */
    async function agrees(days: string[] = [TODAY]) {
      for (const territoryId of TERRITORIES) {
        for (const day of days) {
          const stored = await listOrphanNeeds(t.db, territoryId, day, 1000)
          const expected = await orphansByDefinition(t.db, territoryId, day)
          assert.deepEqual(stored.rows.map((r) => r.id).sort(), expected, `orphans of ${territoryId} on ${day}`)
          assert.equal(stored.total, expected.length)
        }
        assert.deepEqual(await countInsideTerritory(t.db, territoryId), await countsByDefinition(t.db, territoryId), `counts of ${territoryId}`)
      }
    }

    test('a need no resource serves is an orphan; a resource of another organisation reaching it serves it', async () => {
      needId = await makeNeed(t.db, association, { territoryId: 'commune:94080', contributions: [contribution('benevolat', { people: 3 })] })
      assert.equal(await served(needId), '')
      assert.deepEqual((await listOrphanNeeds(t.db, 'departement:94', TODAY, 5)).rows.map((r) => r.id), [needId])
      // the association's own resource does not serve its own need
      await makeResource(t.db, association, { contributionType: 'benevolat', reachTerritoryId: 'departement:94' })
      assert.equal(await served(needId), '')
      resourceId = await makeResource(t.db, company, { contributionType: 'benevolat', reachTerritoryId: 'departement:94', availableUntil: '2027-01-31' })
      assert.equal(await served(needId), '2027-01-31')
      assert.deepEqual((await listOrphanNeeds(t.db, 'departement:94', TODAY, 5)).rows, [])
      // on the day after its last day, the need is an orphan again, with no write
      assert.deepEqual((await listOrphanNeeds(t.db, 'commune:94080', '2027-02-01', 5)).rows.map((r) => r.id), [needId])
      await agrees([TODAY, '2027-02-01'])
    })

    test('every change of a resource keeps the served day: end date, status, kind of help, reach', async () => {
      const other = await makeResource(t.db, company, { title: 'D’autres bénévoles', contributionType: 'benevolat', reachTerritoryId: 'region:11' })
      assert.equal(await served(needId), '9999-12-31')
      await updateResource(t.db, company.actor, other, resourceData({ reachTerritoryId: 'region:11', status: 'suspendue' }))
      assert.equal(await served(needId), '2027-01-31')
      await updateResource(t.db, company.actor, resourceId, resourceData({ availableUntil: '2026-12-20' }))
      assert.equal(await served(needId), '2026-12-20')
      await updateResource(t.db, company.actor, resourceId, resourceData({ contributionType: 'mecenat_financier' }))
      assert.equal(await served(needId), '')
      await updateResource(t.db, company.actor, resourceId, resourceData({ reachTerritoryId: 'departement:42' }))
      assert.equal(await served(needId), '')
      await updateResource(t.db, company.actor, resourceId, resourceData({ reachTerritoryId: 'commune:94080' }))
      assert.equal(await served(needId), '9999-12-31')
      await updateResource(t.db, company.actor, resourceId, resourceData({ reachTerritoryId: 'commune:94080', status: 'close' }))
      assert.equal(await served(needId), '')
      await updateResource(t.db, company.actor, other, resourceData({ reachTerritoryId: 'national', status: 'disponible', availableUntil: '2027-06-30' }))
      assert.equal(await served(needId), '2027-06-30')
      await agrees([TODAY, '2027-07-01'])
    })

    test('every change of a need keeps its served day and the counts: kinds of help, territory, status, domain', async () => {
      const elsewhere = await makeNeed(t.db, association, { territoryId: 'commune:42218', domain: 'sante', contributions: [contribution('mecenat_financier', {})] })
      assert.equal(await served(elsewhere), '', 'the national resource does not serve it: not its kind of help')
      await updateNeed(t.db, association.actor, needId, needData({ contributions: [contribution('mecenat_competences', { hours: 10, people: 1 })] }))
      assert.equal(await served(needId), '')
      await updateNeed(t.db, association.actor, needId, needData({ territoryId: 'commune:94033', domain: 'sante', sdgs: [3, 10] }))
      assert.equal(await served(needId), '2027-06-30')
      await agrees()
      await updateNeed(t.db, association.actor, needId, needData({ status: 'couvert' }))
      await agrees()
      await updateNeed(t.db, association.actor, needId, needData({ status: 'ouvert' }))
      await agrees()
    })

    test('accepting a contact request (the need goes under discussion) keeps it counted as open', async () => {
      const resource = await makeResource(t.db, company, { title: 'Encore des bénévoles', contributionType: 'benevolat', reachTerritoryId: 'departement:94' })
      const request = await createContactRequest(t.db, company.actor, { needId, resourceId: resource, message: 'Bonjour, nous pouvons vous aider.' })
      await answerContactRequest(t.db, association.actor, request, 'acceptee')
      assert.equal((await t.db.selectFrom('needs').select('status').where('id', '=', needId).executeTakeFirstOrThrow()).status, 'en_discussion')
      await agrees()
    })

    test('the migration backfills the served days and the counts of needs and resources already there', async () => {
      await migration.down(t.db)
      await migration.up(t.db)
      assert.equal(await served(needId), '9999-12-31')
      await agrees([TODAY, '2027-07-01'])
      // and the triggers it recreates keep the counts
      await makeNeed(t.db, association, { territoryId: 'departement:94', domain: 'sante', contributions: [contribution('benevolat', {})] })
      await agrees()
    })
  })
}
