/**
 * Loads the fictional needs and resources of the pilot territory's demo organisations (about 80 needs and
 * 120 resources): deterministic ids, content from `listening.demo.data.ts`, dates spread over a fixed
 * period, everything flagged `is_demo`. Idempotent: nothing happens when demo needs exist. The demo feature
 * passes its organisations and id function (listening does not import the demo feature).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../database.js'
import { NATIONAL } from './listening.codes.js'
import { NEED_TEMPLATES, RESOURCE_TEMPLATES, type ResourceTemplate } from './listening.demo.data.js'
import { templateNeedRows, templateResourceRow } from './listening.templates.js'
import { reindexNeeds, reindexResources } from './listening.documents.js'
import { levelsOf, type Levels } from './listening.places.js'
import { refreshActorIndex } from './listening.service.js'
import type { NeedStatus, ResourceStatus } from './listening.table.js'
import { matchProfileIds } from './matching/profiles.js'

export interface DemoOrganisationRef {
  id: string
  key: string
  world: string
  seatCommuneId: string
}

export interface ListeningDemoOptions {
  organisations: DemoOrganisationRef[]
  /** Deterministic id of a demo object from its key. */
  idOf(key: string): string
  /** Deterministic pseudo-random numbers in [0, 1). */
  random(): number
}

const BASE_DATE = Date.parse('2026-07-01T08:00:00Z')
const NEED_COUNT = 80
const RESOURCE_COUNT = 120
const NEEDERS = ['association', 'collectivite', 'collectif', 'etat']
const OFFERERS: Record<string, string[]> = {
  mecenat_financier: ['entreprise', 'fondation'],
  mecenat_competences: ['entreprise', 'academique', 'accompagnement'],
  mecenat_nature: ['entreprise', 'syndicat'],
  mecenat_logistique: ['entreprise', 'collectivite'],
  benevolat: ['entreprise', 'association', 'collectif'],
  lieu: ['collectivite', 'accompagnement', 'entreprise', 'association'],
  expertise: ['academique', 'accompagnement', 'entreprise'],
  cooperation_economique: ['entreprise', 'syndicat'],
  partenariat_innovation: ['entreprise', 'academique', 'fondation'],
}

function reachOf(template: ResourceTemplate, seat: Levels): string {
  switch (template.reach) {
    case 'commune':
      return seat.commune ?? NATIONAL
    case 'ept':
      return seat.ept ?? seat.epci ?? seat.departement ?? NATIONAL
    case 'departement':
      return seat.departement ?? NATIONAL
    case 'region':
      return seat.region ?? NATIONAL
    default:
      return NATIONAL
  }
}

export async function loadListeningDemo(db: Kysely<Database>, options: ListeningDemoOptions): Promise<{ loaded: boolean; needs: number; resources: number }> {
  const existing = await db.selectFrom('needs').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst()
  if (existing) return { loaded: false, needs: 0, resources: 0 }
  const random = options.random
  const levels = new Map<string, Levels>()
  for (const o of options.organisations) if (!levels.has(o.seatCommuneId)) levels.set(o.seatCommuneId, await levelsOf(db, o.seatCommuneId))
  const names = new Map((await db.selectFrom('territories').select(['id', 'name']).where('id', 'in', [...levels.keys()]).execute()).map((t) => [t.id, t.name]))
  const date = (offsetDays: number) => new Date(BASE_DATE + Math.floor(offsetDays * 86400_000)).toISOString()

  const needers = options.organisations.filter((o) => NEEDERS.includes(o.world))
  const needs: Database['needs'][] = []
  const contributions: Database['need_contributions'][] = []
  for (let i = 0; i < NEED_COUNT; i++) {
    const template = NEED_TEMPLATES[i % NEED_TEMPLATES.length]!
    const round = Math.floor(i / NEED_TEMPLATES.length)
    const org = needers[(i * 7 + round * 3) % needers.length]!
    const seat = levels.get(org.seatCommuneId)!
    const territoryId = template.level === 'commune' ? seat.commune : template.level === 'ept' ? (seat.ept ?? seat.epci) : seat.departement
    const territory = territoryId ?? org.seatCommuneId
    const tl = await levelsOf(db, territory)
    const id = options.idOf(`need:${i}:${template.title}`)
    const created = date(random() * 120)
    const updated = date((Date.parse(created) - BASE_DATE) / 86400_000 + random() * 30)
    const roll = random()
    const status: NeedStatus = roll < 0.1 ? 'en_discussion' : roll < 0.15 ? 'couvert' : roll < 0.18 ? 'clos' : 'ouvert'
    const title = round === 0 ? template.title : `${template.title} à ${names.get(org.seatCommuneId) ?? ''}`.trim()
    const rows = templateNeedRows(template, { id, organisationId: org.id, world: org.world, title, status, created, updated, territoryId: territory, levels: tl })
    needs.push(rows.need)
    contributions.push(...rows.contributions)
  }

  const resources: Array<Omit<Database['resources'], 'match_profile'>> = []
  for (let i = 0; i < RESOURCE_COUNT; i++) {
    const template = RESOURCE_TEMPLATES[i % RESOURCE_TEMPLATES.length]!
    const round = Math.floor(i / RESOURCE_TEMPLATES.length)
    const eligible = options.organisations.filter((o) => (OFFERERS[template.type] ?? []).includes(o.world) && (template.reach !== 'national' || o.seatCommuneId.startsWith('commune:75') || o.seatCommuneId.startsWith('commune:92') || o.seatCommuneId.startsWith('commune:93')))
    const pool = eligible.length > 0 ? eligible : options.organisations.filter((o) => o.world === 'entreprise')
    const org = pool[(i * 5 + round) % pool.length]!
    const seat = levels.get(org.seatCommuneId)!
    const id = options.idOf(`resource:${i}:${template.title}`)
    const created = date(random() * 120)
    const updated = date((Date.parse(created) - BASE_DATE) / 86400_000 + random() * 30)
    const roll = random()
    const status: ResourceStatus = roll < 0.05 ? 'suspendue' : roll < 0.08 ? 'close' : 'disponible'
    const title = round === 0 ? template.title : `${template.title} (${names.get(org.seatCommuneId) ?? ''})`
    resources.push(templateResourceRow(template, { id, organisationId: org.id, world: org.world, title, status, created, updated, reach: reachOf(template, seat), seat }))
  }

  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < needs.length; i += 50) await trx.insertInto('needs').values(needs.slice(i, i + 50)).execute()
    for (let i = 0; i < contributions.length; i += 100) await trx.insertInto('need_contributions').values(contributions.slice(i, i + 100)).execute()
    const profiles = await matchProfileIds(trx, resources)
    const rows = resources.map((r, i) => ({ ...r, match_profile: profiles[i] as number }))
    for (let i = 0; i < rows.length; i += 50) await trx.insertInto('resources').values(rows.slice(i, i + 50)).execute()
    await reindexNeeds(trx, needs.map((n) => n.id))
    await reindexResources(trx, resources.map((r) => r.id))
  })
  await refreshActorIndex(db)
  return { loaded: true, needs: needs.length, resources: resources.length }
}
