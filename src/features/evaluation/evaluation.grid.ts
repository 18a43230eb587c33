/**
 * The evaluation grid as reference data in versions: which objects, approaches, impacts and scopes a round asks
 * about, and the answer scale. Labels and definitions are in the lexique (vocabulary.evaluation.ts), by code.
 *
 * Why versions: the grid may evolve (a new approach, another scale); each round records the version its
 * partners answered, so past answers are never rewritten nor read against another grid. A version, once
 * used, never changes: a change is a new version added below.
 */

export interface EvaluationGrid {
  version: number
  /** the day this version became the one new rounds use */
  since: string
  /** vocabulary kind `evaluation_object` */
  objects: readonly string[]
  /** vocabulary kind `evaluation_approach` */
  approaches: readonly string[]
  /** the levels of the scale, lowest first (vocabulary kind `evaluation_scale`) */
  levels: readonly number[]
  /** the three impacts (vocabulary kind `impact`) */
  impacts: readonly string[]
  /** for whom each impact is judged (vocabulary kind `impact_scope`) */
  scopes: readonly string[]
}

/** "Ne sait pas": an answer, never a rating (left out of spreads and distributions of levels). */
export const DONT_KNOW = 0

export const GRIDS: readonly EvaluationGrid[] = [
  {
    version: 1,
    since: '2026-12-05',
    objects: ['produit', 'equilibre', 'valorisation'],
    approaches: ['performance', 'coherence', 'efficience', 'pertinence', 'contribution_societale', 'clarte', 'sens'],
    levels: [1, 2, 3, 4],
    impacts: ['innovation', 'performance', 'confiance'],
    scopes: ['organisation', 'publics', 'territoire'],
  },
]

/** The version new rounds use. */
export const CURRENT_GRID = GRIDS[GRIDS.length - 1] as EvaluationGrid

/** The grid of a version (the current one if the version is unknown, which a migration would prevent). */
export function gridOf(version: number): EvaluationGrid {
  return GRIDS.find((g) => g.version === version) ?? CURRENT_GRID
}

/** True when `level` is an answer of the grid's scale, "ne sait pas" included. */
export function isAnswerLevel(grid: EvaluationGrid, level: number): boolean {
  return level === DONT_KNOW || grid.levels.includes(level)
}

/** The key of a grid cell, e.g. `produit.pertinence` (also the field name of its select in the forms). */
export const cellKey = (object: string, approach: string) => `${object}.${approach}`
/** The key of an impact for a scope, e.g. `confiance.territoire`. */
export const impactKey = (impact: string, scope: string) => `${impact}.${scope}`
