/**
 * Typed errors and warnings of the statistics engine.
 *
 * Every failure the engine can diagnose is a `StatsError` subclass with a stable `code`, the `variable`
 * and `category` concerned when there is one, and an `advice` saying what to do. Situations where R's
 * `survey` returns a number with a warning (non-convergence of `rake()`, a one-respondent domain, a
 * proportion of 0 …) are reported as `StatsWarning` objects attached to the result, never printed. The
 * engine never throws a bare `Error` on bad data: a `RangeError` only signals a programming error
 * (inconsistent array lengths inside the engine).
 */
import type { BoundsDiagnosis } from './feasibility.js'

export type StatsErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_VARIABLE'
  | 'UNKNOWN_LEVEL'
  | 'MISSING_CALIBRATION_VALUE'
  | 'ABSENT_CATEGORY'
  | 'CATEGORY_NOT_IN_POPULATION'
  | 'INCONSISTENT_MARGIN_TOTALS'
  | 'POPULATION_MISMATCH'
  | 'SINGULAR_SYSTEM'
  | 'CALIBRATION_FAILED'
  | 'RAKING_NOT_CONVERGED'
  | 'TRIMMING_FAILED'
  | 'ABSENT_LEVEL_IN_DOMAIN'

/** What every engine error carries besides its message. */
export interface StatsErrorInit {
  variable?: string | undefined
  category?: string | undefined
  advice: string
  details?: Record<string, unknown>
}

/** Base class: `code` is stable, `message` is for people (it already contains `advice`). */
export class StatsError extends Error {
  readonly code: StatsErrorCode
  readonly variable: string | undefined
  readonly category: string | undefined
  readonly advice: string
  readonly details: Record<string, unknown>

  constructor(code: StatsErrorCode, problem: string, init: StatsErrorInit) {
    super(`${problem} ${init.advice}`)
    this.name = new.target.name
    this.code = code
    this.variable = init.variable
    this.category = init.category
    this.advice = init.advice
    this.details = init.details ?? {}
  }
}

/** Inconsistent or unusable arguments (lengths, bounds, unknown options). */
export class InvalidInputError extends StatsError {
  constructor(problem: string, advice: string, init: Omit<StatsErrorInit, 'advice'> = {}) {
    super('INVALID_INPUT', problem, { ...init, advice })
  }
}

/** A variable named by the caller does not exist in the data. */
export class UnknownVariableError extends StatsError {
  constructor(variable: string, expected: string) {
    super('UNKNOWN_VARIABLE', `Variable "${variable}" is not in the data (expected ${expected}).`, {
      variable,
      advice: 'Check the variable name against the columns of the survey data.',
    })
  }
}

/** A value that is not among the declared levels of a categorical variable. */
export class UnknownLevelError extends StatsError {
  constructor(variable: string, category: string, levels: readonly string[]) {
    super(
      'UNKNOWN_LEVEL',
      `Value "${category}" of variable "${variable}" is not one of its levels (${levels.join(', ')}).`,
      {
        variable,
        category,
        advice: 'Declare the level, or recode the value to an existing level, before weighting.',
      },
    )
  }
}

/** A calibration (margin) variable is missing for some respondents: R fails with `na.fail`. */
export class MissingCalibrationValueError extends StatsError {
  constructor(variable: string, count: number) {
    super(
      'MISSING_CALIBRATION_VALUE',
      `Calibration variable "${variable}" is missing for ${count} respondent(s).`,
      {
        variable,
        advice:
          'Impute the value or exclude these respondents before weighting (calibration variables must be complete).',
        details: { count },
      },
    )
  }
}

/**
 * A category has a positive population total but no respondent: the margin cannot be reached
 * (R: "Some strata absent from sample" / singular GREG system / "Calibration failed").
 */
