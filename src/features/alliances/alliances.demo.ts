/**
 * Loads the fictional alliances of the demonstration dataset (`alliances.demo.data.ts`) in one
 * transaction: alliances with their perimeter, SDGs and levers, partners (some invited, some gone), charter
 * versions and signatures by each organisation's admin, contributions generated over the years, journals
 * (the platform's own entries, the partners' entries and recurring meetings) and partnerships.
 *
 * Idempotent: nothing happens when demo alliances exist. Deterministic: ids come from `id(key)` and every
 * varying figure from the seeded `random` the caller passes (the demo feature owns both).
 */
import type { Kysely } from 'kysely'
import { normaliseText } from '../../core/text/normalise.js'
import type { Database } from '../../database.js'
import { DEMO_ALLIANCES, DEMO_STANDALONE_PARTNERSHIPS, DEMO_UNTIL, type DemoAlliance, type DemoGift } from './alliances.demo.data.js'
import type { SystemEvent } from './alliances.table.js'
import { markDirectorySummariesFresh } from './directory.service.js'
import { EVERYWHERE, leverMask, sdgMask, worldMask } from './facets.js'
import { SYSTEM_EVENT_KEYS, titleColumns } from './journal.service.js'
import type { JournalTitle } from './journal.title.js'

export interface AllianceDemoOptions {
  /** Deterministic id of a demo object from its key (`organisation:<key>` gives a demo organisation's id). */
  id: (key: string) => string
  /** A seeded pseudo-random generator in [0, 1). */
  random: () => number
}

type DemoTable = 'alliances' | 'alliance_directory' | 'alliance_territories' | 'alliance_sdgs' | 'alliance_sdg_targets' | 'alliance_levers' | 'alliance_partners' | 'alliance_partner_objectives' | 'alliance_charters' | 'alliance_charter_commitments' | 'alliance_charter_signatures' | 'alliance_contributions' | 'alliance_journal_entries' | 'partnerships'
/** Rows to insert, per table, in an order that respects foreign keys. */
type Rows = { [K in DemoTable]: Array<Database[K]> }

const at = (day: string, hour = 9) => `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T12:00:00Z`) - Date.parse(`${a}T12:00:00Z`)) / 86400_000)
}

/** A quantity in hundredths, rounded the way people give: tens of euros, half hours or days, whole things. */
function quantity(gift: DemoGift, random: () => number): number {
  const raw = gift.min + random() * (gift.max - gift.min)
  if (gift.unit === 'eur') return Math.max(10, Math.round(raw / 10) * 10) * 100
  if (gift.unit === 'hours' || gift.unit === 'days') return Math.max(0.5, Math.round(raw * 2) / 2) * 100
  return Math.max(1, Math.round(raw)) * 100
}

