/**
 * Schemas of grant agreements: the terms form (tranches and reporting obligations as numbered rows), signing,
 * a payment, answering a report; their API twins; what the API shows of a grant, of a fund's public grants, and
 * the SCDL Subventions 2.1.1 rows typed as the schema says (numbers, booleans) for the JSON export.
 */
import Type, { type Static, type TSchema } from 'typebox'
import { Enum, Id, IsoDate, IsoDateTime, named, Nullable } from '../../../core/http/schemas.js'
import { centsText } from '../amounts.js'
import type { MobilisationGrantReportsTable, MobilisationGrantTranchesTable } from '../mobilisation.table.js'
import type { Grant, PublicGrant } from './grants.queries.js'
import { REPORT_ROWS, TRANCHE_ROWS, type GrantTermsInput } from './grants.service.js'
import type { ScdlRow } from './scdl.js'

function numbered(prefix: string, rows: number, schema: TSchema): Record<string, TSchema> {
  return Object.fromEntries(Array.from({ length: rows }, (_, i) => [`${prefix}_${i + 1}`, Type.Optional(schema)]))
}

const termFields = {
  object: Type.String({ maxLength: 256, description: 'What the grant is for (`objet`, 256 characters at most)' }),
  conditions: Type.Optional(Type.String({ maxLength: 2000 })),
  dispositif_aide: Type.Optional(Type.String({ maxLength: 100, description: 'The aid scheme’s name (`dispositifAide`)' })),
}

/** The terms form: `tranche_amount_n`, `tranche_due_n`, `tranche_condition_n`; `report_title_n`, `report_start_n`… */
export const GrantTermsForm = Type.Object({
  ...termFields,
  in_kind: Type.Optional(Type.Literal('oui')),
  notification_ue: Type.Optional(Type.Literal('oui')),
  ...numbered('tranche_amount', TRANCHE_ROWS, Type.String({ maxLength: 30 })),
  ...numbered('tranche_due', TRANCHE_ROWS, Type.String({ maxLength: 10 })),
  ...numbered('tranche_condition', TRANCHE_ROWS, Type.String({ maxLength: 500 })),
  ...numbered('report_title', REPORT_ROWS, Type.String({ maxLength: 200 })),
  ...numbered('report_start', REPORT_ROWS, Type.String({ maxLength: 10 })),
  ...numbered('report_end', REPORT_ROWS, Type.String({ maxLength: 10 })),
  ...numbered('report_due', REPORT_ROWS, Type.String({ maxLength: 10 })),
})

export function termsInputOfForm(b: Static<typeof GrantTermsForm>): GrantTermsInput {
  const rows = b as unknown as Record<string, string | undefined>
  return {
    object: b.object,
    conditions: b.conditions ?? '',
    inKind: b.in_kind === 'oui',
    notificationUe: b.notification_ue === 'oui',
    dispositifAide: b.dispositif_aide,
    tranches: Array.from({ length: TRANCHE_ROWS }, (_, i) => ({ amount: rows[`tranche_amount_${i + 1}`], dueOn: rows[`tranche_due_${i + 1}`], condition: rows[`tranche_condition_${i + 1}`] })),
    reports: Array.from({ length: REPORT_ROWS }, (_, i) => ({ title: rows[`report_title_${i + 1}`], periodStart: rows[`report_start_${i + 1}`], periodEnd: rows[`report_end_${i + 1}`], dueOn: rows[`report_due_${i + 1}`] })),
  }
}

/** The API body of the terms: tranches and reports as arrays. */
export const GrantTermsBody = Type.Object(
  {
    ...termFields,
    in_kind: Type.Boolean({ description: 'The grant includes help in kind (`nature`)' }),
    notification_ue: Type.Boolean({ description: 'State aid notified to the European Commission (`notificationUE`)' }),
    tranches: Type.Array(Type.Object({ amount: Type.String({ maxLength: 30 }), due_on: IsoDate, condition: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false }), { minItems: 1, maxItems: TRANCHE_ROWS }),
    reports: Type.Array(Type.Object({ title: Type.String({ maxLength: 200 }), period_start: IsoDate, period_end: IsoDate, due_on: IsoDate }, { additionalProperties: false }), { maxItems: REPORT_ROWS }),
  },
  { additionalProperties: false },
)

