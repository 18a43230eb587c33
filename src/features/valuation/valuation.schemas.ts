/**
 * Schemas of valuation (TypeBox: one schema gives the handler's types, the validation and the OpenAPI
 * document): the inputs of the forms and of the API, the rate table form's rows (`rates.<i>.<field>`), and
 * what the API shows — named components (`Money`, `Rate`, `RateTable`, `ValuedContribution`,
 * `AllianceValuation`, `PlaceValuation`, `ValuedLine`). Amounts are integer cents (`*_cents`, a string when it
 * may pass 2^53) and exact decimal strings of euros (`*_eur`); every figure names its table and version.
 */
import Type, { type Static, type TSchema } from 'typebox'
import { Enum, Id, ID_PATTERN, IdParams, IsoDate, IsoDateTime, named, Nullable, PageQuery, TerritoryId } from '../../core/http/schemas.js'
import { CONTRIBUTION_UNITS } from '../alliances/index.js'
import type { RateInput } from './rates.service.js'
import { CVN_CATEGORIES } from './valuation.engine.js'

export { IdParams }
export const ContributionParams = Type.Object({ id: Id, contributionId: Id })
export const TableParams = Type.Object({ tableId: Id })

const Year = Type.Integer({ minimum: 1900, maximum: 2200 })
const Unit = Type.String({ description: `The contribution’s unit: ${CONTRIBUTION_UNITS.map((u) => `\`${u}\``).join(', ')}` })
const BASIS_CODES = ['stated', 'rate', 'face', 'none'] as const

// ---------------------------------------------------------------------------------------------------------------
// Inputs of the pages

/** The alliance's valuation page and the received contributions' CSV: `?annee=` (lenient on pages). */
export const YearQuery = Type.Object({ annee: Type.Optional(Year) })

/** The valued totals of a place: `?territoire=` (a territory id) or `?lieu=` (typed), `?annee=`. */
export const PlaceQuery = Type.Object({
  territoire: Type.Optional(TerritoryId),
  lieu: Type.Optional(Type.String({ maxLength: 100, description: 'A place typed by a person (name or code)' })),
  annee: Type.Optional(Year),
})

/** Adopting a table (form): a table id, or `defaut` for the platform's default. */
export const AdoptForm = Type.Object({
  rate_table_id: Type.Union([Type.String({ pattern: ID_PATTERN }), Type.Literal('defaut')], { errorMessage: 'valuation.error.table' }),
  reason: Type.Optional(Type.String({ maxLength: 1000 })),
})

/** A partner's statement on its own contribution (form and API). Empty value and basis: back to the rates. */
export const StatementInput = named(
  'ContributionStatementInput',
  Type.Object(
    {
      value: Type.Optional(Type.String({ maxLength: 30, description: 'Euros, two decimals at most; empty: back to the rate table' })),
      basis: Type.Optional(Type.String({ maxLength: 1000, description: 'How the value is established (required with a value)' })),
      recipient_organisation_id: Type.Optional(Type.String({ pattern: ID_PATTERN, description: 'The partner that received the contribution' })),
    },
    { additionalProperties: false },
  ),
)

/** The most rows the rate table form carries (the API takes up to 200 rates). */
export const MAX_FORM_ROWS = 100
/** The number of empty rows the table form shows after the prefilled ones. */
export const EXTRA_ROWS = 4
const ROW_FIELDS = [
  ['contribution_type', 60],
  ['unit', 10],
  ['rate', 20],
  ['valid_from', 10],
  ['valid_to', 10],
  ['method_note', 2000],
  ['source_text', 500],
  ['source_url', 500],
] as const

/** The rate table form: a title, a method, and up to `MAX_FORM_ROWS` rows `rates.<i>.<field>` (empty rows ignored). */
export const RateTableForm = (() => {
  const properties: Record<string, TSchema> = {
    title: Type.String({ minLength: 3, maxLength: 200 }),
    method_note: Type.String({ minLength: 10, maxLength: 4000 }),
  }
  for (let i = 0; i < MAX_FORM_ROWS; i++) for (const [name, max] of ROW_FIELDS) properties[`rates.${i}.${name}`] = Type.Optional(Type.String({ maxLength: max }))
  return Type.Object(properties)
})()

/** The filled rows of a posted rate table form, in order; each keeps its row number for the problems. */
export function ratesFromForm(form: Readonly<Record<string, unknown>>): RateInput[] {
  const rates: RateInput[] = []
  for (let i = 0; i < MAX_FORM_ROWS; i++) {
    const v = (name: string) => {
      const value = form[`rates.${i}.${name}`]
      return typeof value === 'string' ? value.trim() : ''
    }
    if (!ROW_FIELDS.some(([name]) => v(name) !== '')) continue
    rates.push({ row: i, contributionType: v('contribution_type'), unit: v('unit'), rate: v('rate'), validFrom: v('valid_from'), validTo: v('valid_to') || null, methodNote: v('method_note'), sourceText: v('source_text'), sourceUrl: v('source_url') || null })
  }
  return rates
}

/** How many rows a posted table form used (the highest `rates.<i>.` index + 1). */
export function rowsIn(values: Readonly<Record<string, unknown>>): number {
  let max = -1
  for (const key of Object.keys(values)) {
    const m = /^rates\.(\d+)\./.exec(key)
    if (m) max = Math.max(max, Math.min(MAX_FORM_ROWS - 1, Number(m[1])))
  }
  return max + 1
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs of the API

export const AllianceValuationQuery = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false })
export const ContributionsQuery = Type.Object({ year: Type.Optional(Year), ...PageQuery({ perPage: 50, maxPerPage: 200 }) }, { additionalProperties: false })
export const PlaceApiQuery = Type.Object({ territory: Type.Optional(TerritoryId), year: Type.Optional(Year) }, { additionalProperties: false })
export const TablesQuery = Type.Object(PageQuery(), { additionalProperties: false })
export const GivenQuery = Type.Object(PageQuery({ perPage: 50, maxPerPage: 200 }), { additionalProperties: false })
export const ReceivedQuery = Type.Object({ year: Year, ...PageQuery({ perPage: 50, maxPerPage: 200 }) }, { additionalProperties: false })

export const AdoptInput = named(
  'RateTableChoiceInput',
  Type.Object(
    {
      rate_table_id: Nullable(Type.String({ pattern: ID_PATTERN, description: 'A platform version or one of the alliance’s tables; null: the platform’s default' })),
      reason: Type.Optional(Type.String({ maxLength: 1000, description: 'Why (10 characters at least to adopt a table other than the default)' })),
    },
    { additionalProperties: false },
  ),
)

const RateInputSchema = Type.Object(
  {
    contribution_type: Type.String({ maxLength: 60, description: 'Vocabulary kind `contribution_type`' }),
    unit: Enum(CONTRIBUTION_UNITS.filter((u) => u !== 'eur'), { description: 'A contribution unit other than `eur` (euros count at face value: no rate)' }),
    rate: Type.String({ maxLength: 20, description: 'Euros per unit, two decimals at most' }),
    valid_from: Type.String({ ...IsoDate, description: 'The first day of a month' }),
    valid_to: Type.Optional(Nullable(Type.String({ ...IsoDate, description: 'The last day of a month; absent or null: still valid' }))),
    method_note: Type.String({ maxLength: 2000 }),
    source_text: Type.String({ maxLength: 500, description: 'Where the figure comes from (required)' }),
    source_url: Type.Optional(Nullable(Type.String({ maxLength: 500, description: 'An http(s) address' }))),
  },
  { additionalProperties: false },
)

export const RateTableInput = named(
  'RateTableInput',
  Type.Object(
    {
      title: Type.String({ minLength: 3, maxLength: 200 }),
      method_note: Type.String({ minLength: 10, maxLength: 4000 }),
      rates: Type.Array(RateInputSchema, { minItems: 1, maxItems: 200 }),
    },
    { additionalProperties: false },
  ),
)
export type RateTableInputT = Static<typeof RateTableInput>

/** The API's rates as the service's input. */
export function ratesFromApi(body: RateTableInputT): RateInput[] {
  return body.rates.map((r) => ({ contributionType: r.contribution_type, unit: r.unit, rate: r.rate, validFrom: r.valid_from, validTo: r.valid_to ?? null, methodNote: r.method_note, sourceText: r.source_text, sourceUrl: r.source_url ?? null }))
}

// ---------------------------------------------------------------------------------------------------------------
// What the API shows

const moneyFields = {
  cents: Type.Integer({ description: 'Integer cents (exact)' }),
  eur: Type.String({ description: 'Euros, exact, two decimals (`1234.50`)' }),
}
/** An amount: integer cents and exact euros. */
export const Money = named('Money', Type.Object(moneyFields))

export const RateSchema = named(
  'Rate',
  Type.Object({
    contribution_type: Type.String(),
    unit: Type.String(),
    rate_cents: Type.Integer({ minimum: 0, description: 'Cents per unit' }),
    valid_from: IsoDate,
    valid_to: Nullable(IsoDate),
    method_note: Type.String(),
    source_text: Type.String(),
    source_url: Nullable(Type.String()),
  }),
)

const tableFields = {
  id: Id,
  scope: Enum(['platform', 'alliance'] as const),
  alliance_id: Nullable(Id),
  version: Type.Integer({ minimum: 1 }),
  title: Type.String(),
  method_note: Type.String(),
  created_at: IsoDateTime,
  is_default: Type.Boolean({ description: 'The newest platform version: the default of every alliance' }),
  href: Type.String({ description: 'The table’s page (relative)' }),
}
export const RateTableSchema = named('RateTable', Type.Object(tableFields))
export const RateTableDetail = named('RateTableDetail', Type.Object({ ...tableFields, rates: Type.Array(RateSchema) }))

/** The table and version that produced an alliance's figures. */
const MethodSchema = Type.Object({
  table: Nullable(Type.Object({ id: Id, title: Type.String(), version: Type.Integer(), scope: Enum(['platform', 'alliance'] as const) })),
  adopted: Type.Boolean({ description: 'The alliance adopted this table instead of the default' }),
  reason: Type.String({ description: 'Why, shown next to every figure' }),
})

const Value = {
  value_cents: Nullable(Type.Integer({ description: 'The value in cents; null: not valued (no rate, no stated value), never guessed' })),
  value_eur: Nullable(Type.String()),
  basis: Enum(BASIS_CODES, { description: '`stated` by the giver, `rate` of the table, `face` (euros), `none`' }),
  rate: Nullable(RateSchema),
}

export const ValuedContributionSchema = named(
  'ValuedContribution',
  Type.Object({
    id: Id,
    organisation_id: Id,
    organisation_name: Type.String(),
    world: Type.String(),
    contribution_type: Type.String(),
    unit: Unit,
    quantity_hundredths: Type.Integer({ description: 'Quantity × 100 (exact)' }),
    contributed_on: IsoDate,
    ...Value,
    statement: Nullable(Type.Object({ value_cents: Nullable(Type.Integer()), basis: Type.String(), recipient_organisation_id: Nullable(Id) })),
  }),
)

const Shares = { per_mille: Type.Integer({ minimum: 0, maximum: 1000, description: 'Share of the valued total, per mille' }) }

export const AllianceValuationSchema = named(
  'AllianceValuation',
  Type.Object({
    year: Nullable(Year),
    years: Type.Array(Type.Object({ year: Year, ...moneyFields, count: Type.Integer() })),
    method: MethodSchema,
    total: Money,
    count: Type.Integer(),
    stated_count: Type.Integer(),
    unvalued_count: Type.Integer(),
    by_partner: Type.Array(Type.Object({ organisation_id: Id, name: Type.String(), world: Type.String(), ...moneyFields, ...Shares, count: Type.Integer() })),
    by_world: Type.Array(Type.Object({ world: Type.String(), ...moneyFields, ...Shares })),
    by_type: Type.Array(Type.Object({ contribution_type: Type.String(), ...moneyFields, ...Shares, count: Type.Integer() })),
    by_lever: Type.Array(Type.Object({ lever: Type.String({ description: 'A lever of the socio-economic model (vocabulary kind `mse_lever`)' }), ...moneyFields, ...Shares })),
    unvalued: Type.Array(Type.Object({ contribution_type: Type.String(), unit: Unit, quantity_hundredths: Type.Integer(), count: Type.Integer() })),
    rates_used: Type.Array(RateSchema),
    contributions_href: Type.String({ description: 'The valued contributions, one by one (paged)' }),
  }),
)

export const PlaceValuationSchema = named(
  'PlaceValuation',
  Type.Object({
    place: Type.String({ description: '`france` or a territory id' }),
    year: Nullable(Year),
    years: Type.Array(Year),
    public_alliances: Type.Integer({ minimum: 0 }),
    total: Money,
    count: Type.Integer(),
    by_world_and_type: Type.Array(Type.Object({ world: Type.String(), contribution_type: Type.String(), ...moneyFields, count: Type.Integer() })),
    by_world: Type.Array(Type.Object({ world: Type.String(), ...moneyFields, ...Shares, count: Type.Integer() })),
    by_type: Type.Array(Type.Object({ contribution_type: Type.String(), ...moneyFields, ...Shares, count: Type.Integer() })),
    unvalued: Type.Array(Type.Object({ contribution_type: Type.String(), unit: Unit, quantity_hundredths: Type.Integer(), count: Type.Integer() })),
    tables: Type.Array(Type.Object({ id: Id, title: Type.String(), version: Type.Integer(), is_default: Type.Boolean(), contributions: Type.Integer() })),
  }),
)

/** One contribution an organisation gave or received, valued (its exports). */
export const ValuedLineSchema = named(
  'ValuedLine',
  Type.Object({
    contribution_id: Id,
    contributed_on: IsoDate,
    year: Year,
    alliance_id: Id,
    alliance_name: Type.String(),
    giver_name: Type.String(),
    contribution_type: Type.String(),
    unit: Unit,
    quantity_hundredths: Type.Integer(),
    ...Value,
    stated_basis: Nullable(Type.String()),
    table: Nullable(Type.Object({ id: Id, title: Type.String(), version: Type.Integer() })),
    sdgs: Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { description: 'The SDGs of its alliance (given contributions)' }),
    territories: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), { description: 'The territories of its alliance (given contributions)' }),
    category: Nullable(Enum([...CVN_CATEGORIES, 'hors_cvn'] as const, { description: 'The category of contributions in kind (ANC 2018-06) of received contributions; null for given ones' })),
  }),
)

export const CreatedTable = Type.Object({ data: Type.Object({ id: Id, version: Type.Integer({ minimum: 1 }), href: Type.String() }) }, { description: 'The table written (its address in `Location`)' })
