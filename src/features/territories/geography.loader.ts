/**
 * Loads the geography into the database: territories, direct links between levels, the closure table
 * ("everything inside") and the search terms. Idempotent: a second run with the same source version does
 * nothing; a new version updates names, populations and links in one transaction.
 *
 * It is not a tree: 89 EPCI span several départements, and a Grand Paris commune belongs both to an EPT and
 * to the Métropole du Grand Paris. Links are therefore a graph (commune → EPCI, commune → EPT,
 * commune → département, EPCI/EPT → each département holding members, département → région), and the closure
 * only puts an EPCI "inside" a département or région that holds all of its members.
 * Territories are never deleted (organisations may reference a commune that a later vintage merged).
 */
import type { Kysely } from 'kysely'
import { normaliseJoiningElisions, normaliseText } from '../../core/text/normalise.js'
import type { GeographySource } from './geography.source.js'
import type { Database } from '../../database.js'
import type { TerritoriesTable, TerritoryKind } from './territories.table.js'

/** Called with the step name, work done and total, so the CLI can draw a progress bar. */
export type LoadProgress = (step: string, done: number, total: number) => void

export interface LoadReport {
  skipped: boolean
  version: string
  territories: number
  links: number
  closure: number
  searchTerms: number
}

const META_KEY = 'geography_version'

export function territoryId(kind: TerritoryKind, code: string): string {
  return `${kind}:${code}`
}

interface Built {
  territories: TerritoriesTable[]
  links: Array<{ child_id: string; parent_id: string }>
  closure: Array<{ ancestor_id: string; descendant_id: string }>
  terms: Array<{ term: string; territory_id: string; tier: number; population: number }>
}

