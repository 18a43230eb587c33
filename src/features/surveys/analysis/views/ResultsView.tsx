/**
 * The results of a campaign as a page section, shared by the analysts' results page and the public study
 * page (under the page's h1: each question, the ternary plot, the texts and the methodology are h2, their
 * parts h3): the base, the segment selector, one block per question (chart with intervals, data table, base,
 * fragile and suppressed marks, outside figures beside it), breakdowns with their Rao–Scott tests, the
 * ternary plot of the levers, and the methodology box.
 */
import type { ComponentChildren } from 'preact'
import { formatDate, formatNumber, type Locale, type MessageKey, type Translate, translateLabel } from '../../../../core/i18n/index.js'
import { BarChart } from '../../../../core/views/charts.js'
import { DataTable } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { TermLink } from '../../../vocabulary/index.js'
import type { Methodology } from '../../studies/studies.service.js'
import type { ProfileRole } from '../../surveys.definition.js'
import type { ExternalFigure } from '../../surveys.queries.js'
import { roleLabel } from '../../views/common.js'
import { StackedBars } from '../charts/StackedBars.js'
import { TernaryPlot, zoomWindow } from '../charts/TernaryPlot.js'
import type { BreakdownResult, DomainResult, QuestionResult, StudyResults, TernaryResult } from '../model.js'
import type { Suppression } from '../suppression.js'
import { base, mean, meanInterval, pct, pctInterval } from './format.js'

/** The weighting method (the first part of `rake+trim`…). */
const METHOD_LABELS = { calibrate: 'surveys.method.method.calibrate', none: 'surveys.method.method.none', rake: 'surveys.method.method.rake' } as const satisfies Record<'none' | 'rake' | 'calibrate', MessageKey>

/** What a hidden figure shows instead of its value: « moins de 5 », or « masqué » when it protects one. */
export function hiddenText(t: Translate, why: Suppression | null): string {
  return why === 'secondary' ? t('surveys.results.protected') : t('surveys.results.lessThanFive')
}

function StatusNote({ status }: { status: string }) {
  const { t } = useView()
  if (status === 'fragile') return <p class="survey-note fragile">{t('surveys.results.fragile')}</p>
  if (status === 'suppressed') return <p class="survey-note suppressed">{t('surveys.results.suppressed')}</p>
  return null
}

/** A published count, or why it is hidden. */
function count(t: Translate, locale: Locale, n: number | null, why: Suppression | null): string {
  return n === null ? hiddenText(t, why) : formatNumber(locale, n)
}

/**
 * Published figures of outside studies. Only those answering the same question are compared with the estimate
 * (`compared`); the others are shown apart, each with the question its study asked.
 */
function Figures({ figures, compared }: { figures: ExternalFigure[]; compared: boolean }) {
  const { t } = useView()
  if (figures.length === 0) return null
  // compared: inside a question (h3 under its h2); apart: a section of the results (h2)
  const Heading = compared ? 'h3' : 'h2'
  return (
    <aside class="external-figures" aria-label={t(compared ? 'surveys.figures.title' : 'surveys.figures.otherTitle')}>
      <Heading>{t(compared ? 'surveys.figures.title' : 'surveys.figures.otherTitle')}</Heading>
      {compared ? null : <p class="muted">{t('surveys.figures.otherIntro')}</p>}
      <ul>
        {figures.map((f) => (
          <FigureItem figure={f} withQuestion={!compared} />
        ))}
      </ul>
    </aside>
  )
}

function FigureItem({ figure: f, withQuestion }: { figure: ExternalFigure; withQuestion: boolean }) {
  const { t, locale } = useView()
  return (
    <li>
      <strong>{pct(locale, f.value / 100, 0)}</strong> — {f.population}{' '}
      <span class="muted">
        ({t('surveys.figures.stamp', { source: f.source, date: f.published_on, base: f.base })}
        {f.url ? (
          <>
            {' · '}
            <a href={f.url} rel="noopener nofollow">
              {t('surveys.figures.link')}
            </a>
          </>
        ) : null}
        )
      </span>
      {withQuestion ? <p class="figure-question">{f.question_wording ? t('surveys.figures.askedWording', { wording: f.question_wording }) : t('surveys.figures.askedUnknown')}</p> : null}
    </li>
  )
}

