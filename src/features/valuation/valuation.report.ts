/**
 * Valued totals of a set of contributions (pure): per partner, per world, per type, per lever of the
 * socio-economic model, each partner's and each world's share (the balance), what stayed unvalued, and the
 * rates used. Every total is a sum of contributions' values, so the parts always add up to the whole.
 * Never a score, never a ranking: rows come in a fixed order (by name, by the lexique's order), not by amount.
 */
import { termsOf } from '../vocabulary/index.js'
import { MSE_LEVER_OF_TYPE, perMille, type Rate } from './valuation.engine.js'
import type { ValuedContribution } from './valuation.queries.js'

export interface Share {
  cents: bigint
  /** share of the valued total, per mille */
  perMille: number
  /** contributions counted here (valued or not) */
  count: number
}

export interface UnvaluedLine {
  contributionType: string
  unit: string
  quantityHundredths: number
  count: number
}

export interface ValuationReport {
  total: bigint
  count: number
  statedCount: number
  unvaluedCount: number
  byPartner: Array<Share & { organisationId: string; organisationName: string; world: string; unvalued: number }>
  byWorld: Array<Share & { world: string }>
  byType: Array<Share & { contributionType: string }>
  byLever: Array<Share & { lever: string }>
  unvalued: UnvaluedLine[]
  /** the rates that produced at least one figure, by type, unit and date */
  ratesUsed: Rate[]
}

function group<K>(rows: ValuedContribution[], keyOf: (r: ValuedContribution) => K): Map<K, { cents: bigint; count: number; unvalued: number }> {
  const out = new Map<K, { cents: bigint; count: number; unvalued: number }>()
  for (const r of rows) {
    const key = keyOf(r)
    const g = out.get(key) ?? { cents: 0n, count: 0, unvalued: 0 }
    g.count++
    if (r.value.cents === null) g.unvalued++
    else g.cents += r.value.cents
    out.set(key, g)
  }
  return out
}

const order = (kind: Parameters<typeof termsOf>[0]) => {
  const codes = termsOf(kind).map((t) => t.code)
  return (a: string, b: string) => codes.indexOf(a) - codes.indexOf(b)
}

/** Sums the values of `rows`. */
export function summarise(rows: ValuedContribution[]): ValuationReport {
  let total = 0n
  for (const r of rows) if (r.value.cents !== null) total += r.value.cents
  const share = (g: { cents: bigint; count: number }) => ({ cents: g.cents, perMille: perMille(g.cents, total), count: g.count })
  const partners = group(rows, (r) => r.organisationId)
  const names = new Map(rows.map((r) => [r.organisationId, { name: r.organisationName, world: r.world }]))
  const worlds = group(rows, (r) => r.world)
  const types = group(rows, (r) => r.contributionType)
  const levers = group(rows, (r) => MSE_LEVER_OF_TYPE[r.contributionType] ?? 'alliances')
  const unvalued = new Map<string, UnvaluedLine>()
  const rates = new Map<string, Rate>()
  for (const r of rows) {
    if (r.value.rate) rates.set(r.value.rate.id, r.value.rate)
    if (r.value.cents !== null) continue
    const key = `${r.contributionType}|${r.unit}`
    const line = unvalued.get(key) ?? { contributionType: r.contributionType, unit: r.unit, quantityHundredths: 0, count: 0 }
    line.quantityHundredths += r.quantityHundredths
    line.count++
    unvalued.set(key, line)
  }
  const byWorldOrder = order('world')
  const byTypeOrder = order('contribution_type')
  return {
    total,
    count: rows.length,
    statedCount: rows.filter((r) => r.value.basis === 'stated').length,
    unvaluedCount: rows.filter((r) => r.value.cents === null).length,
    byPartner: [...partners]
      .map(([organisationId, g]) => ({ organisationId, organisationName: names.get(organisationId)?.name ?? '', world: names.get(organisationId)?.world ?? '', unvalued: g.unvalued, ...share(g) }))
      .sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'fr')),
    byWorld: [...worlds].map(([world, g]) => ({ world, ...share(g) })).sort((a, b) => byWorldOrder(a.world, b.world)),
    byType: [...types].map(([contributionType, g]) => ({ contributionType, ...share(g) })).sort((a, b) => byTypeOrder(a.contributionType, b.contributionType)),
    byLever: termsOf('mse_lever').map((t) => ({ lever: t.code, ...share(levers.get(t.code) ?? { cents: 0n, count: 0 }) })),
    unvalued: [...unvalued.values()].sort((a, b) => byTypeOrder(a.contributionType, b.contributionType) || a.unit.localeCompare(b.unit)),
    ratesUsed: [...rates.values()].sort((a, b) => byTypeOrder(a.contributionType, b.contributionType) || a.unit.localeCompare(b.unit) || a.validFrom.localeCompare(b.validFrom)),
  }
}

/** The years that hold contributions, oldest first, with their valued total. */
export function yearsOf(rows: ValuedContribution[]): Array<{ year: number; cents: bigint; count: number }> {
  const years = group(rows, (r) => Number(r.day.slice(0, 4)))
  return [...years].map(([year, g]) => ({ year, cents: g.cents, count: g.count })).sort((a, b) => a.year - b.year)
}

/** The contributions of one calendar year. */
export function ofYear(rows: ValuedContribution[], year: number): ValuedContribution[] {
  const prefix = `${year}-`
  return rows.filter((r) => r.day.startsWith(prefix))
}
