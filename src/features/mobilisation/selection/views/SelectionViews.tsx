/**
 * Pages of the selection: a reviewer's scoring form (the weighted grid, on their own), the decision form of a fund
 * admin, and the deliberation view (the ranking with its method, scores per criterion, spread, comments, decisions).
 */
import { formatNumber, type Translate } from '../../../../core/i18n/index.js'
import { DataTable, Pagination } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import type { FieldProblem } from '../../../../core/errors.js'
import { emptyForm, Form, IgnoredFilters, RadioGroup, TextArea, TextField, type FormState } from '../../../../core/views/forms.js'
import type { MobilisationReviewsTable } from '../../mobilisation.table.js'
import type { Application, Criterion, ProjectCall } from '../../projects/projects.queries.js'
import { Cents, MobilisationPage } from '../../views/format.js'
import type { loadDeliberation } from '../decisions.service.js'
import type { Stat } from '../deliberation.js'
import { scoreField } from '../reviews.service.js'

const trailOf = (call: Pick<ProjectCall, 'id' | 'title'>, t: Translate) => [
  { label: t('mobilisation.projects.title'), href: '/mobilisation/appels-a-projets' },
  { label: call.title, href: `/mobilisation/appels-a-projets/${call.id}` },
]

export interface ReviewPageProps {
  application: Application
  call: ProjectCall
  criteria: Criterion[]
  review: (MobilisationReviewsTable & { scores: Map<number, number> }) | null
  state: FormState
  conflictState?: FormState
}

/** The scoring form; once submitted, the review read-only. */
export function ReviewPage({ application: a, call, criteria, review, state, conflictState }: ReviewPageProps) {
  const { t, locale } = useView()
  const title = t('mobilisation.review.pageTitle', { title: a.title })
  const weights = criteria.reduce((s, c) => s + c.weight, 0)
  return (
    <MobilisationPage title={title} trail={[...trailOf(call, t), { label: a.title, href: `/mobilisation/candidatures/${a.id}` }]}>
      <h1>{title}</h1>
      <p class="lead">{t('mobilisation.review.intro', { max: call.score_max })}</p>
      <p class="muted">{t('mobilisation.review.independent')}</p>
      {review?.status === 'submitted' ? (
        <>
          <p class="notice notice-success">{t('mobilisation.review.submitted', { score: formatNumber(locale, (review.total_milli ?? 0) / 10, 1) })}</p>
          <DataTable
            caption={t('mobilisation.review.grid')}
            rows={criteria}
            columns={[
              { header: t('mobilisation.review.criterion'), cell: (c) => c.label },
              { header: t('mobilisation.review.weight'), cell: (c) => String(c.weight), numeric: true },
              { header: t('mobilisation.review.score'), cell: (c) => String(review.scores.get(c.position) ?? ''), numeric: true },
            ]}
          />
          {review.comment ? <p>{review.comment}</p> : null}
        </>
      ) : (
        <Form action={`/mobilisation/candidatures/${a.id}/evaluation`} state={state} submitLabel={t('mobilisation.review.saveDraft')} secondary={<button type="submit" name="intent" value="submit" class="button button-secondary">{t('mobilisation.review.submit')}</button>}>
          <input type="hidden" name="intent" value="draft" />
          {criteria.map((c) => (
            <TextField name={scoreField(c.position)} label={t('mobilisation.review.scoreOf', { label: c.label, weight: c.weight, total: weights })} hint={t('mobilisation.review.scoreHint', { max: call.score_max })} inputMode="numeric" maxLength={2} />
          ))}
          <TextArea name="comment" label={t('mobilisation.review.comment')} hint={t('mobilisation.review.commentHint')} rows={5} maxLength={5000} />
        </Form>
      )}
      <h2>{t('mobilisation.review.declareConflict')}</h2>
      <Form action={`/mobilisation/candidatures/${a.id}/conflit`} state={conflictState ?? emptyForm} submitLabel={t('mobilisation.review.declareConflict')}>
        <TextArea name="reason" label={t('mobilisation.review.conflictReason')} hint={t('mobilisation.review.conflictHint')} required rows={2} maxLength={1000} />
      </Form>
    </MobilisationPage>
  )
}

export interface DecisionPageProps {
  application: Application
  call: ProjectCall
  state: FormState
  available: number
}

/** The decision form of a fund admin: outcome, amount and conditions when funded, reasons sent to the applicants. */
export function DecisionPage({ application: a, call, state, available }: DecisionPageProps) {
  const { t } = useView()
  const title = t('mobilisation.decision.pageTitle', { title: a.title })
  return (
    <MobilisationPage title={title} trail={[...trailOf(call, t), { label: a.title, href: `/mobilisation/candidatures/${a.id}` }]}>
      <h1>{title}</h1>
      <dl class="facts">
        <div>
          <dt>{t('mobilisation.application.requested')}</dt>
          <dd>
            <Cents cents={Number(a.requested_cents)} />
          </dd>
        </div>
        <div>
          <dt>{t('mobilisation.decision.available')}</dt>
          <dd>
            <Cents cents={available} />
          </dd>
        </div>
      </dl>
      <p>
        <a href={`/mobilisation/appels-a-projets/${call.id}/deliberation`}>{t('mobilisation.project.deliberation')}</a>
      </p>
      <Form action={`/mobilisation/candidatures/${a.id}/decision`} state={state} submitLabel={t('mobilisation.decision.record')}>
        <RadioGroup name="outcome" legend={t('mobilisation.decision.outcome')} required groups={[{ options: [{ value: 'funded', label: t('mobilisation.decision.funded') }, { value: 'rejected', label: t('mobilisation.decision.rejected') }] }]} />
        <TextField name="amount" label={t('mobilisation.decision.amount')} hint={t('mobilisation.decision.amountHint')} inputMode="numeric" maxLength={30} />
        <TextArea name="conditions" label={t('mobilisation.decision.conditionsLabel')} rows={3} maxLength={2000} />
        <TextArea name="reasons" label={t('mobilisation.decision.reasonsLabel')} hint={t('mobilisation.decision.reasonsHint')} required rows={4} maxLength={5000} />
      </Form>
    </MobilisationPage>
  )
}

