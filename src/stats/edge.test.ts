/**
 * The documented failure modes of R survey 4.1-1 (oracle cases/edge_n120/expected.json → scenarios): each
 * yields the engine's typed error, warning or not-estimable value — never a bare exception — and, where R
 * returns numbers, the same numbers within the README tolerances.
 *
 * Reconstructed inputs: the scenarios' raked design `rk` is rake(des0, margins_cor_zero, maxit 100,
 * epsilon 1e-12) (Corse has no respondent in this sample), which reproduces R's Rao–Scott ndf/ddf of
 * `chisq_unused_factor_level` exactly; the 3 zero-weight respondents are rows 1–3 (reproduces R's
 * estimate). R's domain variable `dom` and indicator `yz` are not in the files: the domain scenarios are
 * rebuilt with a domain variable of the same shape ('rest', 'small' with p = 0, 'solo' with one
 * respondent, and an 'empty' level).
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { calibrate, populationFromMargins } from './calibration.js'
import { svyChisq } from './chisq.js'
import { buildData, parseMargins, weightsBlock, type MarginsFile } from './conformance.js'
import { compareWithExpected } from './conformance-compare.js'
import { factorColumn, numericColumn, withColumns, type FactorColumn } from './data.js'
import { createDesign, dropZeroWeightRows, restrictDesign, type Design } from './design.js'
import { svyByCiProp, svyByMean } from './domains.js'
import {
  AbsentCategoryError,
  AbsentLevelInDomainError,
  CalibrationFailedError,
  InconsistentMarginTotalsError,
  StatsError,
} from './errors.js'
import { svyMean } from './estimates.js'
import { modelMatrix } from './model-matrix.js'
import { margin, rake, type PopulationMargin } from './raking.js'
import { levelTotals } from './summary.js'

const dir = new URL('../../test/fixtures/oracle/cases/edge_n120/', import.meta.url)
const read = (f: string): string => readFileSync(new URL(f, dir), 'utf8')
const rawMargins = JSON.parse(read('margins.json')) as Record<
  string,
  Record<string, Record<string, number>>
> & { N: number }
const scenarios = (
  JSON.parse(read('expected.json')) as { scenarios: Record<string, Record<string, unknown>> }
).scenarios
const mf = parseMargins(rawMargins)
const records = parse(read('data.csv'), { columns: true }) as Record<string, string>[]
const cd = buildData(records, mf)
const N = mf.N
const vars = mf.variables
const des0 = createDesign(cd.data, N / cd.data.n)
const marginsOf = (src: Record<string, Record<string, number>>): PopulationMargin[] =>
  vars.map((v) => margin(v, src[v] as Record<string, number>))
const full = marginsOf(rawMargins.margins as Record<string, Record<string, number>>)
const corZero = marginsOf(rawMargins.margins_cor_zero as Record<string, Record<string, number>>)
const popFull = populationFromMargins(modelMatrix(cd.data, vars), full)
const popCorZero = populationFromMargins(modelMatrix(cd.data, vars), corZero)
const rk = rake(des0, corZero, { maxit: 100, epsilon: 1e-12 })

function scenario(name: string): Record<string, unknown> {
  const s = scenarios[name]
  assert.ok(s, `scenario ${name} in the oracle`)
  return s
}

/** Compares the engine's weights block with the scenario's, under the README tolerances. */
function sameWeights(
  design: Design,
  expected: unknown,
  data = cd,
  margins: MarginsFile = mf,
): void {
  const mine = JSON.parse(JSON.stringify(weightsBlock(design, data, margins))) as unknown
  const res = compareWithExpected(mine, expected, { skip: [] })
  assert.deepEqual(res.mismatches, [], 'weights block within tolerance')
  assert.ok(res.compared > 40)
}