function QuestionBase({ q, results }: { q: QuestionResult; results: StudyResults }) {
  const { t, locale } = useView()
  return (
    <p class="survey-base">
      {t('surveys.results.base', { n: formatNumber(locale, q.base.n) })}
      {results.weighted ? ` · ${t('surveys.results.weightedBase', { base: base(locale, t, q.base.weighted) })}` : ''}
    </p>
  )
}

/** A mean, or why it is not published. */
function MeanLine({ q, unit }: { q: QuestionResult; unit: string }) {
  const { t, locale } = useView()
  if (!q.mean) return null
  if (!q.mean.value) return q.mean.hidden ? <p class="muted">{t('surveys.results.meanHidden')}</p> : null
  return <p>{t('surveys.results.mean', { mean: `${mean(locale, q.mean.value.estimate)}${unit ? ` ${unit}` : ''}`, ci: meanInterval(locale, q.mean.value) })}</p>
}

function CategoryBlock({ q, results }: { q: QuestionResult; results: StudyResults }) {
  const { t, locale } = useView()
  const categories = q.categories ?? []
  const rows = q.subtotal ? [...categories, { code: '__subtotal', label: q.subtotal.label, n: null, value: q.subtotal.value, hidden: q.subtotal.hidden }] : categories
  const share = (c: (typeof rows)[number]) => (c.value ? pct(locale, c.value.estimate) : c.hidden ? hiddenText(t, c.hidden) : '—')
  return (
    <>
      {q.status !== 'suppressed' ? (
        <BarChart
          id={`chart-${q.key}`}
          title={t('surveys.chart.barsTitle', { question: `Q${q.number}` })}
          desc={t(q.calibrated ? 'surveys.chart.barsDescCalibrated' : 'surveys.chart.barsDesc')}
          labelHeader={t('surveys.results.answer')}
          valueHeader={t('surveys.results.share')}
          emptyText={t('surveys.results.notShown')}
          table={false}
          bars={categories.map((c) => ({
            label: c.label,
            value: c.value?.estimate ?? 0,
            ...(c.value && !q.calibrated ? { low: c.value.low, high: c.value.high } : {}),
            fragile: q.status === 'fragile',
            ...(c.value ? {} : { hidden: c.hidden ? hiddenText(t, c.hidden) : t('surveys.results.notShown') }),
          }))}
          max={1}
          format={(v) => pct(locale, v)}
        />
      ) : null}
      <DataTable
        focusable
        caption={t('surveys.results.tableCaption', { question: `Q${q.number}` })}
        rows={rows}
        columns={[
          { header: t('surveys.results.answer'), cell: (c) => (c.code === '__subtotal' ? <strong>{c.label}</strong> : c.label) },
          { header: results.weighted ? t('surveys.results.shareWeighted') : t('surveys.results.share'), numeric: true, cell: share },
          { header: t('surveys.results.ci'), numeric: true, cell: (c) => (c.hidden ? '' : q.calibrated ? t('surveys.results.calibratedCell') : pctInterval(locale, c.value)) },
          { header: t('surveys.results.n'), numeric: true, cell: (c) => (c.code === '__subtotal' ? '' : count(t, locale, c.n, c.hidden)) },
        ]}
      />
      {categories.some((c) => c.hidden) ? <p class="muted">{t('surveys.results.hiddenNote')}</p> : null}
      {q.type === 'scale' ? <MeanLine q={q} unit="" /> : null}
    </>
  )
}

