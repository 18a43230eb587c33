import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { rowPlan } from './cells.js'
import { buildData, parseMargins } from './conformance.js'
import { factorColumn, numericColumn, surveyData } from './data.js'
import { createDesign, restrictDesign } from './design.js'
import {
  analysisColumns,
  confint,
  influence,
  kish,
  svyContrast,
  svyMean,
  svyTotal,
  svyVar,
} from './estimates.js'
import { calibrate } from './calibration.js'
import { margin, rake } from './raking.js'
import { trimWeights } from './trimming.js'
import { calibrationResiduals, withReplacementVcov } from './variance.js'

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
const raked = rake(n300.design, margins).design

describe('equal weights, no calibration: the unweighted results', () => {
  const y = [3, 5, 8, 1, 9, 4, 6, 7, 2, 5]
  const data = surveyData({
    y: numericColumn(y),
    f: factorColumn(['a', 'b', 'a', 'a', 'b', 'c', 'a', 'b', 'c', 'a'], ['a', 'b', 'c'], 'f'),
  })
  const d = createDesign(data, 7)
  const n = y.length
  const mean = y.reduce((a, b) => a + b, 0) / n
  const s2 = y.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)
  test('mean and SE = s/√n (with-replacement formula)', () => {
    const e = svyMean(d, ['y'])
    assert.ok(Math.abs((e.estimate[0] as number) - mean) < 1e-14)
    assert.ok(Math.abs((e.se[0] as number) - Math.sqrt(s2 / n)) < 1e-14)
    assert.equal(e.degf, n - 1)
    assert.deepEqual(e.base, { n, weighted: 7 * n })
  })
  test('proportions of every level sum to 1, vcov rows sum to 0', () => {
    const e = svyMean(d, ['f'])
    assert.deepEqual(e.names, ['fa', 'fb', 'fc'])
    assert.deepEqual(Array.from(e.estimate), [0.5, 0.3, 0.2])
    for (let a = 0; a < 3; a++) {
      let s = 0
      for (let b = 0; b < 3; b++) s += e.vcov[a * 3 + b] as number
      assert.ok(Math.abs(s) < 1e-16)
    }
    assert.ok(Math.abs((e.se[0] as number) - Math.sqrt((0.5 * 0.5) / (n - 1))) < 1e-14)
  })
  test('totals scale with the weights; svyVar is the sample variance', () => {
    const t = svyTotal(d, ['y'])
    assert.ok(Math.abs((t.estimate[0] as number) - 7 * n * mean) < 1e-10)
    const v = svyVar(d, 'y')
    assert.ok(Math.abs((v.estimate[0] as number) - s2) < 1e-12)
  })
  test('Kish: equal weights give n_eff = n, deff = 1', () => {
    const k = kish(d.weights)
    assert.ok(Math.abs(k.nEff - n) < 1e-12)
    assert.ok(Math.abs(k.deff - 1) < 1e-12)
    const k2 = kish(Float64Array.of(1, 3, 0))
    assert.equal(k2.n, 2)
    assert.ok(Math.abs(k2.nEff - 16 / 10) < 1e-15)
  })
})

describe('missing answers and not-estimable values', () => {
  const data = surveyData({
    y: numericColumn([1, null, 3, 4]),
    g: factorColumn(['a', 'a', 'b', 'b'], ['a', 'b', 'c'], 'g'),
  })
  const d = createDesign(data, 1)
  test('naRm (default): base = respondents, rows stay in the design (df = n − 1)', () => {
    const e = svyMean(d, ['y'])
    assert.ok(Math.abs((e.estimate[0] as number) - 8 / 3) < 1e-15)
    assert.equal(e.base.n, 3)
    assert.equal(e.degf, 3)
  })
  test('naRm false with missing answers: NaN and a MISSING_VALUES warning naming the variable', () => {
    const e = svyMean(d, ['y'], { naRm: false })
    assert.ok(Number.isNaN(e.estimate[0] as number))
    assert.equal(e.warnings[0]?.code, 'MISSING_VALUES')
    assert.equal(e.warnings[0]?.variable, 'y')
  })
  test('no respondent in the base: NaN and NO_RESPONDENTS', () => {
    const sub = restrictDesign(d, Uint8Array.of(0, 1, 0, 0))
    const e = svyMean(sub, ['y'])
    assert.ok(Number.isNaN(e.estimate[0] as number) && Number.isNaN(e.se[0] as number))
    assert.equal(e.warnings[0]?.code, 'NO_RESPONDENTS')
  })
})

