/**
 * How a territory is named and linked everywhere: "Val-de-Marne (94)", its page's address, its level as a
 * lexique link.
 */
import { TermLink } from '../../vocabulary/index.js'
import type { Territory } from '../territories.queries.js'
import type { TerritoryKind } from '../territories.table.js'

/** The address of a territory's page. */
export function territoryHref(territory: Pick<Territory, 'kind' | 'code'>): string {
  return `/territoires/${territory.kind}/${territory.code}`
}

/** "Val-de-Marne (94)": a territory's name with its code, as people read them. */
export function TerritoryName({ territory, link = true }: { territory: Territory; link?: boolean }) {
  const label = territory.kind === 'commune' || territory.kind === 'departement' ? `${territory.name} (${territory.code})` : territory.name
  return link ? <a href={territoryHref(territory)}>{label}</a> : label
}

/** A territorial level, linked to its lexique entry. */
export function KindLabel({ kind }: { kind: TerritoryKind }) {
  return <TermLink kind="territory_kind" code={kind} />
}
