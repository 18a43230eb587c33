/**
 * The "actors" section of a territory page: actors seated inside it (everything inside included), and those
 * seated elsewhere whose perimeter of action covers it.
 */
import type { Territory } from '../../territories/index.js'
import { useView } from '../../../core/views/context.js'
import type { DirectoryPage, DirectoryRow } from '../organisations.queries.js'
import { ActorList } from './ActorList.js'

/** The section: actors seated inside (a first page, with a link to all of them) and those acting here from elsewhere. */
export function TerritoryActors({ territory, seated, acting }: { territory: Territory; seated: DirectoryPage; acting: DirectoryRow[] }) {
  const { t, user } = useView()
  return (
    <section aria-labelledby="acteurs" class="territory-actors">
      <h2 id="acteurs">{t('organisations.territory.seated', { count: seated.total })}</h2>
      {seated.total === 0 ? <p>{t('organisations.territory.none')}</p> : <ActorList rows={seated.rows} />}
      {seated.total > seated.rows.length ? (
        <p>
          <a href={`/acteurs?territoire=${encodeURIComponent(territory.id)}`}>{t('organisations.territory.all', { count: seated.total })}</a>
        </p>
      ) : null}
      {acting.length > 0 ? (
        <>
          <h3>{t('organisations.territory.acting')}</h3>
          <ActorList rows={acting} />
        </>
      ) : null}
      {user ? null : (
        <p>
          <a href="/inscription">{t('organisations.territory.register')}</a>
        </p>
      )}
    </section>
  )
}
