/**
 * Schemas of calls for projects and applications: the forms (rows of the grid and of the budget as numbered fields)
 * and the API bodies (the same content as arrays), and what the API shows.
 */
import Type, { type Static, type TSchema } from 'typebox'
import { Enum, Id, IsoDateTime, named, Nullable } from '../../../core/http/schemas.js'
import { centsText } from '../amounts.js'
import type { MobilisationBudgetLinesTable } from '../mobilisation.table.js'
import type { ApplicationInput } from './applications.service.js'
import { EXPENSE_ROWS, RESOURCE_ROWS, TYPED_SOURCES } from './budget.js'
import type { EligibilityCheck } from './eligibility.js'
import { CRITERIA_ROWS, type ProjectCallInput } from './project-calls.service.js'
import type { Application } from './projects.queries.js'

const Euros = Type.String({ minLength: 1, maxLength: 30, description: 'Euros as people write them (`1 500,50`, `1500.50`)' })
const OptionalText = (max: number) => Type.Optional(Type.String({ maxLength: max }))
const LocalTime = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}$', description: 'A Paris local date and time `YYYY-MM-DDTHH:MM`', errorMessage: 'mobilisation.error.localTime' })

const callFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  summary: Type.String({ minLength: 1, maxLength: 5000 }),
  territory: Type.String({ minLength: 1, maxLength: 200, description: 'The call’s perimeter: `kind:code`, a name or an INSEE code' }),
  sdgs: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17 })),
  min_amount: Euros,
  max_amount: Euros,
  cofunding_min_percent: Type.Integer({ minimum: 0, maximum: 100, description: 'Share of the budget that must come from elsewhere than the fund' }),
  min_worlds: Type.Integer({ minimum: 1, maximum: 9, description: 'Distinct worlds required among the alliance’s active partners' }),
  score_max: Type.Integer({ minimum: 2, maximum: 10, description: 'Scores of the grid run from 0 to this' }),
  opens_at: LocalTime,
  deadline_at: LocalTime,
}

function numbered(prefix: string, rows: number, schema: TSchema): Record<string, TSchema> {
  return Object.fromEntries(Array.from({ length: rows }, (_, i) => [`${prefix}_${i + 1}`, Type.Optional(schema)]))
}

/** The call form: the grid's rows are `criterion_label_n`, `criterion_weight_n`. */
export const ProjectCallForm = Type.Object({ ...callFields, ...numbered('criterion_label', CRITERIA_ROWS, Type.String({ maxLength: 200 })), ...numbered('criterion_weight', CRITERIA_ROWS, Type.Integer({ minimum: 1, maximum: 10 })) })

/** The API body: the grid as an array. */
export const ProjectCallBody = Type.Object(
  { ...callFields, criteria: Type.Array(Type.Object({ label: Type.String({ minLength: 1, maxLength: 200 }), weight: Type.Integer({ minimum: 1, maximum: 10 }) }, { additionalProperties: false }), { minItems: 1, maxItems: CRITERIA_ROWS }) },
  { additionalProperties: false },
)

type CallFields = Static<typeof ProjectCallBody>

function callCommon(b: Omit<CallFields, 'criteria'>): Omit<ProjectCallInput, 'criteria'> {
  return { title: b.title, summary: b.summary, territory: b.territory, sdgs: b.sdgs ?? [], minAmount: b.min_amount, maxAmount: b.max_amount, cofundingMinPercent: b.cofunding_min_percent, minWorlds: b.min_worlds, scoreMax: b.score_max, opensAt: b.opens_at, deadlineAt: b.deadline_at }
}

export function projectCallInputOfForm(b: Static<typeof ProjectCallForm>): ProjectCallInput {
  const rows = b as unknown as Record<string, string | number | undefined>
  const criteria = Array.from({ length: CRITERIA_ROWS }, (_, i) => ({ label: String(rows[`criterion_label_${i + 1}`] ?? ''), weight: rows[`criterion_weight_${i + 1}`] as number | undefined }))
  return { ...callCommon(b), criteria }
}

const applicationFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  summary: OptionalText(5000),
  beneficiary_organisation_id: Id,
  requested: Euros,
}

/** The application form: budget rows as numbered fields, the answers as `q_*` fields (read from the posted values). */
export const ApplicationForm = Type.Object({
  ...applicationFields,
  intent: Enum(['draft', 'submit'] as const),
  ...numbered('expense_label', EXPENSE_ROWS, Type.String({ maxLength: 200 })),
  ...numbered('expense_amount', EXPENSE_ROWS, Type.String({ maxLength: 30 })),
  ...numbered('resource_source', RESOURCE_ROWS, Type.String({ maxLength: 20 })),
  ...numbered('resource_label', RESOURCE_ROWS, Type.String({ maxLength: 200 })),
  ...numbered('resource_amount', RESOURCE_ROWS, Type.String({ maxLength: 30 })),
  ...numbered('resource_type', RESOURCE_ROWS, Type.String({ maxLength: 40 })),
  ...numbered('resource_unit', RESOURCE_ROWS, Type.String({ maxLength: 10 })),
  ...numbered('resource_quantity', RESOURCE_ROWS, Type.String({ maxLength: 30 })),
})