describe('edge_n120: errors', () => {
  for (const [name, run] of [
    ['absent_category_rake', () => rake(des0, full, { maxit: 100, epsilon: 1e-12 })],
    ['absent_category_greg', () => calibrate(des0, vars, popFull)],
    ['absent_category_cal_raking', () => calibrate(des0, vars, popFull, { calfun: 'raking' })],
  ] as const) {
    test(`${name}: R fails; the engine names the variable and category and says what to do`, () => {
      assert.equal(scenario(name).outcome, 'error')
      assert.throws(
        run,
        (e: unknown) =>
          e instanceof AbsentCategoryError &&
          e.variable === 'region' &&
          e.category === 'COR' &&
          /Collapse/.test(e.advice),
      )
    })
  }
  test('infeasible_bounds: CalibrationFailedError naming the conflicting margins, with R misfit and iteration count', () => {
    const s = scenario('infeasible_bounds')
    assert.equal(s.outcome, 'error')
    const m = /eps=([0-9.e-]+) in (\d+) iterations/.exec(String(s.warnings))
    assert.ok(m)
    assert.throws(
      () => calibrate(des0, vars, popCorZero, { calfun: 'raking', bounds: [0.9, 1.1] }),
      (e: unknown) =>
        e instanceof CalibrationFailedError &&
        Math.abs((e.details.maxRelativeMisfit as number) / Number(m[1]) - 1) < 1e-6 &&
        e.details.iterations === Number(m[2]) &&
        /bounds/.test(e.advice) &&
        e.diagnosis?.infeasible === true &&
        // the farthest out of reach first: 7 respondents aged 25-34 (5.8 %) for 14.8 % of the population
        e.diagnosis.conflicts[0]?.kind === 'category' &&
        e.diagnosis.conflicts[0].margin.variables[0] === 'age' &&
        e.diagnosis.conflicts[0].margin.categories[0]?.[0] === '25-34' &&
        e.diagnosis.conflicts[0].respondents === 7 &&
        /age = 25-34 is 14\.8 % of the population/.test(e.message),
    )
  })
  test('chisq_domain_with_absent_level: AbsentLevelInDomainError (R: singular system)', () => {
    assert.equal(scenario('chisq_domain_with_absent_level').outcome, 'error')
    const age = cd.data.columns.age as FactorColumn
    const seg = cd.data.columns.segment as FactorColumn
    const ent = seg.levels.indexOf('entreprise')
    const mask = Uint8Array.from({ length: cd.data.n }, (_, i) =>
      age.codes[i] === 0 && seg.codes[i] !== ent ? 1 : 0,
    )
    assert.throws(
      () => svyChisq(restrictDesign(rk.design, mask), 'segment', 'q_yesno'),
      (e: unknown) => e instanceof AbsentLevelInDomainError && e.variable === 'segment',
    )
  })
  test('inconsistent_margin_totals: refused by default; checkTotals false reproduces R silently "converging"', () => {
    const s = scenario('inconsistent_margin_totals')
    const seg = margin('segment', { citoyen: 1, elu: 1, entreprise: 1, association: 1 })
    assert.throws(
      () => rake(des0, [...corZero, seg], { maxit: 10, epsilon: 1 }),
      (e: unknown) => e instanceof InconsistentMarginTotalsError && e.variable === 'segment',
    )
    const r = rake(des0, [...corZero, seg], { maxit: 10, epsilon: 1, checkTotals: false })
    assert.equal(r.converged, true, 'R reports convergence')
    assert.equal(r.warnings[0]?.code, 'INCONSISTENT_MARGIN_TOTALS')
    const sum = r.weights.reduce((a, b) => a + b, 0)
    assert.ok(Math.abs(sum - (s.sum_weights as number)) < 1e-9)
    const sex = levelTotals(r.weights, cd.data.columns.sex as FactorColumn)
    const exp = s.sex_margin_totals as Record<string, number>
    assert.ok(
      Math.abs((sex[0] as number) - (exp.F as number)) < 1e-9 &&
        Math.abs((sex[1] as number) - (exp.H as number)) < 1e-9,
    )
  })
})

