/**
 * The yearly activity report of a space, laid out for A4 paper (print style `.report-a4`): who animates what,
 * the grid of the year, the outputs by kind, the meetings held with their attendance and new links, and the
 * list of activities. The browser's print command gives the PDF.
 */
import { formatDate, formatNumber } from '../../../../core/i18n/index.js'
import { DataTable } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { Layout } from '../../../../core/views/Layout.js'
import { termLabel } from '../../../vocabulary/index.js'
import type { GridCell, TimelineActivity } from '../../activities/activities.queries.js'
import type { OutputKind } from '../../catalysis.table.js'
import type { MeetingDetails } from '../../meetings/meetings.queries.js'
import { formatMeetingTime } from '../../paris-time.js'
import { GridHeatTable } from '../../views/GridHeatTable.js'
import type { SpaceDetails } from '../spaces.queries.js'
import { OutputItem } from './Timeline.js'

export interface ReportProps {
  details: SpaceDetails
  year: number
  grid: GridCell[]
  outputs: Record<OutputKind, number>
  meetings: Array<MeetingDetails & { newLinks: number }>
  activities: TimelineActivity[]
  generatedOn: string
}

export function Report(p: ReportProps) {
  const { t, locale } = useView()
  const s = p.details.space
  const minutes = p.grid.reduce((sum, c) => sum + c.minutes, 0)
  const title = t('catalysis.report.title', { name: s.name, year: String(p.year) })
  return (
    <Layout title={title} breadcrumb={[{ label: t('catalysis.spaces.title'), href: '/espaces' }, { label: s.name, href: `/espaces/${s.id}` }, { label: t('catalysis.report.short', { year: String(p.year) }) }]}>
      <article class="report-a4">
        <header>
          <h1>{title}</h1>
          <p>
            {t('catalysis.report.by', { organisation: p.details.organisation.name })} · {p.details.territories.map((tr) => tr.name).join(', ')}
          </p>
          <p class="hint">{t('catalysis.report.generated', { date: formatDate(locale, p.generatedOn) })}</p>
        </header>
        <section aria-labelledby="rapport-synthese">
          <h2 id="rapport-synthese">{t('catalysis.report.summary')}</h2>
          <p>
            {t('catalysis.report.summaryText', {
              count: p.activities.length,
              hours: formatNumber(locale, minutes / 60, 1),
              meetings: p.meetings.length,
              participants: p.meetings.reduce((sum, m) => sum + (m.present_count || m.registered_count), 0),
              links: p.meetings.reduce((sum, m) => sum + m.newLinks, 0),
            })}
          </p>
          <ul class="inline-list">
            {(Object.keys(p.outputs) as OutputKind[]).map((k) => (
              <li>
                {t(`catalysis.output.kind.${k}`)} : {formatNumber(locale, p.outputs[k])}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby={`grille-${p.year}-titre`}>
          <GridHeatTable cells={p.grid} year={p.year} />
        </section>
        <section aria-labelledby="rapport-rencontres">
          <h2 id="rapport-rencontres">{t('catalysis.report.meetings')}</h2>
          {p.meetings.length === 0 ? (
            <p>{t('catalysis.space.noPast')}</p>
          ) : (
            <DataTable
              focusable
              caption={t('catalysis.report.meetingsTable', { year: String(p.year) })}
              rows={p.meetings}
              columns={[
                { header: t('catalysis.report.meeting'), cell: (m) => m.title },
                { header: t('catalysis.report.when'), cell: (m) => formatMeetingTime(locale, m.starts_at, m.ends_at) },
                { header: t('catalysis.report.registered'), cell: (m) => formatNumber(locale, m.registered_count), numeric: true },
                { header: t('catalysis.report.present'), cell: (m) => formatNumber(locale, m.present_count), numeric: true },
                { header: t('catalysis.report.newLinks'), cell: (m) => formatNumber(locale, m.newLinks), numeric: true },
              ]}
            />
          )}
        </section>
        <section aria-labelledby="rapport-activites">
          <h2 id="rapport-activites">{t('catalysis.report.activities')}</h2>
          {p.activities.length === 0 ? (
            <p>{t('catalysis.timeline.empty')}</p>
          ) : (
            <DataTable
              focusable
              caption={t('catalysis.report.activitiesTable', { year: String(p.year) })}
              rows={p.activities}
              columns={[
                { header: t('catalysis.report.date'), cell: (a) => formatDate(locale, a.started_on) },
                { header: t('catalysis.report.activity'), cell: (a) => a.title },
                { header: t('catalysis.report.cell'), cell: (a) => termLabel('catalysis_activity', a.activity, locale) },
                { header: t('catalysis.report.outputs'), cell: (a) => a.outputs.map((o, i) => (
                  <>
                    {i > 0 ? ', ' : ''}
                    <OutputItem output={o} />
                  </>
                )) },
              ]}
            />
          )}
        </section>
      </article>
    </Layout>
  )
}
