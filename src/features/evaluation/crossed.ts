/**
 * Crossed views (regards croisés) of a closed round, pure: every cell of the grid and every impact side by side
 * across partners — each organisation's level with its world when the round shows answers by name, or only the
 * distribution of levels per world otherwise —, the spread of levels, and the cells where partners disagree by
 * two levels or more first. Trajectories follow each impact and scope across rounds.
 *
 * Never one score, never a ranking: no mean is computed, partners are listed by name, worlds in the lexique's
 * order. "Ne sait pas" is counted apart and never enters a spread.
 *
 * Anonymity when answers are shown per world: a world with fewer than 3 answers joins "autres mondes"; if that
 * group still has 1 or 2 answers, the smallest remaining world joins it too, until it has 3 or more. With fewer
 * than 3 answers in all, no distribution is shown (it would tell who answered what).
 */
import { termsOf } from '../vocabulary/index.js'
import { cellKey, DONT_KNOW, impactKey, type EvaluationGrid } from './evaluation.grid.js'
import type { AnswerLevel, SubmittedAnswer } from './evaluation.queries.js'
import type { Disclosure } from './evaluation.table.js'

/** Two levels apart or more: a disagreement, shown first. */
export const DISAGREEMENT_SPREAD = 2
/** The fewest answers a group may show when answers are shown per world. */
export const MIN_GROUP = 3
/** The group of merged small worlds. */
export const OTHER_WORLDS = 'autres'

export interface Respondent {
  organisationId: string
  name: string
  world: string
  answered: boolean
}

export interface Distribution {
  /** counts for each level of the scale, lowest first */
  counts: number[]
  dontKnow: number
  /** answers with a level or "ne sait pas" */
  answered: number
}

export interface ItemView extends Distribution {
  /** `object.approach` or `impact.scope` */
  key: string
  first: string
  second: string
  /** each organisation's answer (named rounds only), in name order */
  named: Array<{ organisationId: string; name: string; world: string; level: number | null; comment: string }> | null
  /** the distribution per world group (rounds shown per world), with the comments of each group */
  groups: Array<Distribution & { group: string; comments: string[] }> | null
  min: number | null
  max: number | null
  spread: number | null
  disagreement: boolean
}

export interface CrossedView {
  disclosure: Disclosure
  respondents: Respondent[]
  /** world groups used (rounds shown per world): a world code or `autres` */
  groups: Array<{ group: string; worlds: string[]; answers: number }>
  /** true when the answers are too few to be shown per world */
  tooFew: boolean
  /** grid cells, disagreements first (largest spread first), then in the grid's order */
  cells: ItemView[]
  /** impacts × scopes, in the grid's order */
  impacts: ItemView[]
  lessons: Array<{ by: string; byWorld: boolean; whatWorked: string; difficulties: string; lessons: string }>
}

function distribution(levels: Array<number | null>, scale: readonly number[]): Distribution {
  const counts = scale.map(() => 0)
  let dontKnow = 0
  let answered = 0
  for (const level of levels) {
    if (level === null) continue
    answered++
    if (level === DONT_KNOW) dontKnow++
    else {
      const i = scale.indexOf(level)
      if (i >= 0) counts[i] = (counts[i] ?? 0) + 1
    }
  }
  return { counts, dontKnow, answered }
}

/** World groups for a round shown per world (see the module comment). */
export function worldGroups(answers: Array<{ world: string }>): Map<string, string> {
  const worldOrder = termsOf('world').map((t) => t.code)
  const sizes = new Map<string, number>()
  for (const a of answers) sizes.set(a.world, (sizes.get(a.world) ?? 0) + 1)
  const groupOf = new Map<string, string>()
  for (const [world, n] of sizes) groupOf.set(world, n >= MIN_GROUP ? world : OTHER_WORLDS)
  const size = (group: string) => [...groupOf].filter(([, g]) => g === group).reduce((n, [w]) => n + (sizes.get(w) ?? 0), 0)
  while (size(OTHER_WORLDS) > 0 && size(OTHER_WORLDS) < MIN_GROUP) {
    const remaining = [...new Set(groupOf.values())].filter((g) => g !== OTHER_WORLDS)
    if (remaining.length === 0) break
    // The smallest world joins; ties go to the later world in the lexique's order (a stable choice).
    remaining.sort((a, b) => size(a) - size(b) || worldOrder.indexOf(b) - worldOrder.indexOf(a))
    const smallest = remaining[0] as string
    for (const [w, g] of groupOf) if (g === smallest) groupOf.set(w, OTHER_WORLDS)
  }
  return groupOf
}

function item(key: string, first: string, second: string, answers: SubmittedAnswer[], pick: (a: SubmittedAnswer) => AnswerLevel | undefined, grid: EvaluationGrid, disclosure: Disclosure, groupOf: Map<string, string>, groupNames: string[]): ItemView {
  const levels = answers.map((a) => pick(a)?.level ?? null)
  const rated = levels.filter((l): l is number => l !== null && l !== DONT_KNOW)
  const min = rated.length > 0 ? Math.min(...rated) : null
  const max = rated.length > 0 ? Math.max(...rated) : null
  const spread = min !== null && max !== null ? max - min : null
  return {
    key,
    first,
    second,
    ...distribution(levels, grid.levels),
    named: disclosure === 'named' ? answers.map((a) => ({ organisationId: a.organisation_id, name: a.organisation_name, world: a.world, level: pick(a)?.level ?? null, comment: pick(a)?.comment ?? '' })) : null,
    groups:
      disclosure === 'worlds'
        ? groupNames.map((group) => {
            const inGroup = answers.filter((a) => groupOf.get(a.world) === group)
            return { group, ...distribution(inGroup.map((a) => pick(a)?.level ?? null), grid.levels), comments: inGroup.map((a) => pick(a)?.comment ?? '').filter((c) => c !== '') }
          })
        : null,
    min,
    max,
    spread,
    disagreement: spread !== null && spread >= DISAGREEMENT_SPREAD,
  }
}