describe('edge_n120: weights returned by R', () => {
  test('absent_category_pop_zero_rake: the empty cell with population 0 is dropped', () => {
    assert.equal(rk.converged, true)
    sameWeights(rk.design, scenario('absent_category_pop_zero_rake').weights as unknown)
  })
  test('absent_category_pop_zero_greg: the all-zero column is dropped; negative weights are flagged', () => {
    const g = calibrate(des0, vars, popCorZero)
    assert.equal(g.columns.includes('regionCOR'), false)
    assert.ok(
      g.warnings.some((w) => w.code === 'NEGATIVE_WEIGHTS'),
      'R is silent; the engine warns',
    )
    sameWeights(g.design, scenario('absent_category_pop_zero_greg').weights)
  })
  test('non_convergence_rake: weights of the last sweep and a warning', () => {
    const s = scenario('non_convergence_rake')
    const r = rake(des0, corZero, { maxit: 2, epsilon: 1e-9 })
    assert.equal(r.converged, false)
    assert.equal(r.warnings[0]?.code, 'RAKING_NOT_CONVERGED')
    sameWeights(r.design, s.weights)
    // R's max_abs_margin_error leaves out the region margin (whose Corse total is NA in its table);
    // the engine's value covers every margin: recompute both from the oracle's margin totals
    const totals = (s.weights as { margin_totals: Record<string, Record<string, number | null>> })
      .margin_totals
    const errs = (names: string[]): number =>
      Math.max(
        ...names.flatMap((v) =>
          Object.entries(totals[v] ?? {}).map(([l, t]) =>
            t === null
              ? 0
              : Math.abs(
                  t -
                    ((rawMargins.margins_cor_zero as Record<string, Record<string, number>>)[v]?.[
                      l
                    ] as number),
                ),
          ),
        ),
      )
    assert.ok(Math.abs(errs(['sex', 'age', 'occ']) - (s.max_abs_margin_error as number)) < 1e-6)
    assert.ok(Math.abs(r.maxAbsMarginError - errs(vars)) < 1e-6 * N * 1e-6)
    assert.equal(r.worstMarginCell?.variable, 'region')
  })
  test('infeasible_bounds_force: non-calibrated weights with a warning', () => {
    const r = calibrate(des0, vars, popCorZero, {
      calfun: 'raking',
      bounds: [0.9, 1.1],
      force: true,
    })
    assert.equal(r.converged, false)
    assert.equal(r.warnings[0]?.code, 'CALIBRATION_NOT_CONVERGED')
    assert.equal(r.diagnosis?.infeasible, true, 'the weights come with the conflicting margins')
    // no weights meet the bounds: the engine returns R's own last iterate, as R does with force = TRUE
    sameWeights(r.design, scenario('infeasible_bounds_force').weights)
  })
  test('bounded_raking_derivative_quirk: R fails, the exact derivative converges in 5 iterations', () => {
    const s = scenario('bounded_raking_derivative_quirk')
    const rq = parse(read('data_quirk_n300.csv'), { columns: true }) as Record<string, string>[]
    const cq = buildData(rq, mf)
    const dq = createDesign(cq.data, N / cq.data.n)
    const pq = populationFromMargins(modelMatrix(cq.data, vars), full)
    const opts = { calfun: 'raking', bounds: [0.4, 3], epsilon: 1e-10, maxit: 200 } as const
    const m = /eps=([0-9.e-]+) in (\d+) iterations/.exec(String(s.warnings))
    assert.ok(m)
    assert.throws(
      () => calibrate(dq, vars, pq, { ...opts, derivative: 'survey' }),
      (e: unknown) =>
        e instanceof CalibrationFailedError &&
        e.details.iterations === Number(m[2]) &&
        Math.abs((e.details.maxRelativeMisfit as number) / Number(m[1]) - 1) < 1e-6,
    )
    const ex = calibrate(dq, vars, pq, opts)
    const ref = s.exact_derivative_reference as { iterations: number; weights: unknown }
    assert.equal(ex.iterations, ref.iterations)
    sameWeights(ex.design, ref.weights, cq)
    const lin = calibrate(dq, vars, pq, { ...opts, calfun: 'linear' })
    sameWeights(lin.design, (s.linear_same_bounds as { weights: unknown }).weights, cq)
  })
})