/** Computes every row from the source (pure; exported for tests). */
export function buildGeography(source: GeographySource): Built {
  const territories: TerritoriesTable[] = []
  const links = new Map<string, { child_id: string; parent_id: string }>()
  const closure = new Map<string, { ancestor_id: string; descendant_id: string }>()
  const link = (child: string, parent: string) => links.set(`${child}>${parent}`, { child_id: child, parent_id: parent })
  const contains = (ancestor: string, descendant: string) =>
    closure.set(`${ancestor}>${descendant}`, { ancestor_id: ancestor, descendant_id: descendant })

  const departementRegion = new Map<string, string>()
  const departementPopulation = new Map<string, number>()
  const regionPopulation = new Map<string, number>()
  const communeById = new Map<string, TerritoriesTable>()
  const regionCodes = new Set(source.regions.map((r) => r.code))

  for (const c of source.communes) {
    const population = c.population ?? null
    const row: TerritoriesTable = {
      id: territoryId('commune', c.code),
      kind: 'commune',
      code: c.code,
      name: c.nom,
      subtype: null,
      siren: c.siren ?? null,
      population,
      departement_code: c.departement ?? null,
      region_code: c.region ?? null,
      zone: c.zone,
      postal_codes: c.codesPostaux && c.codesPostaux.length > 0 ? c.codesPostaux.join(' ') : null,
      chef_lieu_code: null,
    }
    territories.push(row)
    communeById.set(c.code, row)
    contains(row.id, row.id)
    if (c.departement) {
      departementPopulation.set(c.departement, (departementPopulation.get(c.departement) ?? 0) + (population ?? 0))
    }
    if (c.region) regionPopulation.set(c.region, (regionPopulation.get(c.region) ?? 0) + (population ?? 0))
  }

  for (const r of source.regions) {
    const id = territoryId('region', r.code)
    territories.push({
      id,
      kind: 'region',
      code: r.code,
      name: r.nom,
      subtype: null,
      siren: null,
      population: regionPopulation.get(r.code) ?? null,
      departement_code: null,
      region_code: r.code,
      zone: r.zone,
      postal_codes: null,
      chef_lieu_code: r.chefLieu ?? null,
    })
    contains(id, id)
  }

  for (const d of source.departements) {
    const id = territoryId('departement', d.code)
    departementRegion.set(d.code, d.region)
    territories.push({
      id,
      kind: 'departement',
      code: d.code,
      name: d.nom,
      subtype: null,
      siren: null,
      population: departementPopulation.get(d.code) ?? null,
      departement_code: d.code,
      region_code: d.region,
      zone: d.zone,
      postal_codes: null,
      chef_lieu_code: d.chefLieu ?? null,
    })
    contains(id, id)
    // Overseas collectivities are their own "région" in the source: only link when it is a distinct row.
    if (regionCodes.has(d.region)) {
      const regionId = territoryId('region', d.region)
      link(id, regionId)
      contains(regionId, id)
    }
  }

  for (const c of source.communes) {
    const id = territoryId('commune', c.code)
    if (c.departement) {
      const depId = territoryId('departement', c.departement)
      link(id, depId)
      contains(depId, id)
    }
    if (c.region && regionCodes.has(c.region)) contains(territoryId('region', c.region), id)
  }

  const groups: Array<{ kind: 'epci' | 'ept'; list: GeographySource['epci'] }> = [
    { kind: 'epci', list: source.epci },
    { kind: 'ept', list: source.ept },
  ]
  for (const { kind, list } of groups) {
    for (const g of list) {
      const id = territoryId(kind, g.code)
      const members = g.membres.map((m) => communeById.get(m.code)).filter((m): m is TerritoriesTable => m !== undefined)
      const deps = new Set(members.map((m) => m.departement_code).filter((d): d is string => d !== null))
      const regs = new Set(members.map((m) => m.region_code).filter((r): r is string => r !== null))
      const population = g.populationMunicipale ?? members.reduce((sum, m) => sum + (m.population ?? 0), 0)
      territories.push({
        id,
        kind,
        code: g.code,
        name: g.nom,
        subtype: g.type || (kind === 'ept' ? 'EPT' : null),
        siren: g.code,
        population,
        departement_code: deps.size === 1 ? [...deps][0]! : null,
        region_code: regs.size === 1 ? [...regs][0]! : null,
        zone: members[0]?.zone ?? 'metro',
        postal_codes: null,
        chef_lieu_code: null,
      })
      contains(id, id)
      for (const m of members) {
        link(m.id, id)
        contains(id, m.id)
      }
      for (const dep of deps) link(id, territoryId('departement', dep))
      if (deps.size === 1) contains(territoryId('departement', [...deps][0]!), id)
      if (regs.size === 1 && regionCodes.has([...regs][0]!)) {
        contains(territoryId('region', [...regs][0]!), id)
      }
    }
  }

  const terms = new Map<string, { term: string; territory_id: string; tier: number; population: number }>()
  const addTerm = (term: string, territory: TerritoriesTable, tier: number) => {
    if (term === '') return
    const key = `${term}|${territory.id}`
    const existing = terms.get(key)
    if (existing && existing.tier <= tier) return
    terms.set(key, { term, territory_id: territory.id, tier, population: territory.population ?? 0 })
  }
  for (const t of territories) {
    for (const variant of new Set([normaliseText(t.name), normaliseJoiningElisions(t.name)])) {
      addTerm(variant, t, 0)
      const words = variant.split(' ')
      for (let i = 1; i < words.length; i++) {
        // Skip inner suffixes starting with a one-letter word ("l", "d") — too noisy to be useful.
        if ((words[i] ?? '').length > 1) addTerm(words.slice(i).join(' '), t, 1)
      }
    }
    addTerm(t.code.toLowerCase(), t, 2)
    if (t.postal_codes) for (const cp of t.postal_codes.split(' ')) addTerm(cp, t, 2)
  }

  return { territories, links: [...links.values()], closure: [...closure.values()], terms: [...terms.values()] }
}

async function insertChunks<T>(
  insert: (rows: T[]) => Promise<unknown>,
  rows: T[],
  columns: number,
  step: string,
  progress?: LoadProgress,
): Promise<void> {
  // Stay under SQLite's 32 766 bound parameters per statement (and keep PostgreSQL statements small).
  const size = Math.max(1, Math.floor(30000 / columns))
  for (let i = 0; i < rows.length; i += size) {
    await insert(rows.slice(i, i + size))
    progress?.(step, Math.min(i + size, rows.length), rows.length)
  }
}

