/**
 * The maturity grid: how a territory's self-diagnosis is scored into one of four maturity levels, and which
 * support routes each level recommends. Versioned (every edit by a platform admin is a new version; a result
 * names the version it was computed with) and documented on its public page.
 *
 * What is sourced and what is not: the method's authors document four maturity levels for the territories
 * of their governance dialogues, and publicly describe one of them — « accompagner les initiatives locales
 * inspirantes », the need of 63 % of territories (Fonds ODD 17, 81 dialogues; domain brief §2.2, [R8]). The
 * other three levels, their order, the criteria, the weights and the thresholds below are this platform's
 * own proposal, and the grid says so on every page that shows it.
 *
 * Scoring: each criterion reads one question of the self-diagnosis questionnaire and scores every answer out
 * of 100 (a 0–10 scale × 10; the four-point agreement scale 100 / 67 / 33 / 0; a count of organisations
 * capped at 10, × 10); a criterion's score is the mean over the respondents who answered it; the territory's
 * score is the weighted mean of the criteria with answers; its level is the one whose range [min, max)
 * holds the score (the last range includes 100). Ranges must follow each other from 0 to 100 without
 * overlap or gap.
 */
import Type, { type Static } from 'typebox'
import Value from 'typebox/value'
import type { FieldProblem } from '../../../core/errors.js'

const Route = Type.Union([Type.Literal('spaces'), Type.Literal('meetings'), Type.Literal('resources'), Type.Literal('practices')])

export const GridSchema = Type.Object(
  {
    criteria: Type.Array(
      Type.Object({
        key: Type.String({ pattern: '^[a-z_]{2,30}$' }),
        label: Type.String({ minLength: 2, maxLength: 200 }),
        description: Type.String({ maxLength: 1000 }),
        question: Type.String({ pattern: '^q[0-9]{1,4}$' }),
        scoring: Type.Union([Type.Literal('scale'), Type.Literal('agreement'), Type.Literal('count')]),
        weight: Type.Integer({ minimum: 0, maximum: 10 }),
      }),
      { minItems: 1, maxItems: 20 },
    ),
    levels: Type.Array(
      Type.Object({
        code: Type.String({ pattern: '^[a-z_]{2,30}$' }),
        label: Type.String({ minLength: 2, maxLength: 200 }),
        description: Type.String({ maxLength: 2000 }),
        min: Type.Integer({ minimum: 0, maximum: 100 }),
        max: Type.Integer({ minimum: 0, maximum: 100 }),
        /** documented publicly by the method's authors (with its source), or the platform's proposal */
        source: Type.Union([Type.String({ maxLength: 500 }), Type.Null()]),
        routes: Type.Array(Route, { maxItems: 4 }),
        /** contribution types of the resources recommended */
        contributionTypes: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }),
        /** lexique entries (vocabulary kind `concept`) offered as practice sheets */
        practices: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 10 }),
      }),
      { minItems: 4, maxItems: 4 },
    ),
  },
  { additionalProperties: false },
)
export type Grid = Static<typeof GridSchema>
export type GridLevel = Grid['levels'][number]

const AGREEMENT: Record<string, number> = { tout_a_fait: 100, plutot: 67, plutot_pas: 33, pas_du_tout: 0 }

/** The questions the platform adds to the surveys module's « acteurs » template for the self-diagnosis. */
export const SELF_DIAGNOSIS_QUESTIONS: Array<{ label: string; minLabel: string; maxLabel: string }> = [
  { label: 'Les acteurs de votre territoire (collectivités, entreprises, associations…) se connaissent-ils et se rencontrent-ils régulièrement ?', minLabel: 'Pas du tout', maxLabel: 'Tout à fait' },
  { label: 'Existe-t-il un diagnostic partagé des fragilités, des atouts et des spécificités du territoire ?', minLabel: 'Pas du tout', maxLabel: 'Tout à fait' },
  { label: 'Des expérimentations collectives entre acteurs de mondes différents sont-elles en cours ?', minLabel: 'Aucune', maxLabel: 'Nombreuses' },
  { label: 'Ces coopérations sont-elles évaluées avec tous les partenaires et transmises à d’autres territoires ?', minLabel: 'Jamais', maxLabel: 'Systématiquement' },
]

