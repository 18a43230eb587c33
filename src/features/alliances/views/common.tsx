/**
 * Small views shared by the alliance pages and the sections of territory and organisation pages: list rows,
 * badges, quantities, the diversity of worlds, contribution totals and the timeline of events.
 */
import type { ComponentChildren } from 'preact'
import type { FieldProblem } from '../../../core/errors.js'
import { formatDate, formatNumber, type MessageKey } from '../../../core/i18n/index.js'
import { DataTable } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import { DemoBadge } from '../../../core/views/DemoBadge.js'
import { TermLink, termsOf } from '../../vocabulary/index.js'
import type { Alliance, ContributionRow, ContributionTotals, JournalRow, PartnershipRow } from '../alliances.queries.js'
import type { AllianceListRow } from '../directory.queries.js'
import type { WorldDiversity } from '../diversity.js'
import { journalTitleText } from '../journal.title.js'
import { CONTRIBUTION_UNITS, formatHundredths, type ContributionUnit } from '../quantities.js'

/** The message writing a quantity with its unit (one per unit, checked by the compiler). */
const unitKey = (unit: ContributionUnit): MessageKey => `alliances.unit.${unit}`

/** "1 500,50 €", "12 heures": a quantity with its unit, in the page's language. */
export function Quantity({ hundredths, unit }: { hundredths: number; unit: string }) {
  const { t, locale } = useView()
  // Other features (valuation, mobilisation) read units as text: a unit this feature does not know shows as written.
  const known = (CONTRIBUTION_UNITS as readonly string[]).includes(unit) ? (unit as ContributionUnit) : null
  if (!known) return <>{`${formatNumber(locale, hundredths / 100)} ${unit}`}</>
  return <>{t(unitKey(known), { value: formatHundredths(locale, hundredths, known), count: hundredths / 100 })}</>
}

export function PrivateBadge() {
  const { t } = useView()
  return <span class="badge badge-private">{t('alliances.visibility.badge')}</span>
}

/**
 * The filters of the address that were not applied, each named with what is wrong with it (the valid filters
 * are applied: an invalid one never empties the whole search).
 */
export function IgnoredFilters({ problems, labels }: { problems: FieldProblem[]; labels: Record<string, MessageKey> }) {
  const { t } = useView()
  if (problems.length === 0) return null
  return (
    <div class="notice notice-info" role="status">
      <p>{t('alliances.filters.ignored', { count: problems.length })}</p>
      <ul>
        {problems.map((p) => {
          const label = labels[p.field]
          return (
            <li>
              {label ? t(label) : p.field} : {t(p.message, p.params)}
            </li>
          )
        })}
      </ul>
    </div>
  )
}

/** One alliance in a list: name, phase, form, partners and worlds. */
export function AllianceList({ rows }: { rows: AllianceListRow[] }) {
  const { t } = useView()
  return (
    <ul class="alliance-list">
      {rows.map((row) => (
        <li>
          <a href={`/alliances/${row.id}`} class="alliance-name">
            {row.name}
          </a>{' '}
          {row.visibility === 'partners' ? <PrivateBadge /> : null} {row.is_demo ? <DemoBadge /> : null}
          <span class="alliance-meta">
            <TermLink kind="alliance_phase" code={row.phase} /> · <TermLink kind="coconstruction_form" code={row.form} /> ·{' '}
            {t('alliances.list.partners', { count: row.partners })} · {t('alliances.list.worlds', { count: row.worlds })}
          </span>
        </li>
      ))}
    </ul>
  )
}

