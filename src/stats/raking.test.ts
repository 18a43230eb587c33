import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { buildData, parseMargins } from './conformance.js'
import { factorColumn, surveyData } from './data.js'
import { createDesign } from './design.js'
import {
  AbsentCategoryError,
  CategoryNotInPopulationError,
  InconsistentMarginTotalsError,
  MissingCalibrationValueError,
  RakingNotConvergedError,
  UnknownLevelError,
} from './errors.js'
import { jointMargin, margin, postStratify, rake, scaleMargin } from './raking.js'
import { levelTotals } from './summary.js'

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
const margins = n300.mf.variables.map((v) =>
  margin(v, n300.mf.margins[v] as Record<string, number>),
)

function tiny() {
  const data = surveyData({
    sex: factorColumn(['F', 'F', 'H', 'H', 'F', 'H'], ['F', 'H'], 'sex'),
    region: factorColumn(['A', 'B', 'A', 'B', 'A', 'A'], ['A', 'B', 'C'], 'region'),
  })
  return createDesign(data, 10)
}

describe('rake: IPF as R rake()', () => {
  test('converges, the trace decreases and every margin is met', () => {
    const r = rake(n300.design, margins, { maxit: 100, epsilon: 1e-12 })
    assert.equal(r.converged, true)
    assert.equal(r.sweeps, r.deltas.length)
    assert.ok((r.deltas[r.deltas.length - 1] as number) < r.epsilonAbsolute)
    assert.ok(
      Math.abs(r.epsilonAbsolute / (1e-12 * n300.mf.N) - 1) < 1e-12,
      'epsilon < 1 is relative to Σw',
    )
    for (let k = 1; k < r.deltas.length; k++)
      assert.ok((r.deltas[k] as number) < (r.deltas[k - 1] as number))
    for (const v of n300.mf.variables) {
      const f = n300.data.columns[v]
      assert.ok(f && f.kind === 'factor')
      const t = levelTotals(r.weights, f)
      f.levels.forEach((l, i) => {
        const pop = (n300.mf.margins[v] as Record<string, number>)[l] as number
        assert.ok(Math.abs((t[i] as number) - pop) <= 1e-9 * n300.mf.N, `${v}=${l}`)
      })
    }
    assert.deepEqual(r.warnings, [])
  })

  test('maxit reached: weights of the last sweep with a warning naming the worst cell', () => {
    const r = rake(n300.design, margins, { maxit: 10, epsilon: 1 })
    assert.equal(r.converged, false)
    assert.equal(r.sweeps, 10)
    assert.equal(r.warnings.length, 1)
    const w = r.warnings[0]
    assert.equal(w?.code, 'RAKING_NOT_CONVERGED')
    assert.ok(w?.variable && w.category, 'names the variable and category with the largest error')
    assert.match(w?.advice ?? '', /maxit/)
    assert.throws(
      () => rake(n300.design, margins, { maxit: 10, epsilon: 1, onNonConvergence: 'error' }),
      RakingNotConvergedError,
    )
  })

  test('the last margin is met exactly even without convergence (the stopping test follows a full sweep)', () => {
    const r = rake(n300.design, margins, { maxit: 3, epsilon: 1e-15 })
    const f = n300.data.columns.occ
    assert.ok(f && f.kind === 'factor')
    const t = levelTotals(r.weights, f)
    f.levels.forEach((l, i) => {
      assert.ok(
        Math.abs((t[i] as number) - (n300.mf.margins.occ as Record<string, number>)[l]!) < 1e-6,
      )
    })
  })

  test('shares scaled to a base give the same weights as totals', () => {
    const shares = margins.map((m) => scaleMargin(m, 1))
    const a = rake(n300.design, shares, { base: n300.mf.N })
    const b = rake(n300.design, margins)
    for (let i = 0; i < a.weights.length; i++)
      assert.ok(Math.abs((a.weights[i] as number) / (b.weights[i] as number) - 1) < 1e-12)
  })

  test('a joint margin (sex × age) is met cell by cell', () => {
    const joint = (n300.mf.joints.joint_sex_age?.cells ?? []).map((c) => ({
      levels: [String(c.sex), String(c.age)],
      total: Number(c.Freq),
    }))
    const r = rake(n300.design, [jointMargin(['sex', 'age'], joint), margins[2]!, margins[3]!], {
      epsilon: 1e-12,
    })
    assert.equal(r.converged, true)
    const sex = n300.data.columns.sex
    const age = n300.data.columns.age
    assert.ok(sex?.kind === 'factor' && age?.kind === 'factor')
    for (const c of joint) {
      let t = 0
      for (let i = 0; i < r.weights.length; i++) {
        if (sex.levels[sex.codes[i]!] === c.levels[0] && age.levels[age.codes[i]!] === c.levels[1])
          t += r.weights[i]!
      }
      assert.ok(Math.abs(t - c.total) < 1e-9 * n300.mf.N, c.levels.join(':'))
    }
  })

  test('row path and cell path give the same weights and trace', () => {
    const a = rake(n300.design, margins, { path: 'rows' })
    const b = rake(n300.design, margins, { path: 'cells' })
    assert.equal(a.path, 'rows')
    assert.equal(b.path, 'cells')
    assert.equal(a.sweeps, b.sweeps)
    for (let i = 0; i < a.weights.length; i++)
      assert.ok(Math.abs((a.weights[i] as number) / (b.weights[i] as number) - 1) < 1e-12)
  })

  test('one margin: raking is post-stratification (w = d·P_c/S_c)', () => {
    const d = n300.design
    const m = margins[1]!
    const r = postStratify(d, m)
    const age = n300.data.columns.age
    assert.ok(age?.kind === 'factor')
    const s = levelTotals(d.weights, age)
    for (let i = 0; i < r.weights.length; i++) {
      const level = age.levels[age.codes[i]!]!
      const expected =
        ((d.weights[i] as number) * (n300.mf.margins.age as Record<string, number>)[level]!) /
        (s[age.codes[i]!] as number)
      assert.ok(Math.abs((r.weights[i] as number) / expected - 1) < 1e-14)
    }
    assert.ok(r.converged)
  })
})

