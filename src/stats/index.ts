/**
 * Alliance survey statistics engine — public API.
 *
 * Weighting (raking, calibration, trimming) and design-based estimation (means, proportions, totals,
 * variances, contrasts, design effects, confidence intervals, ranking indicators, domains, Rao–Scott
 * tests) with Taylor-linearisation variances that account for the calibration exactly as R's `survey`
 * package 4.1-1 does. Pure TypeScript: no I/O, no dependency. See docs/stats.md for the algorithms,
 * the R correspondence and the tolerances met against the oracle.
 *
 * Typical use:
 * ```ts
 * const data = surveyData({ sex: factorColumn(sexValues, ['F', 'H'], 'sex'), … })
 * const base = createDesign(data, N / n)
 * const raked = rake(base, [margin('sex', { F: 26254600, H: 23945400 }), …], { epsilon: 1e-12 })
 * const est = svyMean(raked.design, ['first_choice'])   // proportions of every level, SEs, vcov
 * ```
 */
export {
  InvalidInputError,
  UnknownVariableError,
  UnknownLevelError,
  MissingCalibrationValueError,
  AbsentCategoryError,
  CategoryNotInPopulationError,
  InconsistentMarginTotalsError,
  PopulationMismatchError,
  SingularSystemError,
  CalibrationFailedError,
  RakingNotConvergedError,
  TrimmingFailedError,
  AbsentLevelInDomainError,
  StatsError,
  makeWarning,
  type StatsErrorCode,
  type StatsWarning,
  type StatsWarningCode,
} from './errors.js'
export {
  pnorm,
  qnorm,
  pt,
  qt,
  pf,
  pchisq,
  pbeta,
  qbeta,
  dbeta,
  dt,
  lgamma,
  lbeta,
} from './distributions.js'
export {
  factorColumn,
  factorFromCodes,
  numericColumn,
  surveyData,
  withColumns,
  getColumn,
  getFactor,
  getNumeric,
  countMissing,
  type Column,
  type FactorColumn,
  type NumericColumn,
  type SurveyData,
} from './data.js'
export {
  createDesign,
  restrictDesign,
  dropRows,
  dropZeroWeightRows,
  withWeights,
  degf,
  calibrationFactors,
  type Design,
  type CalibrationStep,
  type RakingStep,
  type RakingMarginInfo,
  type CalibrationStepInfo,
} from './design.js'
export { modelMatrix, type ModelMatrix } from './model-matrix.js'
export type { PathOption } from './cells.js'
export {
  rake,
  postStratify,
  margin,
  jointMargin,
  marginTotal,
  scaleMargin,
  type PopulationMargin,
  type RakeOptions,
  type RakeResult,
} from './raking.js'
export {
  calibrate,
  populationFromMargins,
  type CalibrateOptions,
  type CalibrateResult,
  type CalibrationFunction,
} from './calibration.js'
export type {
  BoundsDiagnosis,
  BoundsConflict,
  CategoryConflict,
  MarginPairConflict,
  MarginCategories,
  GroupWeight,
} from './feasibility.js'
export { trimWeights, type TrimOptions, type TrimResult } from './trimming.js'
export { RAKING_BACKFIT_SWEEPS } from './variance.js'
export {
  svyMean,
  svyTotal,
  svyVar,
  svyContrast,
  confint,
  kish,
  type Estimate,
  type EstimateOptions,
  type Contrast,
} from './estimates.js'
export {
  svyCiProp,
  ciPropInterval,
  CIPROP_METHODS,
  type CiProp,
  type CiPropMethod,
  type CiPropOptions,
} from './ciprop.js'
export {
  svyByMean,
  svyByTotal,
  svyByCiProp,
  svyByCovariance,
  domainContrast,
  domainMasks,
  type ByResult,
  type ByOptions,
  type DomainCovariance,
} from './domains.js'
export {
  svyChisq,
  type ChisqResult,
  type ChisqTest,
  type ChisqStatistic,
  type ChisqOptions,
} from './chisq.js'
export {
  addRankingVariables,
  rankingSummary,
  firstChoiceColumn,
  type RankingQuestion,
  type RankingColumns,
  type RankingSummary,
} from './ranking.js'
export { summarizeWeights, levelTotals, quantileType7, type WeightSummary } from './summary.js'
export {
  runConformance,
  buildData,
  parseMargins,
  weightsBlock,
  type ConformanceInput,
  type ConformanceOutput,
  type MarginsFile,
  type CaseData,
} from './conformance.js'
export {
  compareWithExpected,
  compareWeights,
  type CompareOptions,
  type CompareResult,
  type Mismatch,
} from './conformance-compare.js'
