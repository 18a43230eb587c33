/**
 * The population side of `calibrate`: totals of the model columns from a list of margins (R's
 * `margins2totals`) and the category checks made before any solve.
 */
import type { Design } from './design.js'
import { getFactor } from './data.js'
import { AbsentCategoryError, CategoryNotInPopulationError, PopulationMismatchError } from './errors.js'
import type { ModelMatrix } from './model-matrix.js'
import type { CalibrationFunction } from './newton.js'
import type { PopulationMargin } from './raking.js'

/**
 * Population totals of the model-matrix columns from a list of margins (R's `margins2totals`):
 * "(Intercept)" = total of the first margin, `<var><level>` = total of that level in the first margin
 * containing the variable, interaction columns = sums over matching cells of a joint margin.
 */
export function populationFromMargins(
  model: ModelMatrix,
  margins: readonly PopulationMargin[],
): Record<string, number> {
  const out: Record<string, number> = {}
  model.columns.forEach((name, j) => {
    const d = model.describe[j] as { variable: string; category: string }
    if (d.variable === '(Intercept)') {
      const m = margins[0]
      out[name] = m ? m.cells.reduce((a, c) => a + c.total, 0) : NaN
      return
    }
    const vars = d.variable.split(':')
    const cats = d.category.split(':')
    const m = margins.find((mm) => vars.every((v) => mm.variables.includes(v)))
    if (!m)
      throw new PopulationMismatchError(
        `No margin gives the population of ${name}.`,
        name,
        `Add a margin for ${vars.join(' × ')}.`,
      )
    let t = 0
    for (const c of m.cells) {
      if (vars.every((v, k) => c.levels[m.variables.indexOf(v)] === cats[k])) t += c.total
    }
    out[name] = t
  })
  return out
}

/**
 * Typed errors for categories that cannot be calibrated, before any solve: a main-effect level with a
 * population total > 0 and no respondent (`AbsentCategoryError`, any distance), respondents in a level with
 * population 0 under raking or logit (`CategoryNotInPopulationError`; linear calibration can give them
 * weight 0).
 */
export function checkCategories(
  design: Design,
  model: ModelMatrix,
  pop: number[],
  calfun: CalibrationFunction,
): void {
  // main-effect factor levels, including the reference level (derived from the intercept)
  const interceptIdx = model.columns.indexOf('(Intercept)')
  const byVar = new Map<string, number[]>()
  model.describe.forEach((d, j) => {
    if (d.variable === '(Intercept)' || d.variable.includes(':') || d.category === '') return
    const list = byVar.get(d.variable) ?? []
    list.push(j)
    byVar.set(d.variable, list)
  })
  const w = design.weights
  for (const [variable, cols] of byVar) {
    const f = getFactor(design.data, variable)
    const L = f.levels.length
    const counts = new Float64Array(L)
    const wsum = new Float64Array(L)
    for (let i = 0; i < f.codes.length; i++) {
      const c = f.codes[i] as number
      if (c < 0) continue
      counts[c] = (counts[c] as number) + 1
      wsum[c] = (wsum[c] as number) + (w[i] as number)
    }
    const popOf = new Float64Array(L).fill(NaN)
    for (const j of cols) {
      const level = (model.describe[j] as { category: string }).category
      popOf[f.levels.indexOf(level)] = pop[j] as number
    }
    if (interceptIdx >= 0) {
      let rest = 0
      for (let l = 1; l < L; l++) rest += popOf[l] as number
      popOf[0] = (pop[interceptIdx] as number) - rest
    }
    for (let l = 0; l < L; l++) {
      const pl = popOf[l] as number
      if (Number.isNaN(pl)) continue
      const scale = Math.max(1, Math.abs(pop[interceptIdx] ?? 1))
      if (wsum[l] === 0 && pl > 1e-9 * scale)
        throw new AbsentCategoryError(variable, f.levels[l] as string, pl)
      if (calfun !== 'linear' && (wsum[l] as number) > 0 && Math.abs(pl) <= 1e-9 * scale) {
        throw new CategoryNotInPopulationError(variable, f.levels[l] as string, counts[l] as number)
      }
    }
  }
}