type Deliberation = Awaited<ReturnType<typeof loadDeliberation>>

function StatText({ stat }: { stat: Stat | undefined }) {
  const { t, locale } = useView()
  if (!stat || stat.mean === null) return <span class="muted">{t('mobilisation.deliberation.noScore')}</span>
  const round = (v: number) => formatNumber(locale, v, 1)
  return <>{stat.spread === null ? round(stat.mean) : t('mobilisation.deliberation.meanSpread', { mean: round(stat.mean), spread: round(stat.spread) })}</>
}

/** The deliberation view. */
export function DeliberationPage({ deliberation, page, pageCount, problems }: { deliberation: Deliberation; page: number; pageCount: number; problems: FieldProblem[] }) {
  const { t, locale } = useView()
  const { access, criteria, rows } = deliberation
  const call = access.call
  const title = t('mobilisation.deliberation.title', { title: call.title })
  const canDecide = access.fundAdmin && call.status === 'published'
  return (
    <MobilisationPage title={title} trail={trailOf(call, t)}>
      <h1>{title}</h1>
      <IgnoredFilters problems={problems} />
      <p class="lead">{t('mobilisation.deliberation.method')}</p>
      <p class="muted">{t('mobilisation.deliberation.counts', { total: deliberation.total, undecided: deliberation.undecided })}</p>
      <DataTable
        caption={t('mobilisation.deliberation.ranking')}
        rows={rows}
        columns={[
          { header: t('mobilisation.deliberation.rank'), cell: (r) => String(r.rank), numeric: true },
          { header: t('mobilisation.application.alliance'), cell: (r) => <a href={`/mobilisation/candidatures/${r.id}`}>{r.alliance_name}</a> },
          { header: t('mobilisation.deliberation.project'), cell: (r) => r.title },
          { header: t('mobilisation.application.requested'), cell: (r) => <Cents cents={r.requested_cents} />, numeric: true },
          { header: t('mobilisation.deliberation.score'), cell: (r) => <StatText stat={r.score} />, numeric: true },
          { header: t('mobilisation.deliberation.reviews'), cell: (r) => (r.excluded > 0 ? t('mobilisation.deliberation.reviewsExcluded', { count: r.score.n, excluded: r.excluded }) : String(r.score.n)), numeric: true },
          { header: t('mobilisation.deliberation.decision'), cell: (r) => (r.decision ? <>{t(`mobilisation.decision.${r.decision.outcome}`)}{r.decision.outcome === 'funded' ? <> — <Cents cents={Number(r.decision.amount_cents)} /></> : null}</> : canDecide ? <a href={`/mobilisation/candidatures/${r.id}/decision`}>{t('mobilisation.decision.record')}</a> : <span class="muted">{t('mobilisation.deliberation.undecided')}</span>) },
        ]}
      />
      <Pagination page={page} pageCount={pageCount} href={`/mobilisation/appels-a-projets/${call.id}/deliberation`} />
      {rows.map((r) => (
        <section aria-labelledby={`detail-${r.id}`}>
          <h2 id={`detail-${r.id}`}>{t('mobilisation.deliberation.detail', { rank: r.rank, alliance: r.alliance_name })}</h2>
          <DataTable
            caption={t('mobilisation.deliberation.byCriterion', { alliance: r.alliance_name })}
            captionHidden
            rows={criteria}
            columns={[
              { header: t('mobilisation.review.criterion'), cell: (c) => c.label },
              { header: t('mobilisation.review.weight'), cell: (c) => String(c.weight), numeric: true },
              { header: t('mobilisation.deliberation.criterionScore', { max: call.score_max }), cell: (c) => <StatText stat={r.details?.criteria.get(c.position)} />, numeric: true },
            ]}
          />
          {(r.details?.comments ?? []).length === 0 ? (
            <p class="muted">{t('mobilisation.deliberation.noComment')}</p>
          ) : (
            <ul class="comments">
              {(r.details?.comments ?? []).map((c) => (
                <li>
                  <strong>{c.display_name}</strong> ({t('mobilisation.deliberation.onHundred', { score: formatNumber(locale, c.score, 1) })}) : {c.comment || t('mobilisation.deliberation.noComment')}
                </li>
              ))}
            </ul>
          )}
          {r.decision ? <p>{t('mobilisation.decision.reasons', { reasons: r.decision.reasons })}</p> : null}
        </section>
      ))}
      {canDecide ? (
        <Form action={`/mobilisation/appels-a-projets/${call.id}/decisions`} submitLabel={t('mobilisation.project.publishDecisions')}>
          <p>{t('mobilisation.deliberation.publishHint')}</p>
        </Form>
      ) : null}
    </MobilisationPage>
  )
}