/** Loads the demo alliances; returns how many were created (0 when already there). */
export async function loadAllianceDemo(db: Kysely<Database>, options: AllianceDemoOptions): Promise<{ loaded: boolean; alliances: number }> {
  const existing = await db.selectFrom('alliances').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst()
  if (existing) return { loaded: false, alliances: 0 }
  const { id, random } = options
  const orgId = (key: string) => id(`organisation:${key}`)
  const keys = new Set<string>()
  for (const a of DEMO_ALLIANCES) {
    for (const p of a.partners) keys.add(p.org)
    for (const [org] of a.invited ?? []) keys.add(org)
  }
  for (const [a, b] of DEMO_STANDALONE_PARTNERSHIPS) keys.add(a).add(b)
  const admins = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['memberships.organisation_id', 'users.id', 'users.display_name'])
    .where('memberships.organisation_id', 'in', [...keys].map(orgId))
    .where('memberships.role', '=', 'admin')
    .orderBy('users.id')
    .execute()
  const adminOf = new Map<string, { id: string; name: string }>()
  for (const a of admins) if (!adminOf.has(a.organisation_id)) adminOf.set(a.organisation_id, { id: a.id, name: a.display_name })
  const orgRows = await db.selectFrom('organisations').select(['id', 'world', 'updated_at']).where('id', 'in', [...keys].map(orgId)).execute()
  const worldOf = new Map(orgRows.map((o) => [o.id, o.world]))
  const usedTerritories = [...new Set(DEMO_ALLIANCES.flatMap((a) => a.territories))]
  const closure = await db.selectFrom('territory_closure').select(['ancestor_id', 'descendant_id']).where('descendant_id', 'in', usedTerritories).execute()
  const ancestorsOf = new Map<string, string[]>()
  for (const c of closure) ancestorsOf.set(c.descendant_id, [...(ancestorsOf.get(c.descendant_id) ?? []), c.ancestor_id])
  const missing = [...keys].filter((k) => !adminOf.has(orgId(k)))
  if (missing.length > 0) throw new Error(`Organisations de démonstration absentes : ${missing.join(', ')}`)

  const rows: Rows = {
    alliances: [],
    alliance_directory: [],
    alliance_territories: [],
    alliance_sdgs: [],
    alliance_sdg_targets: [],
    alliance_levers: [],
    alliance_partners: [],
    alliance_partner_objectives: [],
    alliance_charters: [],
    alliance_charter_commitments: [],
    alliance_charter_signatures: [],
    alliance_contributions: [],
    alliance_journal_entries: [],
    partnerships: [],
  }
  for (const alliance of DEMO_ALLIANCES) addAlliance(alliance, rows, { id, random, orgId, adminOf, worldOf, ancestorsOf })
  DEMO_STANDALONE_PARTNERSHIPS.forEach(([a, b, type, on, description], i) => {
    rows.partnerships.push({
      id: id(`partnership:standalone:${i}`),
      alliance_id: null,
      organisation_a_id: orgId(a),
      organisation_b_id: orgId(b),
      partnership_type: type,
      status: 'confirmed',
      started_on: on,
      ended_on: null,
      description,
      proposed_by: adminOf.get(orgId(a))?.id ?? null,
      answered_by: adminOf.get(orgId(b))?.id ?? null,
      is_demo: 1,
      created_at: at(on),
      updated_at: at(on),
    })
  })

  await db.transaction().execute(async (trx) => {
    for (const table of Object.keys(rows) as DemoTable[]) {
      const list = rows[table] as unknown[]
      for (let i = 0; i < list.length; i += 200) await trx.insertInto(table).values(list.slice(i, i + 200) as never).execute()
    }
    const latest = await trx.selectFrom('organisations').select((eb) => eb.fn.max('updated_at').as('at')).executeTakeFirst()
    if (latest?.at) await markDirectorySummariesFresh(trx, latest.at)
  })
  return { loaded: true, alliances: DEMO_ALLIANCES.length }
}

interface Context {
  id: (key: string) => string
  random: () => number
  orgId: (key: string) => string
  adminOf: Map<string, { id: string; name: string }>
  worldOf: Map<string, string>
  ancestorsOf: Map<string, string[]>
}

