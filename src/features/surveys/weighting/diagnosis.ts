/**
 * Why the statistics engine cannot weight, in the analyst's terms: every engine error becomes field problems
 * (message keys and parameters, rendered in the reader's language by the weighting page) attached to the input
 * they concern — a category's population value, a whole margin, the bounds — saying what to do.
 *
 * Bounded calibration that fails carries the engine's diagnosis (`CalibrationFailedError.diagnosis`,
 * docs/stats.md "When the bounds cannot be met"): when it proves the bounds infeasible, each conflict is named —
 * a category (its population share against its sample share and respondents, the mean weight ratio it would
 * need against the bound it passes), or two margins that cannot be met together (their groups of categories and
 * the numbers); when it proves nothing (`infeasible: false`), the page says the calibration did not converge in
 * N iterations, without blaming the bounds.
 *
 * Parameters name margins by their roles (`roles`: `sex*age`), which the page turns into the reader's words.
 */
import type { FieldProblem } from '../../../core/errors.js'
import {
  AbsentCategoryError,
  CalibrationFailedError,
  CategoryNotInPopulationError,
  InconsistentMarginTotalsError,
  RakingNotConvergedError,
  TrimmingFailedError,
  type BoundsDiagnosis,
  type MarginCategories,
  type StatsError,
} from '../../../stats/index.js'
import { profileQuestion, type Definition, type ProfileRole } from '../surveys.definition.js'
import { cellField, marginField, marginKey } from './margins.js'

/** Splits an engine variable/category ("sex:age", "f:a18_24") back into roles and codes. */
function splitEngine(value: string | undefined): string[] {
  return value ? value.split(':') : []
}

function labelOf(def: Definition, role: string, code: string): string {
  return profileQuestion(def, role as ProfileRole)?.options.find((o) => o.code === code)?.label ?? code
}

/** A category of a margin by its labels ("Femme × 18 à 24 ans"). */
function categoryLabel(def: Definition, roles: readonly string[], codes: readonly string[]): string {
  return codes.map((code, i) => labelOf(def, roles[i] as string, code)).join(' × ')
}

/** A group of categories by its labels ("Femme × 18 à 24 ans, Homme × 18 à 24 ans"). */
function groupLabel(def: Definition, group: MarginCategories): string {
  return group.categories.map((codes) => categoryLabel(def, group.variables, codes)).join(', ')
}

const round = (x: number, digits: number) => Number(x.toFixed(digits))

/** The problems of a failed bounded calibration (see the module's JSDoc). */
export function boundsProblems(def: Definition, diagnosis: BoundsDiagnosis, iterations: number): FieldProblem[] {
  const [low, high] = diagnosis.bounds
  if (!diagnosis.infeasible) return [{ field: 'bounds_low', message: 'surveys.weighting.error.calibrationNotConverged', params: { iterations } }]
  const problems: FieldProblem[] = [{ field: 'bounds_low', message: 'surveys.weighting.error.boundsInfeasible', params: { low, high, count: diagnosis.conflicts.length } }]
  for (const conflict of diagnosis.conflicts) {
    if (conflict.kind === 'category') {
      const roles = conflict.margin.variables
      const codes = conflict.margin.categories[0] ?? []
      problems.push({
        field: cellField(roles, codes),
        message: 'surveys.weighting.error.boundsCategory',
        params: {
          roles: marginKey(roles),
          category: categoryLabel(def, roles, codes),
          populationShare: round(conflict.targetShare, 6),
          sampleShare: round(conflict.sampleShare, 6),
          respondents: conflict.respondents,
          requiredRatio: round(conflict.requiredRatio, 4),
          side: conflict.side,
          bound: conflict.side === 'above' ? high : low,
        },
      })
    } else {
      problems.push({
        field: marginField(conflict.first.variables),
        message: 'surveys.weighting.error.boundsPair',
        params: {
          roles: marginKey(conflict.first.variables),
          otherRoles: marginKey(conflict.second.variables),
          first: groupLabel(def, conflict.first),
          second: groupLabel(def, conflict.second),
          required: Math.round(conflict.required),
          reachable: Math.round(conflict.reachable),
          firstOnly: conflict.firstOnly.respondents,
          secondOnly: conflict.secondOnly.respondents,
        },
      })
    }
  }
  return problems
}

/** Translates an engine error into field problems naming the margin and category, with what to do. */
export function explain(def: Definition, error: StatsError): FieldProblem[] {
  const roles = splitEngine(error.variable)
  const codes = splitEngine(error.category)
  const roleKey = marginKey(roles)
  const category = codes.map((c, i) => (roles[i] ? labelOf(def, roles[i] as string, c) : c)).join(' × ')
  if (error instanceof AbsentCategoryError) {
    return [{ field: cellField(roles, codes), message: 'surveys.weighting.error.absent', params: { roles: roleKey, category } }]
  }
  if (error instanceof CategoryNotInPopulationError) {
    return [{ field: cellField(roles, codes), message: 'surveys.weighting.error.notInPopulation', params: { roles: roleKey, category, count: Number(error.details.sampleCount ?? 0) } }]
  }
  if (error instanceof InconsistentMarginTotalsError) {
    return [
      {
        field: marginField(roles),
        message: 'surveys.weighting.error.totals',
        params: {
          roles: roleKey,
          total: Math.round(Number(error.details.total)),
          reference: Math.round(Number(error.details.reference)),
          otherRoles: marginKey(splitEngine(String(error.details.referenceVariable ?? ''))),
        },
      },
    ]
  }
  if (error instanceof CalibrationFailedError) {
    const iterations = Number(error.details.iterations ?? 0)
    if (error.diagnosis) return boundsProblems(def, error.diagnosis, iterations)
    return [{ field: 'bounds_low', message: 'surveys.weighting.error.calibrationNotConverged', params: { iterations } }]
  }
  if (error instanceof RakingNotConvergedError) {
    return [{ field: roles.length > 0 ? marginField(roles) : 'structure', message: 'surveys.weighting.error.notConverged', params: { roles: roleKey, category: category || '—' } }]
  }
  if (error instanceof TrimmingFailedError) return [{ field: 'trim_low', message: 'surveys.weighting.error.trim' }]
  return [{ field: 'structure', message: 'surveys.weighting.error.engine', params: { detail: error.message } }]
}