function RankingBlock({ q }: { q: QuestionResult }) {
  const { t, locale } = useView()
  const r = q.ranking
  if (!r) return null
  return (
    <>
      {q.status !== 'suppressed' ? (
        <BarChart
          id={`chart-${q.key}`}
          title={t('surveys.chart.firstTitle', { question: `Q${q.number}` })}
          desc={t('surveys.chart.firstDesc')}
          labelHeader={t('surveys.results.item')}
          valueHeader={t('surveys.results.first')}
          emptyText={t('surveys.results.notShown')}
          table={false}
          bars={r.items.map((i) => ({
            label: i.label,
            value: i.first?.estimate ?? 0,
            ...(i.first ? { low: i.first.low, high: i.first.high } : {}),
            fragile: q.status === 'fragile',
            ...(i.first ? {} : { hidden: i.firstHidden ? hiddenText(t, i.firstHidden) : t('surveys.results.notShown') }),
          }))}
          max={1}
          format={(v) => pct(locale, v)}
        />
      ) : null}
      <DataTable
        focusable
        caption={t('surveys.results.rankingCaption', { question: `Q${q.number}` })}
        rows={r.items}
        columns={[
          { header: t('surveys.results.item'), cell: (i) => (['vision', 'gestion', 'action'].includes(i.code) ? <TermLink kind="lever" code={i.code} /> : i.label) },
          { header: t('surveys.results.first'), numeric: true, cell: (i) => (i.first ? pct(locale, i.first.estimate) : i.firstHidden ? hiddenText(t, i.firstHidden) : '—') },
          { header: t('surveys.results.ci'), numeric: true, cell: (i) => (i.first ? pctInterval(locale, i.first) : '') },
          { header: t('surveys.results.meanRank'), numeric: true, cell: (i) => (i.meanRank ? `${mean(locale, i.meanRank.estimate)} (${meanInterval(locale, i.meanRank)})` : i.ranksHidden ? hiddenText(t, i.ranksHidden) : '—') },
          { header: t('surveys.results.top2'), numeric: true, cell: (i) => (i.top2 ? `${pct(locale, i.top2.estimate)} (${pctInterval(locale, i.top2)})` : i.ranksHidden ? hiddenText(t, i.ranksHidden) : '—') },
          { header: t('surveys.results.nFirst'), numeric: true, cell: (i) => count(t, locale, i.firstN, i.firstHidden) },
        ]}
      />
      <p class="muted">
        {t('surveys.results.rankingBases', { k: r.k, m: r.m })}
        {r.completeBase ? ` ${t('surveys.results.completeBase', { n: formatNumber(locale, r.completeBase.n) })}` : ` ${t('surveys.results.noMeanRank')}`}
      </p>
      {r.items.some((i) => i.firstHidden || i.ranksHidden) ? <p class="muted">{t('surveys.results.hiddenNote')}</p> : null}
    </>
  )
}

/** The Rao–Scott tests of a breakdown, or why there is none. */
function TestLine({ breakdown }: { breakdown: BreakdownResult }) {
  const { t, locale } = useView()
  const withheld = breakdown.testWithheld ? <p class="muted">{t('surveys.results.testWithheld')}</p> : null
  if (breakdown.tests.length === 0) {
    return withheld ?? <p class="muted">{breakdown.testNote ? t('surveys.results.testImpossible', { detail: breakdown.testNote }) : t('surveys.results.noTest')}</p>
  }
  return (
    <>
      <ul class="survey-tests">
        {breakdown.tests.map((test) => (
          <li class={test.significant ? 'significant' : undefined}>
            {test.significant ? <span class="marker" aria-hidden="true">▲ </span> : null}
            {t(test.significant ? 'surveys.results.testSignificant' : 'surveys.results.testNotSignificant', {
              column: test.column ? `${breakdown.columns.find((c) => c.code === test.column)?.label ?? test.column} : ` : '',
              F: formatNumber(locale, test.statistic, 2),
              ndf: formatNumber(locale, test.ndf, 1),
              ddf: formatNumber(locale, test.ddf, 0),
              p: test.p < 0.001 ? t('surveys.results.pBelow', { p: formatNumber(locale, 0.001, 3) }) : t('surveys.results.pEquals', { p: formatNumber(locale, test.p, 3) }),
            })}
          </li>
        ))}
      </ul>
      {withheld}
    </>
  )
}