export class AbsentCategoryError extends StatsError {
  constructor(variable: string, category: string, populationTotal: number) {
    super(
      'ABSENT_CATEGORY',
      `Category "${category}" of "${variable}" has a population total of ${populationTotal} but no respondent in the sample.`,
      {
        variable,
        category,
        advice: `Collapse "${category}" with a neighbouring category of "${variable}" (add its population total to that category and recode), or set its population total to 0 and move the total to another category.`,
        details: { populationTotal },
      },
    )
  }
}

/** Respondents in a category whose population total is 0 or missing (R: "Strata in sample absent from population"). */
export class CategoryNotInPopulationError extends StatsError {
  constructor(variable: string, category: string, sampleCount: number) {
    super(
      'CATEGORY_NOT_IN_POPULATION',
      `Category "${category}" of "${variable}" has ${sampleCount} respondent(s) but no population total (or a total of 0).`,
      {
        variable,
        category,
        advice: `Give "${category}" its population total, or recode these respondents to a category that has one.`,
        details: { sampleCount },
      },
    )
  }
}

/** Margins that do not sum to the same population total: IPF oscillates and cannot meet them all. */
export class InconsistentMarginTotalsError extends StatsError {
  constructor(variable: string, total: number, reference: number, referenceVariable: string) {
    super(
      'INCONSISTENT_MARGIN_TOTALS',
      `The margin of "${variable}" sums to ${total} but the margin of "${referenceVariable}" sums to ${reference}.`,
      {
        variable,
        advice:
          'Give every margin the same population total (rescale shares to the base, e.g. multiply proportions by N), then rake again.',
        details: { total, reference, referenceVariable },
      },
    )
  }
}

/** Population totals of a calibration do not match the model-matrix columns. */
export class PopulationMismatchError extends StatsError {
  constructor(problem: string, column: string, advice: string) {
    super('POPULATION_MISMATCH', problem, { variable: column, advice, details: { column } })
  }
}

/** A linear system that R would also report as "exactly singular". */
export class SingularSystemError extends StatsError {
  constructor(what: string, pivot: number, advice?: string) {
    super('SINGULAR_SYSTEM', `The ${what} is singular (pivot ${pivot} is zero).`, {
      advice:
        advice ??
        'A calibration column or a table cell has no information: collapse empty categories or drop the redundant variable.',
      details: { pivot },
    })
  }
}

/**
 * Generalised calibration did not reach the totals. `diagnosis` (bounded calibration only; null without
 * bounds) says why:
 * - `diagnosis.infeasible` true: the bounds cannot be met, and `diagnosis.conflicts` names the margins
 *   and categories that prove it (a category whose target share is out of reach of its sample share
 *   within the bounds, or two margins that cannot be met together) — show them to the user;
 * - false: the iteration stopped at `maxit` without such a proof (the engine never calls bounds that
 *   R's `calibrate` satisfies infeasible).
 * `details` holds `maxRelativeMisfit`, `iterations`, `worst` ({ column, misfit } or null) and `diagnosis`.
 */
export class CalibrationFailedError extends StatsError {
  readonly diagnosis: BoundsDiagnosis | null

  constructor(
    maxRelativeMisfit: number,
    iterations: number,
    worst: { column: string; misfit: number } | null,
    diagnosis: BoundsDiagnosis | null,
  ) {
    const where = worst ? ` (worst constraint: ${worst.column}, misfit ${worst.misfit})` : ''
    const stopped = `after ${iterations} iterations`
    let problem = `Calibration failed to converge: largest relative misfit ${maxRelativeMisfit} ${stopped}${where}.`
    if (diagnosis?.infeasible) {
      const on = diagnosis.boundsOn === 'ratio' ? 'weight ratios' : 'weights'
      const why = diagnosis.conflicts.map((c) => c.message).join(' ')
      problem = `The bounds [${diagnosis.bounds.join(', ')}] on the ${on} cannot be met: ${why} Calibration stopped ${stopped} with a largest relative misfit of ${maxRelativeMisfit}.`
    } else if (diagnosis) {
      problem += ' No category and no pair of margins is out of reach of the bounds.'
    }
    super(
      'CALIBRATION_FAILED',
      problem,
      {
        variable: worst?.column,
        advice: diagnosis?.infeasible
          ? 'Widen the bounds, collapse the categories named with neighbouring ones, or use force to accept uncalibrated weights.'
          : diagnosis
            ? 'Increase maxit; if it still fails, widen the bounds or collapse sparse categories.'
            : 'Increase maxit, collapse sparse categories, or check that the population totals are consistent.',
        details: { maxRelativeMisfit, iterations, worst, diagnosis },
      },
    )
    this.diagnosis = diagnosis
  }
}

