/**
 * The fast path (rows aggregated to cells with frequencies) gives the same numbers as the row path:
 * the whole conformance output of n2000 (weights, estimates, SEs, CIs, vcov, svyby, svychisq …) is
 * computed both ways and compared number by number (≤ 1e-9 relative).
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { factorKey, makePlan, numericKey } from './cells.js'
import { buildData, parseMargins, runConformance } from './conformance.js'
import { factorColumn, getNumeric, numericColumn, surveyData, withColumns } from './data.js'
import { createDesign } from './design.js'
import { InvalidInputError } from './errors.js'
import { calibrate } from './calibration.js'
import { svyMean } from './estimates.js'
import { margin, rake } from './raking.js'

const dir = new URL('../../test/fixtures/oracle/cases/n2000/', import.meta.url)
const records = parse(readFileSync(new URL('data.csv', dir), 'utf8'), { columns: true }) as Record<
  string,
  string
>[]
const marginsRaw = JSON.parse(readFileSync(new URL('margins.json', dir), 'utf8')) as unknown
const designRaw = JSON.parse(readFileSync(new URL('design.json', dir), 'utf8')) as unknown

function leaves(o: unknown, path: string, out: Map<string, unknown>): void {
  if (o !== null && typeof o === 'object') {
    for (const [k, v] of Object.entries(o as Record<string, unknown>))
      leaves(v, path ? `${path}.${k}` : k, out)
  } else out.set(path, o)
}

/** Every `every`-th respondent is H, the others F. */
function sexColumn(n: number, every: number) {
  return factorColumn(
    Array.from({ length: n }, (_, i) => (i % every ? 'F' : 'H')),
    ['F', 'H'],
    'sex',
  )
}

/** 20 000 respondents (a third H) with an answer 1–7, raked on sex. */
function rakedSample() {
  const n = 20000
  const y = numericColumn(Array.from({ length: n }, (_, i) => (i % 7) + 1))
  return rake(createDesign(surveyData({ sex: sexColumn(n, 3), y }), 10), [margin('sex', { F: 120000, H: 80000 })])
}