describe('linearised variance on calibrated designs', () => {
  test('factored backfitting equals R literal backfitting (10 sweeps, psw_k)', () => {
    for (const design of [
      raked,
      trimWeights(raked, { lower: 80000, upper: 350000 }).design,
      restrictDesign(
        raked,
        Uint8Array.from({ length: 300 }, (_, i) => (i % 3 ? 1 : 0)),
      ),
    ]) {
      const cols = analysisColumns(design, ['first_choice', 'score', 'mrank_vision'])
      const plan = rowPlan(design.data.n)
      const a = influence(plan, cols, { weights: design.weights }, 'mean', true)
      const U1 = Float64Array.from(a.U)
      const U2 = Float64Array.from(a.U)
      calibrationResiduals(design, plan, U1, cols.p, false)
      calibrationResiduals(design, plan, U2, cols.p, true)
      const V1 = withReplacementVcov(U1, cols.p, plan)
      const V2 = withReplacementVcov(U2, cols.p, plan)
      for (let k = 0; k < V1.length; k++)
        assert.ok(
          Math.abs((V1[k] as number) - (V2[k] as number)) <=
            1e-12 * Math.abs(V2[k] as number) + 1e-20,
        )
    }
  })
  test('zero weights in a raked design make every SE NaN, as in R', () => {
    const w = Float64Array.from(n300.design.weights)
    w[0] = 0
    w[1] = 0
    const r = rake({ ...n300.design, weights: w, baseWeights: w }, margins)
    const e = svyMean(r.design, ['score'])
    assert.ok(Number.isFinite(e.estimate[0] as number))
    assert.ok(Number.isNaN(e.se[0] as number))
  })
  test('GREG residuals are orthogonal to the calibration variables (Σ ww·x·z_res = 0)', () => {
    const greg = calibrate(
      n300.design,
      n300.mf.variables,
      n300.mf.popVector as Record<string, number>,
    ).design
    const step = greg.steps[0]
    assert.ok(step && step.kind === 'calibration')
    const cols = analysisColumns(greg, ['score'])
    const plan = rowPlan(greg.data.n)
    const inf = influence(plan, cols, { weights: greg.weights }, 'mean', true)
    const U = Float64Array.from(inf.U)
    calibrationResiduals(greg, plan, U, 1)
    const x = new Float64Array(step.model.columns.length)
    const t = new Float64Array(x.length)
    let scale = 0
    for (let i = 0; i < U.length; i++) {
      step.model.row(i, x)
      const z = (U[i] as number) / ((step.ww[i] as number) * (step.g[i] as number))
      for (let j = 0; j < x.length; j++)
        t[j] = (t[j] as number) + (step.ww[i] as number) * (x[j] as number) * z
      scale += Math.abs((step.ww[i] as number) * z)
    }
    for (const v of t) assert.ok(Math.abs(v) < 1e-12 * scale)
  })
  test('calibrated totals of calibration variables have (near) zero variance', () => {
    const r = rake(n300.design, margins, { epsilon: 1e-14, maxit: 200 })
    const t = svyTotal(r.design, ['sex'])
    for (const se of t.se) assert.ok(se < 1e-6 * n300.mf.N, `SE of a raked margin total ${se}`)
  })
})

describe('contrasts, confidence intervals, deff', () => {
  test('contrast Action − Gestion: estimate, SE and CIs are consistent', () => {
    const fc = svyMean(raked, ['first_choice'], { deff: true })
    const c = svyContrast(fc, { first_choiceAction: 1, first_choiceGestion: -1 })
    const byVector = svyContrast(fc, [0, -1, 1])
    assert.equal(c.estimate, byVector.estimate)
    assert.equal(c.se, byVector.se)
    assert.ok(
      Math.abs(c.estimate - ((fc.estimate[2] as number) - (fc.estimate[1] as number))) < 1e-15,
    )
    assert.ok(c.pT > c.pNormal, 'Student p-value larger than normal')
    const ci = confint(
      { estimate: Float64Array.of(c.estimate), se: Float64Array.of(c.se) },
      { df: fc.degf },
    )
    assert.ok((ci.low[0] as number) < c.estimate && c.estimate < (ci.high[0] as number))
    assert.ok(fc.deff?.every((d) => d > 0.5 && d < 3))
  })
})