/** Raking stopped at maxit without converging, when the caller asked for a blocking error. */
export class RakingNotConvergedError extends StatsError {
  constructor(
    sweeps: number,
    maxAbsMarginError: number,
    worst: { variable: string; category: string } | null,
  ) {
    super(
      'RAKING_NOT_CONVERGED',
      `Raking did not converge after ${sweeps} sweeps (largest margin error ${maxAbsMarginError}${
        worst ? `, on ${worst.variable} = ${worst.category}` : ''
      }).`,
      {
        variable: worst?.variable,
        category: worst?.category,
        advice:
          'Increase maxit, check that all margins share the same total, or collapse sparse categories.',
        details: { sweeps, maxAbsMarginError },
      },
    )
  }
}

/** Trimming cannot keep the total inside the limits (no unit left to absorb the excess). */
export class TrimmingFailedError extends StatsError {
  constructor(problem: string) {
    super('TRIMMING_FAILED', problem, {
      advice: 'Widen the trimming limits (lower·n must stay below the total and upper·n above it).',
    })
  }
}

/** svychisq inside a domain where a level of a variable has no respondent: Δ is singular (as in R). */
export class AbsentLevelInDomainError extends StatsError {
  constructor(variable: string, category: string) {
    super(
      'ABSENT_LEVEL_IN_DOMAIN',
      `Level "${category}" of "${variable}" has no respondent in the tested domain.`,
      {
        variable,
        category,
        advice: `Drop "${category}" from "${variable}" within the domain (option dropEmptyLevels) or test on a larger domain.`,
      },
    )
  }
}

// ------------------------------------------------------------------------------------------ warnings

export type StatsWarningCode =
  | 'RAKING_NOT_CONVERGED'
  | 'CALIBRATION_NOT_CONVERGED'
  | 'ZERO_BASE_WEIGHTS'
  | 'NEGATIVE_WEIGHTS'
  | 'WEIGHTS_RESCALED'
  | 'CALIBRATION_TRIMMED'
  | 'MISSING_VALUES'
  | 'NO_RESPONDENTS'
  | 'SMALL_BASE'
  | 'ZERO_DEGREES_OF_FREEDOM'
  | 'PROPORTION_AT_BOUNDARY'
  | 'CHISQ_SMALL_EXPECTED'
  | 'UNUSED_LEVEL'
  | 'DEFF_UNDEFINED'
  | 'INCONSISTENT_MARGIN_TOTALS'
  | 'TRIMMING_BREAKS_CALIBRATION'

/** A non-blocking diagnostic attached to a result (R's `warning()` as data). */
export interface StatsWarning {
  code: StatsWarningCode
  message: string
  advice: string
  variable?: string
  category?: string
  details?: Record<string, unknown>
}

/** Builds a warning; optional fields are omitted rather than undefined. */
export function makeWarning(
  code: StatsWarningCode,
  message: string,
  advice: string,
  extra: {
    variable?: string | undefined
    category?: string | undefined
    details?: Record<string, unknown>
  } = {},
): StatsWarning {
  const w: StatsWarning = { code, message, advice }
  if (extra.variable !== undefined) w.variable = extra.variable
  if (extra.category !== undefined) w.category = extra.category
  if (extra.details !== undefined) w.details = extra.details
  return w
}