export function termsInputOfBody(b: Static<typeof GrantTermsBody>): GrantTermsInput {
  return {
    object: b.object,
    conditions: b.conditions ?? '',
    inKind: b.in_kind,
    notificationUe: b.notification_ue,
    dispositifAide: b.dispositif_aide,
    tranches: b.tranches.map((t) => ({ amount: t.amount, dueOn: t.due_on, condition: t.condition })),
    reports: b.reports.map((r) => ({ title: r.title, periodStart: r.period_start, periodEnd: r.period_end, dueOn: r.due_on })),
  }
}

export const SIDES = ['fund', 'beneficiary'] as const
export const SignBody = Type.Object({ side: Enum(SIDES) }, { additionalProperties: false })

const paymentFields = {
  tranche: Type.Integer({ minimum: 1, maximum: TRANCHE_ROWS }),
  amount: Type.String({ minLength: 1, maxLength: 30, description: 'Euros paid' }),
  paid_on: Type.Optional(IsoDate),
}
export const GrantPaymentBody = Type.Object(paymentFields, { additionalProperties: false })
export const GrantPaymentForm = Type.Object({ ...paymentFields, paid_on: Type.Optional(Type.Union([IsoDate, Type.Literal('')])) })

export const ReportRoundBody = Type.Object({ round_id: Type.Optional(Id) }, { additionalProperties: false })

export const GRANT_STATUSES = ['to_sign', 'signed', 'cancelled'] as const

export const GrantSchema = named(
  'Grant',
  Type.Object({
    id: Id,
    reference: Type.String(),
    status: Enum(GRANT_STATUSES),
    fund: Type.Object({ id: Id, name: Type.String(), href: Type.String() }),
    call: Type.Object({ id: Id, title: Type.String(), href: Type.String() }),
    application: Type.Object({ id: Id, href: Type.String() }),
    alliance: Type.Object({ id: Id, name: Type.String() }),
    beneficiary: Type.Object({ id: Id, name: Type.String() }),
    object: Type.String(),
    amount: Type.String({ description: 'Euros granted' }),
    disbursed: Type.String({ description: 'Euros paid out' }),
    conditions: Type.String(),
    in_kind: Type.Boolean(),
    notification_ue: Type.Boolean(),
    dispositif_aide: Nullable(Type.String()),
    fund_signed_at: Nullable(IsoDateTime),
    beneficiary_signed_at: Nullable(IsoDateTime),
    signed_on: Nullable(IsoDate),
    tranches: Type.Array(Type.Object({ number: Type.Integer(), amount: Type.String(), due_on: IsoDate, condition: Type.String(), paid: Type.String(), paid_on: Nullable(IsoDate) })),
    reports: Type.Array(Type.Object({ id: Id, title: Type.String(), period_start: IsoDate, period_end: IsoDate, due_on: IsoDate, round: Nullable(Type.Object({ id: Id, href: Type.String() })) })),
    href: Type.String(),
  }),
)

