/**
 * The valuation arithmetic, pure and exact: which rate applies to a contribution, its value in cents, and the
 * value of a summary cell. No I/O.
 *
 * The rule (docs/valuation.md): each contribution is valued once, rounded to the cent (half up); every total is
 * the sum of its contributions' values, so totals per partner, world or type always add up to the alliance's
 * total, in any order. A value the giving partner stated wins over the rates; euros count at face value; a
 * contribution with neither a stated value nor a rate stays unvalued (shown as such, never guessed).
 *
 * Why the place summaries stay exact: a quantity q (in hundredths) is 100·a + b with b in 0…99, so
 * round(q·r / 100) = a·r + round(b·r / 100). Summing whole units `a` per fraction `b` lets any rate be applied
 * to thousands of contributions at once, by the database (`place-totals.ts`), with the same result as valuing
 * them one by one.
 */

/** One rate of a table: euros per unit (in cents) for a type and unit, over a validity period. */
export interface Rate {
  id: string
  tableId: string
  contributionType: string
  unit: string
  rateCents: number
  validFrom: string
  validTo: string | null
  methodNote: string
  sourceText: string
  sourceUrl: string | null
}

/** How a value was obtained: stated by the partner, from a rate, at face value (euros), or not at all. */
export type ValueBasis = 'stated' | 'rate' | 'face' | 'none'

export interface ContributionValue {
  /** cents, or null when unvalued */
  cents: bigint | null
  basis: ValueBasis
  rate: Rate | null
}

/** Round half up of `numerator / 100` for a non-negative integer numerator. */
function roundHundredth(numerator: bigint): bigint {
  return (numerator + 50n) / 100n
}

/** The value in cents of `quantityHundredths` units at `rateCents` per unit, rounded once (half up). */
export function valueCents(quantityHundredths: number, rateCents: number): bigint {
  return roundHundredth(BigInt(quantityHundredths) * BigInt(rateCents))
}

/**
 * The rate of `rates` for this type and unit on `day` (YYYY-MM-DD), or null. Tables never hold two rates
 * for the same type and unit on the same day (checked when a table is written); if they did, the one that
 * started last wins.
 */
export function rateOn(rates: readonly Rate[], contributionType: string, unit: string, day: string): Rate | null {
  let found: Rate | null = null
  for (const r of rates) {
    if (r.contributionType !== contributionType || r.unit !== unit) continue
    if (r.validFrom > day || (r.validTo !== null && r.validTo < day)) continue
    if (found === null || r.validFrom > found.validFrom) found = r
  }
  return found
}

/**
 * The value of one contribution: the stated value when there is one, euros at face value, otherwise the
 * table's rate on the day it was given, otherwise none.
 */
export function valueContribution(c: { contributionType: string; unit: string; quantityHundredths: number; day: string; statedCents: number | null }, rates: readonly Rate[]): ContributionValue {
  if (c.statedCents !== null) return { cents: BigInt(c.statedCents), basis: 'stated', rate: null }
  if (c.unit === 'eur') return { cents: BigInt(c.quantityHundredths), basis: 'face', rate: null }
  const rate = rateOn(rates, c.contributionType, c.unit, c.day)
  if (!rate) return { cents: null, basis: 'none', rate: null }
  return { cents: valueCents(c.quantityHundredths, rate.rateCents), basis: 'rate', rate }
}

/** Cents as an exact decimal string of euros, e.g. `123456` → `1234.56` (for the API and CSV files). */
export function centsToDecimal(cents: bigint): string {
  const sign = cents < 0n ? '-' : ''
  const abs = cents < 0n ? -cents : cents
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}

/**
 * The share of `part` in `total` in per mille, rounded half up (for the balance; 0 when the total is 0).
 * Shares are shown next to the euros, never instead of them.
 */
export function perMille(part: bigint, total: bigint): number {
  if (total === 0n) return 0
  return Number((part * 2000n + total) / (2n * total))
}

/**
 * The three levers of a socio-economic model (MSE) fed by each contribution type: people's time and skills,
 * money, and what partners bring through the alliance itself (places, goods, logistics, joint innovation).
 * Responsible purchasing is income from activities, a financial resource. See docs/valuation.md.
 */
export const MSE_LEVER_OF_TYPE: Readonly<Record<string, string>> = {
  benevolat: 'richesses_humaines',
  mecenat_competences: 'richesses_humaines',
  expertise: 'richesses_humaines',
  mecenat_financier: 'ressources_financieres',
  cooperation_economique: 'ressources_financieres',
  mecenat_nature: 'alliances',
  mecenat_logistique: 'alliances',
  lieu: 'alliances',
  partenariat_innovation: 'alliances',
}

/**
 * The category of voluntary contributions in kind (ANC 2018-06) each contribution type falls under for the
 * association that receives it; types absent here (money, purchases, joint R&D) are not contributions in kind.
 */
export const CVN_CATEGORIES = ['benevolat', 'prestations_en_nature', 'dons_en_nature'] as const
export type CvnCategory = (typeof CVN_CATEGORIES)[number]
export const CVN_CATEGORY_OF_TYPE: Readonly<Record<string, CvnCategory>> = {
  benevolat: 'benevolat',
  mecenat_competences: 'prestations_en_nature',
  expertise: 'prestations_en_nature',
  lieu: 'prestations_en_nature',
  mecenat_logistique: 'prestations_en_nature',
  mecenat_nature: 'dons_en_nature',
}
