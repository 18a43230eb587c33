/**
 * The budget table of an application: expense lines, and resource lines — the amount asked of the fund, named
 * co-funders, the applicants' own funds, and help in kind (a quantity of a contribution type valued with the
 * platform's reference rates, or an amount stated when no rate applies). Expenses must equal resources to the
 * cent; the co-funding share is what does not come from the fund.
 *
 * Form fields (n from 1): `expense_label_n`, `expense_amount_n`; `resource_source_n`, `resource_label_n`,
 * `resource_amount_n`, `resource_type_n`, `resource_unit_n`, `resource_quantity_n`. Blank rows are ignored.
 */
import type { Kysely } from 'kysely'
import type { FieldProblem } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import { CONTRIBUTION_UNITS, type ContributionUnit } from '../../alliances/index.js'
import { quoteValue } from '../../valuation/index.js'
import { codesOf } from '../../vocabulary/index.js'
import { readEuros, readQuantity } from '../amounts.js'
import type { ResourceSource } from '../mobilisation.table.js'

/** Resource lines a person types (the fund's line comes from the amount requested). */
export const TYPED_SOURCES: readonly ResourceSource[] = ['cofunder', 'own', 'in_kind']
/** Rows offered by the form. */
export const EXPENSE_ROWS = 8
export const RESOURCE_ROWS = 6

export interface ExpenseInput {
  label: string
  amount: string
}

export interface ResourceInput {
  source: string
  label: string
  amount?: string
  inKindType?: string
  inKindUnit?: string
  inKindQuantity?: string
}

export interface BudgetLine {
  side: 'expense' | 'resource'
  position: number
  source: string
  label: string
  amount_cents: number
  in_kind_type: string | null
  in_kind_unit: string | null
  in_kind_hundredths: number | null
  rate_table_version: number | null
}

export interface Budget {
  lines: BudgetLine[]
  expensesCents: number
  resourcesCents: number
}

const blank = (...values: Array<string | undefined>) => values.every((v) => (v ?? '').trim() === '')

/**
 * Reads and checks the budget (every problem added to `problems`): each row has a label and an amount (in-kind rows a
 * type, unit and quantity, valued by the reference rates when one applies), and expenses equal resources including
 * the `requestedCents` asked of the fund. Returns the lines to store (the fund's line first among resources).
 */
export async function readBudget(db: Kysely<Database>, problems: FieldProblem[], requestedCents: number | null, expenses: ExpenseInput[], resources: ResourceInput[], day: string): Promise<Budget> {
  const lines: BudgetLine[] = []
  const types = codesOf('contribution_type')
  expenses.forEach((e, i) => {
    const n = i + 1
    if (blank(e.label, e.amount)) return
    if (e.label.trim().length < 2) problems.push({ field: `expense_label_${n}`, message: 'mobilisation.error.lineLabel' })
    const cents = readEuros(problems, `expense_amount_${n}`, e.amount)
    if (cents !== null) lines.push({ side: 'expense', position: n, source: 'expense', label: e.label.trim(), amount_cents: cents, in_kind_type: null, in_kind_unit: null, in_kind_hundredths: null, rate_table_version: null })
  })
  if (!lines.some((l) => l.side === 'expense') && !problems.some((p) => p.field.startsWith('expense_'))) problems.push({ field: 'expense_label_1', message: 'mobilisation.error.noExpense' })
  if (requestedCents !== null) lines.push({ side: 'resource', position: 0, source: 'fund', label: '', amount_cents: requestedCents, in_kind_type: null, in_kind_unit: null, in_kind_hundredths: null, rate_table_version: null })
  for (const [i, r] of resources.entries()) {
    const n = i + 1
    if (blank(r.label, r.amount, r.inKindQuantity)) continue
    if (!(TYPED_SOURCES as readonly string[]).includes(r.source)) {
      problems.push({ field: `resource_source_${n}`, message: 'form.error.choice' })
      continue
    }
    if (r.label.trim().length < 2) problems.push({ field: `resource_label_${n}`, message: 'mobilisation.error.lineLabel' })
    if (r.source !== 'in_kind') {
      const cents = readEuros(problems, `resource_amount_${n}`, r.amount)
      if (cents !== null) lines.push({ side: 'resource', position: n, source: r.source, label: r.label.trim(), amount_cents: cents, in_kind_type: null, in_kind_unit: null, in_kind_hundredths: null, rate_table_version: null })
      continue
    }
    const type = r.inKindType ?? ''
    const unit = r.inKindUnit ?? ''
    if (!types.includes(type) || type === 'mecenat_financier') problems.push({ field: `resource_type_${n}`, message: 'mobilisation.error.inKindType' })
    if (!(CONTRIBUTION_UNITS as readonly string[]).includes(unit) || unit === 'eur') {
      problems.push({ field: `resource_unit_${n}`, message: 'mobilisation.error.inKindUnit' })
      continue
    }
    const quantity = readQuantity(problems, `resource_quantity_${n}`, r.inKindQuantity, unit as ContributionUnit)
    if (quantity === null || !types.includes(type)) continue
    const quote = await quoteValue(db, { contributionType: type, unit, quantityHundredths: quantity, day })
    // A rate values it; otherwise (goods, premises) the applicants state its value.
    const cents = quote.cents !== null ? Number(quote.cents) : readEuros(problems, `resource_amount_${n}`, r.amount)
    if (cents !== null) lines.push({ side: 'resource', position: n, source: 'in_kind', label: r.label.trim(), amount_cents: cents, in_kind_type: type, in_kind_unit: unit, in_kind_hundredths: quantity, rate_table_version: quote.cents !== null ? (quote.table?.version ?? null) : null })
  }
  const expensesCents = lines.filter((l) => l.side === 'expense').reduce((sum, l) => sum + l.amount_cents, 0)
  const resourcesCents = lines.filter((l) => l.side === 'resource').reduce((sum, l) => sum + l.amount_cents, 0)
  const complete = !problems.some((p) => /^(expense|resource)_|^requested$/.test(p.field))
  if (complete && expensesCents !== resourcesCents) problems.push({ field: 'budget', message: 'mobilisation.error.unbalanced', params: { expenses: expensesCents / 100, resources: resourcesCents / 100 } })
  return { lines, expensesCents, resourcesCents }
}

/** The co-funding share of a budget in per mille (what does not come from the fund), 0 for an empty budget. */
export function cofundingPerMille(budgetCents: number, requestedCents: number): number {
  if (budgetCents <= 0) return 0
  return Math.floor(((budgetCents - requestedCents) * 1000) / budgetCents)
}
