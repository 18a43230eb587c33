/**
 * The scale generator (`alliance demo scale`): fictional organisations, resources and needs spread over all
 * of France (seats drawn in proportion to commune populations), for benchmarks. Deterministic for a seed:
 * the same options give the same rows and ids. Every row is flagged `is_demo`, and ids start with
 * `5ca1e` so generated rows are recognisable. Rows are written in large multi-row inserts, in transactions
 * of a few thousand rows, with the full-text documents.
 */
import type { Kysely } from 'kysely'
import { refreshStatistics } from '../../core/db/dialect.js'
import { indexDocuments, type SearchDocument } from '../../core/search/fulltext.js'
import { normaliseText } from '../../core/text/normalise.js'
import type { Database } from '../../database.js'
import { NATIONAL } from './listening.codes.js'
import { NEED_TEMPLATES, RESOURCE_TEMPLATES } from './listening.demo.data.js'
import { templateNeedRows, templateResourceRow } from './listening.templates.js'
import { needDocument, resourceDocument } from './listening.documents.js'
import { refreshServedUntil } from './listening.orphans.js'
import { refreshActorIndex } from './listening.service.js'
import { NO_LEVELS, type Levels } from './listening.places.js'
import type { NeedStatus, ResourceStatus } from './listening.table.js'
import { seededRandom } from '../../core/random.js'
import { matchProfileIds } from './matching/profiles.js'

export interface ScaleOptions {
  organisations: number
  resources: number
  needs: number
  seed?: number
  /** Called as work progresses (for a progress bar). */
  progress?: (step: string, done: number, total: number) => void
}

export interface ScaleReport {
  organisations: number
  resources: number
  needs: number
  rows: number
  seconds: number
  rowsPerSecond: number
}

/** A UUID-shaped id, deterministic: `5ca1e` + the kind digit + the serial number. */
export function scaleId(kind: 1 | 2 | 3, n: number): string {
  const h = `5ca1e${kind}${n.toString(16).padStart(26, '0')}`
  const v = `${h.slice(0, 12)}8${h.slice(13, 16)}8${h.slice(17)}`
  return `${v.slice(0, 8)}-${v.slice(8, 12)}-${v.slice(12, 16)}-${v.slice(16, 20)}-${v.slice(20, 32)}`
}

const WORLDS: Array<[string, number]> = [
  ['association', 0.4],
  ['entreprise', 0.35],
  ['collectivite', 0.06],
  ['accompagnement', 0.05],
  ['fondation', 0.04],
  ['syndicat', 0.03],
  ['etat', 0.03],
  ['academique', 0.02],
  ['collectif', 0.02],
]
const WORLD_PREFIX: Record<string, string[]> = {
  association: ['Association', 'Les Amis de', 'Solidarité', 'Maison des familles de', 'Club sportif de', 'Collectif culturel de'],
  entreprise: ['Ateliers de', 'Boulangerie de', 'Services numériques de', 'Bâtiment et rénovation de', 'Transports de', 'Pharmacie de'],
  collectivite: ['Mairie de', 'Service jeunesse de', 'Centre communal d’action sociale de'],
  accompagnement: ['Tiers-lieu de', 'Maison des associations de', 'Incubateur de'],
  fondation: ['Fondation de', 'Fonds de dotation de'],
  syndicat: ['Union des commerçants de', 'Fédération du bâtiment de'],
  etat: ['Agence pour l’emploi de', 'Collège de', 'Centre hospitalier de'],
  academique: ['Institut universitaire de', 'Laboratoire de'],
  collectif: ['Voisins solidaires de', 'Collectif des habitants de'],
}

function pickWeighted<T>(items: Array<[T, number]>, r: number): T {
  let acc = 0
  for (const [item, weight] of items) {
    acc += weight
    if (r < acc) return item
  }
  return items[items.length - 1]![0]
}

/**
 * The levels of every territory (smallest containing territory of each kind) and the ids of the territories
 * containing it, from the closure table.
 */
