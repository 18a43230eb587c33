/**
 * Reads of a dialogue (the caller has checked the actor may see it): participants with their names, the
 * shared diagnosis with each organisation's view and the mean importance per world, sessions, the maturity
 * result, and the support routes its level recommends (spaces, meetings, resources, practice sheets).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../../database.js'
import type { CatalysisFindingsTable, CatalysisMaturityResultsTable } from '../catalysis.table.js'
import { listMeetings, type MeetingDetails } from '../meetings/meetings.queries.js'
import { listSpacesCovering, type SpaceListRow } from '../spaces/spaces.queries.js'
import type { GridLevel } from './maturity.grid.js'

type Db = Kysely<Database>

export interface FindingWithViews extends CatalysisFindingsTable {
  organisation_name: string
  views: Array<{ organisation_id: string; organisation_name: string; world: string; importance: number; comment: string }>
}

/** The participating organisations with their names and consent, by world then name. */
export async function listParticipants(db: Db, dialogueId: string) {
  return db
    .selectFrom('catalysis_dialogue_participants')
    .innerJoin('organisations', 'organisations.id', 'catalysis_dialogue_participants.organisation_id')
    .select(['organisations.id', 'organisations.name', 'catalysis_dialogue_participants.world', 'catalysis_dialogue_participants.consent', 'catalysis_dialogue_participants.consent_at'])
    .where('catalysis_dialogue_participants.dialogue_id', '=', dialogueId)
    .orderBy('catalysis_dialogue_participants.world')
    .orderBy('organisations.search_name')
    .execute()
}

const PRIORITY_ORDER = { haute: 0, moyenne: 1, basse: 2 } as const

/** The diagnosis: findings (by priority, then newest) with every organisation's view. */
export async function listFindings(db: Db, dialogueId: string): Promise<FindingWithViews[]> {
  const findings = await db
    .selectFrom('catalysis_findings')
    .innerJoin('organisations', 'organisations.id', 'catalysis_findings.organisation_id')
    .selectAll('catalysis_findings')
    .select('organisations.name as organisation_name')
    .where('catalysis_findings.dialogue_id', '=', dialogueId)
    .orderBy('catalysis_findings.created_at', 'desc')
    .execute()
  if (findings.length === 0) return []
  const views = await db
    .selectFrom('catalysis_finding_views')
    .innerJoin('organisations', 'organisations.id', 'catalysis_finding_views.organisation_id')
    .select(['catalysis_finding_views.finding_id', 'catalysis_finding_views.organisation_id', 'organisations.name as organisation_name', 'catalysis_finding_views.world', 'catalysis_finding_views.importance', 'catalysis_finding_views.comment'])
    .where('catalysis_finding_views.finding_id', 'in', findings.map((f) => f.id))
    .orderBy('organisations.search_name')
    .execute()
  return findings
    .map((f) => ({ ...f, views: views.filter((v) => v.finding_id === f.id).map(({ finding_id: _f, ...v }) => v) }))
    .sort((a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority])
}

/** The SDGs (1–17) of a finding's mask. */
export function sdgsOfMask(mask: number): number[] {
  return Array.from({ length: 17 }, (_, i) => i + 1).filter((n) => (mask & (1 << (n - 1))) !== 0)
}

/** Mean importance per world of a finding (the worlds' views side by side). */
export function importanceByWorld(finding: FindingWithViews): Map<string, { mean: number; count: number }> {
  const out = new Map<string, { mean: number; count: number }>()
  for (const v of finding.views) {
    const current = out.get(v.world) ?? { mean: 0, count: 0 }
    out.set(v.world, { mean: (current.mean * current.count + v.importance) / (current.count + 1), count: current.count + 1 })
  }
  return out
}

/** The maturity result of a dialogue, or undefined. */
export async function findResult(db: Db, dialogueId: string): Promise<CatalysisMaturityResultsTable | undefined> {
  return db.selectFrom('catalysis_maturity_results').selectAll().where('dialogue_id', '=', dialogueId).executeTakeFirst()
}

export interface Recommendations {
  spaces: SpaceListRow[]
  meetings: MeetingDetails[]
  resources: Array<{ id: string; title: string; contribution_type: string; organisation_name: string }>
  practices: string[]
}

/** The support routes of a level for a territory (null territory: practice sheets only). */
export async function recommendationsFor(db: Db, level: GridLevel, territory: { id: string; kind: string } | null): Promise<Recommendations> {
  const routes = new Set(level.routes)
  const [spaces, meetings, resources] = await Promise.all([
    routes.has('spaces') && territory ? listSpacesCovering(db, territory.id, 5) : Promise.resolve([]),
    routes.has('meetings') && territory ? listMeetings(db, { perimeter: [territory], from: new Date().toISOString() }, { limit: 5, order: 'asc' }) : Promise.resolve([]),
    routes.has('resources') && territory && level.contributionTypes.length > 0
      ? db
          .selectFrom('resources')
          .innerJoin('organisations', 'organisations.id', 'resources.organisation_id')
          .select(['resources.id', 'resources.title', 'resources.contribution_type', 'organisations.name as organisation_name'])
          .where('resources.status', '=', 'disponible')
          .where('resources.contribution_type', 'in', level.contributionTypes)
          .where((eb) =>
            eb.or([
              eb('resources.reach_territory_id', '=', 'national'),
              eb('resources.reach_territory_id', 'in', eb.selectFrom('territory_closure').select('ancestor_id').where('descendant_id', '=', territory.id)),
              eb('resources.seat_commune_id', 'in', eb.selectFrom('territory_closure').select('descendant_id').where('ancestor_id', '=', territory.id)),
            ]),
          )
          .orderBy('resources.updated_at', 'desc')
          .limit(5)
          .execute()
      : Promise.resolve([]),
  ])
  return { spaces, meetings, resources, practices: routes.has('practices') ? level.practices : [] }
}
