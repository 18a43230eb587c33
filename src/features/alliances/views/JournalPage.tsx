/**
 * The journal of an alliance, "de la racine aux premiers fruits": a timeline across the years (an SVG frieze of
 * events per year with its table), the dated events of one year — entries written by the partners or by the
 * platform, and contributions — and the form with which partners write an entry.
 */
import type { FieldProblem } from '../../../core/errors.js'
import { formatNumber } from '../../../core/i18n/index.js'
import type { PageOf } from '../../../core/db/paging.js'
import { DataTable, Pagination } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Form, SelectField, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { termOptions } from '../../vocabulary/index.js'
import type { Alliance } from '../alliances.queries.js'
import { WRITABLE_JOURNAL_KINDS } from '../alliances.schemas.js'
import { IgnoredFilters, TimelineList, type TimelineItem } from './common.js'

export type Year = { year: number; entries: number; contributions: number }

/** Every year from the first to the last event (years without events included, so time reads true). */
function continuousYears(years: Year[]): Year[] {
  if (years.length === 0) return []
  const out: Year[] = []
  for (let y = years[0]!.year; y <= years[years.length - 1]!.year; y++) out.push(years.find((r) => r.year === y) ?? { year: y, entries: 0, contributions: 0 })
  return out
}

/** The frieze: per year, a bar of journal entries and a bar of contributions; each year links to its events. */
function Frieze({ allianceId, years, selected }: { allianceId: string; years: Year[]; selected: number | null }) {
  const { t, locale } = useView()
  const all = continuousYears(years)
  if (all.length === 0) return null
  const max = Math.max(1, ...all.map((y) => Math.max(y.entries, y.contributions)))
  const column = 64
  const height = 140
  const width = Math.max(column * all.length + 20, 200)
  const bar = (value: number) => Math.round((value / max) * (height - 50))
  // The table follows the figure: a `figure` holds its caption first or last, nothing after it.
  return (
    <>
      <figure class="frieze-figure">
        <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} class="frieze" role="img" aria-labelledby="frise-titre">
          <title id="frise-titre">{t('alliances.timeline.svgTitle', { from: String(all[0]!.year), to: String(all[all.length - 1]!.year) })}</title>
          <line x1={10} y1={height - 30} x2={width - 10} y2={height - 30} class="frieze-axis" />
          {all.map((y, i) => {
            const x = 10 + i * column
            return (
              <g class={y.year === selected ? 'frieze-year frieze-selected' : 'frieze-year'}>
                <rect x={x + 14} y={height - 30 - bar(y.entries)} width={16} height={bar(y.entries)} class="frieze-entries" />
                <rect x={x + 32} y={height - 30 - bar(y.contributions)} width={16} height={bar(y.contributions)} class="frieze-contributions" />
                <text x={x + column / 2} y={height - 12} text-anchor="middle" class="frieze-label">
                  {String(y.year)}
                </text>
              </g>
            )
          })}
        </svg>
        <figcaption>
          <ul class="map-legend">
            <li>
              <span class="swatch frieze-entries" aria-hidden="true" />
              {t('alliances.timeline.entries')}
            </li>
            <li>
              <span class="swatch frieze-contributions" aria-hidden="true" />
              {t('alliances.timeline.contributions')}
            </li>
          </ul>
        </figcaption>
      </figure>
        <DataTable
          caption={t('alliances.timeline.table')}
          rows={all}
          columns={[
            {
              header: t('alliances.timeline.year'),
              cell: (y) =>
                y.year === selected ? (
                  <span aria-current="true">{String(y.year)}</span>
                ) : (
                  <a href={`/alliances/${allianceId}/journal?annee=${y.year}`} aria-label={t('alliances.timeline.yearLink', { year: String(y.year) })}>
                    {String(y.year)}
                  </a>
                ),
            },
            { header: t('alliances.timeline.entries'), cell: (y) => formatNumber(locale, y.entries), numeric: true },
            { header: t('alliances.timeline.contributions'), cell: (y) => formatNumber(locale, y.contributions), numeric: true },
          ]}
        />
    </>
  )
}

interface JournalPageProps {
  /** parameters of the address that were not applied (invalid), named to the reader */
  ignored: FieldProblem[]
  alliance: Alliance
  years: Year[]
  selected: number | null
  /** the selected year's events, one page of them */
  events: PageOf<TimelineItem>
  organisations: Array<{ value: string; label: string }>
  editable: ReadonlySet<string>
  state: FormState
}

export function JournalPage({ alliance, years, selected, events, organisations, editable, state, ignored }: JournalPageProps) {
  const { t } = useView()
  const title = t('alliances.journal.pageTitle', { name: alliance.name })
  return (
    <Layout title={title} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: alliance.name, href: `/alliances/${alliance.id}` }, { label: t('alliances.journal.title') }]}>
      <h1>{title}</h1>
      <p class="lead">{t('alliances.journal.intro')}</p>
      <IgnoredFilters problems={ignored} labels={{ annee: 'alliances.timeline.year', page: 'alliances.directory.page' }} />
      <section aria-labelledby="frise">
        <h2 id="frise">{t('alliances.timeline.title')}</h2>
        {years.length === 0 ? <p>{t('alliances.journal.empty')}</p> : <Frieze allianceId={alliance.id} years={years} selected={selected} />}
      </section>
      {selected !== null ? (
        <section aria-labelledby="evenements">
          <h2 id="evenements">{t('alliances.timeline.eventsOf', { year: String(selected), count: events.total })}</h2>
          {events.rows.length === 0 ? <p>{t(events.total === 0 ? 'alliances.timeline.noEvent' : 'alliances.timeline.pastLastPage')}</p> : <TimelineList items={events.rows} allianceId={alliance.id} editableOrganisations={editable} />}
          <Pagination page={events.page} pageCount={events.pageCount} href={`/alliances/${alliance.id}/journal?annee=${selected}`} />
        </section>
      ) : null}
      {organisations.length > 0 ? (
        <section aria-labelledby="ecrire">
          <h2 id="ecrire">{t('alliances.journal.write')}</h2>
          <Form action={`/alliances/${alliance.id}/journal`} state={state} submitLabel={t('alliances.journal.submit')}>
            <SelectField name="organisation_id" label={t('alliances.journal.organisation')} required options={organisations} />
            <JournalFields />
          </Form>
        </section>
      ) : null}
    </Layout>
  )
}

/** The fields of an entry, shared by the writing form and the correction form. */
export function JournalFields() {
  const { t, locale } = useView()
  return (
    <>
        <SelectField name="kind" label={t('alliances.journal.kind')} required options={termOptions('journal_kind', locale).filter((o) => WRITABLE_JOURNAL_KINDS.includes(o.value))} placeholder={t('form.choose')} />
        <TextField name="occurred_on" label={t('alliances.journal.date')} type="date" required />
        <TextField name="title" label={t('alliances.journal.entryTitle')} required maxLength={200} />
        <TextArea name="body" label={t('alliances.journal.body')} rows={4} maxLength={5000} />
    </>
  )
}
