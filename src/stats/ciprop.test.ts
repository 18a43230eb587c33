import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { ciPropInterval, CIPROP_METHODS, likelihoodInterval, svyCiProp } from './ciprop.js'
import { buildData, parseMargins } from './conformance.js'
import { factorColumn, numericColumn, surveyData } from './data.js'
import { createDesign } from './design.js'
import { InvalidInputError } from './errors.js'
import { margin, rake } from './raking.js'

const dir = new URL('../../test/fixtures/oracle/cases/n300/', import.meta.url)
const records = parse(readFileSync(new URL('data.csv', dir), 'utf8'), { columns: true }) as Record<
  string,
  string
>[]
const mf = parseMargins(JSON.parse(readFileSync(new URL('margins.json', dir), 'utf8')))
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as {
  designs: {
    rake: {
      estimates: {
        ciprop: Record<
          string,
          Record<
            string,
            { estimate: number; se: number; ci_low: number; ci_high: number; df: number }
          >
        >
      }
    }
  }
}
const cd = buildData(records, mf)
const raked = rake(
  createDesign(cd.data, mf.N / cd.data.n),
  mf.variables.map((v) => margin(v, mf.margins[v] as Record<string, number>)),
).design

describe('svyCiProp against R svyciprop (n300, raked design)', () => {
  for (const variable of ['first_vision', 'first_gestion', 'first_action', 'yes']) {
    test(variable, () => {
      for (const method of CIPROP_METHODS) {
        const r = svyCiProp(raked, variable, { method })
        const e = expected.designs.rake.estimates.ciprop[variable]?.[method]
        assert.ok(e, `${variable} ${method} in the oracle`)
        const width = e.ci_high - e.ci_low
        assert.ok(Math.abs(r.estimate - e.estimate) <= 1e-9, `${method} estimate`)
        assert.ok(Math.abs(r.se / e.se - 1) <= 1e-6, `${method} se`)
        // README: likelihood intervals within 1e-3 relative (R interpolates its profile on a grid)
        const tol = (b: number): number =>
          method === 'likelihood' ? 1e-3 * Math.abs(b) : 1e-9 + 1e-6 * width
        assert.ok(
          Math.abs(r.ciLow - e.ci_low) <= tol(e.ci_low),
          `${method} low ${r.ciLow} vs ${e.ci_low}`,
        )
        assert.ok(Math.abs(r.ciHigh - e.ci_high) <= tol(e.ci_high), `${method} high`)
        assert.equal(r.df, e.df)
      }
    })
  }
  test('a category of a factor', () => {
    const a = svyCiProp(raked, 'first_choice', { category: 'Vision', method: 'beta' })
    const b = svyCiProp(raked, 'first_vision', { method: 'beta' })
    assert.equal(a.estimate, b.estimate)
    assert.equal(a.ciHigh, b.ciHigh)
    assert.throws(() => svyCiProp(raked, 'first_choice'), InvalidInputError)
    assert.throws(
      () => svyCiProp(raked, 'score'),
      (e: unknown) => e instanceof InvalidInputError && e.variable === 'score',
    )
  })
})

describe('likelihood interval', () => {
  test('its bounds solve KL(p̂ ‖ p) = target on both sides of p̂, and it is asymmetric like the logit one', () => {
    const p = 0.12
    const target = 0.015
    const { low, high } = likelihoodInterval(p, target)
    const kl = (x: number): number => p * Math.log(p / x) + (1 - p) * Math.log((1 - p) / (1 - x))
    assert.ok(low < p && p < high)
    assert.ok(Math.abs(kl(low) - target) < 1e-15 && Math.abs(kl(high) - target) < 1e-15)
    assert.ok(high - p > p - low, 'skewed away from 0')
    assert.ok(Number.isNaN(likelihoodInterval(0, 0.1).low))
  })
})

describe('edge cases', () => {
  test('p̂ = 0: Clopper–Pearson bound on the respondents with a warning (R returns glm noise)', () => {
    for (const method of ['logit', 'xlogit', 'asin', 'beta'] as const) {
      const r = ciPropInterval({ p: 0, se: 0, df: 20, method, nRowDesign: 100, nRespondents: 21 })
      assert.equal(r.low, 0)
      assert.ok(Math.abs(r.high - (1 - 0.025 ** (1 / 21))) < 1e-14)
      assert.equal(r.warnings[0]?.code, 'PROPORTION_AT_BOUNDARY')
    }
    const one = ciPropInterval({
      p: 1,
      se: 0,
      df: 20,
      method: 'logit',
      nRowDesign: 100,
      nRespondents: 21,
    })
    assert.equal(one.high, 1)
    assert.ok(Math.abs(one.low - 0.025 ** (1 / 21)) < 1e-14)
  })
  test('df = 0 (one-respondent domain): NaN interval and ZERO_DEGREES_OF_FREEDOM, as R', () => {
    const r = ciPropInterval({
      p: 1,
      se: 0,
      df: 0,
      method: 'logit',
      nRowDesign: 100,
      nRespondents: 1,
      variable: 'yes',
    })
    assert.ok(Number.isNaN(r.low) && Number.isNaN(r.high))
    assert.equal(r.warnings[0]?.code, 'ZERO_DEGREES_OF_FREEDOM')
    assert.equal(r.warnings[0]?.variable, 'yes')
  })
  test('mean interval may leave [0, 1]; logit never does', () => {
    const data = surveyData({
      y: numericColumn([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      g: factorColumn(Array(10).fill('a'), ['a'], 'g'),
    })
    const d = createDesign(data, 1)
    assert.ok(svyCiProp(d, 'y', { method: 'mean' }).ciLow < 0)
    const l = svyCiProp(d, 'y', { method: 'logit' })
    assert.ok(l.ciLow > 0 && l.ciHigh < 1)
  })
})