describe('edge_n120: not-estimable values', () => {
  const w = Float64Array.from(des0.weights)
  for (const r of [0, 1, 2]) w[r] = 0
  const desz: Design = { ...des0, weights: w, baseWeights: w }
  test('zero_base_weights_rake_se: same estimate as R, SE NaN, with a warning saying to drop the rows', () => {
    const s = scenario('zero_base_weights_rake_se')
    const r = rake(desz, corZero, { maxit: 100, epsilon: 1e-12 })
    assert.equal(r.warnings[0]?.code, 'ZERO_BASE_WEIGHTS')
    assert.match(r.warnings[0]?.advice ?? '', /dropZeroWeightRows/)
    const e = svyMean(r.design, ['score'])
    assert.ok(
      Math.abs((e.estimate[0] as number) - (s.estimate as number)) < 1e-9 * (s.estimate as number),
    )
    assert.equal(s.se, null)
    assert.ok(Number.isNaN(e.se[0] as number))
  })
  test('zero_base_weights_dropped_first: finite SE equal to R (dropped rows stay sampled units)', () => {
    const s = scenario('zero_base_weights_dropped_first')
    const r = rake(dropZeroWeightRows(desz), corZero, { maxit: 100, epsilon: 1e-12 })
    const e = svyMean(r.design, ['score'])
    assert.ok(
      Math.abs((e.estimate[0] as number) - (s.estimate as number)) < 1e-9 * (s.estimate as number),
    )
    assert.ok(Math.abs((e.se[0] as number) / (s.se as number) - 1) < 1e-6)
  })
  test('domain_all_missing: NaN estimate and SE with NO_RESPONDENTS', () => {
    assert.equal(scenario('domain_all_missing').estimate, null)
    const score = cd.data.columns.score
    assert.ok(score?.kind === 'numeric')
    const e = svyMean(
      restrictDesign(
        rk.design,
        Uint8Array.from(score.values, (v) => (Number.isNaN(v) ? 1 : 0)),
      ),
      ['score'],
    )
    assert.ok(Number.isNaN(e.estimate[0] as number) && Number.isNaN(e.se[0] as number))
    assert.equal(e.warnings[0]?.code, 'NO_RESPONDENTS')
  })
  test('missing_without_na_rm: NaN with MISSING_VALUES', () => {
    assert.equal(scenario('missing_without_na_rm').estimate, null)
    const e = svyMean(rk.design, ['score'], { naRm: false })
    assert.ok(Number.isNaN(e.estimate[0] as number))
    assert.equal(e.warnings[0]?.code, 'MISSING_VALUES')
    assert.equal(e.warnings[0]?.variable, 'score')
  })
  test('chisq_unused_factor_level: statistic NaN with R ndf/ddf, UNUSED_LEVEL warning', () => {
    const s = scenario('chisq_unused_factor_level').result as {
      parameter: { ndf: number; ddf: number }
      statistic: null
    }
    const seg = cd.data.columns.segment as FactorColumn
    const seg2 = factorColumn(
      records.map((r) => r.segment),
      [...seg.levels, 'vide'],
      'seg2',
    )
    const d = { ...rk.design, data: withColumns(rk.design.data, { seg2 }) }
    const r = svyChisq(d, 'seg2', 'q_yesno')
    const F = r.tests.F
    assert.ok(F && Number.isNaN(F.statistic) && Number.isNaN(F.pValue))
    const p = F.parameter as { ndf: number; ddf: number }
    assert.ok(
      Math.abs(p.ndf / s.parameter.ndf - 1) < 1e-6 && Math.abs(p.ddf / s.parameter.ddf - 1) < 1e-6,
    )
    assert.ok(r.warnings.some((x) => x.code === 'UNUSED_LEVEL' && x.category === 'vide'))
  })

  // domain scenarios on a rebuilt domain variable of the same shape
  const score = cd.data.columns.score
  assert.ok(score?.kind === 'numeric')
  const solo = score.values.indexOf(5)
  const dom = records.map((_, i) =>
    i === solo ? 'solo' : i >= 100 && i < 110 && i !== solo ? 'small' : 'rest',
  )
  const yz = records.map((_, i) => (dom[i] === 'small' || i === solo ? 0 : i % 2))
  const data = withColumns(cd.data, {
    dom: factorColumn(dom, ['rest', 'small', 'solo', 'empty'], 'dom'),
    yz: numericColumn(yz),
  })
  const rkd = { ...rk.design, data }
  test('domain_single_respondent: SE 0, empty level dropped, small-base warning', () => {
    assert.equal(scenario('domain_single_respondent').outcome, 'ok')
    const r = svyByMean(rkd, ['score'], 'dom')
    assert.deepEqual(r.domains, ['rest', 'small', 'solo'])
    assert.equal(r.estimate.score?.[2], 5)
    assert.ok((r.se.score?.[2] as number) < 1e-9)
    assert.ok(
      Math.abs((r.ciLow.score?.[2] as number) - 5) < 1e-8,
      'the normal CI collapses on the estimate, as R',
    )
    assert.ok(r.warnings.some((w) => w.code === 'SMALL_BASE' && w.category === 'solo'))
  })
  test('domain_zero_proportion_ciprop: p = 0 gets a bound and a warning; df = 0 a NaN interval', () => {
    const s = scenario('domain_zero_proportion_ciprop').result as {
      ci_l: { yz: (number | null)[] }
    }
    assert.equal(s.ci_l.yz[2], null, 'R: NaN for the one-respondent domain')
    const r = svyByCiProp(rkd, 'yz', 'dom')
    assert.equal(r.estimate.yz?.[1], 0)
    assert.equal(r.ciLow.yz?.[1], 0)
    assert.ok((r.ciHigh.yz?.[1] as number) > 0 && (r.ciHigh.yz?.[1] as number) < 1)
    assert.ok(Number.isNaN(r.ciLow.yz?.[2] as number))
    assert.ok(r.warnings.some((w) => w.code === 'PROPORTION_AT_BOUNDARY'))
    assert.ok(r.warnings.some((w) => w.code === 'ZERO_DEGREES_OF_FREEDOM'))
  })
  test('chisq_with_zero_cell: a structural zero and an empty level — NaN statistic with warnings', () => {
    assert.equal(scenario('chisq_with_zero_cell').outcome, 'warning')
    const yzf = factorColumn(yz.map(String), ['0', '1'], 'yzf')
    const r = svyChisq({ ...rkd, data: withColumns(data, { yzf }) }, 'dom', 'yzf')
    assert.ok(Number.isNaN(r.tests.F?.statistic as number))
    assert.ok(r.warnings.some((x) => x.code === 'UNUSED_LEVEL' && x.category === 'empty'))
    assert.ok(r.warnings.some((x) => x.code === 'CHISQ_SMALL_EXPECTED'))
  })
  test('no scenario ends in a bare exception: every error above is a StatsError', () => {
    for (const run of [
      () => rake(des0, full),
      () => calibrate(des0, vars, popFull),
      () => calibrate(des0, vars, popCorZero, { calfun: 'raking', bounds: [0.9, 1.1] }),
    ]) {
      assert.throws(run, StatsError)
    }
  })
})
