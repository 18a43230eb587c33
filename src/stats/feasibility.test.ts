/**
 * Bounded calibration on infeasible bounds: the diagnosis names the conflicting margins and categories
 * (a proof that R's `calibrate` fails too), and is never given for bounds that can be met.
 */
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import fc from 'fast-check'
import { calibrate } from './calibration.js'
import { buildData, parseMargins } from './conformance.js'
import { factorColumn, factorFromCodes, surveyData } from './data.js'
import { createDesign } from './design.js'
import { CalibrationFailedError } from './errors.js'
import type { CategoryConflict, MarginCategories, MarginPairConflict } from './feasibility.js'
import { margin } from './raking.js'

/** Runs `f`, which must throw CalibrationFailedError; returns the error. */
function failure(f: () => unknown): CalibrationFailedError {
  try {
    f()
  } catch (e) {
    if (e instanceof CalibrationFailedError) return e
    throw e
  }
  assert.fail('calibration converged')
}

/**
 * sex × age sample of 100 (initial weight 1): F·Y 10, F·O 40, H·Y 40, H·O 10. With bounds [0.3, 3] and
 * targets F 50, H 50, Y 80, O 20 every category alone is reachable, but the two margins are not:
 * women need 50 while women aged O can weigh at most 20 − 0.3·10 = 17 and women aged Y at most 30.
 * R: calibrate(des, ~sex+age, c(100, sexH=50, ageO=20), calfun='raking', bounds=c(0.3,3)) fails
 * ("Failed to converge: eps=0.124 in 201 iterations"); with ageO = 24 it converges.
 */
function sexAge(ageO: number) {
  const cells = [
    ['F', 'Y', 10],
    ['F', 'O', 40],
    ['H', 'Y', 40],
    ['H', 'O', 10],
  ] as const
  const sex: string[] = []
  const age: string[] = []
  for (const [s, a, k] of cells)
    for (let i = 0; i < k; i++) {
      sex.push(s)
      age.push(a)
    }
  const data = surveyData({
    sex: factorColumn(sex, ['F', 'H'], 'sex'),
    age: factorColumn(age, ['Y', 'O'], 'age'),
  })
  const design = createDesign(data, 1)
  const margins = [margin('sex', { F: 50, H: 50 }), margin('age', { Y: 100 - ageO, O: ageO })]
  return { design, margins }
}

