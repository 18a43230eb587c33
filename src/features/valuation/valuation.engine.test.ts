/**
 * The valuation arithmetic: exact cents, one rounding per contribution, totals that add up whatever the order
 * (the place summaries are checked against it on both databases in valuation.test.ts).
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { centsToDecimal, perMille, rateOn, valueCents, valueContribution, type Rate } from './valuation.engine.js'

const rate = (over: Partial<Rate>): Rate => ({ id: 'r', tableId: 't', contributionType: 'benevolat', unit: 'hours', rateCents: 1188, validFrom: '2024-11-01', validTo: null, methodNote: 'n', sourceText: 's', sourceUrl: null, ...over })

test('a value is rounded once, half up, to the cent', () => {
  assert.equal(valueCents(1250, 1188), 14850n) // 12,5 h × 11,88 €
  assert.equal(valueCents(1233, 1188), 14648n) // 146,4804 € → 146,48 €
  assert.equal(valueCents(50, 1), 1n) // 0,005 € → 0,01 € (half up)
  assert.equal(valueCents(49, 1), 0n)
  assert.equal(centsToDecimal(14648n), '146.48')
  assert.equal(centsToDecimal(5n), '0.05')
})

test('the rate of the day: validity bounds included, none outside', () => {
  const rates = [rate({ id: 'a', rateCents: 1165, validFrom: '2024-01-01', validTo: '2024-10-31' }), rate({ id: 'b', rateCents: 1188, validFrom: '2024-11-01', validTo: null })]
  assert.equal(rateOn(rates, 'benevolat', 'hours', '2024-10-31')?.id, 'a')
  assert.equal(rateOn(rates, 'benevolat', 'hours', '2024-11-01')?.id, 'b')
  assert.equal(rateOn(rates, 'benevolat', 'hours', '2023-12-31'), null)
  assert.equal(rateOn(rates, 'benevolat', 'days', '2024-11-01'), null)
})

test('a stated value wins, euros count at face value, no rate means unvalued', () => {
  const rates = [rate({})]
  assert.deepEqual(valueContribution({ contributionType: 'benevolat', unit: 'hours', quantityHundredths: 1000, day: '2025-01-10', statedCents: 52000 }, rates).cents, 52000n)
  assert.equal(valueContribution({ contributionType: 'mecenat_financier', unit: 'eur', quantityHundredths: 150050, day: '2025-01-10', statedCents: null }, rates).cents, 150050n)
  const none = valueContribution({ contributionType: 'mecenat_nature', unit: 'items', quantityHundredths: 300, day: '2025-01-10', statedCents: null }, rates)
  assert.equal(none.cents, null)
  assert.equal(none.basis, 'none')
})

test('shares are per mille of the valued total, 0 for an empty total', () => {
  assert.equal(perMille(1n, 3n), 333)
  assert.equal(perMille(2n, 3n), 667)
  assert.equal(perMille(0n, 0n), 0)
})

const RATES: Rate[] = [
  rate({ id: 'h1', rateCents: 1165, validFrom: '2024-01-01', validTo: '2024-10-31' }),
  rate({ id: 'h2', rateCents: 1188, validFrom: '2024-11-01', validTo: null }),
  rate({ id: 'd1', unit: 'days', rateCents: 8316, validFrom: '2024-01-01', validTo: null }),
  rate({ id: 'c1', contributionType: 'mecenat_competences', rateCents: 4220, validFrom: '2024-01-01', validTo: null }),
]

const contribution = fc.record({
  partner: fc.constantFrom('A', 'B', 'C', 'D'),
  contributionType: fc.constantFrom('benevolat', 'mecenat_competences', 'mecenat_financier', 'mecenat_nature'),
  unit: fc.constantFrom('hours', 'days', 'eur', 'items'),
  quantityHundredths: fc.integer({ min: 1, max: 100_000_000 }),
  day: fc.date({ min: new Date('2023-06-01T00:00:00Z'), max: new Date('2026-06-30T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  statedCents: fc.option(fc.integer({ min: 1, max: 1_000_000_000 }), { freq: 4 }),
})

test('property: totals per partner add up to the alliance total, whatever the order', () => {
  fc.assert(
    fc.property(fc.array(contribution, { maxLength: 60 }), fc.integer(), (list, seed) => {
      const shuffled = [...list].sort((a, b) => ((a.quantityHundredths * 31 + seed) % 97) - ((b.quantityHundredths * 31 + seed) % 97))
      const value = (c: (typeof list)[number]) => valueContribution(c, RATES).cents ?? 0n
      const total = list.reduce((sum, c) => sum + value(c), 0n)
      const totalShuffled = shuffled.reduce((sum, c) => sum + value(c), 0n)
      const perPartner = new Map<string, bigint>()
      for (const c of shuffled) perPartner.set(c.partner, (perPartner.get(c.partner) ?? 0n) + value(c))
      assert.equal(totalShuffled, total)
      assert.equal([...perPartner.values()].reduce((a, b) => a + b, 0n), total)
    }),
    { numRuns: 300 },
  )
})
