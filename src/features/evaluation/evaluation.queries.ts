/**
 * Reads of evaluation rounds and answers, each with the alliance's scope (proof the policy let the actor in).
 * A partner's draft is only ever read for that partner (`findOwnAnswer`); everyone's answers are read once the
 * round is closed, and only the submitted ones (`listSubmittedAnswers`).
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../database.js'
import type { AllianceScope } from '../alliances/index.js'
import type { EvaluationAnswersTable, EvaluationRoundsTable } from './evaluation.table.js'

type Db = Kysely<Database> | Transaction<Database>

export type Round = EvaluationRoundsTable
export type RoundStatus = 'upcoming' | 'open' | 'closed'

/** A round accepts answers from its opening day to its closing day (days in France), unless closed early. */
export function roundStatus(round: Pick<Round, 'opens_on' | 'closes_on' | 'closed_at'>, today: string): RoundStatus {
  if (round.closed_at !== null || today > round.closes_on) return 'closed'
  return today < round.opens_on ? 'upcoming' : 'open'
}

export interface AnswerLevel {
  /** 1–4, 0 for "ne sait pas", null while a draft has only a comment */
  level: number | null
  comment: string
}

export interface Answer extends EvaluationAnswersTable {
  /** `object.approach` → level and comment */
  ratings: Map<string, AnswerLevel>
  /** `impact.scope` → level and comment */
  impacts: Map<string, AnswerLevel>
}

export interface SubmittedAnswer extends Answer {
  organisation_name: string
  world: string
}

export async function findRound(db: Db, scope: AllianceScope, roundId: string): Promise<Round | undefined> {
  return db.selectFrom('evaluation_rounds').selectAll().where('alliance_id', '=', scope.allianceId).where('id', '=', roundId).executeTakeFirst()
}

export interface RoundRow extends Round {
  submitted: number
}

/** Every round of the alliance, newest first, with how many partners submitted an answer. */
export async function listRounds(db: Db, scope: AllianceScope): Promise<RoundRow[]> {
  const [rounds, counts] = await Promise.all([
    db.selectFrom('evaluation_rounds').selectAll().where('alliance_id', '=', scope.allianceId).orderBy('number', 'desc').execute(),
    db
      .selectFrom('evaluation_answers')
      .select(['round_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('alliance_id', '=', scope.allianceId)
      .where('status', '=', 'submitted')
      .groupBy('round_id')
      .execute(),
  ])
  const submitted = new Map(counts.map((c) => [c.round_id, Number(c.n)]))
  return rounds.map((r) => ({ ...r, submitted: submitted.get(r.id) ?? 0 }))
}

async function withLevels<T extends EvaluationAnswersTable>(db: Db, answers: T[]): Promise<Array<T & { ratings: Map<string, AnswerLevel>; impacts: Map<string, AnswerLevel> }>> {
  const ids = answers.map((a) => a.id)
  const [ratings, impacts] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db.selectFrom('evaluation_ratings').selectAll().where('answer_id', 'in', ids).execute(),
          db.selectFrom('evaluation_impacts').selectAll().where('answer_id', 'in', ids).execute(),
        ])
  const byAnswer = <R extends { answer_id: string }>(rows: R[], key: (r: R) => string) => {
    const out = new Map<string, Map<string, AnswerLevel>>()
    for (const r of rows as Array<R & { level: number | null; comment: string }>) {
      const m = out.get(r.answer_id) ?? new Map<string, AnswerLevel>()
      m.set(key(r), { level: r.level === null ? null : Number(r.level), comment: r.comment })
      out.set(r.answer_id, m)
    }
    return out
  }
  const r = byAnswer(ratings, (x) => `${x.object}.${x.approach}`)
  const i = byAnswer(impacts, (x) => `${x.impact}.${x.scope}`)
  return answers.map((a) => ({ ...a, ratings: r.get(a.id) ?? new Map(), impacts: i.get(a.id) ?? new Map() }))
}

/** The answer of one organisation (draft or submitted), for that organisation's own members. */
export async function findOwnAnswer(db: Db, scope: AllianceScope, roundId: string, organisationId: string): Promise<Answer | undefined> {
  const answer = await db
    .selectFrom('evaluation_answers')
    .selectAll()
    .where('alliance_id', '=', scope.allianceId)
    .where('round_id', '=', roundId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst()
  return answer ? (await withLevels(db, [answer]))[0] : undefined
}

/** The submitted answers of some rounds (for crossed views and trajectories: call only for closed rounds). */
export async function listSubmittedAnswers(db: Db, scope: AllianceScope, roundIds: readonly string[]): Promise<SubmittedAnswer[]> {
  if (roundIds.length === 0) return []
  const answers = await db
    .selectFrom('evaluation_answers')
    .innerJoin('organisations', 'organisations.id', 'evaluation_answers.organisation_id')
    .selectAll('evaluation_answers')
    .select(['organisations.name as organisation_name', 'organisations.world', 'organisations.search_name'])
    .where('evaluation_answers.alliance_id', '=', scope.allianceId)
    .where('evaluation_answers.round_id', 'in', [...roundIds])
    .where('evaluation_answers.status', '=', 'submitted')
    .orderBy('organisations.search_name')
    .execute()
  return withLevels(
    db,
    answers.map(({ search_name: _s, ...a }) => a),
  )
}

/** The status of each partner's answer to a round (organisation id → draft or submitted), no content. */
export async function answerStatuses(db: Db, scope: AllianceScope, roundId: string): Promise<Map<string, { status: string; submitted_at: string | null }>> {
  const rows = await db.selectFrom('evaluation_answers').select(['organisation_id', 'status', 'submitted_at']).where('alliance_id', '=', scope.allianceId).where('round_id', '=', roundId).execute()
  return new Map(rows.map((r) => [r.organisation_id, { status: r.status, submitted_at: r.submitted_at }]))
}
