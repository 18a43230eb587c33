/**
 * Columnar survey data: categorical variables as `Int32Array` codes into an explicit level list (the
 * level order is the published order and R's factor level order), numeric variables as `Float64Array`.
 * Missing values: code −1 for factors, NaN for numerics. No arrays of objects, so that a million
 * respondents fit in a few tens of megabytes.
 */
import { InvalidInputError, UnknownLevelError, UnknownVariableError } from './errors.js'

/** A categorical variable; `codes[i]` indexes `levels`, −1 = missing. */
export interface FactorColumn {
  readonly kind: 'factor'
  readonly levels: readonly string[]
  readonly codes: Int32Array
}

/** A numeric variable; NaN = missing. */
export interface NumericColumn {
  readonly kind: 'numeric'
  readonly values: Float64Array
}

/** A column of the survey data. */
export type Column = FactorColumn | NumericColumn

/** The respondents: `n` rows, named columns of length `n`. */
export interface SurveyData {
  readonly n: number
  readonly columns: Readonly<Record<string, Column>>
}

/**
 * Builds a factor from string values. Empty strings, null and undefined are missing. When `levels` is
 * given, a value outside it throws `UnknownLevelError` (naming the variable and value); otherwise the
 * levels are the distinct values in order of first appearance.
 */
export function factorColumn(
  values: ArrayLike<string | null | undefined>,
  levels?: readonly string[],
  name = 'factor',
): FactorColumn {
  const lv: string[] = levels ? [...levels] : []
  const index = new Map<string, number>()
  lv.forEach((l, i) => {
    if (index.has(l))
      throw new InvalidInputError(
        `Level "${l}" is declared twice for "${name}".`,
        'Declare each level once.',
        { variable: name, category: l },
      )
    index.set(l, i)
  })
  const codes = new Int32Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v === null || v === undefined || v === '') {
      codes[i] = -1
      continue
    }
    let c = index.get(v)
    if (c === undefined) {
      if (levels) throw new UnknownLevelError(name, v, levels)
      c = lv.length
      lv.push(v)
      index.set(v, c)
    }
    codes[i] = c
  }
  return { kind: 'factor', levels: lv, codes }
}

/** Builds a factor from integer codes (−1 = missing) and levels, validating the codes. */
export function factorFromCodes(
  codes: Int32Array,
  levels: readonly string[],
  name = 'factor',
): FactorColumn {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i] as number
    if (c < -1 || c >= levels.length || !Number.isInteger(c)) {
      throw new InvalidInputError(
        `Code ${c} of "${name}" at row ${i + 1} is outside its ${levels.length} levels.`,
        'Use codes 0..levels−1, or −1 for missing.',
        { variable: name },
      )
    }
  }
  return { kind: 'factor', levels: [...levels], codes }
}

/** Builds a numeric column; null, undefined and NaN are missing. */
export function numericColumn(values: ArrayLike<number | null | undefined>): NumericColumn {
  const out = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    out[i] = v === null || v === undefined ? NaN : v
  }
  return { kind: 'numeric', values: out }
}

/** Assembles columns into a data set, checking that they all have the same length. */
export function surveyData(columns: Record<string, Column>): SurveyData {
  let n = -1
  for (const [name, col] of Object.entries(columns)) {
    const len = col.kind === 'factor' ? col.codes.length : col.values.length
    if (n === -1) n = len
    else if (len !== n) {
      throw new InvalidInputError(
        `Column "${name}" has ${len} rows, others have ${n}.`,
        'Give every column one value per respondent.',
        { variable: name },
      )
    }
  }
  return { n: Math.max(n, 0), columns: { ...columns } }
}

/** Returns a new data set with extra (or replaced) columns. */
export function withColumns(data: SurveyData, columns: Record<string, Column>): SurveyData {
  return surveyData({ ...data.columns, ...columns })
}

/** Column by name; an unknown name throws `UnknownVariableError` listing the available ones. */
export function getColumn(data: SurveyData, name: string): Column {
  const c = data.columns[name]
  if (!c) throw new UnknownVariableError(name, `one of ${Object.keys(data.columns).join(', ')}`)
  return c
}

/** Categorical column by name; a numeric one throws `InvalidInputError` (convert it with explicit levels). */
export function getFactor(data: SurveyData, name: string): FactorColumn {
  const c = getColumn(data, name)
  if (c.kind !== 'factor') {
    throw new InvalidInputError(
      `Variable "${name}" is numeric but a categorical variable is needed here.`,
      'Convert it to a factor with explicit levels.',
      { variable: name },
    )
  }
  return c
}

/** Numeric column by name; a categorical one throws `InvalidInputError`. */
export function getNumeric(data: SurveyData, name: string): NumericColumn {
  const c = getColumn(data, name)
  if (c.kind !== 'numeric') {
    throw new InvalidInputError(
      `Variable "${name}" is categorical but a numeric variable is needed here.`,
      'Use an indicator (0/1) or a numeric score.',
      { variable: name },
    )
  }
  return c
}

/** Number of rows where the column is missing. */
export function countMissing(col: Column): number {
  let k = 0
  if (col.kind === 'factor') {
    for (let i = 0; i < col.codes.length; i++) if ((col.codes[i] as number) < 0) k++
  } else {
    for (let i = 0; i < col.values.length; i++) if (Number.isNaN(col.values[i] as number)) k++
  }
  return k
}
