/**
 * Exports of an organisation's valued contributions, for its members only (they include partners-only
 * alliances the organisation belongs to):
 * - what an association (or foundation) received, valued and grouped under the categories of voluntary
 *   contributions in kind of the ANC 2018-06 regulation (bénévolat, prestations en nature, dons en nature),
 *   for the foot of its income statement; contributions of money or purchases are listed apart (they are not
 *   contributions in kind). "Received" means the giving partner named it as the recipient.
 * - what any organisation gave, one line per contribution with its year, its alliance's SDGs and territories,
 *   for its CSR report (a contribution appears once; its alliance may serve several SDGs).
 * Each line says how it was valued (stated, rate and table version, face value, or not valued).
 */
import type { Kysely } from 'kysely'
import { toCsv, type CsvCell } from '../../core/csv.js'
import { isMemberOf, requireUser, type Actor } from '../../core/access/actor.js'
import { AppError, notFound } from '../../core/errors.js'
import type { Locale, Translate } from '../../core/i18n/index.js'
import type { Database } from '../../database.js'
import { findOrganisation } from '../organisations/index.js'
import { termLabel } from '../vocabulary/index.js'
import { unsafeValuationMethodOf, type ValuationMethod } from './rates.queries.js'
import { centsToDecimal, CVN_CATEGORIES, CVN_CATEGORY_OF_TYPE, valueContribution, type ContributionValue, type CvnCategory } from './valuation.engine.js'

type Db = Kysely<Database>

/** Organisations whose accounts follow the associations' rule: associations and foundations. */
const RECEIVING_WORLDS = ['association', 'fondation']

/** An organisation's own data: 401 signed out, 404 unknown organisation, 403 for people who are not its members. */
export async function authorizeOwnOrganisation(db: Db, actor: Actor, organisationId: string) {
  requireUser(actor)
  const organisation = await findOrganisation(db, organisationId)
  if (!organisation) throw notFound()
  if (!isMemberOf(actor, organisationId)) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'valuation.error.membersOnly')
  return organisation
}

interface Line {
  contribution_id: string
  alliance_id: string
  alliance_name: string
  organisation_name: string
  contribution_type: string
  unit: string
  quantity_hundredths: number
  contributed_on: string
  description: string
  value_cents: number | null
  basis: string | null
}

/** A quantity as an exact decimal with a point (`42.5`), for spreadsheets. */
const decimal = (hundredths: number) => centsToDecimal(BigInt(hundredths)).replace(/\.?0+$/, '')

/** The reader's language for the labels of a CSV file (column names stay stable codes). */
export interface CsvLanguage {
  t: Translate
  locale: Locale
}

function methodLabel(value: ContributionValue, method: ValuationMethod, basis: string | null, { t }: CsvLanguage): string {
  if (value.basis === 'stated') return t('valuation.csv.stated', { basis: basis ?? '' })
  if (value.basis === 'face') return t('valuation.csv.face')
  if (value.basis === 'none') return t('valuation.csv.none')
  return t('valuation.csv.rate', { table: method.table?.title ?? '', version: method.table?.version ?? '', source: value.rate?.sourceText ?? '' })
}

async function valueLines(db: Db, lines: Line[]): Promise<ValuedLine[]> {
  const methods = new Map<string, ValuationMethod>()
  for (const id of new Set(lines.map((l) => l.alliance_id))) methods.set(id, await unsafeValuationMethodOf(db, id))
  return lines.map((l) => {
    const method = methods.get(l.alliance_id) as ValuationMethod
    const stated = l.value_cents === null ? null : Number(l.value_cents)
    const quantity = Number(l.quantity_hundredths)
    return { ...l, quantity_hundredths: quantity, method, value: valueContribution({ contributionType: l.contribution_type, unit: l.unit, quantityHundredths: quantity, day: l.contributed_on, statedCents: stated }, method.table?.rates ?? []) }
  })
}

export type ValuedLine = Line & { value: ContributionValue; method: ValuationMethod }

/** The category of contributions in kind of a type, or `hors_cvn` (money, purchases, joint R&D). */
export const categoryOf = (type: string): CvnCategory | 'hors_cvn' => CVN_CATEGORY_OF_TYPE[type] ?? 'hors_cvn'
const CATEGORIES = [...CVN_CATEGORIES, 'hors_cvn'] as const

/**
 * The contributions an association or foundation received in `year` (its members only; 403 for an organisation
 * of another world), valued: those a giving partner stated it received.
 */
export async function receivedContributions(db: Db, actor: Actor, organisationId: string, year: number): Promise<ValuedLine[]> {
  const organisation = await authorizeOwnOrganisation(db, actor, organisationId)
  if (!RECEIVING_WORLDS.includes(organisation.world)) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'valuation.error.receivingWorld')
  const lines = await db
    .selectFrom('valuation_statements as s')
    .innerJoin('alliance_contributions as c', 'c.id', 's.contribution_id')
    .innerJoin('alliances as a', 'a.id', 'c.alliance_id')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select(['c.id as contribution_id', 'c.alliance_id', 'a.name as alliance_name', 'o.name as organisation_name', 'c.contribution_type', 'c.unit', 'c.quantity_hundredths', 'c.contributed_on', 'c.description', 's.value_cents', 's.basis'])
    .where('s.recipient_organisation_id', '=', organisationId)
    .where('c.contributed_on', '>=', `${year}-01-01`)
    .where('c.contributed_on', '<=', `${year}-12-31`)
    .orderBy('c.contributed_on')
    .orderBy('c.id')
    .execute()
  return valueLines(db, lines)
}