/** How many worlds, the diversity index, and a plain sentence when there is only one world. */
export function DiversityBox({ diversity }: { diversity: WorldDiversity }) {
  const { t, locale } = useView()
  return (
    <div class="diversity">
      <h3 id="diversite-titre">{t('alliances.diversity.title')}</h3>
      {diversity.partners === 0 ? (
        <p>{t('alliances.diversity.none')}</p>
      ) : diversity.worlds === 1 ? (
        <p class="notice notice-info">{t('alliances.diversity.oneWorld')}</p>
      ) : null}
      <dl class="facts">
        <div>
          <dt>{t('alliances.diversity.worlds')}</dt>
          <dd>{t('alliances.diversity.worldsValue', { count: diversity.worlds, partners: diversity.partners })}</dd>
        </div>
        <div>
          <dt>{t('alliances.diversity.index')}</dt>
          <dd>{diversity.index === null ? t('alliances.diversity.indexNone') : `${formatNumber(locale, diversity.index * 100)} %`}</dd>
        </div>
      </dl>
      <p class="hint">{t('alliances.diversity.explain')}</p>
      {diversity.counts.length > 0 ? (
        <ul class="world-counts">
          {diversity.counts.map((c) => (
            <li>
              <TermLink kind="world" code={c.world} /> : {formatNumber(locale, c.count)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

type Sum = { unit: ContributionTotals['byType'][number]['unit']; quantity_hundredths: number; count: number }

/** Consecutive sums sharing `key` gathered into one row: their sums side by side (one per unit), their counts added. */
function gatherSums<R extends Sum>(rows: R[], key: (row: R) => string): Array<{ first: R; sums: R[]; count: number }> {
  const groups: Array<{ first: R; sums: R[]; count: number }> = []
  for (const row of rows) {
    const last = groups[groups.length - 1]
    if (last && key(last.first) === key(row)) {
      last.sums.push(row)
      last.count += row.count
    } else groups.push({ first: row, sums: [row], count: row.count })
  }
  return groups
}

function SumsList({ sums }: { sums: Sum[] }) {
  return (
    <ul class="inline-list">
      {sums.map((sum) => (
        <li>
          <Quantity hundredths={sum.quantity_hundredths} unit={sum.unit} />
        </li>
      ))}
    </ul>
  )
}

/**
 * Totals per contribution type and, when they were read, per partner: one row per type and per partner, its sums
 * side by side, one per unit, since units are never added together.
 */
export function TotalsTables({ totals }: { totals: ContributionTotals }) {
  const { t } = useView()
  if (totals.count === 0) return <p>{t('alliances.contributions.none')}</p>
  return (
    <div class="totals">
      <DataTable
        caption={t('alliances.contributions.byType')}
        rows={gatherSums(totals.byType, (r) => r.contribution_type)}
        columns={[
          { header: t('alliances.contributions.type'), cell: (g) => <TermLink kind="contribution_type" code={g.first.contribution_type} /> },
          { header: t('alliances.contributions.total'), cell: (g) => <SumsList sums={g.sums} />, numeric: true },
          { header: t('alliances.contributions.count'), cell: (g) => g.count, numeric: true },
        ]}
      />
      {totals.byPartner.length > 0 ? (
        <DataTable
          caption={t('alliances.contributions.byPartner')}
          rows={gatherSums(totals.byPartner, (r) => r.organisation_id)}
          columns={[
            { header: t('alliances.partner'), cell: (g) => <a href={`/acteurs/${g.first.organisation_id}`}>{g.first.organisation_name}</a> },
            { header: t('alliances.contributions.total'), cell: (g) => <SumsList sums={g.sums} />, numeric: true },
            { header: t('alliances.contributions.count'), cell: (g) => g.count, numeric: true },
          ]}
        />
      ) : null}
    </div>
  )
}

/** The title of a journal entry: as a partner wrote it, or — written by the platform — in the reader's language. */
export function EntryTitle({ entry }: { entry: JournalRow }) {
  const { t, locale } = useView()
  return <>{journalTitleText(entry, t, locale)}</>
}

export type TimelineItem = { kind: 'entry'; date: string; entry: JournalRow } | { kind: 'contribution'; date: string; contribution: ContributionRow }

/** Dated events (journal entries and contributions), newest first. */
export function TimelineList({ items, allianceId, editableOrganisations }: { items: TimelineItem[]; allianceId: string; editableOrganisations?: ReadonlySet<string> }) {
  const { t, locale } = useView()
  return (
    <ol class="timeline">
      {items.map((item) =>
        item.kind === 'entry' ? (
          <li class={`timeline-item timeline-${item.entry.kind}`}>
            <p class="timeline-meta">
              <time dateTime={item.date}>{formatDate(locale, item.date)}</time> · <TermLink kind="journal_kind" code={item.entry.kind} />
              {item.entry.organisation_name ? <> · {item.entry.organisation_name}</> : null}
            </p>
            <p class="timeline-title">
              <EntryTitle entry={item.entry} />
              {item.entry.system_event === null && item.entry.organisation_id !== null && editableOrganisations?.has(item.entry.organisation_id) ? (
                <>
                  {' '}
                  <a href={`/alliances/${allianceId}/journal/${item.entry.id}/modifier`}>{t('alliances.journal.edit', { title: journalTitleText(item.entry, t, locale) })}</a>
                </>
              ) : null}
            </p>
            {item.entry.body ? <p>{item.entry.body}</p> : null}
          </li>
        ) : (
          <li class="timeline-item timeline-contribution">
            <p class="timeline-meta">
              <time dateTime={item.date}>{formatDate(locale, item.date)}</time> · {t('alliances.timeline.contribution')} · {item.contribution.organisation_name}
            </p>
            <p class="timeline-title">
              <TermLink kind="contribution_type" code={item.contribution.contribution_type} /> : <Quantity hundredths={item.contribution.quantity_hundredths} unit={item.contribution.unit} />
              {editableOrganisations?.has(item.contribution.organisation_id) ? (
                <>
                  {' '}
                  <a href={`/alliances/${allianceId}/contributions/${item.contribution.id}/modifier`}>{t('alliances.contributions.edit', { date: formatDate(locale, item.date) })}</a>
                </>
              ) : null}
            </p>
            {item.contribution.description ? <p>{item.contribution.description}</p> : null}
          </li>
        ),
      )}
    </ol>
  )
}

/** Merges journal entries and contributions into one list, newest first (stable on equal dates). */
export function mergeTimeline(entries: JournalRow[], contributions: ContributionRow[]): TimelineItem[] {
  const items: TimelineItem[] = [
    ...entries.map((entry) => ({ kind: 'entry' as const, date: entry.occurred_on, entry })),
    ...contributions.map((contribution) => ({ kind: 'contribution' as const, date: contribution.contributed_on, contribution })),
  ]
  return items.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
}

/**
 * Partnerships grouped by type, the four families side by side in the lexique's order — never ranked,
 * never sorted by how many each holds. `level` is the families' heading level: one below the heading the
 * block sits under (3 under the alliance page's h2, 4 under the organisation page's h3), so that no level is
 * skipped.
 */
export function PartnershipsSideBySide({ rows, level, perspective, actions }: { rows: PartnershipRow[]; level: 3 | 4; perspective?: string; actions?: (row: PartnershipRow) => ComponentChildren }) {
  const { t, locale } = useView()
  const Heading = level === 3 ? 'h3' : 'h4'
  const families = termsOf('partnership_type').filter((term) => term.parent === undefined)
  const familyOf = (code: string) => termsOf('partnership_type').find((term) => term.code === code)?.parent ?? code
  return (
    <div class="side-by-side">
      {families.map((family) => {
        const inFamily = rows.filter((r) => familyOf(r.partnership_type) === family.code)
        return (
          <section class="side-column" aria-labelledby={`famille-${family.code}`}>
            <Heading id={`famille-${family.code}`}>
              <TermLink kind="partnership_type" code={family.code} />
            </Heading>
            {inFamily.length === 0 ? (
              <p class="muted">{t('alliances.partnerships.noneOfType')}</p>
            ) : (
              <ul>
                {inFamily.map((r) => {
                  const otherIsB = perspective === undefined || perspective === r.organisation_a_id
                  return (
                    <li>
                      {perspective === undefined ? (
                        <>
                          <a href={`/acteurs/${r.organisation_a_id}`}>{r.organisation_a_name}</a> — <a href={`/acteurs/${r.organisation_b_id}`}>{r.organisation_b_name}</a>
                        </>
                      ) : otherIsB ? (
                        <a href={`/acteurs/${r.organisation_b_id}`}>{r.organisation_b_name}</a>
                      ) : (
                        <a href={`/acteurs/${r.organisation_a_id}`}>{r.organisation_a_name}</a>
                      )}
                      {r.partnership_type !== family.code ? (
                        <>
                          {' '}
                          (<TermLink kind="partnership_type" code={r.partnership_type} />)
                        </>
                      ) : null}
                      <span class="alliance-meta">
                        {r.ended_on
                          ? t('alliances.partnerships.period', { from: formatDate(locale, r.started_on), to: formatDate(locale, r.ended_on) })
                          : t('alliances.partnerships.since', { from: formatDate(locale, r.started_on) })}
                        {r.status === 'proposed' ? <> · {t('alliances.partnerships.proposed')}</> : null}
                        {r.alliance_id && r.alliance_name ? (
                          <>
                            {' '}
                            · <a href={`/alliances/${r.alliance_id}`}>{r.alliance_name}</a>
                          </>
                        ) : null}
                      </span>
                      {r.description ? <span class="alliance-meta">{r.description}</span> : null}
                      {actions ? actions(r) : null}
                    </li>
                  )
                })}
              </ul>
            )}
          </section>
        )
      })}
    </div>
  )
}

/** A page below one of an alliance's sections (directory › alliance › section › this page), titled in its h1. */
export function AllianceSubpage({ alliance, section, title, children }: { alliance: Pick<Alliance, 'id' | 'name'>; section: { label: string; href: string }; title: string; children: ComponentChildren }) {
  const { t } = useView()
  return (
    <Layout
      title={title}
      breadcrumb={[
        { label: t('alliances.directory.title'), href: '/alliances' },
        { label: alliance.name, href: `/alliances/${alliance.id}` },
        section,
        { label: title },
      ]}
    >
      <h1>{title}</h1>
      {children}
    </Layout>
  )
}