describe('bounds diagnosis', () => {
  test('two margins that cannot be met together: the minimum cut names them and the numbers prove it', () => {
    const { design, margins } = sexAge(20)
    const opts = { calfun: 'raking', bounds: [0.3, 3], epsilon: 1e-10, maxit: 200 } as const
    const e = failure(() => calibrate(design, ['sex', 'age'], margins, opts))
    assert.equal(e.code, 'CALIBRATION_FAILED')
    assert.ok(e.diagnosis?.infeasible)
    assert.equal(e.diagnosis.conflicts.length, 1)
    const c = e.diagnosis.conflicts[0] as MarginPairConflict
    assert.equal(c.kind, 'margins')
    assert.deepEqual(c.first, { variables: ['sex'], categories: [['F']] })
    assert.deepEqual(c.second, { variables: ['age'], categories: [['O']] })
    // F − O = 30 in the population; F·Y can weigh at most 3 × 10, H·O at least 0.3 × 10
    assert.ok(Math.abs(c.required - 30) < 1e-9)
    assert.ok(Math.abs(c.reachable - 27) < 1e-9)
    assert.deepEqual(c.firstOnly, { respondents: 10, sampleWeight: 10 })
    assert.deepEqual(c.secondOnly, { respondents: 10, sampleWeight: 10 })
    assert.match(e.message, /margins sex and age conflict/)
    assert.match(e.message, /cannot be met/)
    // the same bounds with feasible targets converge, and no diagnosis is given
    const ok = sexAge(24)
    const r = calibrate(ok.design, ['sex', 'age'], ok.margins, opts)
    assert.equal(r.converged, true)
    assert.equal(r.diagnosis, null)
  })

  test('a category out of reach of its sample share (n300, bounds [0.5, 2.2]: R fails too)', () => {
    const dir = new URL('../../test/fixtures/oracle/cases/n300/', import.meta.url)
    const records = parse(readFileSync(new URL('data.csv', dir), 'utf8'), {
      columns: true,
    }) as Record<string, string>[]
    const mf = parseMargins(JSON.parse(readFileSync(new URL('margins.json', dir), 'utf8')))
    const cd = buildData(records, mf)
    const design = createDesign(cd.data, mf.N / cd.data.n)
    const pop = mf.popVector as Record<string, number>
    const opts = { calfun: 'raking', bounds: [0.5, 2.2], epsilon: 1e-10, maxit: 200 } as const
    const e = failure(() => calibrate(design, mf.variables, pop, opts))
    assert.ok(e.diagnosis?.infeasible)
    const c = e.diagnosis.conflicts[0] as CategoryConflict
    assert.equal(c.kind, 'category')
    assert.deepEqual(c.margin, { variables: ['occ'], categories: [['OUVRIERS']] })
    assert.equal(c.side, 'above')
    assert.equal(c.respondents, 16)
    assert.equal(c.target, 6074200)
    assert.ok(Math.abs(c.sampleWeight - 16 * (mf.N / 300)) < 1e-6)
    assert.ok(Math.abs(c.requiredRatio - 6074200 / c.sampleWeight) < 1e-12)
    assert.ok(c.requiredRatio > 2.2 && c.reachable.max < c.target)
    assert.ok(Math.abs(c.targetShare - 0.121) < 1e-12)
    assert.match(e.message, /^The bounds \[0\.5, 2\.2\] on the weight ratios cannot be met: occ = OUVRIERS/)
    // with force: uncalibrated weights, a warning and the same diagnosis
    const forced = calibrate(design, mf.variables, pop, { ...opts, force: true })
    assert.equal(forced.converged, false)
    assert.deepEqual(forced.diagnosis, e.diagnosis)
    assert.equal(forced.warnings[0]?.code, 'CALIBRATION_NOT_CONVERGED')
  })

  test('a joint margin (sex × age) names the joint cell out of reach', () => {
    const { design } = sexAge(20)
    // F·Y has 10 respondents; a joint target of 40 needs a ratio of 4 (> 3)
    const joint = {
      variables: ['sex', 'age'],
      cells: [
        { levels: ['F', 'Y'], total: 40 },
        { levels: ['F', 'O'], total: 20 },
        { levels: ['H', 'Y'], total: 30 },
        { levels: ['H', 'O'], total: 10 },
      ],
    }
    const e = failure(() =>
      calibrate(design, ['sex', 'age', 'sex:age'], [joint], {
        calfun: 'raking',
        bounds: [0.3, 3],
        maxit: 100,
      }),
    )
    const c = e.diagnosis?.conflicts[0] as CategoryConflict
    assert.deepEqual(c.margin, { variables: ['sex', 'age'], categories: [['F', 'Y']] })
    assert.ok(Math.abs(c.requiredRatio - 4) < 1e-12)
  })

  test('bounds on the weights themselves (boundsConst) and the linear distance', () => {
    const { design, margins } = sexAge(20)
    // weights within [0.6, 1.5]: age O needs 20 from 50 respondents weighing at least 0.6 each
    const e = failure(() =>
      calibrate(design, ['sex', 'age'], margins, {
        calfun: 'linear',
        bounds: [0.6, 1.5],
        boundsConst: true,
      }),
    )
    assert.equal(e.diagnosis?.boundsOn, 'weight')
    const c = e.diagnosis?.conflicts[0] as CategoryConflict
    assert.deepEqual(c.margin.categories, [['O']])
    assert.equal(c.side, 'below')
    assert.ok(Math.abs(c.reachable.min - 30) < 1e-12)
  })
})

interface Problem {
  a: number[]
  b: number[]
  d: number[]
  popA: number[]
  popB: number[]
  L: number
  U: number
}

/** Two-margin problems of every kind: feasible, one category out of reach, or two margins in conflict. */
const problemArb: fc.Arbitrary<Problem> = fc
  .record({
    La: fc.integer({ min: 2, max: 4 }),
    Lb: fc.integer({ min: 2, max: 4 }),
    n: fc.integer({ min: 16, max: 60 }),
  })
  .chain(({ La, Lb, n }) =>
    fc.record({
      a: fc
        .array(fc.integer({ min: 0, max: La - 1 }), { minLength: n, maxLength: n })
        .map((a) => a.map((v, i) => (i < La ? i : v))),
      b: fc
        .array(fc.integer({ min: 0, max: Lb - 1 }), { minLength: n, maxLength: n })
        .map((b) => b.map((v, i) => (i < Lb ? (i + 1) % Lb : v))),
      d: fc.array(fc.double({ min: 0.5, max: 3, noNaN: true }), { minLength: n, maxLength: n }),
      popA: fc.array(fc.double({ min: 1, max: 10, noNaN: true }), {
        minLength: La,
        maxLength: La,
      }),
      popB: fc.array(fc.double({ min: 1, max: 10, noNaN: true }), {
        minLength: Lb,
        maxLength: Lb,
      }),
      L: fc.double({ min: 0.2, max: 0.9, noNaN: true }),
      U: fc.double({ min: 1.2, max: 4, noNaN: true }),
    }),
  )

