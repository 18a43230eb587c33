/**
 * Calibration model matrices with R's `model.matrix` conventions: an intercept "(Intercept)", treatment
 * contrasts for factors (first level = reference, columns named `<variable><level>`), numeric variables as
 * they are, and factor × factor interactions `a:b` (columns `<a><level>:<b><level>`, first factor varying
 * fastest, only non-reference combinations, both main effects required as in `~a + b + a:b` / `~a*b`).
 * Rows are generated on demand (`row(i, out)`), never stored, so a 1 M × 24 matrix costs nothing.
 */
import {
  countMissing,
  getColumn,
  type FactorColumn,
  type NumericColumn,
  type SurveyData,
} from './data.js'
import { InvalidInputError, MissingCalibrationValueError } from './errors.js'

/** A calibration model matrix whose rows are computed on demand (never stored). */
export interface ModelMatrix {
  /** R column names, e.g. `["(Intercept)", "sexH", "age25-34", …]`. */
  readonly columns: readonly string[]
  /** Factor variables the matrix depends on. */
  readonly factorVariables: readonly string[]
  /** What each column is: variable(s) and category (level labels, ':'-joined for interactions). */
  readonly describe: readonly { readonly variable: string; readonly category: string }[]
  /** True when every column is a function of factor codes only (enables the cell path). */
  readonly categorical: boolean
  /** Fills `out` (length = columns.length) with row `i`. */
  row(i: number, out: Float64Array): void
}

type Term =
  | { kind: 'factor'; name: string; col: FactorColumn; offset: number }
  | { kind: 'numeric'; name: string; col: NumericColumn; offset: number }
  | { kind: 'interaction'; names: string[]; cols: FactorColumn[]; offset: number; sizes: number[] }

/**
 * Builds the model matrix of `terms` (e.g. `['sex', 'age', 'region', 'occ']` or `['sex', 'age',
 * 'sex:age']`). Edge cases: a missing value in any variable throws `MissingCalibrationValueError`
 * (R's `na.fail`); an interaction without its main effects throws `InvalidInputError`.
 */
export function modelMatrix(
  data: SurveyData,
  terms: readonly string[],
  intercept = true,
): ModelMatrix {
  const columns: string[] = intercept ? ['(Intercept)'] : []
  const describe: { variable: string; category: string }[] = intercept
    ? [{ variable: '(Intercept)', category: '' }]
    : []
  const parsed: Term[] = []
  const factorVariables = new Set<string>()
  let categorical = true
  const seenMain = new Set<string>()
  for (const term of terms) {
    const parts = term
      .split(/[:*]/)
      .map((s) => s.trim())
      .filter(Boolean)
    if (term.includes('*')) {
      throw new InvalidInputError(
        `Term "${term}": write a*b as a, b, a:b.`,
        'Expand the product into main effects and the interaction.',
      )
    }
    if (parts.length === 1) {
      const name = parts[0] as string
      const col = getColumn(data, name)
      const missing = countMissing(col)
      if (missing > 0) throw new MissingCalibrationValueError(name, missing)
      seenMain.add(name)
      if (col.kind === 'factor') {
        factorVariables.add(name)
        parsed.push({ kind: 'factor', name, col, offset: columns.length })
        for (let l = 1; l < col.levels.length; l++) {
          columns.push(`${name}${col.levels[l]}`)
          describe.push({ variable: name, category: col.levels[l] as string })
        }
      } else {
        categorical = false
        parsed.push({ kind: 'numeric', name, col, offset: columns.length })
        columns.push(name)
        describe.push({ variable: name, category: '' })
      }
    } else {
      const cols: FactorColumn[] = []
      for (const name of parts) {
        const col = getColumn(data, name)
        if (col.kind !== 'factor') {
          throw new InvalidInputError(
            `Interaction "${term}" involves numeric "${name}".`,
            'Only factor × factor interactions are supported; create the product variable explicitly.',
            { variable: name },
          )
        }
        if (!seenMain.has(name)) {
          throw new InvalidInputError(
            `Interaction "${term}" needs the main effect "${name}" before it.`,
            `Add "${name}" to the terms before "${term}".`,
            { variable: name },
          )
        }
        cols.push(col)
        factorVariables.add(name)
      }
      const sizes = cols.map((c) => c.levels.length - 1)
      const offset = columns.length
      // first factor varies fastest
      const total = sizes.reduce((a, b) => a * b, 1)
      for (let k = 0; k < total; k++) {
        let rem = k
        const labels: string[] = []
        const cats: string[] = []
        for (let f = 0; f < cols.length; f++) {
          const s = sizes[f] as number
          const lvl = (rem % s) + 1
          rem = Math.floor(rem / s)
          const level = (cols[f] as FactorColumn).levels[lvl] as string
          labels.push(`${parts[f]}${level}`)
          cats.push(level)
        }
        columns.push(labels.join(':'))
        describe.push({ variable: parts.join(':'), category: cats.join(':') })
      }
      parsed.push({ kind: 'interaction', names: parts, cols, offset, sizes })
    }
  }
  const q = columns.length
  return {
    columns,
    describe,
    factorVariables: [...factorVariables],
    categorical,
    row(i: number, out: Float64Array): void {
      out.fill(0, 0, q)
      if (intercept) out[0] = 1
      for (const t of parsed) {
        if (t.kind === 'factor') {
          const c = t.col.codes[i] as number
          if (c > 0) out[t.offset + c - 1] = 1
        } else if (t.kind === 'numeric') {
          out[t.offset] = t.col.values[i] as number
        } else {
          let idx = 0
          let mult = 1
          let ok = true
          for (let f = 0; f < t.cols.length; f++) {
            const c = (t.cols[f] as FactorColumn).codes[i] as number
            if (c <= 0) {
              ok = false
              break
            }
            idx += (c - 1) * mult
            mult *= t.sizes[f] as number
          }
          if (ok) out[t.offset + idx] = 1
        }
      }
    },
  }
}

/**
 * The same model restricted to some columns (R drops all-zero columns whose population total is 0).
 */
export function selectColumns(model: ModelMatrix, keep: readonly number[]): ModelMatrix {
  const full = new Float64Array(model.columns.length)
  return {
    columns: keep.map((j) => model.columns[j] as string),
    describe: keep.map((j) => model.describe[j] as { variable: string; category: string }),
    factorVariables: model.factorVariables,
    categorical: model.categorical,
    row(i: number, out: Float64Array): void {
      model.row(i, full)
      for (let k = 0; k < keep.length; k++) out[k] = full[keep[k] as number] as number
    },
  }
}