function addAlliance(a: DemoAlliance, rows: Rows, ctx: Context): void {
  const { id, random, orgId, adminOf, worldOf, ancestorsOf } = ctx
  const allianceId = id(`alliance:${a.key}`)
  const last = a.ended ?? DEMO_UNTIL
  const currentPhase = a.phases.length > 0 ? a.phases[a.phases.length - 1]! : null
  const coordinator = a.partners.find((p) => p.role === 'coordinateur')!
  const authorOf = (org: string) => adminOf.get(orgId(org))?.id ?? null
  rows.alliances.push({
    id: allianceId,
    name: a.name,
    search_name: normaliseText(a.name),
    stakes: a.stakes,
    description: a.description,
    form: a.form,
    phase: currentPhase ? currentPhase[0] : a.firstPhase,
    phase_since: currentPhase ? currentPhase[1] : a.started,
    visibility: a.visibility,
    started_on: a.started,
    ended_on: a.ended ?? null,
    is_demo: 1,
    created_by: authorOf(coordinator.org),
    created_at: at(a.started),
    updated_at: at(currentPhase ? currentPhase[1] : a.started),
  })
  const listing = {
    alliance_id: allianceId,
    visibility: a.visibility,
    search_name: normaliseText(a.name),
    phase: currentPhase ? currentPhase[0] : a.firstPhase,
    form: a.form,
    sdg_mask: sdgMask([...a.sdgs, 17]),
    lever_mask: leverMask(a.levers),
    world_mask: worldMask(a.partners.filter((p) => !p.left).map((p) => worldOf.get(orgId(p.org)) ?? '')),
  }
  for (const scope_id of new Set([EVERYWHERE, ...a.territories.flatMap((t) => [t, ...(ancestorsOf.get(t) ?? [])])])) rows.alliance_directory.push({ scope_id, ...listing })
  for (const territory_id of a.territories) rows.alliance_territories.push({ alliance_id: allianceId, territory_id })
  for (const sdg of [...new Set([...a.sdgs, 17])]) rows.alliance_sdgs.push({ alliance_id: allianceId, sdg })
  for (const target of a.targets) rows.alliance_sdg_targets.push({ alliance_id: allianceId, target })
  for (const lever of a.levers) rows.alliance_levers.push({ alliance_id: allianceId, lever })

  let entry = 0
  const journal = (on: string, org: string | null, kind: string, title: JournalTitle, body: string, event: SystemEvent | null, phases: [string | null, string | null] = [null, null]) => {
    rows.alliance_journal_entries.push({
      id: id(`alliance-journal:${a.key}:${entry++}`),
      alliance_id: allianceId,
      organisation_id: org ? orgId(org) : null,
      kind,
      occurred_on: on,
      ...titleColumns(title),
      body,
      phase_from: phases[0],
      phase_to: phases[1],
      system_event: event,
      author_id: org ? authorOf(org) : null,
      created_at: at(on, 18),
    })
  }
  journal(a.started, coordinator.org, 'jalon', { key: SYSTEM_EVENT_KEYS.created }, '', 'created', [null, a.firstPhase])
  let previous = a.firstPhase
  for (const [phase, on, note] of a.phases) {
    journal(on, coordinator.org, 'changement_phase', { key: SYSTEM_EVENT_KEYS.phase_changed }, note, 'phase_changed', [previous, phase])
    previous = phase
  }

  let contribution = 0
  for (const p of a.partners) {
    const partnerId = id(`alliance-partner:${a.key}:${p.org}`)
    rows.alliance_partners.push({
      id: partnerId,
      alliance_id: allianceId,
      organisation_id: orgId(p.org),
      role: p.role,
      status: p.left ? 'left' : 'active',
      brings: p.brings?.[1] ?? '',
      expects: p.expects?.[1] ?? '',
      invited_by: authorOf(coordinator.org),
      invited_at: at(p.joined, 8),
      responded_by: authorOf(p.org),
      joined_on: p.joined,
      left_on: p.left ?? null,
      left_reason: p.leftReason ?? '',
      updated_at: at(p.left ?? p.joined),
    })
    for (const objective of p.brings?.[0] ?? []) rows.alliance_partner_objectives.push({ partner_id: partnerId, direction: 'brings', objective })
    for (const objective of p.expects?.[0] ?? []) rows.alliance_partner_objectives.push({ partner_id: partnerId, direction: 'expects', objective })
    if (p.joined > a.started) journal(p.joined, p.org, 'jalon', { key: SYSTEM_EVENT_KEYS.partner_joined }, '', 'partner_joined')
    if (p.left) journal(p.left, p.org, 'jalon', { key: SYSTEM_EVENT_KEYS.partner_left }, p.leftReason ?? '', 'partner_left')
    const until = p.left && p.left < last ? p.left : last
    for (const gift of p.gives ?? []) {
      for (let year = Number(p.joined.slice(0, 4)); year <= Number(until.slice(0, 4)); year++) {
        const from = p.joined > `${year}-01-01` ? p.joined : `${year}-01-01`
        const to = until < `${year}-12-31` ? until : `${year}-12-31`
        const span = daysBetween(from, to)
        if (span < 0) continue
        const times = Math.max(1, Math.round(gift.perYear * Math.min(1, (span + 1) / 365)))
        for (let n = 0; n < times; n++) {
          const on = addDays(from, Math.floor(random() * (span + 1)))
          const created = at(on, 17)
          rows.alliance_contributions.push({
            id: id(`alliance-contribution:${a.key}:${contribution++}`),
            alliance_id: allianceId,
            partner_id: partnerId,
            organisation_id: orgId(p.org),
            contribution_type: gift.type,
            unit: gift.unit,
            quantity_hundredths: quantity(gift, random),
            contributed_on: on,
            description: gift.description,
            created_by: authorOf(p.org),
            created_at: created,
            updated_by: null,
            updated_at: created,
          })
        }
      }
    }
  }
  for (const [org, role, on] of a.invited ?? []) {
    rows.alliance_partners.push({
      id: id(`alliance-partner:${a.key}:${org}`),
      alliance_id: allianceId,
      organisation_id: orgId(org),
      role,
      status: 'invited',
      brings: '',
      expects: '',
      invited_by: authorOf(coordinator.org),
      invited_at: at(on),
      responded_by: null,
      joined_on: null,
      left_on: null,
      left_reason: '',
      updated_at: at(on),
    })
  }

  a.charters.forEach((c, index) => {
    const version = index + 1
    const charterId = id(`alliance-charter:${a.key}:${version}`)
    rows.alliance_charters.push({
      id: charterId,
      alliance_id: allianceId,
      version,
      principles: c.principles,
      governance: c.governance,
      meeting_frequency: c.frequency,
      next_review_on: c.review,
      created_by: authorOf(coordinator.org),
      created_at: at(c.on, 10),
    })
    for (const [org, text] of Object.entries(c.commitments)) rows.alliance_charter_commitments.push({ charter_id: charterId, organisation_id: orgId(org), commitments: text })
    for (const [org, on] of c.signed) {
      const admin = adminOf.get(orgId(org))!
      rows.alliance_charter_signatures.push({ charter_id: charterId, organisation_id: orgId(org), version, signed_by: admin.id, signer_name: admin.name, signed_at: at(on, 11) })
    }
    journal(c.on, coordinator.org, 'decision', { key: SYSTEM_EVENT_KEYS.charter_version, params: { version } }, '', 'charter_version')
  })

  for (const [on, org, kind, title, body] of a.journal) journal(on, org, kind, title, body, null)
  if (a.meetings) {
    for (let year = Number(a.started.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
      for (const month of a.meetings.months) {
        const on = `${year}-${String(month).padStart(2, '0')}-${String(8 + Math.floor(random() * 14)).padStart(2, '0')}`
        if (on <= a.started || on > last) continue
        journal(on, coordinator.org, 'reunion', a.meetings.title, 'Point d’avancement, contributions de chacun, prochaines étapes.', null)
      }
    }
  }
  ;(a.partnerships ?? []).forEach(([x, y, type, on, description], i) => {
    rows.partnerships.push({
      id: id(`partnership:${a.key}:${i}`),
      alliance_id: allianceId,
      organisation_a_id: orgId(x),
      organisation_b_id: orgId(y),
      partnership_type: type,
      status: 'confirmed',
      started_on: on,
      ended_on: null,
      description,
      proposed_by: authorOf(x),
      answered_by: authorOf(y),
      is_demo: 1,
      created_at: at(on),
      updated_at: at(on),
    })
  })
}