function BreakdownBlock({ q, breakdown }: { q: QuestionResult; breakdown: BreakdownResult }) {
  const { t, locale } = useView()
  const segment = roleLabel(t, breakdown.role)
  const domains = breakdown.domains
  const cell = (d: DomainResult, j: number) => {
    const v = d.values[j]
    if (!v) return hiddenText(t, d.cells[j] ?? d.hidden ?? 'small')
    return breakdown.kind === 'mean' ? `${mean(locale, v.estimate)} (${meanInterval(locale, v)})` : `${pct(locale, v.estimate)} (${pctInterval(locale, v)})`
  }
  return (
    <section class="survey-breakdown" aria-label={t('surveys.results.breakdownBy', { segment })}>
      <h3>{t('surveys.results.breakdownBy', { segment })}</h3>
      <TestLine breakdown={breakdown} />
      {breakdown.kind === 'share' && domains.length > 0 ? (
        <StackedBars
          id={`stack-${q.key}`}
          title={t('surveys.chart.stackedTitle', { question: `Q${q.number}`, segment })}
          desc={t('surveys.chart.stackedDesc')}
          series={breakdown.columns.map((c) => c.label)}
          rows={domains.map((d) => ({ label: d.label, shares: d.hidden ? null : d.values.map((v) => v?.estimate ?? null), fragile: d.status === 'fragile' }))}
          format={(v) => formatNumber(locale, v * 100, 0)}
          suppressedLabel={t('surveys.results.notShown')}
          hiddenLabel={t('surveys.results.protected')}
        />
      ) : breakdown.kind === 'mean' && domains.length > 0 ? (
        <BarChart
          id={`stack-${q.key}`}
          title={t('surveys.chart.meansTitle', { question: `Q${q.number}`, segment })}
          desc={t('surveys.chart.meansDesc')}
          labelHeader={segment}
          valueHeader={t('surveys.results.meanHeader')}
          emptyText={t('surveys.results.notShown')}
          table={false}
          bars={domains.map((d) => ({ label: d.label, value: d.values[0]?.estimate ?? 0, ...(d.values[0] ? { low: d.values[0].low, high: d.values[0].high } : { hidden: d.hidden ? hiddenText(t, d.hidden) : t('surveys.results.notShown') }), fragile: d.status === 'fragile' }))}
          max={Math.max(1, ...domains.map((d) => d.values[0]?.high ?? 0).filter(Number.isFinite))}
          format={(v) => mean(locale, v)}
        />
      ) : null}
      <DataTable
        focusable
        caption={t('surveys.results.breakdownCaption', { question: `Q${q.number}`, segment })}
        rows={domains}
        columns={[
          { header: segment, cell: (d) => (d.status === 'fragile' && !d.hidden ? `${d.label} *` : d.label) },
          { header: t('surveys.results.n'), numeric: true, cell: (d) => count(t, locale, d.n, d.hidden) },
          ...breakdown.columns.map((c, j) => ({ header: breakdown.kind === 'mean' ? t('surveys.results.meanHeader') : c.label, numeric: true, cell: (d: DomainResult) => cell(d, j) })),
        ]}
      />
      {domains.some((d) => d.hidden || d.cells.some((c) => c !== null)) ? <p class="muted">{t('surveys.results.hiddenNote')}</p> : null}
    </section>
  )
}

