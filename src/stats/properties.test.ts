/** Property-based tests (fast-check) of weighting and estimation invariants. */
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { factorFromCodes, numericColumn, surveyData, type SurveyData } from './data.js'
import { createDesign } from './design.js'
import { svyMean } from './estimates.js'
import { margin, rake, type PopulationMargin } from './raking.js'

interface Sample {
  n: number
  a: number[]
  b: number[]
  y: number[]
  d: number[]
  La: number
  Lb: number
  popA: number[]
  popB: number[]
}

/** Random samples where every level of both factors occurs, with positive base weights and margins. */
const sampleArb: fc.Arbitrary<Sample> = fc
  .record({
    La: fc.integer({ min: 2, max: 4 }),
    Lb: fc.integer({ min: 2, max: 5 }),
    n: fc.integer({ min: 12, max: 60 }),
  })
  .chain(({ La, Lb, n }) =>
    fc.record({
      n: fc.constant(n),
      La: fc.constant(La),
      Lb: fc.constant(Lb),
      a: fc
        .array(fc.integer({ min: 0, max: La - 1 }), { minLength: n, maxLength: n })
        .map((a) => a.map((v, i) => (i < La ? i : v))),
      b: fc
        .array(fc.integer({ min: 0, max: Lb - 1 }), { minLength: n, maxLength: n })
        .map((b) => b.map((v, i) => (i < Lb ? (i + 1) % Lb : v))),
      y: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
      d: fc.array(fc.double({ min: 0.5, max: 20, noNaN: true }), { minLength: n, maxLength: n }),
      popA: fc.array(fc.double({ min: 1, max: 100, noNaN: true }), {
        minLength: La,
        maxLength: La,
      }),
      popB: fc.array(fc.double({ min: 1, max: 100, noNaN: true }), {
        minLength: Lb,
        maxLength: Lb,
      }),
    }),
  )

const lv = (L: number, p: string): string[] => Array.from({ length: L }, (_, i) => `${p}${i}`)

function dataOf(s: Sample, order?: number[]): SurveyData {
  const idx = order ?? s.a.map((_, i) => i)
  return surveyData({
    a: factorFromCodes(
      Int32Array.from(idx, (i) => s.a[i] as number),
      lv(s.La, 'a'),
      'a',
    ),
    b: factorFromCodes(
      Int32Array.from(idx, (i) => s.b[i] as number),
      lv(s.Lb, 'b'),
      'b',
    ),
    y: factorFromCodes(
      Int32Array.from(idx, (i) => s.y[i] as number),
      ['no', 'maybe', 'yes'],
      'y',
    ),
    x: numericColumn(idx.map((i) => (s.y[i] as number) * 2 + (s.a[i] as number))),
  })
}

function marginsOf(s: Sample): PopulationMargin[] {
  // both margins share the total 1000 (shares scaled to the base)
  const sa = s.popA.reduce((x, y) => x + y, 0)
  const sb = s.popB.reduce((x, y) => x + y, 0)
  return [
    margin('a', Object.fromEntries(s.popA.map((p, i) => [`a${i}`, (1000 * p) / sa]))),
    margin('b', Object.fromEntries(s.popB.map((p, i) => [`b${i}`, (1000 * p) / sb]))),
  ]
}

/** Relative closeness, with an absolute floor for quantities that are 0 up to rounding (e.g. the SE of a share of 1). */
const relClose = (x: number, y: number, tol: number): boolean =>
  Math.abs(x - y) <= tol * Math.max(Math.abs(x), Math.abs(y)) + 1e-15