export function presentGrant(g: Grant, tranches: MobilisationGrantTranchesTable[], reports: MobilisationGrantReportsTable[]): Static<typeof GrantSchema> {
  return {
    id: g.id,
    reference: g.reference,
    status: g.status,
    fund: { id: g.fund_id, name: g.fund_name, href: `/mobilisation/fonds/${g.fund_id}` },
    call: { id: g.call_id, title: g.call_title, href: `/mobilisation/appels-a-projets/${g.call_id}` },
    application: { id: g.application_id, href: `/mobilisation/candidatures/${g.application_id}` },
    alliance: { id: g.alliance_id, name: g.alliance_name },
    beneficiary: { id: g.beneficiary_organisation_id, name: g.beneficiary_name },
    object: g.object,
    amount: centsText(Number(g.amount_cents)),
    disbursed: centsText(Number(g.disbursed_cents)),
    conditions: g.conditions,
    in_kind: Number(g.in_kind) === 1,
    notification_ue: Number(g.notification_ue) === 1,
    dispositif_aide: g.dispositif_aide,
    fund_signed_at: g.fund_signed_at,
    beneficiary_signed_at: g.beneficiary_signed_at,
    signed_on: g.signed_on,
    tranches: tranches.map((t) => ({ number: t.number, amount: centsText(Number(t.amount_cents)), due_on: t.due_on, condition: t.condition, paid: centsText(Number(t.paid_cents)), paid_on: t.paid_on })),
    reports: reports.map((r) => ({ id: r.id, title: r.title, period_start: r.period_start, period_end: r.period_end, due_on: r.due_on, round: r.round_id ? { id: r.round_id, href: `/evaluation/${g.alliance_id}/temps/${r.round_id}` } : null })),
    href: `/mobilisation/conventions/${g.id}`,
  }
}

export const PublicGrantSchema = named(
  'PublicGrant',
  Type.Object({
    id: Id,
    reference: Type.String(),
    object: Type.String(),
    amount: Type.String(),
    disbursed: Type.String(),
    signed_on: IsoDate,
    beneficiary: Type.String(),
    alliance: Nullable(Type.Object({ id: Id, name: Type.String(), href: Type.String() })),
    call: Type.String(),
    territories: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
    sdgs: Type.Array(Type.Integer()),
  }),
)

export function presentPublicGrant(g: PublicGrant): Static<typeof PublicGrantSchema> {
  return {
    id: g.id,
    reference: g.reference,
    object: g.object,
    amount: centsText(g.amount_cents),
    disbursed: centsText(g.disbursed_cents),
    signed_on: g.signed_on,
    beneficiary: g.beneficiary_name,
    alliance: g.alliance_id && g.alliance_name ? { id: g.alliance_id, name: g.alliance_name, href: `/alliances/${g.alliance_id}` } : null,
    call: g.call_title,
    territories: g.territories.map((t) => ({ id: t.id, name: t.name })),
    sdgs: g.sdgs,
  }
}

/** One SCDL row typed as the schema's Table Schema says (numbers for `montant` and `pourcentageSubvention`, a boolean for `notificationUE`). */
export const ScdlRowSchema = named(
  'ScdlSubvention',
  Type.Object({
    nomAttribuant: Type.String(),
    idAttribuant: Type.String(),
    dateConvention: IsoDate,
    referenceDecision: Nullable(Type.String()),
    nomBeneficiaire: Type.String(),
    idBeneficiaire: Nullable(Type.String()),
    rnaBeneficiaire: Nullable(Type.String()),
    objet: Type.String(),
    montant: Type.Number(),
    nature: Type.String(),
    conditionsVersement: Enum(['unique', 'échelonné'] as const),
    datesPeriodeVersement: Type.String(),
    idRAE: Nullable(Type.String()),
    notificationUE: Type.Boolean(),
    pourcentageSubvention: Type.Number(),
    dispositifAide: Nullable(Type.String()),
  }),
)

export function presentScdlRow(r: ScdlRow): Static<typeof ScdlRowSchema> {
  const orNull = (v: string) => (v === '' ? null : v)
  return {
    ...r,
    referenceDecision: orNull(r.referenceDecision),
    idBeneficiaire: orNull(r.idBeneficiaire),
    rnaBeneficiaire: orNull(r.rnaBeneficiaire),
    montant: Number(r.montant),
    conditionsVersement: r.conditionsVersement as 'unique' | 'échelonné',
    idRAE: orNull(r.idRAE),
    notificationUE: r.notificationUE === 'oui',
    pourcentageSubvention: Number(r.pourcentageSubvention),
    dispositifAide: orNull(r.dispositifAide),
  }
}
