/**
 * The deliberation of a call for projects: for each submitted application, the reviews' weighted scores (on 100),
 * their mean and spread, each criterion's mean and spread, the reviewers' comments, and a ranking that states its
 * method (`RANKING_METHOD`, the message `mobilisation.deliberation.method`):
 *
 * 1. each submitted review scores the application: Σ weight × score / Σ weight × maximum, on 100 (kept in
 *    thousandths at submission, rounded half up);
 * 2. an application's score is the mean of its reviews' scores; its spread is their standard deviation (population);
 * 3. applications are ranked by score, highest first; ties go to the smaller spread, then to the larger number of
 *    reviews, then to the earlier submission; applications without a review come last, in submission order.
 *
 * The ranking needs one read of the call's submitted reviews (their scores were weighted at submission), so that a
 * call with thousands of applications and hundreds of reviewers ranks in one pass; the page shows the ranked list by
 * pages, and reads the criteria's scores and the comments of that page's applications only.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../../database.js'

type Db = Kysely<Database>

export const RANKING_METHOD = 'weighted-mean-v1'

export interface Stat {
  /** number of values */
  n: number
  /** mean, or null without values */
  mean: number | null
  /** population standard deviation, or null with fewer than two values */
  spread: number | null
}

/** Mean and population standard deviation from a count, a sum and a sum of squares. */
export function statOf(n: number, sum: number, squares: number): Stat {
  if (n === 0) return { n, mean: null, spread: null }
  const mean = sum / n
  const variance = Math.max(0, squares / n - mean * mean)
  return { n, mean, spread: n < 2 ? null : Math.sqrt(variance) }
}

export interface RankedApplication {
  id: string
  rank: number
  title: string
  alliance_id: string
  alliance_name: string
  requested_cents: number
  submitted_at: string
  /** the reviews' scores on 100 */
  score: Stat
}

interface Candidate {
  id: string
  title: string
  alliance_id: string
  alliance_name: string
  requested_cents: number
  submitted_at: string
  score: Stat
}

/** Ranks candidates with the method above (pure). */
export function rank(candidates: Candidate[]): RankedApplication[] {
  const sorted = [...candidates].sort((a, b) => {
    if (a.score.mean === null || b.score.mean === null) {
      if (a.score.mean !== b.score.mean) return a.score.mean === null ? 1 : -1
      return a.submitted_at.localeCompare(b.submitted_at) || a.id.localeCompare(b.id)
    }
    return b.score.mean - a.score.mean || (a.score.spread ?? 0) - (b.score.spread ?? 0) || b.score.n - a.score.n || a.submitted_at.localeCompare(b.submitted_at) || a.id.localeCompare(b.id)
  })
  return sorted.map((c, i) => ({ ...c, rank: i + 1 }))
}

/**
 * The ranked submitted applications of a call, leaving out `hiddenIds` (a reviewer's conflicts) and, in the
 * figures, the reviews of people in conflict with the application (`excludedReviews`: `applicationId:userId`).
 */
export async function rankApplications(db: Db, callId: string, options: { hiddenIds: Set<string>; excludedReviews: Set<string> }): Promise<RankedApplication[]> {
  const [applications, reviews] = await Promise.all([
    db
      .selectFrom('mobilisation_applications as a')
      .innerJoin('alliances as al', 'al.id', 'a.alliance_id')
      .select(['a.id', 'a.title', 'a.alliance_id', 'al.name as alliance_name', 'a.requested_cents', 'a.submitted_at'])
      .where('a.call_id', '=', callId)
      .where('a.status', '=', 'submitted')
      .execute(),
    db.selectFrom('mobilisation_reviews').select(['application_id', 'user_id', 'total_milli']).where('call_id', '=', callId).where('status', '=', 'submitted').execute(),
  ])
  const sums = new Map<string, { n: number; sum: number; squares: number }>()
  for (const r of reviews) {
    if (options.excludedReviews.has(`${r.application_id}:${r.user_id}`) || r.total_milli === null) continue
    const score = r.total_milli / 10
    const s = sums.get(r.application_id) ?? { n: 0, sum: 0, squares: 0 }
    s.n++
    s.sum += score
    s.squares += score * score
    sums.set(r.application_id, s)
  }
  return rank(
    applications
      .filter((a) => !options.hiddenIds.has(a.id))
      .map((a) => {
        const s = sums.get(a.id) ?? { n: 0, sum: 0, squares: 0 }
        return { ...a, requested_cents: Number(a.requested_cents), submitted_at: a.submitted_at ?? '', score: statOf(s.n, s.sum, s.squares) }
      }),
  )
}

export interface ApplicationDetails {
  /** per criterion position: the scores' mean and spread */
  criteria: Map<number, Stat>
  comments: Array<{ user_id: string; display_name: string; comment: string; score: number }>
}

/** Criterion figures and comments of some applications (one page of the ranking), conflicted reviews left out. */
export async function detailsOf(db: Db, applicationIds: string[], excludedReviews: Set<string>): Promise<Map<string, ApplicationDetails>> {
  const out = new Map<string, ApplicationDetails>(applicationIds.map((id) => [id, { criteria: new Map(), comments: [] }]))
  if (applicationIds.length === 0) return out
  const [scores, reviews] = await Promise.all([
    db
      .selectFrom('mobilisation_scores as s')
      .innerJoin('mobilisation_reviews as r', (join) => join.onRef('r.application_id', '=', 's.application_id').onRef('r.user_id', '=', 's.user_id'))
      .select(['s.application_id', 's.user_id', 's.position', 's.score'])
      .where('s.application_id', 'in', applicationIds)
      .where('r.status', '=', 'submitted')
      .execute(),
    db
      .selectFrom('mobilisation_reviews as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.application_id', 'r.user_id', 'u.display_name', 'r.comment', 'r.total_milli'])
      .where('r.application_id', 'in', applicationIds)
      .where('r.status', '=', 'submitted')
      .orderBy('u.display_name')
      .execute(),
  ])
  const sums = new Map<string, { n: number; sum: number; squares: number }>()
  for (const s of scores) {
    if (excludedReviews.has(`${s.application_id}:${s.user_id}`)) continue
    const key = `${s.application_id}:${s.position}`
    const acc = sums.get(key) ?? { n: 0, sum: 0, squares: 0 }
    acc.n++
    acc.sum += s.score
    acc.squares += s.score * s.score
    sums.set(key, acc)
  }
  for (const [key, acc] of sums) {
    const [id, position] = key.split(':') as [string, string]
    out.get(id)?.criteria.set(Number(position), statOf(acc.n, acc.sum, acc.squares))
  }
  for (const r of reviews) {
    if (excludedReviews.has(`${r.application_id}:${r.user_id}`)) continue
    out.get(r.application_id)?.comments.push({ user_id: r.user_id, display_name: r.display_name, comment: r.comment, score: (r.total_milli ?? 0) / 10 })
  }
  return out
}
