/**
 * The margins of a categorical calibration model, for the feasibility diagnosis (feasibility.ts): each
 * highest-order term (a variable, or an interaction with its main effects) is one margin, and the
 * population total of each of its cells is solved from the totals of the model columns within it
 * (treatment contrasts: the cells × columns incidence matrix is square and invertible).
 */
import { getFactor, type FactorColumn } from './data.js'
import type { FeasibilityInput } from './feasibility.js'
import { identity, luSolve, matrix } from './linalg.js'

/** One margin: its variables, cell population totals, and the margin cell of every plan row. */
export interface Margin {
  variables: string[]
  nCells: number
  /** population total per cell */
  target: Float64Array
  /** cell total as a combination of the full model's columns (row c: coefficients) */
  coef: Float64Array[]
  /** margin cell of each plan row */
  cellOf: Int32Array
  label: (c: number) => string[]
}

/** The margins of a categorical model with an intercept; null when they cannot be read off it. */
export function marginsOf(input: FeasibilityInput): Margin[] | null {
  const { model, data } = input
  const q = model.columns.length
  const intercept = model.columns.indexOf('(Intercept)')
  if (!model.categorical || intercept < 0) return null
  const termVars = new Map<string, string[]>()
  for (const d of model.describe)
    if (d.variable !== '(Intercept)') termVars.set(d.variable, d.variable.split(':'))
  const sets = [...termVars.values()]
  const contained = (a: string[], b: string[]): boolean => a.every((v) => b.includes(v))
  let maximal = sets.filter((s) => !sets.some((o) => o.length > s.length && contained(s, o)))
  if (maximal.length === 0) maximal = [[]]
  const out: Margin[] = []
  for (const variables of maximal) {
    const factors = variables.map((v) => getFactor(data, v))
    const sizes = factors.map((f) => f.levels.length)
    const nCells = sizes.reduce((a, b) => a * b, 1)
    const levelsOf = (c: number): number[] => {
      const out2: number[] = []
      let rem = c
      for (const s of sizes) {
        out2.push(rem % s)
        rem = Math.floor(rem / s)
      }
      return out2
    }
    // the columns of this margin's hierarchy: intercept and every term within its variables
    const cols: number[] = []
    model.describe.forEach((d, j) => {
      if (j === intercept || contained(d.variable.split(':'), variables)) cols.push(j)
    })
    if (cols.length !== nCells) return null
    const M = matrix(nCells, nCells)
    cols.forEach((j, k) => {
      const d = model.describe[j] as { variable: string; category: string }
      const vs = j === intercept ? [] : d.variable.split(':')
      const cats = j === intercept ? [] : d.category.split(':')
      for (let c = 0; c < nCells; c++) {
        const lv = levelsOf(c)
        const match = vs.every((v, i) => {
          const f = factors[variables.indexOf(v)] as FactorColumn
          return f.levels[lv[variables.indexOf(v)] as number] === cats[i]
        })
        if (match) M.data[k * nCells + c] = 1
      }
    })
    let inv: Float64Array
    try {
      inv = luSolve(M, identity(nCells), 'margin cells').data
    } catch {
      return null
    }
    const target = new Float64Array(nCells)
    const coef: Float64Array[] = []
    for (let c = 0; c < nCells; c++) {
      const row = new Float64Array(q)
      let t = 0
      cols.forEach((j, k) => {
        const a = inv[c * nCells + k] as number
        row[j] = a
        t += a * (input.pop[j] as number)
      })
      target[c] = t
      coef.push(row)
    }
    const cellOf = new Int32Array(input.m)
    for (let r = 0; r < input.m; r++) {
      const i = input.rep ? (input.rep[r] as number) : r
      let c = 0
      let mult = 1
      for (let k = 0; k < factors.length; k++) {
        c += ((factors[k] as FactorColumn).codes[i] as number) * mult
        mult *= sizes[k] as number
      }
      cellOf[r] = c
    }
    out.push({
      variables,
      nCells,
      target,
      coef,
      cellOf,
      label: (c) => levelsOf(c).map((l, k) => (factors[k] as FactorColumn).levels[l] as string),
    })
  }
  return out
}

/**
 * ε·Σ_j |κ_j|·(1 + |pop_j|): the largest error calibration's tolerance (|misfit_j| < ε·(1 + |pop_j|)) could
 * hide in the combination Σ κ_j·pop_j of the population totals.
 */
export function tolerance(input: FeasibilityInput, kappa: Float64Array): number {
  let t = 0
  for (let j = 0; j < kappa.length; j++)
    t += Math.abs(kappa[j] as number) * (1 + Math.abs(input.pop[j] as number))
  return input.epsilon * t
}
