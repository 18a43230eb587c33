/**
 * Property test of the territories' running totals on both databases (fast-check): after any sequence of pledges
 * made, fulfilled (in part or whole, and back), withdrawn, re-seated or deleted — written straight to the table as
 * the services, the fulfilment triggers, the demo or a bulk load do — `mobilisation_territory_totals` equals the
 * totals recomputed from the active pledges (count, value, realised, quantity, fulfilment, pledges without a value,
 * distinct organisations) for every territory of every level, the country and every facet, and a territory's
 * dashboard reads them.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { newId, nowIso } from '../../../core/db/values.js'
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.js'
import { insertOrganisation } from '../../../../test/helpers/alliances.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'
import { territoryDashboard } from './dashboard.queries.js'

const SEATS = [
  { commune_id: 'commune:94080', epci_id: null, ept_id: 'ept:200054781', departement_id: 'departement:94', region_id: 'region:11', commune_band: 'c' },
  { commune_id: 'commune:94081', epci_id: null, ept_id: 'ept:200054781', departement_id: 'departement:94', region_id: 'region:11', commune_band: 'b' },
  { commune_id: 'commune:69123', epci_id: 'epci:200046977', ept_id: null, departement_id: 'departement:69', region_id: 'region:84', commune_band: null },
] as const
const KINDS = [
  { help_kind: 'euros', unit: 'eur' },
  { help_kind: 'skills', unit: 'hours' },
  { help_kind: 'goods', unit: 'items' },
] as const

type Op =
  | { kind: 'pledge'; org: number; seat: number; help: number; quantity: number; valued: boolean; world: number; size: number }
  | { kind: 'fulfil'; pledge: number; share: number }
  | { kind: 'withdraw'; pledge: number }
  | { kind: 'reseat'; pledge: number; seat: number }
  | { kind: 'delete'; pledge: number }

const index = fc.integer({ min: 0, max: 30 })
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('pledge' as const), org: fc.integer({ min: 0, max: 3 }), seat: fc.integer({ min: 0, max: 2 }), help: fc.integer({ min: 0, max: 2 }), quantity: fc.integer({ min: 1, max: 1_000_000 }), valued: fc.boolean(), world: fc.integer({ min: 0, max: 1 }), size: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('fulfil' as const), pledge: index, share: fc.integer({ min: 0, max: 100 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), pledge: index }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reseat' as const), pledge: index, seat: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pledge: index }) },
)

const WORLDS = ['entreprise', 'association'] as const
const SIZES = [null, 'pme', 'eti'] as const
const LEVELS = ['commune_id', 'epci_id', 'ept_id', 'departement_id', 'region_id'] as const

type Totals = { pledges: number; organisations: Set<string>; pledged: number; realised: number; quantity: number; fulfilled: number; unvalued: number }

for (const dialect of DIALECTS) {
  describe(`mobilisation territory totals [${dialect.name}]`, () => {
    let t: TestApp
    let orgs: string[]
    before(async () => {
      t = await buildTestApp(dialect)
      orgs = []
      for (const name of ['Alpha', 'Beta', 'Gamma', 'Delta']) orgs.push(await insertOrganisation(t.db, `Totaux ${name}`, 'entreprise'))
    })
    after(() => t.close())

    /** The totals recomputed from the active pledges, keyed `territory|facet|code|unit`. */
    async function expected(): Promise<Map<string, Totals>> {
      const rows = await t.db.selectFrom('mobilisation_pledges').selectAll().where('status', '=', 'active').execute()
      const out = new Map<string, Totals>()
      for (const p of rows) {
        const territories = [...LEVELS.map((l) => p[l]).filter((x): x is string => x !== null), 'national']
        const facets: Array<[string, string, string]> = [
          ['all', '', ''],
          ['world', p.world, ''],
          ['size', p.size_band ?? '', ''],
          ['commune_band', p.commune_band ?? '', ''],
          ['departement', p.departement_id ?? '', ''],
          ['kind', p.help_kind, p.unit],
        ]
        for (const territory of territories) {
          for (const [facet, code, unit] of facets) {
            const key = `${territory}|${facet}|${code}|${unit}`
            const s = out.get(key) ?? { pledges: 0, organisations: new Set(), pledged: 0, realised: 0, quantity: 0, fulfilled: 0, unvalued: 0 }
            out.set(key, s)
            s.pledges += 1
            if (facet !== 'kind') s.organisations.add(p.organisation_id)
            s.pledged += Number(p.value_cents ?? 0)
            s.realised += Number(p.realised_cents ?? 0)
            s.quantity += Number(p.quantity_hundredths)
            s.fulfilled += Number(p.fulfilled_hundredths)
            s.unvalued += p.value_cents === null ? 1 : 0
          }
        }
      }
      return out
    }

    async function kept(): Promise<Map<string, Omit<Totals, 'organisations'> & { organisations: number }>> {
      const rows = await t.db.selectFrom('mobilisation_territory_totals').selectAll().execute()
      const out = new Map<string, Omit<Totals, 'organisations'> & { organisations: number }>()
      for (const r of rows) {
        const v = { pledges: Number(r.pledges), organisations: Number(r.organisations), pledged: Number(r.pledged_cents), realised: Number(r.realised_cents), quantity: Number(r.quantity_hundredths), fulfilled: Number(r.fulfilled_hundredths), unvalued: Number(r.unvalued) }
        // a territory's facet whose last pledge went keeps a row of zeros
        if (Object.values(v).some((n) => n !== 0)) out.set(`${r.territory_id}|${r.facet}|${r.code}|${r.unit}`, v)
      }
      return out
    }

    test('the running totals equal the totals recomputed from the active pledges', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
          await t.db.deleteFrom('mobilisation_pledges').execute()
          const ids: string[] = []
          const pick = (i: number) => (ids.length === 0 ? undefined : ids[i % ids.length])
          for (const o of ops) {
            if (o.kind === 'pledge') {
              const id = newId()
              const now = nowIso()
              const kind = KINDS[o.help]!
              await t.db
                .insertInto('mobilisation_pledges')
                .values({
                  id, organisation_id: orgs[o.org]!, world: WORLDS[o.world]!, size_band: SIZES[o.size]!, ...SEATS[o.seat]!, call_id: null, need_id: null, alliance_id: null,
                  help_kind: kind.help_kind, unit: kind.unit, quantity_hundredths: o.quantity, volunteers: null, fulfilled_hundredths: 0,
                  value_cents: o.valued ? o.quantity * 3 : null, value_basis: o.valued ? 'rate' : 'none', rate_cents: o.valued ? 300 : null, realised_cents: o.valued ? 0 : null,
                  rate_table_id: null, rate_table_version: null, pledged_on: '2026-01-05', starts_on: '2026-01-05', due_on: '2026-12-31', schedule: '', status: 'active',
                  withdrawn_on: null, withdrawn_reason: '', late_notified_at: null, is_demo: 0, created_by: null, created_at: now, updated_at: now,
                })
                .execute()
              ids.push(id)
              continue
            }
            const id = pick(o.pledge)
            if (!id) continue
            if (o.kind === 'fulfil') {
              // as the fulfilment trigger moves them
              const p = await t.db.selectFrom('mobilisation_pledges').select(['quantity_hundredths', 'rate_cents']).where('id', '=', id).executeTakeFirstOrThrow()
              const fulfilled = Math.floor((Number(p.quantity_hundredths) * o.share) / 100)
              await t.db.updateTable('mobilisation_pledges').set({ fulfilled_hundredths: fulfilled, realised_cents: p.rate_cents === null ? null : Math.floor((fulfilled * Number(p.rate_cents) + 50) / 100) }).where('id', '=', id).execute()
            } else if (o.kind === 'withdraw') {
              await t.db.updateTable('mobilisation_pledges').set({ status: 'withdrawn', withdrawn_on: '2026-02-01' }).where('id', '=', id).execute()
            } else if (o.kind === 'reseat') {
              await t.db.updateTable('mobilisation_pledges').set({ ...SEATS[o.seat]! }).where('id', '=', id).execute()
            } else {
              await t.db.deleteFrom('mobilisation_pledges').where('id', '=', id).execute()
              ids.splice(ids.indexOf(id), 1)
            }
          }
          const want = new Map([...(await expected())].map(([k, s]) => [k, { ...s, organisations: s.organisations.size }]))
          assert.deepEqual(await kept(), want)
        }),
        { numRuns: 30 },
      )
    })

    test('a territory’s dashboard reads its totals', async () => {
      await t.db.deleteFrom('mobilisation_pledges').execute()
      const now = nowIso()
      const base = { call_id: null, need_id: null, alliance_id: null, volunteers: null, fulfilled_hundredths: 0, rate_table_id: null, rate_table_version: null, pledged_on: '2026-01-05', starts_on: '2026-01-05', due_on: '2026-12-31', schedule: '', withdrawn_on: null, withdrawn_reason: '', late_notified_at: null, is_demo: 0, created_by: null, created_at: now, updated_at: now, world: 'entreprise', size_band: 'pme' }
      await t.db
        .insertInto('mobilisation_pledges')
        .values([
          { ...base, ...SEATS[0], id: newId(), organisation_id: orgs[0]!, help_kind: 'euros', unit: 'eur', quantity_hundredths: 100_000, value_cents: 100_000, value_basis: 'face', rate_cents: null, realised_cents: 40_000, fulfilled_hundredths: 40_000, status: 'active' },
          { ...base, ...SEATS[1], id: newId(), organisation_id: orgs[0]!, help_kind: 'skills', unit: 'hours', quantity_hundredths: 1_000, value_cents: null, value_basis: 'none', rate_cents: null, realised_cents: null, status: 'active' },
          { ...base, ...SEATS[1], id: newId(), organisation_id: orgs[1]!, help_kind: 'euros', unit: 'eur', quantity_hundredths: 50_000, value_cents: 50_000, value_basis: 'face', rate_cents: null, realised_cents: 0, status: 'withdrawn' },
          { ...base, ...SEATS[2], id: newId(), organisation_id: orgs[2]!, help_kind: 'euros', unit: 'eur', quantity_hundredths: 20_000, value_cents: 20_000, value_basis: 'face', rate_cents: null, realised_cents: 0, status: 'active' },
        ])
        .execute()
      const region = await territoryDashboard(t.db, { id: 'region:11', kind: 'region' } as Parameters<typeof territoryDashboard>[1])
      assert.equal(region.pledges, 2)
      assert.equal(region.organisations, 1)
      assert.equal(region.pledgedCents, 100_000)
      assert.equal(region.realisedCents, 40_000)
      assert.equal(region.unvalued, 1)
      assert.deepEqual(region.byCommuneBand.map((b) => [b.code, b.pledges, b.organisations]), [['c', 1, 1], ['b', 1, 1]])
      assert.deepEqual(region.byKind, [{ kind: 'euros', unit: 'eur', pledged: 100_000, fulfilled: 40_000 }, { kind: 'skills', unit: 'hours', pledged: 1_000, fulfilled: 0 }])
      assert.equal(region.companies.engaged, 1)
      const france = await territoryDashboard(t.db, null)
      assert.equal(france.pledges, 3)
      assert.equal(france.organisations, 2)
      assert.deepEqual(france.byDepartement.map((b) => b.code), ['departement:94', 'departement:69'])
    })
  })
}