/** The crossed view of one closed round from its submitted answers and the partners expected to answer. */
export function crossedView(input: { grid: EvaluationGrid; disclosure: Disclosure; expected: Array<{ organisationId: string; name: string; world: string }>; answers: SubmittedAnswer[] }): CrossedView {
  const { grid, disclosure } = input
  const tooFew = disclosure === 'worlds' && input.answers.length < MIN_GROUP
  const answers = tooFew ? [] : input.answers
  const groupOf = disclosure === 'worlds' ? worldGroups(answers) : new Map<string, string>()
  const worldOrder = termsOf('world').map((t) => t.code)
  const groupNames = [...new Set(groupOf.values())].sort((a, b) => (a === OTHER_WORLDS ? 1 : b === OTHER_WORLDS ? -1 : worldOrder.indexOf(a) - worldOrder.indexOf(b)))
  const submitted = new Set(input.answers.map((a) => a.organisation_id))
  const respondents = [
    ...input.expected.map((p) => ({ ...p, answered: submitted.has(p.organisationId) })),
    // A partner that answered and left since is still shown.
    ...input.answers.filter((a) => !input.expected.some((p) => p.organisationId === a.organisation_id)).map((a) => ({ organisationId: a.organisation_id, name: a.organisation_name, world: a.world, answered: true })),
  ].sort((a, b) => a.name.localeCompare(b.name, 'fr'))
  const gridOrder: ItemView[] = []
  for (const object of grid.objects) for (const approach of grid.approaches) gridOrder.push(item(cellKey(object, approach), object, approach, answers, (a) => a.ratings.get(cellKey(object, approach)), grid, disclosure, groupOf, groupNames))
  const cells = gridOrder
    .map((c, i) => ({ c, i }))
    .sort((a, b) => Number(b.c.disagreement) - Number(a.c.disagreement) || (b.c.disagreement ? (b.c.spread ?? 0) - (a.c.spread ?? 0) : 0) || a.i - b.i)
    .map(({ c }) => c)
  const impacts: ItemView[] = []
  for (const impact of grid.impacts) for (const scope of grid.scopes) impacts.push(item(impactKey(impact, scope), impact, scope, answers, (a) => a.impacts.get(impactKey(impact, scope)), grid, disclosure, groupOf, groupNames))
  return {
    disclosure,
    respondents,
    groups: groupNames.map((group) => ({ group, worlds: [...groupOf].filter(([, g]) => g === group).map(([w]) => w), answers: answers.filter((a) => groupOf.get(a.world) === group).length })),
    tooFew,
    cells,
    impacts,
    lessons: answers
      .filter((a) => a.what_worked !== '' || a.difficulties !== '' || a.lessons !== '')
      .map((a) => ({ by: disclosure === 'named' ? a.organisation_name : (groupOf.get(a.world) ?? OTHER_WORLDS), byWorld: disclosure === 'worlds', whatWorked: a.what_worked, difficulties: a.difficulties, lessons: a.lessons }))
      .sort((a, b) => a.by.localeCompare(b.by, 'fr')),
  }
}

export interface TrajectoryPoint extends Distribution {
  roundId: string
  number: number
  periodEnd: string
  /** a round shown per world with fewer than 3 answers: its distribution is not shown */
  hidden: boolean
}

/**
 * For each impact and scope, the distribution of levels at each closed round, oldest round first. A round shown
 * per world with fewer than 3 answers keeps its place in the trajectory, without figures.
 */
export function trajectories(grid: EvaluationGrid, rounds: Array<{ id: string; number: number; period_end: string; disclosure: Disclosure }>, answers: SubmittedAnswer[]): Array<{ key: string; impact: string; scope: string; points: TrajectoryPoint[] }> {
  const ordered = [...rounds].sort((a, b) => a.number - b.number)
  const hidden = new Set(ordered.filter((r) => r.disclosure === 'worlds' && answers.filter((a) => a.round_id === r.id).length < MIN_GROUP).map((r) => r.id))
  const out: Array<{ key: string; impact: string; scope: string; points: TrajectoryPoint[] }> = []
  for (const impact of grid.impacts) {
    for (const scope of grid.scopes) {
      const key = impactKey(impact, scope)
      out.push({
        key,
        impact,
        scope,
        points: ordered.map((r) => ({
          roundId: r.id,
          number: r.number,
          periodEnd: r.period_end,
          hidden: hidden.has(r.id),
          ...distribution(hidden.has(r.id) ? [] : answers.filter((a) => a.round_id === r.id).map((a) => a.impacts.get(key)?.level ?? null), grid.levels),
        })),
      })
    }
  }
  return out
}
