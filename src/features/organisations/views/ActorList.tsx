/** Small views other features reuse: the demonstration badge and a list of actors (name, world, seat). */
import { useView } from '../../../core/views/context.js'
import { TermLink } from '../../vocabulary/index.js'
import type { DirectoryRow } from '../organisations.queries.js'

/** The badge of fictional demonstration data. */
export function DemoBadge() {
  const { t } = useView()
  return <span class="badge badge-demo">{t('organisations.demoBadge')}</span>
}

/** A list of actors (name, world, seat) used by the directory, territory pages and the search. */
export function ActorList({ rows }: { rows: DirectoryRow[] }) {
  const { t } = useView()
  return (
    <ul class="actor-list">
      {rows.map((row) => (
        <li>
          <a href={`/acteurs/${row.id}`} class="actor-name">
            {row.name}
          </a>{' '}
          {row.is_demo ? <DemoBadge /> : null}
          <span class="actor-meta">
            <TermLink kind="world" code={row.world} /> · {t('organisations.seatIn', { commune: row.seat_name })}
          </span>
        </li>
      ))}
    </ul>
  )
}
