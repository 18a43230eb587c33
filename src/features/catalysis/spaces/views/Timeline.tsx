/** The timeline of a space's activities: date, cell of the grid, title, organisations involved, outputs. */
import { formatDate, formatNumber } from '../../../../core/i18n/index.js'
import { useView } from '../../../../core/views/context.js'
import { TermLink } from '../../../vocabulary/index.js'
import type { OutputLabel, TimelineActivity } from '../../activities/activities.queries.js'

export function OutputItem({ output }: { output: OutputLabel }) {
  const { t } = useView()
  const kind = t(`catalysis.output.kind.${output.kind}`)
  return <>{output.href && output.label ? <a href={output.href}>{`${kind} : ${output.label}`}</a> : t('catalysis.output.private', { kind })}</>
}

export function Timeline({ activities, spaceId, editable }: { activities: TimelineActivity[]; spaceId: string; editable: boolean }) {
  const { t, locale } = useView()
  if (activities.length === 0) return <p>{t('catalysis.timeline.empty')}</p>
  return (
    <ol class="timeline">
      {activities.map((a) => (
        <li class="timeline-item">
          <p class="timeline-date">
            <time dateTime={a.started_on}>{formatDate(locale, a.started_on)}</time>
            {a.ended_on && a.ended_on !== a.started_on ? (
              <>
                {' – '}
                <time dateTime={a.ended_on}>{formatDate(locale, a.ended_on)}</time>
              </>
            ) : null}
          </p>
          <h3 class="timeline-title">{a.title}</h3>
          <p class="card-meta">
            <TermLink kind="catalysis_activity" code={a.activity} /> (<TermLink kind="catalysis_trade" code={a.trade} />)
            {a.minutes_spent ? ` · ${t('catalysis.grid.hours', { hours: formatNumber(locale, a.minutes_spent / 60, 1) })}` : ''}
          </p>
          {a.description ? <p>{a.description}</p> : null}
          {a.organisations.length > 0 ? (
            <p>
              {t('catalysis.activity.with')}{' '}
              {a.organisations.map((o, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={`/acteurs/${o.id}`}>{o.name}</a>
                </>
              ))}
            </p>
          ) : null}
          {a.outputs.length > 0 ? (
            <ul class="inline-list">
              {a.outputs.map((o) => (
                <li>
                  <OutputItem output={o} />
                </li>
              ))}
            </ul>
          ) : null}
          {editable ? (
            <p>
              <a href={`/espaces/${spaceId}/activites/${a.id}/modifier`}>{t('catalysis.activity.editLink', { title: a.title })}</a>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  )
}