describe('bounds diagnosis: properties', () => {
  test('with two margins, bounded raking either converges or proves a conflict that holds on the data', () => {
    fc.assert(
      fc.property(problemArb, (p) => {
        const d = Float64Array.from(p.d)
        const total = d.reduce((x, y) => x + y, 0)
        const la = p.popA.map((_, i) => `a${i}`)
        const lb = p.popB.map((_, i) => `b${i}`)
        const data = surveyData({
          a: factorFromCodes(Int32Array.from(p.a), la, 'a'),
          b: factorFromCodes(Int32Array.from(p.b), lb, 'b'),
        })
        const sa = p.popA.reduce((x, y) => x + y, 0)
        const sb = p.popB.reduce((x, y) => x + y, 0)
        const tA = p.popA.map((v) => (v * total) / sa)
        const tB = p.popB.map((v) => (v * total) / sb)
        const margins = [
          margin('a', Object.fromEntries(la.map((l, i) => [l, tA[i] as number]))),
          margin('b', Object.fromEntries(lb.map((l, i) => [l, tB[i] as number]))),
        ]
        let error: CalibrationFailedError | null = null
        try {
          const r = calibrate(createDesign(data, d), ['a', 'b'], margins, {
            calfun: 'raking',
            bounds: [p.L, p.U],
            epsilon: 1e-9,
            maxit: 200,
          })
          for (const g of r.g) assert.ok(g >= p.L - 1e-12 && g <= p.U + 1e-12)
          return
        } catch (e) {
          if (!(e instanceof CalibrationFailedError)) throw e
          error = e
        }
        assert.ok(error.diagnosis?.infeasible, `not converged and no conflict proven: ${error.message}`)
        // check every conflict from the raw data
        const inGroup = (g: MarginCategories, i: number): boolean => {
          const code = g.variables[0] === 'a' ? p.a[i] : p.b[i]
          const labels = g.variables[0] === 'a' ? la : lb
          return g.categories.some((c) => c[0] === labels[code as number])
        }
        const target = (g: MarginCategories): number =>
          g.categories.reduce((s, c) => {
            const k = g.variables[0] === 'a' ? la.indexOf(c[0] as string) : lb.indexOf(c[0] as string)
            return s + ((g.variables[0] === 'a' ? tA[k] : tB[k]) as number)
          }, 0)
        for (const c of error.diagnosis.conflicts) {
          if (c.kind === 'category') {
            let s = 0
            for (let i = 0; i < p.a.length; i++) if (inGroup(c.margin, i)) s += p.d[i] as number
            const t = target(c.margin)
            assert.ok(c.side === 'above' ? t > p.U * s : t < p.L * s)
          } else {
            let reach = 0
            for (let i = 0; i < p.a.length; i++) {
              const f = inGroup(c.first, i)
              const s = inGroup(c.second, i)
              if (f && !s) reach += p.U * (p.d[i] as number)
              if (s && !f) reach -= p.L * (p.d[i] as number)
            }
            assert.ok(target(c.first) - target(c.second) > reach)
          }
        }
      }),
      { numRuns: 150 },
    )
  })

  test('targets built from weights within the bounds are always met (never "infeasible")', () => {
    fc.assert(
      fc.property(
        problemArb,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 60, maxLength: 60 }),
        (p, u) => {
          // some g at the bounds exactly: the hardest feasible problems
          const g = p.d.map((_, i) => {
            const x = u[i] as number
            return x < 0.2 ? p.L : x > 0.8 ? p.U : p.L + ((x - 0.2) / 0.6) * (p.U - p.L)
          })
          const la = p.popA.map((_, i) => `a${i}`)
          const lb = p.popB.map((_, i) => `b${i}`)
          const tA = la.map(() => 0)
          const tB = lb.map(() => 0)
          p.d.forEach((d, i) => {
            const ia = p.a[i] as number
            const ib = p.b[i] as number
            tA[ia] = (tA[ia] as number) + d * (g[i] as number)
            tB[ib] = (tB[ib] as number) + d * (g[i] as number)
          })
          const data = surveyData({
            a: factorFromCodes(Int32Array.from(p.a), la, 'a'),
            b: factorFromCodes(Int32Array.from(p.b), lb, 'b'),
          })
          const r = calibrate(
            createDesign(data, Float64Array.from(p.d)),
            ['a', 'b'],
            [
              margin('a', Object.fromEntries(la.map((l, i) => [l, tA[i] as number]))),
              margin('b', Object.fromEntries(lb.map((l, i) => [l, tB[i] as number]))),
            ],
            { calfun: 'raking', bounds: [p.L, p.U], epsilon: 1e-9, maxit: 200 },
          )
          assert.equal(r.converged, true)
        },
      ),
      { numRuns: 150 },
    )
  })
})
