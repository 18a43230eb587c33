/**
 * Small views shared by the evaluation pages: the page frame below an alliance's evaluation, the label of a
 * level of the scale, a round's status, and the crossed views of a round (used by the round page and the
 * printed review).
 */
import type { ComponentChildren } from 'preact'
import { formatDate, type MessageKey, type Translate } from '../../../core/i18n/index.js'
import { DataTable } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { type Alliance, AllianceSubpage } from '../../alliances/index.js'
import { TermLink, termLabel } from '../../vocabulary/index.js'
import { OTHER_WORLDS, type CrossedView, type ItemView, type TrajectoryPoint } from '../crossed.js'
import { DONT_KNOW, type EvaluationGrid } from '../evaluation.grid.js'
import type { AnswerStatus, Disclosure } from '../evaluation.table.js'
import type { RoundStatus } from '../evaluation.queries.js'
import { DistributionChart } from './charts.js'

/** A page below an alliance's evaluation (alliances › alliance › évaluation › this page). */
export function EvaluationPage({ alliance, title, children, section }: { alliance: Pick<Alliance, 'id' | 'name'>; title: string; children: ComponentChildren; section?: { label: string; href: string } }) {
  const { t } = useView()
  return (
    <AllianceSubpage alliance={alliance} title={title} section={section ?? { label: t('evaluation.hub.section'), href: `/evaluation/${alliance.id}` }}>
      {children}
    </AllianceSubpage>
  )
}

/** The label of a level ("Assez", "Ne sait pas"), or "—" when not answered. */
export function levelLabel(locale: 'fr' | 'en', level: number | null): string {
  if (level === null) return '—'
  return termLabel('evaluation_scale', String(level), locale)
}

/** The label of a round's status, of a way of showing answers, of an answer's status. */
export const ROUND_STATUS_LABEL = { upcoming: 'evaluation.status.upcoming', open: 'evaluation.status.open', closed: 'evaluation.status.closed' } as const satisfies Record<RoundStatus, MessageKey>
export const DISCLOSURE_LABEL = { named: 'evaluation.disclosure.named', worlds: 'evaluation.disclosure.worlds' } as const satisfies Record<Disclosure, MessageKey>
export const ANSWER_STATUS_LABEL = { none: 'evaluation.answer.status.none', draft: 'evaluation.answer.status.draft', submitted: 'evaluation.answer.status.submitted' } as const satisfies Record<AnswerStatus | 'none', MessageKey>

export function StatusBadge({ status }: { status: RoundStatus }) {
  const { t } = useView()
  return <span class={`badge badge-status round-${status}`}>{t(ROUND_STATUS_LABEL[status])}</span>
}

/** "Du 1er janvier au 31 décembre 2025". */
export function Period({ from, to }: { from: string; to: string }) {
  const { t, locale } = useView()
  return <>{t('evaluation.period', { from: formatDate(locale, from), to: formatDate(locale, to) })}</>
}

function groupLabel(t: Translate, locale: 'fr' | 'en', group: string): string {
  return group === OTHER_WORLDS ? t('evaluation.crossed.otherWorlds') : termLabel('world', group, locale)
}

