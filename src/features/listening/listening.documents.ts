/**
 * The full-text documents of needs, resources and actors: their text, and the facets every list filters on
 * (each territory containing the object's place — so a territory filter includes everything inside it —, the
 * field of action, SDGs, kinds of help, world, status). Rebuilt whenever the object changes.
 */
import type { Kysely, Transaction } from 'kysely'
import { indexDocuments, type SearchDocument } from '../../core/search/fulltext.js'
import type { Database } from '../../database.js'
import { domainsOf, NATIONAL, sdgsOf, typesOf } from './listening.codes.js'

type Db = Kysely<Database> | Transaction<Database>
type Facet = [string, string | number]

export interface NeedForDocument {
  id: string
  title: string
  description: string
  domain: string
  sdg_mask: number
  type_mask: number
  world: string
  status: string
}

/** `ancestors`: the ids of the territories containing the need's territory (itself included). */
export function needDocument(n: NeedForDocument, ancestors: string[], extraText = ''): SearchDocument {
  const facets: Facet[] = [
    ...ancestors.map((id): Facet => ['territory', id]),
    ['domain', n.domain],
    ...sdgsOf(n.sdg_mask).map((s): Facet => ['sdg', s]),
    ...typesOf(n.type_mask).map((t): Facet => ['type', t]),
    ['world', n.world],
    ['status', n.status],
  ]
  return { kind: 'need', id: n.id, text: `${n.title} ${n.description} ${extraText}`, facets }
}

export interface ResourceForDocument {
  id: string
  title: string
  description: string
  skills: string | null
  items: string | null
  place: string | null
  contribution_type: string
  domain_mask: number
  sdg_mask: number
  world: string
  status: string
  reach_territory_id: string
}

/** `places`: the territories containing the seat and those containing the reach (a territory filter keeps both). */
export function resourceDocument(r: ResourceForDocument, places: string[]): SearchDocument {
  const facets: Facet[] = [
    ...[...new Set(places)].map((id): Facet => ['territory', id]),
    ...(r.reach_territory_id === NATIONAL ? [['territory', NATIONAL] as Facet] : []),
    ...domainsOf(r.domain_mask).map((d): Facet => ['domain', d]),
    ...sdgsOf(r.sdg_mask).map((s): Facet => ['sdg', s]),
    ['type', r.contribution_type],
    ['world', r.world],
    ['status', r.status],
  ]
  return { kind: 'resource', id: r.id, text: [r.title, r.description, r.skills ?? '', r.items ?? '', r.place ?? ''].join(' '), facets }
}

async function ancestorsOf(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  const wanted = [...new Set(ids.filter((id) => id !== NATIONAL))]
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db.selectFrom('territory_closure').select(['descendant_id', 'ancestor_id']).where('descendant_id', 'in', wanted.slice(i, i + 500)).execute()
    for (const r of rows) {
      const list = out.get(r.descendant_id) ?? []
      list.push(r.ancestor_id)
      out.set(r.descendant_id, list)
    }
  }
  return out
}

/**
 * Re-indexes needs from their rows (after a write that changes what is indexed, e.g. a status); the most
 * recently updated gets indexed last, so it comes first in filtered lists.
 */
export async function reindexNeeds(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  const [rows, help] = await Promise.all([
    db.selectFrom('needs').select(['id', 'title', 'description', 'domain', 'sdg_mask', 'type_mask', 'world', 'status', 'territory_id']).where('id', 'in', ids).orderBy('updated_at').orderBy('id').execute(),
    db.selectFrom('need_contributions').select(['need_id', 'skills', 'details']).where('need_id', 'in', ids).execute(),
  ])
  const ancestors = await ancestorsOf(db, rows.map((r) => r.territory_id))
  await indexDocuments(
    db,
    rows.map((r) =>
      needDocument(
        r,
        ancestors.get(r.territory_id) ?? [r.territory_id],
        help
          .filter((h) => h.need_id === r.id)
          .map((h) => `${h.skills ?? ''} ${h.details ?? ''}`)
          .join(' '),
      ),
    ),
  )
}

/** Re-indexes resources from their rows. */
export async function reindexResources(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  const rows = await db
    .selectFrom('resources')
    .select(['id', 'title', 'description', 'skills', 'items', 'place', 'contribution_type', 'domain_mask', 'sdg_mask', 'world', 'status', 'reach_territory_id', 'seat_commune_id'])
    .where('id', 'in', ids)
    .orderBy('updated_at')
    .orderBy('id')
    .execute()
  const ancestors = await ancestorsOf(db, rows.flatMap((r) => [r.reach_territory_id, r.seat_commune_id ?? NATIONAL]))
  await indexDocuments(
    db,
    rows.map((r) => resourceDocument(r, [...(ancestors.get(r.reach_territory_id) ?? []), ...(r.seat_commune_id ? (ancestors.get(r.seat_commune_id) ?? []) : [])])),
  )
}

/** Indexes organisations (actors): name and description; facets: the seat's territories, world, SDGs. */
export async function indexOrganisations(db: Db, rows: Array<{ id: string; name: string; description: string; world: string; seat_commune_id: string }>): Promise<void> {
  if (rows.length === 0) return
  const ancestors = await ancestorsOf(db, rows.map((r) => r.seat_commune_id))
  const sdgs = await db.selectFrom('organisation_sdgs').select(['organisation_id', 'sdg']).where('organisation_id', 'in', rows.map((r) => r.id)).execute()
  await indexDocuments(
    db,
    rows.map((r) => ({
      kind: 'organisation',
      id: r.id,
      text: `${r.name} ${r.description}`,
      facets: [
        ...(ancestors.get(r.seat_commune_id) ?? []).map((id): Facet => ['territory', id]),
        ['world', r.world] as Facet,
        ...sdgs.filter((s) => s.organisation_id === r.id).map((s): Facet => ['sdg', s.sdg]),
      ],
    })),
  )
}
