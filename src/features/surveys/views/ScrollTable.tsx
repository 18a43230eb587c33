/**
 * A data table whose scrolling container can take the keyboard focus: results tables may be wider than a
 * phone screen (a breakdown by région has a column per answer), and a scrollable region must be reachable
 * without a mouse (WCAG 2.1.1). Same columns as the core `DataTable`.
 */
import type { Column } from '../../../core/views/components.js'

let counter = 0

/** A captioned table in a focusable scrolling region. */
export function ScrollTable<Row>({ caption, columns, rows }: { caption: string; columns: Column<Row>[]; rows: Row[] }) {
  const id = `table-${++counter % 1_000_000}`
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={id}>
      <table class="data-table">
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {columns.map((c, i) =>
                i === 0 ? (
                  <th scope="row" class={c.numeric ? 'num' : undefined}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td class={c.numeric ? 'num' : undefined}>{c.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
