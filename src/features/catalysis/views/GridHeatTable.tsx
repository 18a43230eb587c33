/**
 * The 4 × 4 grid of catalysis as a heat table for one year: one column per trade, its four activities
 * below, each cell with its count and time spent, shaded by count (five steps). The table is its own text
 * alternative: every cell says its activity and its count in words; a sentence above names the busiest
 * activity and the trades without activity.
 */
import { formatNumber } from '../../../core/i18n/index.js'
import { TableScroll } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { termLabel, termsOf } from '../../vocabulary/index.js'
import type { GridCell } from '../activities/activities.queries.js'

/** Shade step 0–4 of a count relative to the year's maximum (0 only for no activity). */
export function heatStep(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0
  return Math.max(1, Math.ceil((count / max) * 4))
}

export function GridHeatTable({ cells, year }: { cells: GridCell[]; year: number }) {
  const { t, locale } = useView()
  const trades = termsOf('catalysis_trade')
  const activities = termsOf('catalysis_activity')
  const byCode = new Map(cells.map((c) => [c.activity, c]))
  const max = Math.max(0, ...cells.map((c) => c.count))
  const total = cells.reduce((s, c) => s + c.count, 0)
  const busiest = [...cells].sort((a, b) => b.count - a.count)[0]
  const idle = trades.filter((tr) => !activities.some((a) => a.parent === tr.code && (byCode.get(a.code)?.count ?? 0) > 0))
  return (
    <figure class="heat">
      <p id={`grille-${year}-resume`}>
        {total === 0
          ? t('catalysis.grid.none', { year: String(year) })
          : t('catalysis.grid.summary', { count: total, year: String(year), busiest: termLabel('catalysis_activity', busiest?.activity ?? '', locale), busiestCount: busiest?.count ?? 0 })}
        {total > 0 && idle.length > 0 ? ` ${t('catalysis.grid.idle', { trades: idle.map((tr) => termLabel('catalysis_trade', tr.code, locale)).join(', ') })}` : ''}
      </p>
      <TableScroll labelledBy={`grille-${year}-titre`}>
        <table class="heat-table" aria-describedby={`grille-${year}-resume`}>
          <caption id={`grille-${year}-titre`}>{t('catalysis.grid.caption', { year: String(year) })}</caption>
          <thead>
            <tr>
              {trades.map((tr) => (
                <th scope="col">
                  <a class="term" href={`/lexique#catalysis_trade-${tr.code}`}>
                    {termLabel('catalysis_trade', tr.code, locale)}
                  </a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[0, 1, 2, 3].map((row) => (
              <tr>
                {trades.map((tr) => {
                  const term = activities.filter((a) => a.parent === tr.code)[row]
                  if (!term) return <td />
                  const cell = byCode.get(term.code)
                  const count = cell?.count ?? 0
                  return (
                    <td class={`heat-cell heat-${heatStep(count, max)}`}>
                      <span class="heat-label">{termLabel('catalysis_activity', term.code, locale)}</span>
                      <span class="heat-count">{t('catalysis.grid.count', { count })}</span>
                      {cell && cell.minutes > 0 ? <span class="heat-time">{t('catalysis.grid.hours', { hours: formatNumber(locale, cell.minutes / 60, 1) })}</span> : null}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </figure>
  )
}
