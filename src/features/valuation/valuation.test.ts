/**
 * Valuation on both databases: writing rate tables (sources, two decimals, whole months, no overlap, platform
 * admins only), adopting one (a property: whatever the table, no stored row changes and the alliance's total is
 * the sum of its partners' totals), stated values that win over the rates, and the place summaries, which must
 * give exactly the sum of the public alliances' own valuations after any sequence of writes.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { AppError } from '../../core/errors.js'
import { actorOf, buildAllianceWorld, type AllianceWorld } from '../../../test/helpers/alliances.js'
import { buildTestApp, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { addContributionForTest } from '../../../test/helpers/evaluation.js'
import { authorizeView, loadAllianceAccess } from '../alliances/index.js'
import { valuedTotalsOfPlace } from './place-totals.js'
import { ensureReferenceRateTable } from './rates.reference.js'
import { adoptRateTable, createRateTable, type RateInput } from './rates.service.js'
import { quoteValue } from './quote.js'
import { listValuedContributions } from './valuation.queries.js'
import { ofYear, summarise } from './valuation.report.js'
import { stateContribution } from './valuation.service.js'

async function refused(work: Promise<unknown>, status: number): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  )
  assert.ok(error instanceof AppError, `expected an AppError ${status}, got ${String(error)}`)
  assert.equal(error.status, status, `${error.code} ${error.messageKey} ${JSON.stringify(error.fields)}`)
  return error
}

const goodRate = (over: Partial<RateInput> = {}): RateInput => ({ contributionType: 'benevolat', unit: 'hours', rate: '11,88', validFrom: '2024-01-01', validTo: null, methodNote: 'SMIC horaire brut', sourceText: 'Décret n° 2024-951', sourceUrl: 'https://talenz.fr/?p=72456', ...over })

for (const dialect of DIALECTS) {
  describe(`valuation [${dialect.name}]`, () => {
    let t: TestApp
    let w: AllianceWorld
    before(async () => {
      t = await buildTestApp(dialect)
      await ensureReferenceRateTable(t.db)
      w = await buildAllianceWorld(t, 'va')
    })
    after(() => t.close())

    test('the reference table values volunteering at the SMIC of the month, euros at face value, goods not at all', async () => {
      assert.equal(await ensureReferenceRateTable(t.db), false, 'written once')
      const hour = await quoteValue(t.db, { contributionType: 'benevolat', unit: 'hours', quantityHundredths: 1000, day: '2024-11-15' })
      assert.equal(hour.cents, 11880n)
      assert.equal(hour.table?.version, 1)
      assert.match(hour.rate?.sourceText ?? '', /2024-951/)
      assert.equal((await quoteValue(t.db, { contributionType: 'benevolat', unit: 'hours', quantityHundredths: 1000, day: '2024-10-31' })).cents, 11650n)
      assert.equal((await quoteValue(t.db, { contributionType: 'mecenat_financier', unit: 'eur', quantityHundredths: 150050, day: '2024-10-31' })).cents, 150050n)
      const goods = await quoteValue(t.db, { contributionType: 'mecenat_nature', unit: 'items', quantityHundredths: 500, day: '2024-10-31' })
      assert.equal(goods.cents, null)
      assert.equal(goods.basis, 'none')
    })

    test('a rate without source, with three decimals, not on whole months or overlapping is refused; nothing stored', async () => {
      const platform = await actorOf(t.db, w.emails.platformAdmin)
      const before = await t.db.selectFrom('valuation_rates').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      const error = await refused(
        createRateTable(t.db, platform, {
          scope: 'platform',
          title: 'Barème 2',
          methodNote: 'Une nouvelle version du barème de la plateforme.',
          rates: [goodRate({ sourceText: '' }), goodRate({ contributionType: 'mecenat_competences', rate: '42,205' }), goodRate({ contributionType: 'expertise', validFrom: '2024-01-15', validTo: '2024-03-14' }), goodRate({ validFrom: '2024-06-01' })],
        }),
        400,
      )
      assert.deepEqual(error.fields.map((f) => f.field), ['rates.0.source_text', 'rates.1.rate', 'rates.2.valid_from', 'rates.2.valid_to', 'rates.3.valid_from'])
      assert.equal(error.fields[1]?.message, 'valuation.error.amount.decimals')
      const after = await t.db.selectFrom('valuation_rates').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      assert.equal(Number(after.n), Number(before.n))
      await refused(createRateTable(t.db, await actorOf(t.db, w.emails.coordinatorAdmin), { scope: 'platform', title: 'Barème 2', methodNote: 'Une nouvelle version du barème.', rates: [goodRate()] }), 403)
    })

    test('property: adopting any table changes no stored row, and partners’ totals add up to the alliance’s', async () => {
      const coordinator = await actorOf(t.db, w.emails.coordinatorAdmin)
      const access = await loadAllianceAccess(t.db, coordinator, w.public.id)
      const scope = authorizeView(coordinator, access)
      await addContributionForTest(t.db, w.public.id, w.org.P, { type: 'benevolat', unit: 'hours', hundredths: 1233, day: '2024-11-20' })
      await addContributionForTest(t.db, w.public.id, w.org.C, { type: 'mecenat_competences', unit: 'days', hundredths: 250, day: '2024-06-03' })
      const stored = async () => JSON.stringify([await t.db.selectFrom('alliance_contributions').selectAll().orderBy('id').execute(), await t.db.selectFrom('valuation_statements').selectAll().orderBy('contribution_id').execute()])
      const snapshot = await stored()
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 1, max: 99_999 }), async (hourly, daily) => {
          const euros = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`
          const table = await createRateTable(t.db, coordinator, {
            scope: 'alliance',
            allianceId: w.public.id,
            title: 'Barème de l’alliance',
            methodNote: 'Coûts réels des partenaires, votés en comité.',
            rates: [goodRate({ rate: euros(hourly) }), goodRate({ contributionType: 'mecenat_competences', unit: 'days', rate: euros(daily) })],
          })
          await adoptRateTable(t.db, coordinator, w.public.id, { rateTableId: table.id, reason: 'Les coûts réels votés par le comité.' })
          assert.equal(await stored(), snapshot)
          const { rows, method } = await listValuedContributions(t.db, scope)
          assert.equal(method.table?.id, table.id)
          const report = summarise(rows)
          assert.equal(report.byPartner.reduce((s, p) => s + p.cents, 0n), report.total)
          assert.equal(report.byWorld.reduce((s, p) => s + p.cents, 0n), report.total)
          assert.equal(report.byType.reduce((s, p) => s + p.cents, 0n), report.total)
        }),
        { numRuns: 8 },
      )
      await adoptRateTable(t.db, coordinator, w.public.id, { rateTableId: null, reason: '' })
      assert.equal(await stored(), snapshot)
    })

    test('a stated value wins over the rates; only the giving organisation states it; three decimals are refused', async () => {
      const member = await actorOf(t.db, w.emails.partnerMember)
      const coordinator = await actorOf(t.db, w.emails.coordinatorAdmin)
      await refused(stateContribution(t.db, member, w.public.id, w.public.contribution.P, { value: '1 250,555', basis: 'Coût employeur', recipientOrganisationId: null }), 400)
      await refused(stateContribution(t.db, coordinator, w.public.id, w.public.contribution.P, { value: '1 250,00', basis: 'Coût employeur', recipientOrganisationId: null }), 403)
      await refused(stateContribution(t.db, member, w.public.id, w.public.contribution.P, { value: '1 250,00', basis: '', recipientOrganisationId: w.org.O }), 400)
      await stateContribution(t.db, member, w.public.id, w.public.contribution.P, { value: '1 250,00', basis: 'Coût employeur des heures', recipientOrganisationId: w.org.C })
      const access = await loadAllianceAccess(t.db, member, w.public.id)
      const { rows } = await listValuedContributions(t.db, authorizeView(member, access))
      const row = rows.find((r) => r.id === w.public.contribution.P)
      assert.equal(row?.value.cents, 125000n)
      assert.equal(row?.value.basis, 'stated')
      assert.equal(row?.statement?.recipientName, `va Association coordinatrice`)
    })

    test('property: a place’s total, valued by the database from the summaries, equals valuing each contribution', async () => {
      const coordinator = await actorOf(t.db, w.emails.coordinatorAdmin)
      const scope = authorizeView(coordinator, await loadAllianceAccess(t.db, coordinator, w.public.id))
      const gift = fc.record({
        org: fc.constantFrom(w.org.C, w.org.P),
        type: fc.constantFrom('benevolat', 'mecenat_competences', 'expertise', 'mecenat_financier', 'mecenat_nature'),
        unit: fc.constantFrom('hours', 'days', 'eur', 'items'),
        hundredths: fc.integer({ min: 1, max: 5_000_000 }),
        day: fc.date({ min: new Date('2022-01-01T00:00:00Z'), max: new Date('2026-11-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      })
      await fc.assert(
        fc.asyncProperty(fc.array(gift, { minLength: 1, maxLength: 25 }), async (gifts) => {
          const ids: string[] = []
          for (const g of gifts) ids.push(await addContributionForTest(t.db, w.public.id, g.org, { type: g.type, unit: g.unit, hundredths: g.unit === 'items' ? Math.max(100, g.hundredths - (g.hundredths % 100)) : g.hundredths, day: g.day }))
          const report = summarise((await listValuedContributions(t.db, scope)).rows)
          const place = await valuedTotalsOfPlace(t.db, 'france', null)
          assert.equal(place.total, report.total)
          assert.equal(place.unvalued.reduce((n, u) => n + u.count, 0), report.unvaluedCount)
          for (const year of place.years) assert.equal((await valuedTotalsOfPlace(t.db, 'france', year)).total, summarise(ofYear((await listValuedContributions(t.db, scope)).rows, year)).total)
          await t.db.deleteFrom('alliance_contributions').where('id', 'in', ids).execute()
        }),
        { numRuns: 6 },
      )
    })

    test('place summaries equal the sum of the public alliances’ valuations after any writes', async () => {
      const coordinator = await actorOf(t.db, w.emails.coordinatorAdmin)
      const check = async () => {
        const place = await valuedTotalsOfPlace(t.db, 'france', null)
        const publicAccess = await loadAllianceAccess(t.db, coordinator, w.public.id)
        const report = summarise((await listValuedContributions(t.db, authorizeView(coordinator, publicAccess))).rows)
        assert.equal(place.total, report.total)
        assert.equal(place.count, report.count, 'partners-only alliances are never counted')
        const commune = await valuedTotalsOfPlace(t.db, 'commune:94080', null)
        assert.equal(commune.total, report.total)
      }
      await check()
      await addContributionForTest(t.db, w.public.id, w.org.C, { type: 'benevolat', unit: 'hours', hundredths: 750, day: '2025-02-10' })
      await check()
      await t.db.deleteFrom('alliance_contributions').where('id', '=', w.public.contribution.C).execute()
      await check()
      await t.db.updateTable('organisations').set({ world: 'fondation' }).where('id', '=', w.org.P).execute()
      await check()
      const byWorld = await valuedTotalsOfPlace(t.db, 'france', null)
      assert.ok(byWorld.byWorld.some((r) => r.world === 'fondation'))
      await t.db.updateTable('alliances').set({ visibility: 'partners' }).where('id', '=', w.public.id).execute()
      const hidden = await valuedTotalsOfPlace(t.db, 'france', null)
      assert.equal(hidden.count, 0)
      await t.db.updateTable('alliances').set({ visibility: 'public' }).where('id', '=', w.public.id).execute()
      await check()
    })

    test('with no rate table at all, place totals still equal the alliances’ valuations (euros and stated values only)', async () => {
      const coordinator = await actorOf(t.db, w.emails.coordinatorAdmin)
      await t.db.deleteFrom('valuation_choices').execute()
      await t.db.deleteFrom('valuation_rates').execute()
      await t.db.deleteFrom('valuation_rate_tables').execute()
      const place = await valuedTotalsOfPlace(t.db, 'france', null)
      const report = summarise((await listValuedContributions(t.db, authorizeView(coordinator, await loadAllianceAccess(t.db, coordinator, w.public.id)))).rows)
      assert.equal(place.total, report.total)
      assert.equal(place.tables.length, 0)
      assert.ok(place.unvalued.length > 0, 'hours are left unvalued, never guessed')
    })
  })
}
