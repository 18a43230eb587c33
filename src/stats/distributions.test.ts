import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { lgamma, pchisq, pf, pnorm, pt, qbeta, qnorm, qt } from './distributions.js'

// Reference values computed with mpmath (40 digits) and scipy's boost-based beta quantile; they are the
// mathematical values, independent of this implementation.
function close(actual: number, expected: number, rel: number, what: string): void {
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300)
  assert.ok(err <= rel, `${what}: ${actual} vs ${expected} (relative error ${err})`)
}

describe('normal distribution (Cody pnorm, AS 241 qnorm)', () => {
  test('pnorm lower tail', () => {
    const ref: [number, number][] = [
      [-8, 6.2209605742717841e-16],
      [-3, 0.0013498980316300945],
      [-1.96, 0.024997895148220436],
      [-0.5, 0.3085375387259869],
      [0, 0.5],
      [0.25, 0.59870632568292372],
      [1, 0.84134474606854295],
      [2.5, 0.99379033467422386],
      [6, 0.99999999901341235],
    ]
    for (const [x, p] of ref) close(pnorm(x), p, 1e-14, `pnorm(${x})`)
  })
  test('pnorm upper tail keeps relative accuracy far in the tail', () => {
    const ref: [number, number][] = [
      [3, 0.0013498980316300945],
      [8.5, 9.4795348222033184e-18],
      [20, 2.7536241186062337e-89],
      [37, 5.7255712225245768e-300],
    ]
    for (const [x, p] of ref) close(pnorm(x, false), p, 1e-13, `pnorm(${x}, upper)`)
  })
  test('qnorm', () => {
    const ref: [number, number][] = [
      [1e-10, -6.3613409024040562],
      [0.001, -3.0902323061678135],
      [0.025, -1.9599639845400542],
      [0.3, -0.52440051270804082],
      [0.8, 0.84162123357291436],
      [0.975, 1.9599639845400539],
      [0.999999, 4.7534243088170878],
    ]
    for (const [p, q] of ref) close(qnorm(p), q, 1e-15, `qnorm(${p})`)
    assert.equal(qnorm(0.5), 0)
    assert.equal(qnorm(0), -Infinity)
    assert.equal(qnorm(1), Infinity)
    assert.ok(Number.isNaN(qnorm(1.5)))
    close(pnorm(qnorm(1e-300)), 1e-300, 1e-12, 'qnorm(1e-300) round trip')
  })
})

describe('Student t', () => {
  test('qt(0.975, df) over the df range the engine uses', () => {
    const ref: [number, number][] = [
      [1, 12.706204736174705],
      [2, 4.3026527297494639],
      [3, 3.1824463052837096],
      [5, 2.5705818356363155],
      [22, 2.0738730679040262],
      [42, 2.0180817028184447],
      [207, 1.9714903918673335],
      [299, 1.9679296690656699],
      [1999, 1.961151420170562],
      [100000, 1.9599877075346096],
    ]
    for (const [df, q] of ref) {
      // the continued fraction loses a little accuracy when df/2 is in the tens of thousands
      const tol = df > 1e4 ? 1e-12 : 1e-13
      close(qt(0.975, df), q, tol, `qt(0.975, ${df})`)
      close(qt(0.025, df), -q, tol, `qt(0.025, ${df})`)
    }
    close(qt(0.975, Infinity), 1.9599639845400539, 1e-15, 'qt(0.975, Inf)')
    assert.ok(Number.isNaN(qt(0.975, 0)), 'df = 0 (one-respondent domain) gives NaN as in R')
  })
  test('pt', () => {
    const ref: [number, number, number][] = [
      [-3.1, 4, 0.018110555518719572],
      [1.5, 10, 0.91774633677727991],
      [-0.2, 299, 0.4208082686104055],
      [2.0, 1999, 0.9771823295669209],
      [-6, 42, 1.9859994014540853e-7],
    ]
    for (const [t, df, p] of ref) close(pt(t, df), p, 1e-12, `pt(${t}, ${df})`)
  })
})

describe('F, χ², beta, gamma', () => {
  test('pf upper tail (Rao–Scott p-values, non-integer df)', () => {
    const ref: [number, number, number, number][] = [
      [1.2253584547847, 5.9196027411458, 1769.96121960259, 0.29048324702975605],
      [11.3898239786529, 5.96540256135714, 11924.8397201529, 1.1223231894664079e-12],
      [0.5, 2, 3, 0.64951905283832899],
      [4.23, 2.93, 875.49, 0.0059622254340130113],
      [1.1, 6, 294, 0.36232377329990525],
    ]
    for (const [f, a, b, p] of ref) close(pf(f, a, b, false), p, 1e-12, `pf(${f}, ${a}, ${b})`)
    close(pf(0.5, 2, 3) + pf(0.5, 2, 3, false), 1, 1e-15, 'tails sum to 1')
  })
  test('pchisq upper tail', () => {
    const ref: [number, number, number][] = [
      [8.67, 6, 0.193005180930073],
      [80.57, 6, 2.7243073631589528e-15],
      [0.1, 1, 0.75182963404584928],
      [300, 10, 1.5546747543803181e-58],
      [2, 0.5, 0.067921132010108807],
    ]
    for (const [x, df, p] of ref) close(pchisq(x, df, false), p, 1e-12, `pchisq(${x}, ${df})`)
  })
  test('qbeta (Korn–Graubard intervals)', () => {
    const ref: [number, number, number, number][] = [
      [0.025, 68.3, 208.1, 0.19814165045889662],
      [0.975, 69.3, 207.1, 0.30337644918986323],
      [0.025, 0.5, 3, 0.00017781993293475778],
      [0.975, 1, 5, 0.52182375010498139],
      [0.3, 2000, 3000, 0.3963570707306216],
    ]
    for (const [p, a, b, q] of ref) close(qbeta(p, a, b), q, 1e-13, `qbeta(${p}, ${a}, ${b})`)
    assert.equal(qbeta(0.025, 0, 10), 0, 'shape1 = 0 is a point mass at 0 (p̂ = 0 in R)')
  })
  test('lgamma', () => {
    const ref: [number, number][] = [
      [0.1, 2.2527126517342059],
      [0.5, 0.57236494292470009],
      [3, Math.LN2], // ln Γ(3) = ln 2
      [7.5, 7.534364236758733],
      [10, 12.80182748008147],
      [12.5, 18.734347511936446],
      [100, 359.1342053695754],
      [1234.5, 7550.5509010778949],
      [1e6, 12815504.569147612],
    ]
    for (const [x, v] of ref) close(lgamma(x), v, 1e-14, `lgamma(${x})`)
    assert.equal(lgamma(1), 0)
  })
})