async function allLevels(db: Kysely<Database>): Promise<{ levels: Map<string, Levels>; ancestors: Map<string, string[]> }> {
  const rows = await db
    .selectFrom('territory_closure')
    .innerJoin('territories', 'territories.id', 'territory_closure.ancestor_id')
    .select(['territory_closure.descendant_id as d', 'territories.id as a', 'territories.kind as k', 'territories.population as p'])
    .execute()
  rows.sort((x, y) => (x.p ?? 0) - (y.p ?? 0) || (x.a < y.a ? -1 : 1))
  const out = new Map<string, Levels>()
  const ancestors = new Map<string, string[]>()
  for (const r of rows) {
    let levels = out.get(r.d)
    if (!levels) {
      levels = { ...NO_LEVELS }
      out.set(r.d, levels)
    }
    if (levels[r.k] === null) levels[r.k] = r.a
    const list = ancestors.get(r.d)
    if (list) list.push(r.a)
    else ancestors.set(r.d, [r.a])
  }
  return { levels: out, ancestors }
}

async function insertChunked<T>(db: Kysely<Database>, table: keyof Database, rows: T[], size: number): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await db.insertInto(table).values(rows.slice(i, i + size) as never).execute()
}

/**
 * Writes `options.organisations` organisations, then needs and resources. Edge cases: needs and resources
 * reference organisations by serial number, so a partial earlier run with the same seed must be removed
 * first (the benchmark builds into a fresh file).
 */
