/**
 * Territories as catalysis uses them: what people type turned into territory ids (through the organisations
 * feature's resolver), ids checked to exist, the levels of a place copied onto its row (so that a
 * département's or a région's meetings and places are one index range), and the condition "inside a
 * perimeter" over those copied levels.
 */
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely'
import type { FieldProblem } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { levelsOf, type Levels } from '../listening/index.js'
import { resolveOtherTerritories } from '../organisations/index.js'
import { listTerritoriesByIds, type Territory } from '../territories/index.js'

type Db = Kysely<Database>

/** Resolves a typed list of territories ("Vincennes; Val-de-Marne"); the problem names `field`. */
export async function resolveTerritoryText(db: Db, text: string, field: string): Promise<{ ids: string[]; problem: FieldProblem | null }> {
  const { ids, problem } = await resolveOtherTerritories(db, text)
  if (problem) return { ids: [], problem: { ...problem, field } }
  return { ids: [...new Set(ids)], problem: null }
}

/** The territories of `ids`, or a problem naming the first unknown one. */
export async function checkTerritories(db: Db, ids: string[], field: string): Promise<{ territories: Territory[]; problem: FieldProblem | null }> {
  const unique = [...new Set(ids)]
  const found = await listTerritoriesByIds(db, unique)
  const missing = unique.find((id) => !found.some((t) => t.id === id))
  if (missing) return { territories: [], problem: { field, message: 'catalysis.error.territoryUnknown', params: { q: missing } } }
  return { territories: unique.map((id) => found.find((t) => t.id === id) as Territory), problem: null }
}

/** The copied level columns of a territory (itself at its level, the territories containing it above). */
export async function levelColumns(db: Db, territoryId: string) {
  const l: Levels = await levelsOf(db, territoryId)
  return { terr_epci_id: l.epci, terr_ept_id: l.ept, terr_departement_id: l.departement, terr_region_id: l.region }
}

/** A perimeter: territories with their level. */
export type Perimeter = Array<{ id: string; kind: string }>

/**
 * "Inside the perimeter" over a table's copied levels: `communeColumn` holds the commune, `terr_<level>_id`
 * the levels above. An empty perimeter matches nothing.
 */
export function insidePerimeter(perimeter: Perimeter, table: string, communeColumn: string): Expression<SqlBool> {
  const parts = perimeter.map((t) => {
    const column = t.kind === 'commune' ? communeColumn : `terr_${t.kind}_id`
    return sql<SqlBool>`${sql.ref(`${table}.${column}`)} = ${t.id}`
  })
  if (parts.length === 0) return sql<SqlBool>`1 = 0`
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`
}
