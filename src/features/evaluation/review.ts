/**
 * The partnership review (bilan partenarial) of a round as one document: stakes and perimeter, partners and
 * worlds, valued contributions over the round's period (with the rates and version that produced every
 * euro), indicators, crossed views and trajectories, lessons. It is built from the live data, then frozen as
 * JSON in versions: partners approve a version, and what is published is exactly what they approved.
 * Amounts are strings of cents (JSON numbers cannot carry every integer exactly).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../database.js'
import type { Disclosure } from './evaluation.table.js'
import { findAllianceDetails, listPartners, type AllianceScope } from '../alliances/index.js'
import { listValuedContributions, summarise } from '../valuation/index.js'
import { crossedView, trajectories, type CrossedView } from './crossed.js'
import { gridOf } from './evaluation.grid.js'
import { listRounds, listSubmittedAnswers, roundStatus, type Round } from './evaluation.queries.js'
import { listIndicators } from './indicators.js'

export interface ReviewDocument {
  /** the document's format, for readers of the JSON export */
  format: 'alliance-bilan-partenarial/1'
  builtAt: string
  alliance: {
    id: string
    name: string
    stakes: string
    description: string
    form: string
    phase: string
    visibility: string
    startedOn: string
    territories: Array<{ id: string; name: string; kind: string }>
    sdgs: number[]
    sdgTargets: string[]
  }
  round: { id: string; number: number; title: string; periodStart: string; periodEnd: string; opensOn: string; closesOn: string; gridVersion: number; disclosure: Disclosure }
  partners: Array<{ organisationId: string; name: string; world: string; role: string; brings: string; expects: string; bringsObjectives: string[]; expectsObjectives: string[] }>
  worlds: Array<{ world: string; partners: number }>
  valuation: {
    table: { id: string; title: string; version: number; scope: string; methodNote: string } | null
    adopted: boolean
    reason: string
    totalCents: string
    count: number
    statedCount: number
    unvaluedCount: number
    byPartner: Array<{ organisationId: string; name: string; world: string; cents: string; perMille: number; count: number }>
    byWorld: Array<{ world: string; cents: string; perMille: number }>
    byType: Array<{ contributionType: string; cents: string; perMille: number; count: number }>
    byLever: Array<{ lever: string; cents: string; perMille: number }>
    unvalued: Array<{ contributionType: string; unit: string; quantityHundredths: number; count: number }>
    rates: Array<{ contributionType: string; unit: string; rateCents: number; validFrom: string; validTo: string | null; methodNote: string; sourceText: string; sourceUrl: string | null }>
  }
  indicators: Array<{ id: string; name: string; unit: string; direction: string; baselineHundredths: number | null; baselineOn: string | null; targetHundredths: number | null; targetOn: string | null; sdgTarget: string | null; source: string; values: Array<{ on: string; valueHundredths: number; source: string; organisation: string }> }>
  crossed: CrossedView
  trajectories: ReturnType<typeof trajectories>
}

/** Builds the review document of a closed round from the live data (the caller checked the rights). */
export async function reviewDocument(db: Kysely<Database>, scope: AllianceScope, round: Round, today: string): Promise<ReviewDocument> {
  const [details, partners, valued, indicators, rounds] = await Promise.all([
    findAllianceDetails(db, scope),
    listPartners(db, scope),
    listValuedContributions(db, scope, { from: round.period_start, to: round.period_end }),
    listIndicators(db, scope),
    listRounds(db, scope),
  ])
  if (!details) throw new Error('alliance vanished')
  const closedUpTo = rounds.filter((r) => r.number <= round.number && roundStatus(r, today) === 'closed')
  const answers = await listSubmittedAnswers(db, scope, closedUpTo.map((r) => r.id))
  const active = partners.filter((p) => p.status === 'active')
  const grid = gridOf(round.grid_version)
  const report = summarise(valued.rows)
  const worlds = new Map<string, number>()
  for (const p of active) worlds.set(p.world, (worlds.get(p.world) ?? 0) + 1)
  const a = details.alliance
  const table = valued.method.table
  return {
    format: 'alliance-bilan-partenarial/1',
    builtAt: new Date().toISOString(),
    alliance: {
      id: a.id,
      name: a.name,
      stakes: a.stakes,
      description: a.description,
      form: a.form,
      phase: a.phase,
      visibility: a.visibility,
      startedOn: a.started_on,
      territories: details.territories.map((t) => ({ id: t.id, name: t.name, kind: t.kind })),
      sdgs: details.sdgs,
      sdgTargets: details.sdgTargets,
    },
    round: { id: round.id, number: round.number, title: round.title, periodStart: round.period_start, periodEnd: round.period_end, opensOn: round.opens_on, closesOn: round.closes_on, gridVersion: round.grid_version, disclosure: round.disclosure },
    partners: active.map((p) => ({ organisationId: p.organisation_id, name: p.organisation_name, world: p.world, role: p.role, brings: p.brings, expects: p.expects, bringsObjectives: p.brings_objectives, expectsObjectives: p.expects_objectives })),
    worlds: [...worlds].map(([world, n]) => ({ world, partners: n })),
    valuation: {
      table: table ? { id: table.id, title: table.title, version: table.version, scope: table.scope, methodNote: table.method_note } : null,
      adopted: valued.method.adopted,
      reason: valued.method.reason,
      totalCents: report.total.toString(),
      count: report.count,
      statedCount: report.statedCount,
      unvaluedCount: report.unvaluedCount,
      byPartner: report.byPartner.map((p) => ({ organisationId: p.organisationId, name: p.organisationName, world: p.world, cents: p.cents.toString(), perMille: p.perMille, count: p.count })),
      byWorld: report.byWorld.map((w) => ({ world: w.world, cents: w.cents.toString(), perMille: w.perMille })),
      byType: report.byType.map((t) => ({ contributionType: t.contributionType, cents: t.cents.toString(), perMille: t.perMille, count: t.count })),
      byLever: report.byLever.map((l) => ({ lever: l.lever, cents: l.cents.toString(), perMille: l.perMille })),
      unvalued: report.unvalued,
      rates: report.ratesUsed.map((r) => ({ contributionType: r.contributionType, unit: r.unit, rateCents: r.rateCents, validFrom: r.validFrom, validTo: r.validTo, methodNote: r.methodNote, sourceText: r.sourceText, sourceUrl: r.sourceUrl })),
    },
    indicators: indicators.map((i) => ({
      id: i.id,
      name: i.name,
      unit: i.unit,
      direction: i.direction,
      baselineHundredths: i.baseline_hundredths,
      baselineOn: i.baseline_on,
      targetHundredths: i.target_hundredths,
      targetOn: i.target_on,
      sdgTarget: i.sdg_target,
      source: i.source,
      values: i.values.filter((v) => v.measured_on <= round.period_end).map((v) => ({ on: v.measured_on, valueHundredths: v.value_hundredths, source: v.source, organisation: v.organisation_name })),
    })),
    crossed: crossedView({ grid, disclosure: round.disclosure, expected: active.map((p) => ({ organisationId: p.organisation_id, name: p.organisation_name, world: p.world })), answers: answers.filter((x) => x.round_id === round.id) }),
    trajectories: trajectories(grid, closedUpTo, answers),
  }
}
