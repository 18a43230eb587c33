/**
 * Schema pieces shared by the routes of catalysis (the shared pieces of every feature — `Problem`, `Nullable`,
 * `Enum`, `Id`, `IdParams`, `TerritoryId`, `IsoDate`, `IsoDateTime`, `PageQuery`, `Page` — come from
 * `core/http/schemas.ts`): the OpenAPI tag, the answer of writes that return nothing else, a Paris local
 * date-time, an organisation with its world, and the page-cache tags catalysis writes bump.
 */
import Type from 'typebox'
import { Enum, Id, named } from '../../core/http/schemas.js'
import { codesOf } from '../vocabulary/index.js'

/** The OpenAPI tag of every catalysis route. */
export const TAG = 'catalysis' as const

/**
 * The page-cache tags of catalysis (`core/http/page-cache.ts`). Cached public pages that show catalysis data:
 * the directory of spaces (`/espaces`, tag `spaces`), the directory of places (`/lieux`, tag `places`), and
 * every page cached with `cache: true` (territory pages: their catalysis section lists spaces, upcoming
 * public meetings without their seats, and counts places) — which any bump invalidates. Writes that change
 * none of these declare `[]` (registrations, attendance, activities, dialogues…).
 */
export const PAGE_TAGS = { spaces: 'catalysis.spaces', meetings: 'catalysis.meetings', places: 'catalysis.places' } as const

/** The answer of a write that has nothing else to say. */
export const Done = named('CatalysisDone', Type.Object({ ok: Type.Literal(true) }, { description: 'Done' }))

/** A local date-time in Europe/Paris as people type it (`datetime-local`), e.g. `2026-11-23T19:30`. */
export const PARIS_LOCAL_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$'
export const ParisLocalDateTime = Type.String({ pattern: PARIS_LOCAL_PATTERN, description: 'Local date-time in Europe/Paris, `YYYY-MM-DDTHH:MM`' })

/** The worlds of organisations (vocabulary kind `world`): collectivité, entreprise, association… */
export const WORLDS = codesOf('world')
export const World = Enum(WORLDS, { description: 'The world of an organisation (vocabulary kind `world`)' })

/** An organisation named with its world. */
export const OrganisationRef = named('CatalysisOrganisation', Type.Object({ id: Id, name: Type.String(), world: World, href: Type.String({ description: 'The organisation’s page (relative)' }) }))

/** An organisation row as the API shows it. */
export function organisationRef(o: { id: string; name: string; world: string }) {
  return { id: o.id, name: o.name, world: o.world, href: `/acteurs/${o.id}` }
}
