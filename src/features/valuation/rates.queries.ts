/**
 * Reads of rate tables: the platform's versions (public reference data), an alliance's own tables, the rates of
 * a table, and which table values an alliance's contributions (the one it adopted, else the platform default:
 * the newest platform version).
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../database.js'
import type { AllianceScope } from '../alliances/index.js'
import type { Rate } from './valuation.engine.js'
import type { ValuationRateTablesTable, ValuationRatesTable } from './valuation.table.js'

type Db = Kysely<Database> | Transaction<Database>

export type RateTable = ValuationRateTablesTable

export interface RateTableWithRates extends RateTable {
  rates: Rate[]
}

export function toRate(r: ValuationRatesTable): Rate {
  return {
    id: r.id,
    tableId: r.table_id,
    contributionType: r.contribution_type,
    unit: r.unit,
    rateCents: Number(r.rate_cents),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    methodNote: r.method_note,
    sourceText: r.source_text,
    sourceUrl: r.source_url,
  }
}

/** The rates of a table, by type, unit and start of validity. */
export async function listRates(db: Db, tableId: string): Promise<Rate[]> {
  const rows = await db.selectFrom('valuation_rates').selectAll().where('table_id', '=', tableId).orderBy('contribution_type').orderBy('unit').orderBy('valid_from').execute()
  return rows.map(toRate)
}

/** Every platform version, newest first (the first is the default). */
export async function listPlatformTables(db: Db): Promise<RateTable[]> {
  return db.selectFrom('valuation_rate_tables').selectAll().where('scope', '=', 'platform').orderBy('version', 'desc').execute()
}

/** The tables an alliance wrote for itself, newest first (read with the alliance's scope). */
export async function listAllianceTables(db: Db, scope: AllianceScope): Promise<RateTable[]> {
  return db.selectFrom('valuation_rate_tables').selectAll().where('scope', '=', 'alliance').where('alliance_id', '=', scope.allianceId).orderBy('version', 'desc').execute()
}

/** The platform's default table (newest version), or undefined before any table exists. */
export async function findDefaultTable(db: Db): Promise<RateTable | undefined> {
  return db.selectFrom('valuation_rate_tables').selectAll().where('scope', '=', 'platform').orderBy('version', 'desc').limit(1).executeTakeFirst()
}

/**
 * A table, whoever owns it. The caller checks who may read it: a platform table is public; an alliance's table
 * is read with that alliance's rights (the route loads the alliance through its policy first).
 */
export async function unsafeFindRateTable(db: Db, id: string): Promise<RateTable | undefined> {
  return db.selectFrom('valuation_rate_tables').selectAll().where('id', '=', id).executeTakeFirst()
}

export interface ValuationMethod {
  /** the table that values the alliance's contributions (undefined before any table exists) */
  table: RateTableWithRates | undefined
  /** true when the alliance adopted it (with the reason), false when it is the platform default */
  adopted: boolean
  reason: string
  chosenAt: string | null
}

/** The table that values an alliance's contributions, with its rates and the reason it was adopted. */
export async function valuationMethodOf(db: Db, scope: AllianceScope): Promise<ValuationMethod> {
  return unsafeValuationMethodOf(db, scope.allianceId)
}

/**
 * The same, by alliance id, for exports whose right comes from elsewhere (an organisation reading the
 * contributions it gave or received, in alliances it may no longer see). Methods are public facts of an alliance.
 */
export async function unsafeValuationMethodOf(db: Db, allianceId: string): Promise<ValuationMethod> {
  const choice = await db.selectFrom('valuation_choices').selectAll().where('alliance_id', '=', allianceId).executeTakeFirst()
  const table = choice ? await unsafeFindRateTable(db, choice.rate_table_id) : await findDefaultTable(db)
  return {
    table: table ? { ...table, rates: await listRates(db, table.id) } : undefined,
    adopted: choice !== undefined,
    reason: choice?.reason ?? '',
    chosenAt: choice?.chosen_at ?? null,
  }
}