/**
 * Version 1: criteria on the « acteurs » template's questions (q2 agreement, q3 cooperation 0–10, q4 number
 * of organisations of other worlds) and on the four questions added after it (q8–q11).
 */
export const DEFAULT_GRID: Grid = {
  criteria: [
    { key: 'cooperation', label: 'Coopération perçue entre acteurs', description: 'Comment les répondants jugent la coopération entre les acteurs du territoire (0 à 10).', question: 'q3', scoring: 'scale', weight: 2 },
    { key: 'conviction', label: 'Conviction que les partenariats innovent', description: 'Accord avec l’idée que les partenariats entre mondes différents réduisent les fragilités et créent de la croissance.', question: 'q2', scoring: 'agreement', weight: 1 },
    { key: 'diversite', label: 'Diversité des partenaires', description: 'Nombre d’organisations d’autres mondes avec lesquelles chacun a travaillé l’an dernier (10 et plus : score plein).', question: 'q4', scoring: 'count', weight: 1 },
    { key: 'interconnaissance', label: 'Interconnaissance', description: 'Les acteurs se connaissent et se rencontrent régulièrement.', question: 'q8', scoring: 'scale', weight: 2 },
    { key: 'diagnostic', label: 'Diagnostic partagé', description: 'Un diagnostic partagé des fragilités, atouts et spécificités existe.', question: 'q9', scoring: 'scale', weight: 1 },
    { key: 'experimentation', label: 'Expérimentations collectives', description: 'Des expérimentations entre acteurs de mondes différents sont en cours.', question: 'q10', scoring: 'scale', weight: 2 },
    { key: 'evaluation', label: 'Évaluation et essaimage', description: 'Les coopérations sont évaluées avec les partenaires et transmises ailleurs.', question: 'q11', scoring: 'scale', weight: 1 },
  ],
  levels: [
    { code: 'rencontre', label: 'Faire se rencontrer les acteurs', description: 'Les acteurs se connaissent peu : la priorité est l’interconnaissance, autour des besoins du territoire (proposition de la plateforme).', min: 0, max: 30, source: null, routes: ['spaces', 'meetings', 'practices'], contributionTypes: [], practices: ['catalyseur', 'premier-kilometre', 'dialogue-de-gouvernance'] },
    { code: 'initiatives', label: 'Accompagner les initiatives locales inspirantes', description: 'Des initiatives existent et inspirent : il s’agit de les accompagner. Niveau publié par les auteurs de la méthode, le besoin de 63 % des 81 territoires de leurs dialogues de gouvernance.', min: 30, max: 55, source: 'Fonds ODD 17 — dialogues de gouvernance avec 81 territoires (domain brief §2.2, [R8])', routes: ['spaces', 'resources', 'practices'], contributionTypes: ['expertise', 'mecenat_competences', 'lieu'], practices: ['mise-en-relation', 'alliance'] },
    { code: 'structuration', label: 'Structurer une dynamique d’alliance', description: 'Des expérimentations sont en cours : les structurer dans la durée, avec une charte, des moyens et une évaluation partenariale (proposition de la plateforme).', min: 55, max: 80, source: null, routes: ['resources', 'practices', 'meetings'], contributionTypes: ['mecenat_financier', 'expertise'], practices: ['contrat-alliance', 'evaluation-partenariale'] },
    { code: 'essaimage', label: 'Essaimer et mobiliser largement', description: 'La coopération est installée et évaluée : la transmettre à d’autres territoires et mobiliser plus largement (proposition de la plateforme).', min: 80, max: 100, source: null, routes: ['practices', 'resources', 'spaces'], contributionTypes: ['partenariat_innovation', 'mecenat_financier'], practices: ['evaluation-partenariale', 'co-construction-territoriale'] },
  ],
}

