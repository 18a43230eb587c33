/**
 * Input schemas of valuation (TypeBox: one schema for the forms and the API), and the rate table form's rows
 * (`rates.<i>.<field>`, read from the urlencoded body).
 */
import Type, { type Static } from 'typebox'
import type { RateInput } from './rates.service.js'

const ID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'

export const AdoptForm = Type.Object({
  rate_table_id: Type.String({ maxLength: 40, description: 'A table id, or `defaut` for the platform’s default' }),
  reason: Type.Optional(Type.String({ maxLength: 1000 })),
})
export type AdoptFormT = Static<typeof AdoptForm>

export const AdoptApi = Type.Object(
  {
    rate_table_id: Type.Union([Type.String({ pattern: ID }), Type.Null()], { description: 'A platform version or one of the alliance’s tables; null: the platform’s default' }),
    reason: Type.Optional(Type.String({ maxLength: 1000, description: 'Why (required to adopt a table other than the default)' })),
  },
  { additionalProperties: false },
)
export type AdoptApiT = Static<typeof AdoptApi>

export const StatementForm = Type.Object({
  value: Type.Optional(Type.String({ maxLength: 30, description: 'Euros, two decimals at most; empty: back to the rate table' })),
  basis: Type.Optional(Type.String({ maxLength: 1000, description: 'How the value is established (required with a value)' })),
  recipient_organisation_id: Type.Optional(Type.String({ pattern: ID, description: 'The partner that received the contribution' })),
})
export type StatementFormT = Static<typeof StatementForm>

export const PlaceQuery = Type.Object({
  territoire: Type.Optional(Type.String({ maxLength: 40, description: 'A territory id `kind:code`' })),
  lieu: Type.Optional(Type.String({ maxLength: 100, description: 'A place typed by a person (name or code)' })),
  annee: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
})

export const YearQuery = Type.Object({ annee: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })) })

const RateSchema = Type.Object(
  {
    contribution_type: Type.String({ maxLength: 60 }),
    unit: Type.String({ maxLength: 10 }),
    rate: Type.String({ maxLength: 20, description: 'Euros per unit, two decimals at most' }),
    valid_from: Type.String({ maxLength: 10, description: 'The first day of a month' }),
    valid_to: Type.Optional(Type.Union([Type.String({ maxLength: 10 }), Type.Null()], { description: 'The last day of a month; absent: still valid' })),
    method_note: Type.String({ maxLength: 2000 }),
    source_text: Type.String({ maxLength: 500 }),
    source_url: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  },
  { additionalProperties: false },
)

export const RateTableApi = Type.Object(
  {
    alliance_id: Type.Optional(Type.String({ pattern: ID, description: 'A table of this alliance’s own (its coordinators’ admins); absent: a platform version (platform admins)' })),
    title: Type.String({ maxLength: 200 }),
    method_note: Type.String({ maxLength: 4000 }),
    rates: Type.Array(RateSchema, { maxItems: 200 }),
  },
  { additionalProperties: false },
)
export type RateTableApiT = Static<typeof RateTableApi>

export const RateTableHeadForm = Type.Object({ title: Type.String({ maxLength: 200 }), method_note: Type.String({ maxLength: 4000 }) })

/** The number of rows the table form shows (prefilled rows, then empty ones). */
export const EXTRA_ROWS = 4

/** The schema of `rows` rows of the rate table form (`rates.<i>.<field>`), all optional (empty rows are ignored). */
export function rateRowsSchema(rows: number) {
  const properties: Record<string, ReturnType<typeof Type.String>> = {}
  for (let i = 0; i < rows; i++) {
    for (const [name, max] of [['contribution_type', 60], ['unit', 10], ['rate', 20], ['valid_from', 10], ['valid_to', 10], ['method_note', 2000], ['source_text', 500], ['source_url', 500]] as const) properties[`rates.${i}.${name}`] = Type.String({ maxLength: max })
  }
  return Type.Partial(Type.Object(properties))
}

/** The filled rows of a parsed rate table form, renumbered from 0 (an empty row is skipped). */
export function ratesFromForm(form: Record<string, string | undefined>, rows: number): { rates: RateInput[]; fieldOf: (i: number) => number } {
  const rates: RateInput[] = []
  const origin: number[] = []
  for (let i = 0; i < rows; i++) {
    const v = (name: string) => form[`rates.${i}.${name}`] ?? ''
    const filled = ['contribution_type', 'unit', 'rate', 'valid_from', 'valid_to', 'method_note', 'source_text', 'source_url'].some((name) => v(name) !== '')
    if (!filled) continue
    origin.push(i)
    rates.push({ contributionType: v('contribution_type'), unit: v('unit'), rate: v('rate'), validFrom: v('valid_from'), validTo: v('valid_to') || null, methodNote: v('method_note'), sourceText: v('source_text'), sourceUrl: v('source_url') || null })
  }
  return { rates, fieldOf: (i) => origin[i] ?? i }
}

/** The API's rates as the service's input. */
export function ratesFromApi(body: RateTableApiT): RateInput[] {
  return body.rates.map((r) => ({ contributionType: r.contribution_type, unit: r.unit, rate: r.rate, validFrom: r.valid_from, validTo: r.valid_to ?? null, methodNote: r.method_note, sourceText: r.source_text, sourceUrl: r.source_url ?? null }))
}