/** The ternary plot of the levers with its data table. */
export function TernarySection({ ternary }: { ternary: TernaryResult }) {
  const { t, locale } = useView()
  const segment = roleLabel(t, ternary.role)
  const corners: [string, string, string] = [t('surveys.lever.vision'), t('surveys.lever.gestion'), t('surveys.lever.action')]
  const mins = zoomWindow([...ternary.points.map((p) => p.shares), ...(ternary.overall ? [ternary.overall] : [])])
  const span = 1 - (mins[0] + mins[1] + mins[2])
  const whole = (v: number) => pct(locale, v, 0)
  const range = (k: 0 | 1 | 2) => t('surveys.ternary.range', { lever: corners[k], from: whole(mins[k]), to: whole(mins[k] + span) })
  return (
    <section class="survey-ternary" aria-labelledby="ternary-heading">
      <h2 id="ternary-heading">{t('surveys.ternary.title', { segment })}</h2>
      <p class="lead">{t('surveys.ternary.intro')}</p>
      <TernaryPlot
        id="ternary"
        title={t('surveys.ternary.chartTitle', { segment })}
        desc={t('surveys.ternary.chartDesc')}
        corners={corners}
        points={ternary.points.map((p) => ({ label: p.label, shares: p.shares, fragile: p.status === 'fragile' }))}
        overall={ternary.overall ? { label: t('surveys.ternary.overall'), shares: ternary.overall } : null}
        format={(v) => pct(locale, v, 0)}
      />
      <p class="muted">{t('surveys.ternary.zoom', { ranges: [range(0), range(1), range(2)].join(' ; ') })}</p>
      <DataTable
        focusable
        caption={t('surveys.ternary.tableCaption', { segment })}
        rows={[...(ternary.overall ? [{ code: '__all', label: t('surveys.ternary.overall'), n: -1, status: 'ok' as const, shares: ternary.overall }] : []), ...ternary.points]}
        columns={[
          { header: segment, cell: (p) => (p.status === 'fragile' ? `${p.label} *` : p.label) },
          { header: t('surveys.results.n'), numeric: true, cell: (p) => (p.n < 0 ? '' : formatNumber(locale, p.n)) },
          { header: corners[0], numeric: true, cell: (p) => pct(locale, p.shares[0]) },
          { header: corners[1], numeric: true, cell: (p) => pct(locale, p.shares[1]) },
          { header: corners[2], numeric: true, cell: (p) => pct(locale, p.shares[2]) },
        ]}
      />
    </section>
  )
}

