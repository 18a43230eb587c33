/**
 * The partnership review (bilan partenarial) as a page that prints on A4: each part starts a new page (print
 * stylesheet), charts are SVG with their tables printed next to them, actions are hidden in print. It renders
 * the frozen document of a version, never the live data: what partners approve is what is shown and printed.
 */
import { formatDate, formatNumber } from '../../../core/i18n/index.js'
import { DataTable } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Form, SelectField, type FormState } from '../../../core/views/forms.js'
import { TermLink, TermList, termLabel } from '../../vocabulary/index.js'
import { ValuationReportView } from '../../valuation/index.js'
import { gridOf } from '../evaluation.grid.js'
import type { Review } from '../review.service.js'
import type { ReviewDocument } from '../review.js'
import { IndicatorChart } from './charts.js'
import { CrossedViews, EvaluationPage, Lessons, Period, Trajectories } from './common.js'

function valuationOf(doc: ReviewDocument) {
  const v = doc.valuation
  return {
    report: {
      total: BigInt(v.totalCents),
      count: v.count,
      unvaluedCount: v.unvaluedCount,
      byPartner: v.byPartner.map((p) => ({ ...p, cents: BigInt(p.cents) })),
      byWorld: v.byWorld.map((w) => ({ ...w, cents: BigInt(w.cents) })),
      byType: v.byType.map((x) => ({ ...x, cents: BigInt(x.cents) })),
      byLever: v.byLever.map((x) => ({ ...x, cents: BigInt(x.cents) })),
      unvalued: v.unvalued,
      rates: v.rates.map((r, i) => ({ ...r, id: String(i), tableId: v.table?.id ?? '' })),
    },
    method: { tableId: v.table?.id ?? null, title: v.table?.title ?? null, version: v.table?.version ?? null, adopted: v.adopted, reason: v.reason },
  }
}

export interface ReviewActions {
  /** organisations the reader may approve the current version for (their admins, not yet approved) */
  approveFor: Array<{ value: string; label: string }>
  coordinate: boolean
}

/**
 * The review of a round (version n), with approvals and, outside print, the actions of the reader; `approve` is
 * the approval form posted with problems, shown again.
 */
