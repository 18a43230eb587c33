/**
 * Small shared presentational components: pagination and accessible data tables.
 * Charts live in `charts.tsx`; form pieces in `forms.tsx`.
 */
import type { ComponentChildren } from 'preact'
import type { FieldProblem } from '../errors.js'
import { useView } from './context.js'

/**
 * Names the parameters of a page's address that were not valid and were ignored (a lenient query:
 * `queryProblems(request.query)`), so that a person whose filter did nothing knows why. Renders nothing when
 * every parameter was valid.
 */
export function IgnoredFilters({ problems }: { problems: FieldProblem[] }) {
  const { t } = useView()
  if (problems.length === 0) return null
  return (
    <div class="notice notice-warning" role="status">
      <p>{t('filters.ignored', { count: problems.length })}</p>
      <ul>
        {problems.map((p) => (
          <li>{t('filters.ignored.item', { field: p.field, message: t(p.message, p.params) })}</li>
        ))}
      </ul>
    </div>
  )
}

/** Builds a URL with `params` merged into `base`'s query; `undefined` or '' values are dropped. */
export function withQuery(base: string, params: Record<string, string | number | undefined | string[]>): string {
  const [path, query = ''] = base.split('?', 2)
  const search = new URLSearchParams(query)
  for (const [key, value] of Object.entries(params)) {
    search.delete(key)
    if (Array.isArray(value)) for (const v of value) search.append(key, v)
    else if (value !== undefined && value !== '') search.set(key, String(value))
  }
  const qs = search.toString()
  return qs ? `${path}?${qs}` : (path ?? '')
}

export interface PaginationProps {
  page: number
  pageCount: number
  /** The current URL; the `page` parameter is replaced in each link. */
  href: string
}

/** Previous / next and a window of page numbers; renders nothing for a single page. */
export function Pagination({ page, pageCount, href }: PaginationProps) {
  const { t } = useView()
  if (pageCount <= 1) return null
  const pages: number[] = []
  for (let p = Math.max(1, page - 2); p <= Math.min(pageCount, page + 2); p++) pages.push(p)
  const link = (p: number) => withQuery(href, { page: p === 1 ? undefined : p })
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      <ul>
        {page > 1 ? (
          <li>
            <a href={link(page - 1)} rel="prev">
              {t('pagination.previous')}
            </a>
          </li>
        ) : null}
        {pages[0] !== undefined && pages[0] > 1 ? (
          <li>
            <a href={link(1)}>1</a>
            {pages[0] > 2 ? <span aria-hidden="true"> …</span> : null}
          </li>
        ) : null}
        {pages.map((p) => (
          <li>
            {p === page ? (
              <span aria-current="page">{p}</span>
            ) : (
              <a href={link(p)} aria-label={t('pagination.page', { page: p })}>
                {p}
              </a>
            )}
          </li>
        ))}
        {pages[pages.length - 1] !== undefined && (pages[pages.length - 1] as number) < pageCount ? (
          <li>
            {(pages[pages.length - 1] as number) < pageCount - 1 ? <span aria-hidden="true">… </span> : null}
            <a href={link(pageCount)} aria-label={t('pagination.page', { page: pageCount })}>
              {pageCount}
            </a>
          </li>
        ) : null}
        {page < pageCount ? (
          <li>
            <a href={link(page + 1)} rel="next">
              {t('pagination.next')}
            </a>
          </li>
        ) : null}
      </ul>
      <p class="pagination-status">{t('pagination.status', { page, count: pageCount })}</p>
    </nav>
  )
}

export interface Column<Row> {
  header: string
  cell: (row: Row) => ComponentChildren
  numeric?: boolean
}

let tableCount = 0

/**
 * A table with a caption and column headers; the accessible alternative of every chart and map. Any table may
 * be wider than a phone screen (a long word, a breakdown with a column per answer): its scrolling region is a
 * named region that takes the keyboard focus, so that it can be scrolled without a mouse (WCAG 2.1.1).
 * `focusable` is kept for the callers that asked for it; every table now behaves so.
 */
export function DataTable<Row>({ caption, columns, rows, captionHidden }: { caption: string; columns: Column<Row>[]; rows: Row[]; captionHidden?: boolean; focusable?: boolean }) {
  const id = `table-${++tableCount % 1_000_000}`
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={id}>
      <table class="data-table">
        <caption id={id} class={captionHidden ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
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