/** The methodology box: dates, mode, sample, margins, base, author. */
export function MethodologyBox({ m }: { m: Methodology }) {
  const { t, locale } = useView()
  return (
    <aside class="methodology" aria-labelledby="methodology-title">
      <h2 id="methodology-title">{t('surveys.method.title')}</h2>
      {m.synthetic ? <p class="notice notice-info">{t('surveys.synthetic.notice')}</p> : null}
      <dl class="facts">
        <div>
          <dt>{t('surveys.method.organisation')}</dt>
          <dd>{m.organisation}</dd>
        </div>
        <div>
          <dt>{t('surveys.method.author')}</dt>
          <dd>{m.author || '—'}</dd>
        </div>
        <div>
          <dt>{t('surveys.method.dates')}</dt>
          <dd>{t('surveys.method.period', { from: formatDate(locale, m.opensOn), to: formatDate(locale, m.closesOn) })}</dd>
        </div>
        <div>
          <dt>{t('surveys.method.territory')}</dt>
          <dd>{m.territory ?? t('surveys.national')}</dd>
        </div>
        <div>
          <dt>{t('surveys.method.mode')}</dt>
          <dd>{t(`surveys.mode.${m.mode}`)}</dd>
        </div>
        <div>
          <dt>{t('surveys.method.sample')}</dt>
          <dd>
            {t('surveys.method.n', { n: formatNumber(locale, m.n) })}
            {m.excluded > 0 ? ` ${t('surveys.method.excluded', { count: m.excluded })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('surveys.method.weighting')}</dt>
          <dd>
            {m.weighted
              ? t('surveys.method.weightedBy', { margins: m.margins.map((x) => x.roles.map((r) => roleLabel(t, r as ProfileRole)).join(' × ')).join(', '), method: translateLabel(t, METHOD_LABELS, m.method.split('+')[0] ?? m.method) })
              : t('surveys.method.unweighted')}
            {m.marginsSource ? (
              <>
                <br />
                <span class="muted">{m.marginsSource}</span>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('surveys.method.base')}</dt>
          <dd>{m.weighted ? t('surveys.results.baseAll', { base: base(locale, t, m.base), label: m.baseLabel }) : t('surveys.results.baseUnweighted', { n: formatNumber(locale, m.n) })}</dd>
        </div>
        <div>
          <dt>{t('surveys.method.rules')}</dt>
          <dd>{t('surveys.method.rulesText')}</dd>
        </div>
      </dl>
    </aside>
  )
}

/** A results view, its methodology and outside figures, the selector's action, analysts' texts. */
export interface ResultsViewProps {
  results: StudyResults
  methodology: Methodology
  figures: ExternalFigure[]
  /** The page's URL without query (for the segment selector). */
  action: string
  /** Raw text answers by question key (analysts only). */
  texts?: Record<string, string[]>
  /** Extra content after the base line (e.g. export links). */
  children?: ComponentChildren
}

/** The results section (see the file comment); `texts` only on analysts' pages. */
export function ResultsView({ results, methodology, figures, action, texts, children }: ResultsViewProps) {
  const { t, locale } = useView()
  const role = results.view.startsWith('by:') ? (results.view.slice(3) as ProfileRole) : null
  // outside figures: compared only when they answer the same question; the others apart, with their question
  const compared = (key: string) => figures.filter((f) => f.question_key === key && f.same_question === 1)
  const apart = figures.filter((f) => f.question_key === null || f.same_question !== 1)
  return (
    <div class="survey-results">
      <p class="survey-headline">
        {results.weighted
          ? t('surveys.results.baseAll', { base: base(locale, t, results.baseWeighted), label: methodology.baseLabel })
          : t('surveys.results.baseUnweighted', { n: formatNumber(locale, results.n) })}
      </p>
      {methodology.synthetic ? <p class="notice notice-info">{t('surveys.synthetic.notice')}</p> : null}
      {children}
      {results.segments.length > 0 ? (
        <form method="get" action={action} class="filters segment-form">
          <label for="segment-select">{t('surveys.results.segment')}</label>
          <select id="segment-select" name="par">
            <option value="">{t('surveys.results.noSegment')}</option>
            {results.segments.map((r) => (
              <option value={r} selected={r === role}>
                {roleLabel(t, r)}
              </option>
            ))}
          </select>{' '}
          <button type="submit" class="button button-secondary">
            {t('surveys.results.show')}
          </button>
        </form>
      ) : null}
      {results.ternary ? <TernarySection ternary={results.ternary} /> : null}
      {results.questions.map((q) => (
        <section class="survey-question" aria-labelledby={`q-${q.key}`}>
          <h2 id={`q-${q.key}`}>
            Q{q.number}. {q.label}
          </h2>
          {q.calibrated ? <p class="badge">{t('surveys.results.calibrated')}</p> : null}
          {q.status === 'error' ? (
            <p class="notice notice-info">{t('surveys.results.engineError', { detail: q.error ?? '' })}</p>
          ) : (
            <>
              <QuestionBase q={q} results={results} />
              <StatusNote status={q.status} />
              {q.ranking ? <RankingBlock q={q} /> : q.categories ? <CategoryBlock q={q} results={results} /> : null}
              {q.type === 'number' ? <MeanLine q={q} unit={q.unit} /> : null}
              <Figures figures={compared(q.key)} compared />
              {q.breakdown ? <BreakdownBlock q={q} breakdown={q.breakdown} /> : null}
            </>
          )}
        </section>
      ))}
      {texts && Object.keys(texts).length > 0 ? (
        <section aria-labelledby="texts-heading" class="survey-texts">
          <h2 id="texts-heading">{t('surveys.results.texts')}</h2>
          <p class="muted">{t('surveys.results.textsPrivate')}</p>
          {Object.entries(texts).map(([key, list]) => (
            <details>
              <summary>{t('surveys.results.textsOf', { question: key, count: list.length })}</summary>
              <ul>
                {list.map((text) => (
                  <li>{text}</li>
                ))}
              </ul>
            </details>
          ))}
        </section>
      ) : null}
      <Figures figures={apart} compared={false} />
      <MethodologyBox m={methodology} />
    </div>
  )
}
