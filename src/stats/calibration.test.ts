import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { calibrate, populationFromMargins } from './calibration.js'
import { buildData, parseMargins } from './conformance.js'
import { factorColumn, numericColumn, surveyData } from './data.js'
import { createDesign, type Design } from './design.js'
import { AbsentCategoryError, CalibrationFailedError, PopulationMismatchError } from './errors.js'
import { modelMatrix } from './model-matrix.js'
import { newtonCalibrate } from './newton.js'
import { margin, rake } from './raking.js'

function loadCase(name: string) {
  const dir = new URL(`../../test/fixtures/oracle/cases/${name}/`, import.meta.url)
  const records = parse(readFileSync(new URL('data.csv', dir), 'utf8'), {
    columns: true,
  }) as Record<string, string>[]
  const mf = parseMargins(JSON.parse(readFileSync(new URL('margins.json', dir), 'utf8')))
  const cd = buildData(records, mf)
  return { mf, data: cd.data, design: createDesign(cd.data, mf.N / cd.data.n) }
}

const n300 = loadCase('n300')
const pop = n300.mf.popVector as Record<string, number>
const terms = n300.mf.variables

/** Largest |Σ w x − pop| / (1 + |pop|) over the model columns. */
function misfit(design: Design, weights: Float64Array): number {
  const mm = modelMatrix(design.data, terms)
  const t = new Float64Array(mm.columns.length)
  const x = new Float64Array(mm.columns.length)
  for (let i = 0; i < weights.length; i++) {
    mm.row(i, x)
    for (let j = 0; j < x.length; j++)
      t[j] = (t[j] as number) + (weights[i] as number) * (x[j] as number)
  }
  return Math.max(
    ...mm.columns.map(
      (c, j) => Math.abs((t[j] as number) - (pop[c] as number)) / (1 + Math.abs(pop[c] as number)),
    ),
  )
}

describe('model matrix', () => {
  test('columns are named and ordered as R model.matrix(~sex + age + region + occ)', () => {
    assert.deepEqual(modelMatrix(n300.data, terms).columns, Object.keys(pop))
  })
  test('population totals from margins equal the oracle population vector (margins2totals)', () => {
    const ms = terms.map((v) => margin(v, n300.mf.margins[v] as Record<string, number>))
    assert.deepEqual(populationFromMargins(modelMatrix(n300.data, terms), ms), pop)
  })
})