/** The problems of a grid: shape, unique keys, ranges that follow each other from 0 to 100 without overlap or gap. */
export function gridProblems(grid: unknown): FieldProblem[] {
  if (!Value.Check(GridSchema, grid)) return [{ field: 'grid', message: 'catalysis.error.gridShape' }]
  const g = grid as Grid
  const problems: FieldProblem[] = []
  const keys = g.criteria.map((c) => c.key)
  if (new Set(keys).size !== keys.length) problems.push({ field: 'criteria', message: 'catalysis.error.gridKeys' })
  if (g.criteria.every((c) => c.weight === 0)) problems.push({ field: 'criteria', message: 'catalysis.error.gridWeights' })
  const codes = g.levels.map((l) => l.code)
  if (new Set(codes).size !== codes.length) problems.push({ field: 'levels', message: 'catalysis.error.gridKeys' })
  g.levels.forEach((l, i) => {
    if (l.min >= l.max) problems.push({ field: `level_${i}_max`, message: 'catalysis.error.gridRange', params: { level: l.label } })
  })
  const sorted = [...g.levels].sort((a, b) => a.min - b.min)
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1] as GridLevel
    const level = sorted[i] as GridLevel
    if (level.min < previous.max) problems.push({ field: `level_${g.levels.indexOf(level)}_min`, message: 'catalysis.error.gridOverlap', params: { level: level.label, other: previous.label } })
    else if (level.min > previous.max) problems.push({ field: `level_${g.levels.indexOf(level)}_min`, message: 'catalysis.error.gridGap', params: { from: previous.max, to: level.min } })
  }
  if ((sorted[0]?.min ?? 0) !== 0 || (sorted[sorted.length - 1]?.max ?? 100) !== 100) problems.push({ field: 'levels', message: 'catalysis.error.gridBounds' })
  return problems
}

/** The score out of 100 of one answer for a criterion, or null when the answer is missing or unusable. */
function answerScore(scoring: Grid['criteria'][number]['scoring'], value: unknown): number | null {
  if (scoring === 'scale') return typeof value === 'number' && value >= 0 && value <= 10 ? value * 10 : null
  if (scoring === 'agreement') return typeof value === 'string' && value in AGREEMENT ? (AGREEMENT[value] as number) : null
  return typeof value === 'number' && value >= 0 ? Math.min(value, 10) * 10 : null
}

export interface MaturityScore {
  /** score out of 100, rounded to the tenth */
  score: number
  level: GridLevel
  /** criterion key → score out of 100 (tenths), null when nobody answered */
  criteria: Record<string, number | null>
  respondents: number
  /** lever → share of respondents ranking it first, in percent (tenths) */
  leverFirst: Record<string, number>
}

const tenth = (x: number) => Math.round(x * 10) / 10

/** The level whose range holds `score` (the last range includes its maximum). */
export function levelOf(grid: Grid, score: number): GridLevel {
  const sorted = [...grid.levels].sort((a, b) => a.min - b.min)
  return sorted.find((l, i) => score >= l.min && (score < l.max || (i === sorted.length - 1 && score <= l.max))) ?? (sorted[sorted.length - 1] as GridLevel)
}

/**
 * Scores the submitted answers of a self-diagnosis. `leversQuestion` is the key of the lever ranking (its
 * answers are `{ vision: 1, gestion: 2, action: 3 }`). Returns null when nobody answered a scored question.
 */
export function scoreAnswers(grid: Grid, answers: Array<Record<string, unknown>>, leversQuestion = 'q1'): MaturityScore | null {
  const criteria: Record<string, number | null> = {}
  let weighted = 0
  let weights = 0
  for (const c of grid.criteria) {
    const scores = answers.map((a) => answerScore(c.scoring, a[c.question])).filter((s): s is number => s !== null)
    if (scores.length === 0) {
      criteria[c.key] = null
      continue
    }
    const mean = scores.reduce((s, x) => s + x, 0) / scores.length
    criteria[c.key] = tenth(mean)
    weighted += mean * c.weight
    weights += c.weight
  }
  if (weights === 0) return null
  const score = tenth(weighted / weights)
  const leverFirst: Record<string, number> = {}
  const rankings = answers.map((a) => a[leversQuestion]).filter((r): r is Record<string, number> => r !== null && typeof r === 'object' && !Array.isArray(r))
  for (const lever of ['vision', 'gestion', 'action']) {
    leverFirst[lever] = rankings.length === 0 ? 0 : tenth((rankings.filter((r) => r[lever] === 1).length / rankings.length) * 100)
  }
  return { score, level: levelOf(grid, score), criteria, respondents: answers.length, leverFirst }
}
