/**
 * The signed grants of a fund in the French open-data schema for grants, **SCDL Subventions 2.1.1** (OpenDataFrance,
 * schema.data.gouv.fr `scdl/subventions`; décret 2017-779 and arrêté of 17 November 2017): a CSV with the schema's 16
 * columns in its order, comma-separated (the Table Schema's default dialect), UTF-8, a point as decimal mark,
 * booleans written `oui` / `non`, missing values empty.
 *
 * How our data fill it: the grant-maker is the fund (its name and SIRET); the decision's reference, the day both
 * sides signed, the beneficiary organisation (its SIRET and RNA when declared), what the grant is for (≤ 256
 * characters), the amount, the nature (cash, and in kind when the agreement says so), the payment conditions
 * (`unique` for one tranche, `échelonné` for several) and the payment period (the tranche's day, or the first and
 * last tranches' days), the EU notification flag, a percentage of 1.00 (one beneficiary per agreement) and the
 * `dispositifAide` identifier when the fund gave one. `idRAE` stays empty: the platform does not hold it.
 */
import type { Kysely } from 'kysely'
import { toCsv, type CsvCell } from '../../../core/csv.js'
import type { Database } from '../../../database.js'
import { centsText } from '../amounts.js'

/** The schema's columns, in its order. */
export const SCDL_FIELDS = [
  'nomAttribuant',
  'idAttribuant',
  'dateConvention',
  'referenceDecision',
  'nomBeneficiaire',
  'idBeneficiaire',
  'rnaBeneficiaire',
  'objet',
  'montant',
  'nature',
  'conditionsVersement',
  'datesPeriodeVersement',
  'idRAE',
  'notificationUE',
  'pourcentageSubvention',
  'dispositifAide',
] as const

export type ScdlField = (typeof SCDL_FIELDS)[number]
export type ScdlRow = Record<ScdlField, string>

/**
 * The SCDL rows of a fund's signed grants, oldest agreement first (then by reference): one pass in the order of the
 * index on (fund, status, day signed, reference), each grant's tranches read from its summary columns.
 */
export async function scdlRows(db: Kysely<Database>, fundId: string): Promise<ScdlRow[]> {
  const rows = await db
    .selectFrom('mobilisation_grants as g')
    .innerJoin('mobilisation_funds as f', 'f.id', 'g.fund_id')
    .innerJoin('organisations as o', 'o.id', 'g.beneficiary_organisation_id')
    .select([
      'f.name as fund_name',
      'f.siret as fund_siret',
      'g.signed_on',
      'g.reference',
      'o.name as beneficiary_name',
      'o.siret',
      'o.rna',
      'g.object',
      'g.amount_cents',
      'g.in_kind',
      'g.notification_ue',
      'g.dispositif_aide',
      'g.tranche_count as n',
      'g.first_due_on as first_due',
      'g.last_due_on as last_due',
    ])
    .where('g.fund_id', '=', fundId)
    .where('g.status', '=', 'signed')
    .orderBy('g.signed_on')
    .orderBy('g.reference')
    .execute()
  return rows.map((r) => {
    const staggered = Number(r.n) > 1
    const first = r.first_due ?? r.signed_on ?? ''
    const last = r.last_due ?? first
    return {
      nomAttribuant: r.fund_name,
      idAttribuant: r.fund_siret,
      dateConvention: r.signed_on ?? '',
      referenceDecision: r.reference,
      nomBeneficiaire: r.beneficiary_name,
      idBeneficiaire: r.siret ?? '',
      rnaBeneficiaire: r.rna ?? '',
      objet: r.object.slice(0, 256),
      montant: centsText(Number(r.amount_cents)),
      nature: r.in_kind ? 'aide en numéraire;aide en nature' : 'aide en numéraire',
      conditionsVersement: staggered ? 'échelonné' : 'unique',
      datesPeriodeVersement: staggered && last !== first ? `${first}/${last}` : first,
      idRAE: '',
      notificationUE: r.notification_ue ? 'oui' : 'non',
      pourcentageSubvention: '1.00',
      dispositifAide: r.dispositif_aide ?? '',
    }
  })
}

/** The SCDL file: a header of the schema's field names, then one line per signed grant (through `core/csv`). */
export function scdlCsv(rows: ScdlRow[]): string {
  const lines: CsvCell[][] = [[...SCDL_FIELDS], ...rows.map((r) => SCDL_FIELDS.map((f) => r[f]))]
  return toCsv(lines, { bom: false, delimiter: ',' })
}