describe('cell path = row path', () => {
  test('every number of the n2000 conformance output agrees to 1e-9 relative, and every weight', () => {
    const all = Object.keys((designRaw as { designs: object }).designs)
    const rows = runConformance({
      records,
      margins: marginsRaw,
      design: designRaw,
      path: 'rows',
      fullEstimatesFor: all,
    })
    const cells = runConformance({
      records,
      margins: marginsRaw,
      design: designRaw,
      path: 'cells',
      fullEstimatesFor: all,
    })
    const a = new Map<string, unknown>()
    const b = new Map<string, unknown>()
    leaves(JSON.parse(JSON.stringify(rows.result)), '', a)
    leaves(JSON.parse(JSON.stringify(cells.result)), '', b)
    assert.deepEqual([...a.keys()], [...b.keys()])
    let compared = 0
    let worst = 0
    for (const [k, va] of a) {
      const vb = b.get(k)
      if (typeof va !== 'number' || typeof vb !== 'number') {
        // warning texts quote achieved margin errors (differences of cell totals): compare presence only
        if (!/\.warnings\./.test(k)) assert.deepEqual(vb, va, k)
        continue
      }
      compared++
      // deltas are differences of cell totals; the rake-vs-cal_raking diagnostics are differences of
      // two results (relative precision ≈ 1e-16 / difference)
      if (/deltas|rake_vs_cal_raking_|check_diag/.test(k)) continue
      const rel = Math.abs(va - vb) / Math.max(Math.abs(va), 1e-300)
      const scale = /vcov/.test(k) ? 1e-20 : 0
      worst = Math.max(worst, Math.abs(va - vb) <= scale ? 0 : rel)
      assert.ok(rel <= 1e-9 || Math.abs(va - vb) <= scale, `${k}: rows ${va}, cells ${vb}`)
    }
    assert.ok(compared > 4000, `${compared} numbers`)
    rows.weights.columns.forEach((col, d) => {
      col.forEach((w, i) => {
        assert.ok(
          Math.abs(w / (cells.weights.columns[d]?.[i] as number) - 1) <= 1e-12,
          `${rows.weights.designs[d]} row ${i}`,
        )
      })
    })
  })

  const mf = parseMargins(marginsRaw)
  const cd = buildData(records, mf)
  const base = createDesign(cd.data, mf.N / cd.data.n)
  const raked = rake(
    base,
    mf.variables.map((v) => margin(v, mf.margins[v] as Record<string, number>)),
  )
  test('auto chooses cells only when they are much fewer than the rows', () => {
    const fc = svyMean(raked.design, ['first_choice'])
    // n2000: 2000 respondents in several hundred calibration cells × 4 answers — not worth it
    assert.equal(fc.path, 'rows')
    const plan = makePlan(raked.design, [factorKey(cd.data.columns.first_choice as never)], {
      path: 'cells',
    })
    assert.equal(plan.path, 'cells')
    assert.ok(plan.m < cd.data.n)
    assert.equal(
      plan.freq?.reduce((a, b) => a + b, 0),
      cd.data.n,
    )
  })
  test('numeric values are coded exactly (no two different values share a cell)', () => {
    const k = numericKey(Float64Array.of(0, 1e-17, -0, 3, 3, NaN, 2.5), 10)
    assert.ok(k)
    const c = Array.from(k.codes)
    assert.equal(c[0], c[2], '0 and −0 are the same value')
    assert.notEqual(c[0], c[1])
    assert.equal(c[3], c[4])
    assert.equal(c[5], 0, 'NaN (missing) has its own code')
    assert.equal(new Set(c).size, 5)
  })
  test('a continuous variable or a numeric calibration falls back to rows; forcing cells is a typed error', () => {
    const x = numericColumn(Array.from({ length: 50 }, (_, i) => i + 0.5))
    assert.equal(numericKey(x.values, 20), null)
    const data = surveyData({
      x,
      s: factorColumn(
        Array.from({ length: 50 }, (_, i) => (i % 2 ? 'a' : 'b')),
        ['a', 'b'],
        's',
      ),
    })
    const d = createDesign(data, 2)
    const g = calibrate(d, ['s', 'x'], { '(Intercept)': 100, sb: 50, x: 1300 })
    assert.equal(svyMean(g.design, ['s']).path, 'rows')
    assert.throws(() => svyMean(g.design, ['s'], { path: 'cells' }), InvalidInputError)
  })
  test('large categorical samples take the cell path automatically', () => {
    const r = rakedSample()
    assert.equal(r.path, 'cells')
    const e = svyMean(r.design, ['y'])
    assert.equal(e.path, 'cells')
    const e2 = svyMean(r.design, ['y'], { path: 'rows' })
    assert.ok(Math.abs((e.se[0] as number) / (e2.se[0] as number) - 1) < 1e-12)
  })
  test('copies of the data that share the calibration columns share their cells; a replaced column does not', () => {
    const r = rakedSample()
    const n = r.design.data.n
    // A question's copy (withColumns, as the surveys feature does per question) keeps the calibration cells.
    const copy = { ...r.design, data: withColumns(r.design.data, { z: numericColumn(Array.from({ length: n }, (_, i) => i % 2)) }) }
    const plan = makePlan(copy, [numericKey(getNumeric(copy.data, 'z').values, 10)])
    assert.equal(plan.path, 'cells')
    assert.equal(plan.m, 4, 'sex × z')
    assert.deepEqual(svyMean(copy, ['y']), svyMean(r.design, ['y']))
    // The same name holding other answers is another key: its cells are the new column's, and weights that
    // are not constant within them send the plan back to rows.
    const other = sexColumn(n, 5)
    const replaced = { ...r.design, data: withColumns(r.design.data, { sex: other }) }
    assert.equal(makePlan(replaced, []).path, 'rows')
    assert.equal(makePlan(r.design, []).path, 'cells')
  })
})