/** The received contributions as CSV, by category of contributions in kind, with a total line per category. */
export function receivedContributionsCsv(valued: ValuedLine[], year: number, language: CsvLanguage): string {
  const rows: CsvCell[][] = [['ligne', 'categorie', 'date', 'alliance', 'donateur', 'type', 'quantite', 'unite', 'valeur_eur', 'methode', 'description']]
  for (const category of CATEGORIES) {
    const inCategory = valued.filter((l) => categoryOf(l.contribution_type) === category)
    if (inCategory.length === 0) continue
    const label = category === 'hors_cvn' ? language.t('valuation.csv.notInKind') : termLabel('cvn_category', category, language.locale)
    let total = 0n
    let unvalued = 0
    for (const l of inCategory) {
      if (l.value.cents === null) unvalued++
      else total += l.value.cents
      rows.push(['detail', label, l.contributed_on, l.alliance_name, l.organisation_name, termLabel('contribution_type', l.contribution_type, language.locale), decimal(l.quantity_hundredths), l.unit, l.value.cents === null ? '' : centsToDecimal(l.value.cents), methodLabel(l.value, l.method, l.basis, language), l.description])
    }
    rows.push(['total', label, `${year}`, '', '', '', '', '', centsToDecimal(total), unvalued > 0 ? language.t('valuation.csv.unvaluedExcluded', { count: unvalued }) : '', ''])
  }
  return toCsv(rows, { bom: true })
}

export type GivenLine = ValuedLine & { sdgs: number[]; territories: Array<{ id: string; name: string }> }

/** Everything an organisation gave (its members only), valued, with its alliance's SDGs and territories. */
export async function givenContributions(db: Db, actor: Actor, organisationId: string): Promise<GivenLine[]> {
  await authorizeOwnOrganisation(db, actor, organisationId)
  const lines = await db
    .selectFrom('alliance_partners as p')
    .innerJoin('alliance_contributions as c', 'c.partner_id', 'p.id')
    .innerJoin('alliances as a', 'a.id', 'c.alliance_id')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('valuation_statements as s', 's.contribution_id', 'c.id')
    .select(['c.id as contribution_id', 'c.alliance_id', 'a.name as alliance_name', 'o.name as organisation_name', 'c.contribution_type', 'c.unit', 'c.quantity_hundredths', 'c.contributed_on', 'c.description', 's.value_cents', 's.basis'])
    .where('p.organisation_id', '=', organisationId)
    .orderBy('c.contributed_on')
    .orderBy('c.id')
    .execute()
  const allianceIds = [...new Set(lines.map((l) => l.alliance_id))]
  const [sdgs, places] =
    allianceIds.length === 0
      ? [[], []]
      : await Promise.all([
          db.selectFrom('alliance_sdgs').select(['alliance_id', 'sdg']).where('alliance_id', 'in', allianceIds).orderBy('sdg').execute(),
          db.selectFrom('alliance_territories').innerJoin('territories', 'territories.id', 'alliance_territories.territory_id').select(['alliance_territories.alliance_id', 'territories.id', 'territories.name']).where('alliance_id', 'in', allianceIds).orderBy('territories.name').execute(),
        ])
  return (await valueLines(db, lines)).map((l) => ({
    ...l,
    sdgs: sdgs.filter((s) => s.alliance_id === l.alliance_id).map((s) => s.sdg),
    territories: places.filter((p) => p.alliance_id === l.alliance_id).map((p) => ({ id: p.id, name: p.name })),
  }))
}

/** The given contributions as CSV, one line per contribution (for a CSR report). */
export function givenContributionsCsv(valued: GivenLine[], language: CsvLanguage): string {
  const rows: CsvCell[][] = [['annee', 'date', 'alliance', 'odd', 'territoires', 'codes_territoires', 'type', 'quantite', 'unite', 'valeur_eur', 'methode', 'description']]
  for (const l of valued) {
    rows.push([
      l.contributed_on.slice(0, 4),
      l.contributed_on,
      l.alliance_name,
      l.sdgs.join(' '),
      l.territories.map((p) => p.name).join(' ; '),
      l.territories.map((p) => p.id).join(' '),
      termLabel('contribution_type', l.contribution_type, language.locale),
      decimal(l.quantity_hundredths),
      l.unit,
      l.value.cents === null ? '' : centsToDecimal(l.value.cents),
      methodLabel(l.value, l.method, l.basis, language),
      l.description,
    ])
  }
  return toCsv(rows, { bom: true })
}

/** The years in which partners said an organisation received contributions, newest first (its export page). */
export async function receivedYears(db: Db, organisationId: string): Promise<number[]> {
  const rows = await db
    .selectFrom('valuation_statements')
    .innerJoin('alliance_contributions', 'alliance_contributions.id', 'valuation_statements.contribution_id')
    .select((eb) => eb.fn<string>('substr', ['alliance_contributions.contributed_on', eb.val(1), eb.val(4)]).as('year'))
    .distinct()
    .where('valuation_statements.recipient_organisation_id', '=', organisationId)
    .execute()
  return rows.map((y) => Number(y.year)).sort((a, b) => b - a)
}