describe('calibrate', () => {
  test('GREG closed form meets the totals; g may be anything', () => {
    const r = calibrate(n300.design, terms, pop)
    assert.equal(r.method, 'closed-form')
    assert.ok(misfit(n300.design, r.weights) < 1e-12)
    assert.equal(r.design.steps.length, 1)
  })
  test('GREG with σ² (variance argument) still meets the totals', () => {
    const s2 = new Float64Array(n300.data.n).map((_, i) => 1 + (i % 3))
    const r = calibrate(n300.design, terms, pop, { variance: s2 })
    assert.ok(misfit(n300.design, r.weights) < 1e-12)
  })
  test('raking calibration reaches the IPF fixed point of rake()', () => {
    const a = calibrate(n300.design, terms, pop, { calfun: 'raking', epsilon: 1e-12, maxit: 100 })
    const b = rake(
      n300.design,
      terms.map((v) => margin(v, n300.mf.margins[v] as Record<string, number>)),
      { epsilon: 1e-13 },
    )
    for (let i = 0; i < a.weights.length; i++)
      assert.ok(Math.abs((a.weights[i] as number) / (b.weights[i] as number) - 1) < 1e-9)
  })
  test('bounded raking: g within the bounds, totals met, exact derivative faster than R quirk', () => {
    const exact = calibrate(n300.design, terms, pop, {
      calfun: 'raking',
      bounds: [0.4, 3],
      epsilon: 1e-10,
      maxit: 200,
    })
    const quirk = calibrate(n300.design, terms, pop, {
      calfun: 'raking',
      bounds: [0.4, 3],
      epsilon: 1e-10,
      maxit: 200,
      derivative: 'survey',
    })
    assert.equal(
      quirk.iterations,
      44,
      "R's iteration count (oracle ref_iterations) with its derivative quirk",
    )
    assert.ok(exact.iterations < quirk.iterations)
    for (const r of [exact, quirk]) {
      assert.ok(misfit(n300.design, r.weights) < 1e-10)
      for (const g of r.g) assert.ok(g >= 0.4 && g <= 3)
      assert.equal(r.nAtLower, 14)
      assert.equal(r.nAtUpper, 6)
    }
    for (let i = 0; i < exact.weights.length; i++)
      assert.ok(Math.abs((exact.weights[i] as number) / (quirk.weights[i] as number) - 1) < 1e-8)
  })
  test('n20000_bounded: bounded raking and bounded linear converge where R does, to R\'s weights', () => {
    // R 4.1-1 converges (62 iterations with its derivative quirk for raking, 4 for linear); plain Newton
    // with the exact derivative stalls at a relative misfit of 0.088 (every unit of a category at a
    // bound: the Moore–Penrose step ignores that constraint), the safeguarded Newton converges
    const big = loadCase('n20000_bounded')
    const bigPop = big.mf.popVector as Record<string, number>
    const dir = new URL('../../test/fixtures/oracle/cases/n20000_bounded/', import.meta.url)
    const oracle = parse(readFileSync(new URL('weights.csv', dir), 'utf8'), {
      columns: true,
    }) as Record<string, string>[]
    const opts = { bounds: [0.5, 2.2], epsilon: 1e-10, maxit: 200 } as const
    for (const calfun of ['raking', 'linear'] as const) {
      const r = calibrate(big.design, terms, bigPop, { ...opts, calfun })
      assert.equal(r.converged, true)
      assert.ok(r.maxRelativeMisfit < 1e-10)
      assert.equal(r.diagnosis, null)
      const column = `cal_${calfun}_bounded`
      r.weights.forEach((w, i) => {
        const b = Number((oracle[i] as Record<string, string>)[column])
        assert.ok(Math.abs(w - b) <= 1e-8 * b, `${column} row ${i + 1}: ${w} vs ${b}`)
      })
    }
    const quirk = calibrate(big.design, terms, bigPop, {
      ...opts,
      calfun: 'raking',
      derivative: 'survey',
    })
    assert.equal(quirk.iterations, 62, "R's iteration count (oracle ref_iterations)")
  })
  test('the stall of plain Newton with the exact derivative, and the safeguarded step that leaves it', () => {
    const big = loadCase('n20000_bounded')
    const model = modelMatrix(big.data, terms)
    const bigPop = big.mf.popVector as Record<string, number>
    const n = big.data.n
    const ww = Float64Array.from(big.design.weights)
    const x = new Float64Array(model.columns.length)
    const pop = Float64Array.from(model.columns, (c) => bigPop[c] as number)
    const st = new Float64Array(model.columns.length)
    for (let i = 0; i < n; i++) {
      model.row(i, x)
      x.forEach((v, j) => { st[j] = (st[j] as number) + (ww[i] as number) * v })
    }
    const problem = {
      m: n,
      freq: null,
      ww,
      rowOf: (r: number) => {
        model.row(r, x)
        return x
      },
      q: model.columns.length,
      pop,
      sampleTotal: st,
      calfun: 'raking' as const,
      lower: () => 0.5,
      upper: () => 2.2,
    }
    const settings = { epsilon: 1e-10, maxit: 200, derivative: 'exact' } as const
    const plain = newtonCalibrate(problem, { ...settings, iteration: 'plain' })
    assert.equal(plain.failed, true)
    assert.ok(Math.abs(plain.maxRel - 0.0883164) < 1e-6, String(plain.maxRel))
    assert.equal(model.columns[plain.worst], 'age25-34')
    const safe = newtonCalibrate(problem, { ...settings, iteration: 'safeguarded' })
    assert.equal(safe.failed, false)
    assert.ok(safe.backtracks > 0, 'the overshooting full step is shortened')
  })
  test('bounded linear and logit distances', () => {
    const lin = calibrate(n300.design, terms, pop, {
      calfun: 'linear',
      bounds: [0.4, 3],
      epsilon: 1e-10,
      maxit: 200,
    })
    assert.equal(lin.method, 'newton')
    assert.ok(misfit(n300.design, lin.weights) < 1e-10)
    const logit = calibrate(n300.design, terms, pop, {
      calfun: 'logit',
      bounds: [0.3, 3.5],
      epsilon: 1e-10,
      maxit: 200,
    })
    assert.ok(misfit(n300.design, logit.weights) < 1e-10)
    for (const g of logit.g)
      assert.ok(g > 0.3 && g < 3.5, 'logit g stays strictly inside the bounds')
  })
  test('infeasible bounds: typed error with the achieved misfit, or weights with force', () => {
    assert.throws(
      () => calibrate(n300.design, terms, pop, { calfun: 'raking', bounds: [0.9, 1.1] }),
      (e: unknown) =>
        e instanceof CalibrationFailedError &&
        typeof e.details.maxRelativeMisfit === 'number' &&
        /bounds/.test(e.advice),
    )
    const forced = calibrate(n300.design, terms, pop, {
      calfun: 'raking',
      bounds: [0.9, 1.1],
      force: true,
    })
    assert.equal(forced.converged, false)
    assert.equal(forced.warnings[0]?.code, 'CALIBRATION_NOT_CONVERGED')
    for (const g of forced.g) assert.ok(g >= 0.9 && g <= 1.1)
    // as in R, trim clears the failure: trimmed weights with the warning
    const trimmed = calibrate(n300.design, terms, pop, {
      calfun: 'raking',
      bounds: [0.9, 1.1],
      trim: [0.95, 1.05],
    })
    assert.equal(trimmed.warnings[0]?.code, 'CALIBRATION_NOT_CONVERGED')
    assert.ok(trimmed.warnings.some((w) => w.code === 'CALIBRATION_TRIMMED'))
  })
  test('shares scaled to a base give the same weights as totals', () => {
    const shares = Object.fromEntries(Object.entries(pop).map(([k, v]) => [k, v / n300.mf.N]))
    const a = calibrate(n300.design, terms, shares, { base: n300.mf.N })
    const b = calibrate(n300.design, terms, pop)
    a.weights.forEach((w, i) => { assert.ok(Math.abs(w / (b.weights[i] as number) - 1) < 1e-12) })
    const ms = terms.map((v) => margin(v, n300.mf.margins[v] as Record<string, number>))
    const c = calibrate(
      n300.design,
      terms,
      ms.map((m) => ({ ...m, cells: m.cells.map((x) => ({ ...x, total: x.total / 7 })) })),
      { base: n300.mf.N },
    )
    c.weights.forEach((w, i) => { assert.ok(Math.abs(w / (b.weights[i] as number) - 1) < 1e-12) })
  })
  test('trim: g clipped and the excess redistributed proportionally to ww', () => {
    const r = calibrate(n300.design, terms, pop, { trim: [0.5, 2.5] })
    let total = 0
    for (const w of r.weights) total += w
    assert.ok(Math.abs(total / n300.mf.N - 1) < 1e-12)
    assert.equal(
      r.warnings.some((w) => w.code === 'CALIBRATION_TRIMMED'),
      true,
    )
  })
  test('population names must match the model columns', () => {
    assert.throws(() => calibrate(n300.design, terms, { ...pop, sexX: 1 }), PopulationMismatchError)
    const { sexH: _omit, ...rest } = pop
    void _omit
    assert.throws(
      () => calibrate(n300.design, terms, rest),
      (e: unknown) => e instanceof PopulationMismatchError && e.variable === 'sexH',
    )
  })
  test('a category with population > 0 and no respondent is a typed error for every distance', () => {
    const data = surveyData({
      sex: factorColumn(['F', 'H', 'F', 'H', 'F'], ['F', 'H'], 'sex'),
      region: factorColumn(['A', 'A', 'B', 'B', 'A'], ['A', 'B', 'C'], 'region'),
    })
    const d = createDesign(data, 2)
    const p = { '(Intercept)': 10, sexH: 4, regionB: 3, regionC: 2 }
    for (const calfun of ['linear', 'raking'] as const) {
      assert.throws(
        () => calibrate(d, ['sex', 'region'], p, { calfun }),
        (e: unknown) =>
          e instanceof AbsentCategoryError && e.variable === 'region' && e.category === 'C',
      )
    }
    // population 0 for the absent category: the all-zero column is dropped (R)
    const ok = calibrate(d, ['sex', 'region'], { ...p, regionC: 0 })
    assert.deepEqual(ok.columns, ['(Intercept)', 'sexH', 'regionB'])
  })
  test('numeric calibration variables use the row path and meet their totals', () => {
    const data = surveyData({
      x: numericColumn([1, 2, 3, 4, 5, 6]),
      s: factorColumn(['a', 'b', 'a', 'b', 'a', 'b'], ['a', 'b'], 's'),
    })
    const r = calibrate(createDesign(data, 1), ['s', 'x'], { '(Intercept)': 12, sb: 6, x: 45 })
    assert.equal(r.path, 'rows')
    let t = 0
    r.weights.forEach((w, i) => { t += w * (i + 1) })
    assert.ok(Math.abs(t - 45) < 1e-10)
  })
})