describe('properties', () => {
  test('raking keeps weights positive and finite', () => {
    fc.assert(
      fc.property(sampleArb, (s) => {
        const r = rake(createDesign(dataOf(s), Float64Array.from(s.d)), marginsOf(s), {
          maxit: 50,
          epsilon: 1e-10,
        })
        return r.weights.every((w) => w > 0 && Number.isFinite(w))
      }),
      { numRuns: 60 },
    )
  })

  test('results do not depend on row order', () => {
    fc.assert(
      fc.property(sampleArb, fc.integer({ min: 1, max: 1 << 30 }), (s, seed) => {
        const order = s.a.map((_, i) => i)
        let x = seed
        for (let i = order.length - 1; i > 0; i--) {
          x = (x * 1103515245 + 12345) & 0x7fffffff
          const j = x % (i + 1)
          ;[order[i], order[j]] = [order[j] as number, order[i] as number]
        }
        // a fixed number of sweeps, so that both orders stop at the same iterate
        const fixed = { maxit: 25, epsilon: 1e-300 }
        const r1 = rake(createDesign(dataOf(s), Float64Array.from(s.d)), marginsOf(s), fixed)
        const r2 = rake(
          createDesign(
            dataOf(s, order),
            Float64Array.from(order, (i) => s.d[i] as number),
          ),
          marginsOf(s),
          fixed,
        )
        const okW = order.every((src, k) =>
          relClose(r2.weights[k] as number, r1.weights[src] as number, 1e-11),
        )
        const e1 = svyMean(r1.design, ['y', 'x'])
        const e2 = svyMean(r2.design, ['y', 'x'])
        const okE = e1.estimate.every((v, j) => relClose(v, e2.estimate[j] as number, 1e-11))
        const okS = e1.se.every((v, j) => relClose(v, e2.se[j] as number, 1e-9))
        return okW && okE && okS
      }),
      { numRuns: 40 },
    )
  })

  test('multiplying all base weights by a constant leaves shares (and their SEs) unchanged', () => {
    fc.assert(
      fc.property(sampleArb, fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (s, c) => {
        const d = Float64Array.from(s.d)
        const e1 = svyMean(createDesign(dataOf(s), d), ['y'])
        const e2 = svyMean(
          createDesign(
            dataOf(s),
            d.map((v) => v * c),
          ),
          ['y'],
        )
        const okU =
          e1.estimate.every((v, j) => relClose(v, e2.estimate[j] as number, 1e-12)) &&
          e1.se.every((v, j) => relClose(v, e2.se[j] as number, 1e-10))
        // same number of sweeps on both (a relative epsilon would scale with c): raked weights coincide
        const fixed = { maxit: 25, epsilon: 1e-300 }
        const r1 = rake(createDesign(dataOf(s), d), marginsOf(s), fixed)
        const r2 = rake(
          createDesign(
            dataOf(s),
            d.map((v) => v * c),
          ),
          marginsOf(s),
          fixed,
        )
        const okR = r1.weights.every((w, i) => relClose(w, r2.weights[i] as number, 1e-12))
        return okU && okR
      }),
      { numRuns: 60 },
    )
  })

  test('equal weights give the unweighted proportions and SE = sqrt(p(1−p)/(n−1))', () => {
    fc.assert(
      fc.property(sampleArb, fc.double({ min: 0.1, max: 1e5, noNaN: true }), (s, w) => {
        const e = svyMean(createDesign(dataOf(s), w), ['y'])
        return [0, 1, 2].every((l) => {
          const p = s.y.filter((v) => v === l).length / s.n
          return (
            relClose(e.estimate[l] as number, p, 1e-12) &&
            Math.abs((e.se[l] as number) - Math.sqrt((p * (1 - p)) / (s.n - 1))) <= 1e-12
          )
        })
      }),
      { numRuns: 100 },
    )
  })

  test('with one margin, raking is post-stratification: w = d·P_c / Σ_c d', () => {
    fc.assert(
      fc.property(sampleArb, (s) => {
        const m = marginsOf(s)[1] as PopulationMargin
        const r = rake(createDesign(dataOf(s), Float64Array.from(s.d)), [m])
        const S = new Float64Array(s.Lb)
        s.b.forEach((c, i) => { S[c] = (S[c] as number) + (s.d[i] as number) })
        return (
          r.converged &&
          r.sweeps <= 2 &&
          s.b.every((c, i) =>
            relClose(
              r.weights[i] as number,
              ((s.d[i] as number) * (m.cells[c]?.total as number)) / (S[c] as number),
              1e-13,
            ),
          )
        )
      }),
      { numRuns: 100 },
    )
  })
})
