/**
 * The "territory" filter of directories (actors, alliances…): a place typed by a person (`lieu`, a name or a
 * code) or chosen from a link (`territoire`, a `kind:code` id), resolved to one territory — or, when several
 * territories match, a list to choose from instead of a guess. Filtering then includes everything inside it.
 */
import { withQuery } from '../../core/views/components.js'
import { useView } from '../../core/views/context.js'
import type { DB } from '../../database.js'
import { termLabel } from '../vocabulary/index.js'
import { findTerritoryById, searchTerritories, type Territory } from './territories.queries.js'
import { TerritoryName } from './views/TerritoryName.js'

export interface PlaceFilter {
  territory: Territory | null
  /** Several territories match the typed place: the person chooses. */
  candidates: Territory[]
}

/** Resolves `territoire` (an id) or else `lieu` (typed text): an exact or single match wins. */
export async function resolvePlaceFilter(db: DB, query: { territoire?: string; lieu?: string }): Promise<PlaceFilter> {
  if (query.territoire) return { territory: (await findTerritoryById(db, query.territoire)) ?? null, candidates: [] }
  if (!query.lieu) return { territory: null, candidates: [] }
  const hits = await searchTerritories(db, query.lieu, { limit: 6 })
  const first = hits[0]
  if (first && (hits.length === 1 || first.name.toLowerCase() === query.lieu.toLowerCase())) return { territory: first, candidates: [] }
  return { territory: null, candidates: hits }
}

/** Says which territory filters the list (with a link to remove it), or lists the candidates to choose. */
export function PlaceFilterNotice({ filter, insideLabel }: { filter: PlaceFilter; insideLabel: string }) {
  const { t, locale, path } = useView()
  if (filter.territory) {
    return (
      <p class="active-filter">
        {insideLabel} <TerritoryName territory={filter.territory} /> ·{' '}
        <a href={withQuery(path, { territoire: undefined, lieu: undefined, page: undefined })}>{t('territories.filter.remove')}</a>
      </p>
    )
  }
  if (filter.candidates.length === 0) return null
  return (
    <div class="notice notice-info">
      <p>{t('territories.filter.choose')}</p>
      <ul>
        {filter.candidates.map((c) => (
          <li>
            <a href={withQuery(path, { territoire: c.id, lieu: undefined, page: undefined })}>
              {c.name} ({termLabel('territory_kind', c.kind, locale)} {c.code})
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}