/**
 * Loads `source` unless the same version is already loaded (then `skipped` is true).
 * Everything happens in one transaction: readers see the old geography or the new one, never a mix.
 */
export async function loadGeography(
  db: Kysely<Database>,
  source: GeographySource,
  options: { force?: boolean; progress?: LoadProgress } = {},
): Promise<LoadReport> {
  const current = await db.selectFrom('app_meta').select('value').where('key', '=', META_KEY).executeTakeFirst()
  const built = buildGeography(source)
  const report: LoadReport = {
    skipped: false,
    version: source.version,
    territories: built.territories.length,
    links: built.links.length,
    closure: built.closure.length,
    searchTerms: built.terms.length,
  }
  if (current?.value === source.version && !options.force) return { ...report, skipped: true }
  const progress = options.progress

  await db.transaction().execute(async (trx) => {
    await insertChunks(
      (rows) =>
        trx
          .insertInto('territories')
          .values(rows)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              subtype: eb.ref('excluded.subtype'),
              siren: eb.ref('excluded.siren'),
              population: eb.ref('excluded.population'),
              departement_code: eb.ref('excluded.departement_code'),
              region_code: eb.ref('excluded.region_code'),
              zone: eb.ref('excluded.zone'),
              postal_codes: eb.ref('excluded.postal_codes'),
              chef_lieu_code: eb.ref('excluded.chef_lieu_code'),
            })),
          )
          .execute(),
      built.territories,
      12,
      'territoires',
      progress,
    )
    await trx.deleteFrom('territory_links').execute()
    await insertChunks((rows) => trx.insertInto('territory_links').values(rows).execute(), built.links, 2, 'liens', progress)
    await trx.deleteFrom('territory_closure').execute()
    await insertChunks((rows) => trx.insertInto('territory_closure').values(rows).execute(), built.closure, 2, 'inclusions', progress)
    await trx.deleteFrom('territory_kind_counts').execute()
    await trx
      .insertInto('territory_kind_counts')
      .columns(['territory_id', 'kind', 'n'])
      .expression((eb) =>
        eb
          .selectFrom('territory_closure')
          .innerJoin('territories', 'territories.id', 'territory_closure.descendant_id')
          .select(['territory_closure.ancestor_id', 'territories.kind', (c) => c.fn.countAll<number>().as('n')])
          .whereRef('territory_closure.descendant_id', '<>', 'territory_closure.ancestor_id')
          .groupBy(['territory_closure.ancestor_id', 'territories.kind']),
      )
      .execute()
    // The organisations seated in each territory follow the new closure (the triggers only see writes to
    // organisations): listed by name, then counted from that list.
    await trx.deleteFrom('territory_organisations').execute()
    await trx
      .insertInto('territory_organisations')
      .columns(['territory_id', 'search_name', 'organisation_id'])
      .expression((eb) =>
        eb
          .selectFrom('organisations')
          .innerJoin('territory_closure', 'territory_closure.descendant_id', 'organisations.seat_commune_id')
          .select(['territory_closure.ancestor_id', 'organisations.search_name', 'organisations.id']),
      )
      .execute()
    await trx.deleteFrom('territory_organisation_counts').execute()
    await trx
      .insertInto('territory_organisation_counts')
      .columns(['territory_id', 'n'])
      .expression((eb) => eb.selectFrom('territory_organisations').select(['territory_id', (c) => c.fn.countAll<number>().as('n')]).groupBy('territory_id'))
      .execute()
    await trx.deleteFrom('territory_search_terms').execute()
    await insertChunks((rows) => trx.insertInto('territory_search_terms').values(rows).execute(), built.terms, 4, 'recherche', progress)
    const now = new Date().toISOString()
    await trx
      .insertInto('app_meta')
      .values({ key: META_KEY, value: source.version, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: source.version, updated_at: now }))
      .execute()
  })
  return report
}
