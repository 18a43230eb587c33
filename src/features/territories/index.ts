/**
 * Territories: the official French geography (communes, EPCI, EPT, départements, régions), its search and
 * its pages, the choropleth map, and the "everything inside" building block used by every directory.
 *
 * Owns: `territories`, `territory_links`, `territory_closure`, `territory_search_terms`.
 * Public exports: queries (find, search, inside), the loader, `TerritoryName`, `FranceMap`, the plugin.
 */
import type { FastifyInstance } from 'fastify'
import { territoryApi } from './territories.api.js'
import { territoryPages, type TerritoryPagesOptions } from './territories.routes.js'

export { loadGeography, buildGeography, type LoadReport } from './geography.loader.js'
export { readGeographySource, subsetSource, type GeographySource } from './geography.source.js'
export {
  communeSizeBand,
  findTerritory,
  findTerritoryById,
  insideTerritory,
  listAncestors,
  listDepartements,
  listTerritoriesByIds,
  searchTerritories,
  type Territory,
} from './territories.queries.js'
export type { TerritoryKind, TerritoryTables } from './territories.table.js'
export { isTerritoryKind } from './territories.table.js'
export { TerritoryName } from './views/TerritoryName.js'
export type { TerritorySection } from './views/TerritoryPage.js'
export { TerritorySchema, presentTerritory } from './territories.schemas.js'
export { FranceMap } from './FranceMap.js'
export { PlaceFilterNotice, resolvePlaceFilter, type PlaceFilter } from './PlaceFilter.js'
export { territoryMessages } from './territories.messages.js'

export async function territoriesFeature(app: FastifyInstance, options: TerritoryPagesOptions): Promise<void> {
  await app.register(territoryPages, options)
  await app.register(territoryApi)
}