/** The API body of an application's content. */
export const ApplicationBody = Type.Object(
  {
    ...applicationFields,
    expenses: Type.Array(Type.Object({ label: Type.String({ maxLength: 200 }), amount: Type.String({ maxLength: 30 }) }, { additionalProperties: false }), { maxItems: EXPENSE_ROWS }),
    resources: Type.Array(
      Type.Object(
        { source: Enum(TYPED_SOURCES), label: Type.String({ maxLength: 200 }), amount: OptionalText(30), in_kind_type: OptionalText(40), in_kind_unit: OptionalText(10), in_kind_quantity: OptionalText(30) },
        { additionalProperties: false },
      ),
      { maxItems: RESOURCE_ROWS },
    ),
    answers: Type.Optional(Type.Record(Type.String({ pattern: '^q_q[0-9]{1,4}(__[a-z0-9_]{1,24})?$' }), Type.Union([Type.String({ maxLength: 5000 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 60 })]), { description: 'Answers by field: `q_<key>` (and `q_<key>__<item>` for ranks)' })),
  },
  { additionalProperties: false },
)

export function applicationInputOfForm(b: Static<typeof ApplicationForm>, posted: Record<string, unknown>): ApplicationInput {
  const rows = b as unknown as Record<string, string | undefined>
  return {
    title: b.title,
    summary: b.summary ?? '',
    beneficiaryOrganisationId: b.beneficiary_organisation_id,
    requested: b.requested,
    expenses: Array.from({ length: EXPENSE_ROWS }, (_, i) => ({ label: rows[`expense_label_${i + 1}`] ?? '', amount: rows[`expense_amount_${i + 1}`] ?? '' })),
    resources: Array.from({ length: RESOURCE_ROWS }, (_, i) => ({ source: rows[`resource_source_${i + 1}`] ?? '', label: rows[`resource_label_${i + 1}`] ?? '', amount: rows[`resource_amount_${i + 1}`], inKindType: rows[`resource_type_${i + 1}`], inKindUnit: rows[`resource_unit_${i + 1}`], inKindQuantity: rows[`resource_quantity_${i + 1}`] })),
    answers: Object.fromEntries(Object.entries(posted).filter(([key]) => key.startsWith('q_'))),
  }
}

export function applicationInputOfBody(b: Static<typeof ApplicationBody>): ApplicationInput {
  return {
    title: b.title,
    summary: b.summary ?? '',
    beneficiaryOrganisationId: b.beneficiary_organisation_id,
    requested: b.requested,
    expenses: b.expenses,
    resources: b.resources.map((r) => ({ source: r.source, label: r.label, amount: r.amount, inKindType: r.in_kind_type, inKindUnit: r.in_kind_unit, inKindQuantity: r.in_kind_quantity })),
    answers: b.answers ?? {},
  }
}

export const StartApplicationBody = Type.Object({ alliance_id: Id }, { additionalProperties: false })
export const ReviewerBody = Type.Object({ user_id: Id }, { additionalProperties: false })

export const EligibilitySchema = named('EligibilityCheck', Type.Object({ rule: Enum(['alliance', 'worlds', 'perimeter', 'sdgs', 'amount', 'cofunding'] as const), ok: Type.Boolean(), params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])) }))

export const ApplicationSchema = named(
  'Application',
  Type.Object({
    id: Id,
    call_id: Id,
    alliance: Type.Object({ id: Id, name: Type.String(), href: Type.String() }),
    beneficiary: Type.Object({ id: Id, name: Type.String() }),
    title: Type.String(),
    summary: Type.String(),
    requested: Type.String({ description: 'Euros asked of the fund' }),
    budget: Type.String({ description: 'Euros, the budget’s total' }),
    status: Enum(['draft', 'submitted', 'withdrawn'] as const),
    submitted_at: Nullable(IsoDateTime),
    withdrawn_at: Nullable(IsoDateTime),
    lines: Type.Array(Type.Object({ side: Enum(['expense', 'resource'] as const), source: Type.String(), label: Type.String(), amount: Type.String(), in_kind: Nullable(Type.Object({ type: Type.String(), unit: Type.String(), quantity: Type.String() })) })),
    answers: Type.Record(Type.String(), Type.Unknown(), { description: 'Answers by question key' }),
    eligibility: Type.Array(EligibilitySchema),
    href: Type.String(),
  }),
)

export function presentApplication(a: Application, lines: MobilisationBudgetLinesTable[], eligibility: EligibilityCheck[]): Static<typeof ApplicationSchema> {
  return {
    id: a.id,
    call_id: a.call_id,
    alliance: { id: a.alliance_id, name: a.alliance_name, href: `/alliances/${a.alliance_id}` },
    beneficiary: { id: a.beneficiary_organisation_id, name: a.beneficiary_name },
    title: a.title,
    summary: a.summary,
    requested: centsText(Number(a.requested_cents)),
    budget: centsText(Number(a.budget_cents)),
    status: a.status,
    submitted_at: a.submitted_at,
    withdrawn_at: a.withdrawn_at,
    lines: lines.map((l) => ({ side: l.side, source: l.source, label: l.label, amount: centsText(Number(l.amount_cents)), in_kind: l.in_kind_type && l.in_kind_unit && l.in_kind_hundredths !== null ? { type: l.in_kind_type, unit: l.in_kind_unit, quantity: centsText(Number(l.in_kind_hundredths)) } : null })),
    answers: JSON.parse(a.answers) as Record<string, unknown>,
    eligibility,
    href: `/mobilisation/candidatures/${a.id}`,
  }
}