describe('rake: typed errors before raking', () => {
  test('a population category without respondents', () => {
    const d = tiny()
    const err = assert.throws(
      () => rake(d, [margin('sex', { F: 30, H: 30 }), margin('region', { A: 40, B: 10, C: 10 })]),
      (e: unknown) =>
        e instanceof AbsentCategoryError &&
        e.variable === 'region' &&
        e.category === 'C' &&
        /Collapse/.test(e.message),
    )
    void err
  })
  test('a category with population 0 and no respondent is dropped, as in R', () => {
    const d = tiny()
    const r = rake(d, [margin('sex', { F: 30, H: 30 }), margin('region', { A: 40, B: 20, C: 0 })])
    assert.equal(r.converged, true)
  })
  test('respondents in a category without population', () => {
    const d = tiny()
    assert.throws(
      () => rake(d, [margin('sex', { F: 60, H: 0 })]),
      (e: unknown) =>
        e instanceof CategoryNotInPopulationError && e.variable === 'sex' && e.category === 'H',
    )
  })
  test('margins with different totals', () => {
    const d = tiny()
    assert.throws(
      () => rake(d, [margin('sex', { F: 30, H: 30 }), margin('region', { A: 1, B: 1 })]),
      (e: unknown) => e instanceof InconsistentMarginTotalsError && e.variable === 'region',
    )
  })
  test('a missing calibration value', () => {
    const data = surveyData({ sex: factorColumn(['F', '', 'H'], ['F', 'H'], 'sex') })
    assert.throws(
      () => rake(createDesign(data, 1), [margin('sex', { F: 1, H: 2 })]),
      MissingCalibrationValueError,
    )
  })
  test('a population level that is not a level of the variable', () => {
    assert.throws(() => rake(tiny(), [margin('sex', { F: 30, X: 30 })]), UnknownLevelError)
  })
  test('zero base weights: kept at 0 with a warning that SEs are not estimable', () => {
    const d = tiny()
    const w = Float64Array.from(d.weights)
    w[0] = 0
    const r = rake({ ...d, weights: w, baseWeights: w }, [margin('sex', { F: 30, H: 30 })])
    assert.equal(r.weights[0], 0)
    assert.equal(r.warnings[0]?.code, 'ZERO_BASE_WEIGHTS')
  })
})
