/**
 * The rules of the SCDL Subventions 2.1.1 schema (schema.data.gouv.fr `scdl/subventions`, its documentation and
 * Table Schema), written once here from the documentation so that the tests check our export against them rather
 * than against our own code: the sixteen columns in their order, the required ones filled, a SIRET of 14 digits
 * whose Luhn sum holds for `idAttribuant` and `idBeneficiaire`, an RNA number `W` + 9 digits, an ISO day for
 * `dateConvention`, a day or a `day/day` period for `datesPeriodeVersement`, a non-negative decimal `montant` with a
 * point, `nature` among « aide en numéraire » / « aide en nature » (several joined with `;`), `conditionsVersement`
 * « unique » or « échelonné », `notificationUE` « oui » / « non », `pourcentageSubvention` between 0 and 1, `objet`
 * of 256 characters at most.
 */
import { parse } from 'csv-parse/sync'

export const SCDL_COLUMNS = [
  'nomAttribuant', 'idAttribuant', 'dateConvention', 'referenceDecision', 'nomBeneficiaire', 'idBeneficiaire', 'rnaBeneficiaire', 'objet', 'montant', 'nature',
  'conditionsVersement', 'datesPeriodeVersement', 'idRAE', 'notificationUE', 'pourcentageSubvention', 'dispositifAide',
] as const

const REQUIRED = new Set(['nomAttribuant', 'idAttribuant', 'dateConvention', 'nomBeneficiaire', 'idBeneficiaire', 'objet', 'montant', 'nature', 'conditionsVersement', 'datesPeriodeVersement', 'notificationUE', 'pourcentageSubvention'])
const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

function isDay(text: string): boolean {
  return DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text
}

/** SIRET: 14 digits whose Luhn sum is a multiple of 10 (La Poste's establishments aside, which we never export). */
export function isSiret(text: string): boolean {
  if (!/^\d{14}$/.test(text)) return false
  let sum = 0
  for (let i = 0; i < 14; i++) {
    let d = Number(text[13 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** The problems of one row (field: reason), empty when it follows the schema. */
export function scdlRowProblems(row: Record<string, string>): string[] {
  const problems: string[] = []
  for (const f of SCDL_COLUMNS) if (REQUIRED.has(f) && (row[f] ?? '').trim() === '') problems.push(`${f}: required`)
  const v = (f: string) => row[f] ?? ''
  if (v('idAttribuant') && !isSiret(v('idAttribuant'))) problems.push('idAttribuant: not a SIRET')
  if (v('idBeneficiaire') && !isSiret(v('idBeneficiaire'))) problems.push('idBeneficiaire: not a SIRET')
  if (v('rnaBeneficiaire') && !/^W\d{9}$/.test(v('rnaBeneficiaire'))) problems.push('rnaBeneficiaire: not an RNA number')
  if (v('dateConvention') && !isDay(v('dateConvention'))) problems.push('dateConvention: not a day')
  if (v('referenceDecision') && !/^[\w\-/]+$/.test(v('referenceDecision'))) problems.push('referenceDecision: characters')
  if (v('objet').length > 256) problems.push('objet: longer than 256')
  if (v('montant') && !/^\d+(\.\d{1,2})?$/.test(v('montant'))) problems.push('montant: not a non-negative decimal')
  if (v('nature') && !v('nature').split(';').every((n) => n === 'aide en numéraire' || n === 'aide en nature')) problems.push('nature: outside the list')
  if (v('conditionsVersement') && !['unique', 'échelonné'].includes(v('conditionsVersement'))) problems.push('conditionsVersement: outside the list')
  const period = v('datesPeriodeVersement')
  if (period && !period.split('/').every(isDay)) problems.push('datesPeriodeVersement: not a day or a period')
  if (period.includes('/') && (period.split('/').length !== 2 || (period.split('/')[0] as string) > (period.split('/')[1] as string))) problems.push('datesPeriodeVersement: period backwards')
  if (v('notificationUE') && !['oui', 'non'].includes(v('notificationUE'))) problems.push('notificationUE: not a boolean')
  const share = Number(v('pourcentageSubvention'))
  if (v('pourcentageSubvention') && (!/^\d+(\.\d+)?$/.test(v('pourcentageSubvention')) || share < 0 || share > 1)) problems.push('pourcentageSubvention: outside 0–1')
  return problems
}

/** Parses an SCDL CSV (comma-separated, UTF-8) and returns its rows and every problem of header and rows. */
export function checkScdlCsv(csv: string): { rows: Array<Record<string, string>>; problems: string[] } {
  const records = parse(csv, { bom: true }) as string[][]
  const [header = [], ...lines] = records
  const problems: string[] = []
  if (header.join(',') !== SCDL_COLUMNS.join(',')) problems.push(`header: ${header.join(',')}`)
  const rows = lines.map((cells) => Object.fromEntries(SCDL_COLUMNS.map((c, i) => [c, cells[i] ?? ''])))
  lines.forEach((cells, i) => {
    if (cells.length !== SCDL_COLUMNS.length) problems.push(`row ${i + 1}: ${cells.length} cells`)
  })
  rows.forEach((r, i) => {
    problems.push(...scdlRowProblems(r).map((p) => `row ${i + 1} ${p}`))
  })
  return { rows, problems }
}