export async function generateScaleData(db: Kysely<Database>, options: ScaleOptions): Promise<ScaleReport> {
  const started = performance.now()
  const random = seededRandom(options.seed ?? 20201123)
  const progress = options.progress ?? (() => {})
  const { levels, ancestors } = await allLevels(db)
  const communes = await db.selectFrom('territories').select(['id', 'name', 'population']).where('kind', '=', 'commune').orderBy('id').execute()
  const cumulative: number[] = []
  let total = 0
  for (const c of communes) {
    total += Math.max(1, c.population ?? 1)
    cumulative.push(total)
  }
  const drawCommune = () => {
    const x = random() * total
    let lo = 0
    let hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((cumulative[mid] as number) > x) hi = mid
      else lo = mid + 1
    }
    return communes[lo]!
  }
  const reference = Date.parse('2026-11-01T00:00:00Z')
  const dateIn = (days: number) => new Date(reference - Math.floor(random() * days * 86400_000)).toISOString()

  interface Org {
    id: string
    world: string
    seat: string
    seatName: string
  }
  const orgs: Org[] = []
  const batch = 5000
  for (let start = 0; start < options.organisations; start += batch) {
    const rows: Database['organisations'][] = []
    for (let n = start; n < Math.min(options.organisations, start + batch); n++) {
      const commune = drawCommune()
      const world = pickWeighted(WORLDS, random())
      const prefixes = WORLD_PREFIX[world] ?? ['Organisation de']
      const name = `${prefixes[Math.floor(random() * prefixes.length)]} ${commune.name} ${n + 1}`
      const at = dateIn(900)
      const org = { id: scaleId(1, n), world, seat: commune.id, seatName: commune.name }
      orgs.push(org)
      rows.push({
        id: org.id,
        world,
        name,
        search_name: normaliseText(name),
        siren: null,
        siret: null,
        rna: null,
        seat_commune_id: commune.id,
        size_band: null,
        description: '',
        website: null,
        contact_email: null,
        contact_phone: null,
        is_demo: 1,
        created_by: null,
        created_at: at,
        updated_at: at,
      })
    }
    await db.transaction().execute(async (trx) => insertChunked(trx as unknown as Kysely<Database>, 'organisations', rows, 500))
    progress('organisations', Math.min(options.organisations, start + batch), options.organisations)
  }

  const needers = orgs.filter((o) => ['association', 'collectivite', 'collectif', 'etat'].includes(o.world))
  for (let start = 0; start < options.needs; start += batch) {
    const needs: Database['needs'][] = []
    const contributions: Database['need_contributions'][] = []
    const documents: SearchDocument[] = []
    for (let n = start; n < Math.min(options.needs, start + batch); n++) {
      const org = needers[Math.floor(random() * needers.length)] ?? orgs[0]!
      const template = NEED_TEMPLATES[Math.floor(random() * NEED_TEMPLATES.length)]!
      const seat = levels.get(org.seat) ?? NO_LEVELS
      const r = random()
      const territory = (r < 0.55 ? seat.commune : r < 0.7 ? (seat.ept ?? seat.epci) : r < 0.9 ? seat.departement : seat.region) ?? org.seat
      const tl = levels.get(territory) ?? NO_LEVELS
      const id = scaleId(2, n)
      const created = dateIn(730)
      const s = random()
      const status: NeedStatus = s < 0.7 ? 'ouvert' : s < 0.85 ? 'en_discussion' : s < 0.95 ? 'couvert' : 'clos'
      const title = `${template.title} à ${org.seatName}`
      const rows = templateNeedRows(template, { id, organisationId: org.id, world: org.world, title, status, created, updated: created, territoryId: territory, levels: tl }, () => 0.5 + random())
      needs.push(rows.need)
      contributions.push(...rows.contributions)
      documents.push(needDocument(needs[needs.length - 1]!, ancestors.get(territory) ?? [territory]))
    }
    await db.transaction().execute(async (trx) => {
      const t = trx as unknown as Kysely<Database>
      await insertChunked(t, 'needs', needs, 400)
      await insertChunked(t, 'need_contributions', contributions, 1000)
      await indexDocuments(t, documents)
    })
    progress('besoins', Math.min(options.needs, start + batch), options.needs)
  }

  const profileCache = new Map<string, number>()
  for (let start = 0; start < options.resources; start += batch) {
    const resources: Array<Omit<Database['resources'], 'match_profile'>> = []
    const documents: SearchDocument[] = []
    for (let n = start; n < Math.min(options.resources, start + batch); n++) {
      const org = orgs[Math.floor(random() * orgs.length)]!
      const template = RESOURCE_TEMPLATES[Math.floor(random() * RESOURCE_TEMPLATES.length)]!
      const seat = levels.get(org.seat) ?? NO_LEVELS
      const r = random()
      const reach = (r < 0.25 ? seat.commune : r < 0.5 ? (seat.ept ?? seat.epci) : r < 0.85 ? seat.departement : r < 0.97 ? seat.region : NATIONAL) ?? NATIONAL
      const id = scaleId(3, n)
      const updated = dateIn(730)
      const s = random()
      const status: ResourceStatus = s < 0.85 ? 'disponible' : s < 0.95 ? 'suspendue' : 'close'
      const scale = 0.5 + random()
      const title = `${template.title} — ${org.seatName}`
      resources.push(templateResourceRow(template, { id, organisationId: org.id, world: org.world, title, status, created: updated, updated, reach, seat }, scale))
      const row = resources[resources.length - 1]!
      documents.push(resourceDocument(row, [...(reach === NATIONAL ? [] : (ancestors.get(reach) ?? [])), ...(ancestors.get(org.seat) ?? [])]))
    }
    await db.transaction().execute(async (trx) => {
      const t = trx as unknown as Kysely<Database>
      const profiles = await matchProfileIds(t, resources, profileCache)
      await insertChunked(t, 'resources', resources.map((r, i) => ({ ...r, match_profile: profiles[i] })), 400)
      await indexDocuments(t, documents)
    })
    progress('ressources', Math.min(options.resources, start + batch), options.resources)
  }

  progress('besoins orphelins', 0, 1)
  await refreshServedUntil(db)
  progress('besoins orphelins', 1, 1)
  progress('acteurs (recherche)', 0, 1)
  await refreshActorIndex(db)
  progress('acteurs (recherche)', 1, 1)
  progress('statistiques', 0, 1)
  await refreshStatistics(db)
  progress('statistiques', 1, 1)
  const seconds = (performance.now() - started) / 1000
  const rows = options.organisations + options.needs + options.resources
  return { organisations: options.organisations, resources: options.resources, needs: options.needs, rows, seconds, rowsPerSecond: rows / seconds }
}