/** One item (a cell of the grid, or an impact for a scope) across partners. */
function ItemBlock({ item, kinds, grid, idPrefix, print }: { item: ItemView; kinds: ['evaluation_object' | 'impact', 'evaluation_approach' | 'impact_scope']; grid: EvaluationGrid; idPrefix: string; print?: boolean }) {
  const { t, locale } = useView()
  const title = `${termLabel(kinds[0], item.first, locale)} — ${termLabel(kinds[1], item.second, locale)}`
  const id = `${idPrefix}-${item.key.replace(/\./g, '-')}`
  return (
    <section class={item.disagreement ? 'crossed-item disagreement' : 'crossed-item'} aria-labelledby={id}>
      <h4 id={id}>
        <TermLink kind={kinds[0]} code={item.first} /> — <TermLink kind={kinds[1]} code={item.second} />
        {item.disagreement ? <span class="badge badge-disagreement"> {t('evaluation.crossed.disagreement', { spread: item.spread ?? 0 })}</span> : null}
      </h4>
      <p class="crossed-spread">
        {item.spread === null ? t('evaluation.crossed.noSpread') : t('evaluation.crossed.spread', { min: levelLabel(locale, item.min), max: levelLabel(locale, item.max), spread: item.spread })}
        {item.dontKnow > 0 ? ` ${t('evaluation.crossed.dontKnow', { count: item.dontKnow })}` : ''}
      </p>
      {item.named ? (
        <DataTable
          caption={title}
          captionHidden
          rows={item.named}
          columns={[
            { header: t('evaluation.crossed.partner'), cell: (n) => n.name },
            { header: t('evaluation.crossed.world'), cell: (n) => <TermLink kind="world" code={n.world} /> },
            { header: t('evaluation.crossed.level'), cell: (n) => <span class={n.level === null || n.level === DONT_KNOW ? 'level' : `level level-${n.level}`}>{levelLabel(locale, n.level)}</span> },
            { header: t('evaluation.crossed.comment'), cell: (n) => n.comment },
          ]}
        />
      ) : (
        <>
          <DistributionChart
            id={`${id}-chart`}
            title={title}
            rowHeader={t('evaluation.crossed.group')}
            levelLabels={grid.levels.map((l) => levelLabel(locale, l))}
            dontKnowLabel={levelLabel(locale, DONT_KNOW)}
            tableVisible={print}
            rows={(item.groups ?? []).map((g) => ({ label: groupLabel(t, locale, g.group), counts: g.counts, dontKnow: g.dontKnow }))}
          />
          {(item.groups ?? []).some((g) => g.comments.length > 0) ? (
            <ul class="crossed-comments">
              {(item.groups ?? []).flatMap((g) => g.comments.map((c) => <li><strong>{groupLabel(t, locale, g.group)}</strong> : {c}</li>))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  )
}

/** The crossed views of a closed round: who answered, the grid (disagreements first), the impacts, the lessons. */
export function CrossedViews({ crossed, grid, idPrefix, print }: { crossed: CrossedView; grid: EvaluationGrid; idPrefix: string; print?: boolean }) {
  const { t, locale } = useView()
  const disagreements = crossed.cells.filter((c) => c.disagreement).length
  return (
    <div class="crossed">
      <p class="notice notice-info">{t('evaluation.crossed.neverAScore')}</p>
      <h3>{t('evaluation.crossed.respondents')}</h3>
      <ul class="respondents">
        {crossed.respondents.map((r) => (
          <li>
            {crossed.disclosure === 'named' ? r.name : termLabel('world', r.world, locale)} — {r.answered ? t('evaluation.crossed.answered') : <strong>{t('evaluation.crossed.notAnswered')}</strong>}
          </li>
        ))}
      </ul>
      {crossed.disclosure === 'worlds' ? <p class="hint">{t('evaluation.crossed.byWorldHint')}</p> : null}
      {crossed.tooFew ? (
        <p class="notice notice-info">{t('evaluation.crossed.tooFew')}</p>
      ) : (
        <>
          {crossed.groups.some((g) => g.group === OTHER_WORLDS) ? <p class="hint">{t('evaluation.crossed.otherWorldsHint', { worlds: crossed.groups.find((g) => g.group === OTHER_WORLDS)?.worlds.map((w) => termLabel('world', w, locale)).join(', ') ?? '' })}</p> : null}
          <h3>{t('evaluation.crossed.grid')}</h3>
          <p>{disagreements > 0 ? t('evaluation.crossed.disagreementsFirst', { count: disagreements }) : t('evaluation.crossed.noDisagreement')}</p>
          {crossed.cells.map((item) => (
            <ItemBlock item={item} kinds={['evaluation_object', 'evaluation_approach']} grid={grid} idPrefix={`${idPrefix}-cell`} print={print} />
          ))}
          <h3>{t('evaluation.crossed.impacts')}</h3>
          {crossed.impacts.map((item) => (
            <ItemBlock item={item} kinds={['impact', 'impact_scope']} grid={grid} idPrefix={`${idPrefix}-impact`} print={print} />
          ))}
        </>
      )}
    </div>
  )
}

/** What partners say worked, their difficulties and lessons (named, or per world group); under an h2. */
export function Lessons({ crossed }: { crossed: CrossedView }) {
  const { t, locale } = useView()
  if (crossed.lessons.length === 0) return <p>{t('evaluation.lessons.none')}</p>
  return (
    <div class="lessons">
      {crossed.lessons.map((l) => (
        <article class="lesson">
          <h3>{l.byWorld ? groupLabel(t, locale, l.by) : l.by}</h3>
          {l.whatWorked ? <><h4>{t('evaluation.answer.whatWorked')}</h4><p class="prose">{l.whatWorked}</p></> : null}
          {l.difficulties ? <><h4>{t('evaluation.answer.difficulties')}</h4><p class="prose">{l.difficulties}</p></> : null}
          {l.lessons ? <><h4>{t('evaluation.answer.lessons')}</h4><p class="prose">{l.lessons}</p></> : null}
        </article>
      ))}
    </div>
  )
}

/** The trajectories of the three impacts: for each impact and scope, the distribution at each closed round. */
export function Trajectories({ trajectories, grid, idPrefix, print }: { trajectories: Array<{ key: string; impact: string; scope: string; points: TrajectoryPoint[] }>; grid: EvaluationGrid; idPrefix: string; print?: boolean }) {
  const { t, locale } = useView()
  if (trajectories.every((x) => x.points.length === 0)) return <p>{t('evaluation.trajectories.none')}</p>
  return (
    <div class="trajectories">
      <p class="hint">{t('evaluation.trajectories.hint')}</p>
      {trajectories.map((x) => (
        <DistributionChart
          id={`${idPrefix}-${x.key.replace(/\./g, '-')}`}
          title={t('evaluation.trajectories.chart', { impact: termLabel('impact', x.impact, locale), scope: termLabel('impact_scope', x.scope, locale) })}
          rowHeader={t('evaluation.trajectories.round')}
          levelLabels={grid.levels.map((l) => levelLabel(locale, l))}
          dontKnowLabel={levelLabel(locale, DONT_KNOW)}
          tableVisible={print}
          rows={x.points.map((p) => ({ label: t('evaluation.trajectories.roundLabel', { number: p.number, year: p.periodEnd.slice(0, 4) }), counts: p.counts, dontKnow: p.dontKnow, ...(p.hidden ? { hiddenText: t('evaluation.trajectories.hidden') } : {}) }))}
        />
      ))}
    </div>
  )
}
