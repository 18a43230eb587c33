/**
 * Reads of one alliance's contributions with their value, computed now from the table that applies (the one
 * the alliance adopted, else the platform default) and from the values partners stated. Nothing valued is
 * stored: changing a table or a statement changes what the next read shows, never a contribution.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../database.js'
import type { AllianceScope } from '../alliances/index.js'
import { valuationMethodOf, type ValuationMethod } from './rates.queries.js'
import { valueContribution, type ContributionValue } from './valuation.engine.js'

type Db = Kysely<Database> | Transaction<Database>

export interface ValuedContribution {
  id: string
  organisationId: string
  organisationName: string
  world: string
  contributionType: string
  unit: string
  quantityHundredths: number
  /** YYYY-MM-DD */
  day: string
  description: string
  value: ContributionValue
  /** what the giving partner stated (a value and its basis, who received it), if anything */
  statement: { valueCents: number | null; basis: string; recipientOrganisationId: string | null; recipientName: string | null } | null
}

export interface DayRange {
  /** YYYY-MM-DD, inclusive */
  from?: string
  /** YYYY-MM-DD, inclusive */
  to?: string
}

/** The alliance's contributions in `range` (all when absent), oldest first, each with its value and method. */
export async function listValuedContributions(db: Db, scope: AllianceScope, range: DayRange = {}): Promise<{ method: ValuationMethod; rows: ValuedContribution[] }> {
  let query = db
    .selectFrom('alliance_contributions as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('valuation_statements as s', 's.contribution_id', 'c.id')
    .leftJoin('organisations as r', 'r.id', 's.recipient_organisation_id')
    .select([
      'c.id',
      'c.organisation_id',
      'o.name as organisation_name',
      'o.world',
      'c.contribution_type',
      'c.unit',
      'c.quantity_hundredths',
      'c.contributed_on',
      'c.description',
      's.contribution_id as stated',
      's.value_cents',
      's.basis',
      's.recipient_organisation_id',
      'r.name as recipient_name',
    ])
    .where('c.alliance_id', '=', scope.allianceId)
  if (range.from) query = query.where('c.contributed_on', '>=', range.from)
  if (range.to) query = query.where('c.contributed_on', '<=', range.to)
  const [method, rows] = await Promise.all([valuationMethodOf(db, scope), query.orderBy('c.contributed_on').orderBy('c.id').execute()])
  const rates = method.table?.rates ?? []
  return {
    method,
    rows: rows.map((r) => {
      const statedCents = r.value_cents === null || r.value_cents === undefined ? null : Number(r.value_cents)
      const quantity = Number(r.quantity_hundredths)
      return {
        id: r.id,
        organisationId: r.organisation_id,
        organisationName: r.organisation_name,
        world: r.world,
        contributionType: r.contribution_type,
        unit: r.unit,
        quantityHundredths: quantity,
        day: r.contributed_on,
        description: r.description,
        value: valueContribution({ contributionType: r.contribution_type, unit: r.unit, quantityHundredths: quantity, day: r.contributed_on, statedCents }, rates),
        statement: r.stated ? { valueCents: statedCents, basis: r.basis ?? '', recipientOrganisationId: r.recipient_organisation_id ?? null, recipientName: r.recipient_name ?? null } : null,
      }
    }),
  }
}