export function ReviewPage({ review, actions, base, approve }: { review: Review; actions: ReviewActions; base: string; approve?: FormState | null }) {
  const { t, locale } = useView()
  const doc = review.document
  const a = doc.alliance
  const grid = gridOf(doc.round.gridVersion)
  const valuation = valuationOf(doc)
  const title = t('evaluation.review.heading', { number: doc.round.number, name: a.name })
  return (
    <EvaluationPage alliance={a} title={title} section={{ label: t('evaluation.round.name', { number: doc.round.number, title: doc.round.title }), href: base }}>
      <div class="review">
        <p class="review-meta">
          <Period from={doc.round.periodStart} to={doc.round.periodEnd} /> — {t('evaluation.review.version', { version: review.version, date: formatDate(locale, review.built_at.slice(0, 10)) })}
          {review.published_at ? ` — ${t('evaluation.review.publishedOn', { date: formatDate(locale, review.published_at.slice(0, 10)) })}` : ` — ${t('evaluation.review.draft')}`}
        </p>
        <p class="notice notice-info">{t('evaluation.crossed.neverAScore')}</p>
        <section aria-labelledby="approvals" class="review-approvals">
          <h2 id="approvals">{t('evaluation.review.approvals')}</h2>
          <ul>
            {review.approvals.map((x) => (
              <li>{t('evaluation.review.approvedBy', { name: doc.partners.find((p) => p.organisationId === x.organisation_id)?.name ?? '', person: x.approver_name, date: formatDate(locale, x.approved_at.slice(0, 10)) })}</li>
            ))}
            {review.pending.map((p) => (
              <li>{t('evaluation.review.waiting', { name: p.name })}</li>
            ))}
          </ul>
          {!review.published_at && actions.approveFor.length > 0 ? (
            <Form action={`${base}/bilan/approbation`} state={approve ?? undefined} submitLabel={t('evaluation.review.approve', { version: review.version })} class="form no-print">
              <input type="hidden" name="version" value={String(review.version)} />
              <SelectField name="organisation_id" label={t('evaluation.review.approveFor')} required options={actions.approveFor} />
            </Form>
          ) : null}
          {!review.published_at && actions.coordinate ? (
            <div class="no-print">
              {a.visibility === 'public' ? (
                <Form action={`${base}/bilan/publication`} submitLabel={t('evaluation.review.publish')}>
                  <p class="hint">{review.pending.length > 0 ? t('evaluation.review.publishWaiting', { count: review.pending.length }) : t('evaluation.review.publishReady')}</p>
                </Form>
              ) : (
                <p class="hint">{t('evaluation.review.partnersOnly')}</p>
              )}
              <Form action={`${base}/bilan/etablir`} submitLabel={t('evaluation.review.rebuild')}>
                <p class="hint">{t('evaluation.review.rebuildHint')}</p>
              </Form>
            </div>
          ) : null}
          {review.published_at && actions.coordinate ? (
            <p class="no-print">
              <a href={`${base}/fiche`}>{t('evaluation.review.writeSheet')}</a>
            </p>
          ) : null}
          <p class="no-print">
            <a href={`${base}/bilan.json`}>{t('evaluation.review.json')}</a> — {t('evaluation.review.printHint')}
          </p>
        </section>

        <section aria-labelledby="stakes" class="print-page">
          <h2 id="stakes">{t('evaluation.review.stakes')}</h2>
          <p class="prose">{a.stakes}</p>
          {a.description ? <p class="prose">{a.description}</p> : null}
          <dl class="facts">
            <div>
              <dt>{t('evaluation.review.form')}</dt>
              <dd><TermLink kind="coconstruction_form" code={a.form} /></dd>
            </div>
            <div>
              <dt>{t('evaluation.review.phase')}</dt>
              <dd><TermLink kind="alliance_phase" code={a.phase} /></dd>
            </div>
            <div>
              <dt>{t('evaluation.review.perimeter')}</dt>
              <dd>{a.territories.map((x) => x.name).join(', ')}</dd>
            </div>
            <div>
              <dt>{t('evaluation.review.sdgs')}</dt>
              <dd><TermList kind="sdg" codes={a.sdgs.map(String)} short /></dd>
            </div>
            <div>
              <dt>{t('evaluation.review.since')}</dt>
              <dd>{formatDate(locale, a.startedOn)}</dd>
            </div>
          </dl>
          <h3>{t('evaluation.review.partners', { count: doc.partners.length, worlds: doc.worlds.length })}</h3>
          <DataTable
            caption={t('evaluation.review.partnersCaption')}
            captionHidden
            rows={doc.partners}
            columns={[
              { header: t('evaluation.crossed.partner'), cell: (p) => p.name },
              { header: t('evaluation.crossed.world'), cell: (p) => termLabel('world', p.world, locale) },
              { header: t('evaluation.review.role'), cell: (p) => termLabel('partner_role', p.role, locale) },
              { header: t('valuation.alliance.brings'), cell: (p) => p.brings },
              { header: t('valuation.alliance.expects'), cell: (p) => p.expects },
            ]}
          />
        </section>

        <section aria-labelledby="valued" class="print-page">
          <h2 id="valued">{t('evaluation.review.valued')}</h2>
          <p class="hint">
            <Period from={doc.round.periodStart} to={doc.round.periodEnd} />
          </p>
          <ValuationReportView idPrefix="review-valo" report={valuation.report} method={valuation.method} stated={doc.valuation.statedCount} print />
        </section>

        <section aria-labelledby="indicators" class="print-page">
          <h2 id="indicators">{t('evaluation.indicators.title')}</h2>
          {doc.indicators.length === 0 ? <p>{t('evaluation.indicators.none')}</p> : null}
          {doc.indicators.map((i, n) => (
            <article class="indicator">
              <h3>{i.name}</h3>
              <p class="hint">
                {t('evaluation.indicators.summary', { unit: i.unit, direction: termLabel('indicator_direction', i.direction, locale), source: i.source })}
                {i.sdgTarget ? ` ${t('evaluation.indicators.sdgTarget', { target: i.sdgTarget })}` : ''}
                {i.targetHundredths !== null && i.targetOn ? ` ${t('evaluation.indicators.targetLine', { value: formatNumber(locale, i.targetHundredths / 100, 2), date: formatDate(locale, i.targetOn) })}` : ''}
              </p>
              <IndicatorChart
                id={`review-indicator-${n}`}
                title={t('evaluation.indicators.chartTitle', { name: i.name, unit: i.unit })}
                unit={i.unit}
                tableVisible
                points={i.values.map((v) => ({ on: v.on, value: v.valueHundredths / 100, source: v.source, by: v.organisation }))}
                baseline={i.baselineHundredths !== null && i.baselineOn ? { on: i.baselineOn, value: i.baselineHundredths / 100 } : null}
                target={i.targetHundredths !== null && i.targetOn ? { on: i.targetOn, value: i.targetHundredths / 100 } : null}
              />
            </article>
          ))}
        </section>

        <section aria-labelledby="crossed-views" class="print-page">
          <h2 id="crossed-views">{t('evaluation.crossed.title')}</h2>
          <CrossedViews crossed={doc.crossed} grid={grid} idPrefix="review-x" print />
        </section>

        <section aria-labelledby="trajectories" class="print-page">
          <h2 id="trajectories">{t('evaluation.trajectories.title')}</h2>
          <Trajectories trajectories={doc.trajectories} grid={grid} idPrefix="review-traj" print />
        </section>

        <section aria-labelledby="lessons" class="print-page">
          <h2 id="lessons">{t('evaluation.lessons.title')}</h2>
          <Lessons crossed={doc.crossed} />
          <p class="review-footer">{t('evaluation.review.footer', { date: formatDate(locale, doc.builtAt.slice(0, 10)) })}</p>
        </section>
      </div>
    </EvaluationPage>
  )
}
