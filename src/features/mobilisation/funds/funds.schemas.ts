/** Schemas of pooled funds: the form and API bodies of a fund and of its ledger's acts, and what the API shows. */
import Type, { type Static } from 'typebox'
import { Enum, Id, IsoDate, IsoDateTime, named, Nullable } from '../../../core/http/schemas.js'
import { centsText } from '../amounts.js'
import type { MobilisationFundEntriesTable } from '../mobilisation.table.js'
import type { Fund } from './funds.queries.js'
import { LEGAL_FORMS, MEMBER_ROLES } from './funds.service.js'

const Amount = Type.String({ minLength: 1, maxLength: 30, description: 'Euros as people write them (`1 500,50`, `1500.50`)' })
const Note = Type.Optional(Type.String({ maxLength: 500 }))
export const ENTRY_KINDS = ['pledge', 'payment', 'commitment', 'grant', 'grant_release', 'disbursement'] as const

const fundFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ minLength: 1, maxLength: 5000 }),
  legal_form: Enum(LEGAL_FORMS),
  siret: Type.String({ minLength: 1, maxLength: 20, description: 'The grant-maker’s SIRET (14 digits), the `idAttribuant` of the open-data export' }),
  territory: Type.String({ minLength: 1, maxLength: 200, description: 'The fund’s territory: `kind:code`, a name or an INSEE code' }),
}

export const FundCreateBody = Type.Object({ host_organisation_id: Id, ...fundFields }, { additionalProperties: false })
export const FundUpdateBody = Type.Object(fundFields, { additionalProperties: false })
export const FundPledgeBody = Type.Object({ organisation_id: Id, amount: Amount, note: Note }, { additionalProperties: false })
export const FundPaymentBody = Type.Object({ organisation_id: Id, amount: Amount, paid_on: Type.Optional(IsoDate), note: Note }, { additionalProperties: false })
export const CommitmentBody = Type.Object({ amount: Amount, committed_on: Type.Optional(IsoDate), note: Type.String({ minLength: 1, maxLength: 500, description: 'What the host commits (a deliberation, a budget line…)' }) }, { additionalProperties: false })
export const MemberBody = Type.Object({ email: Type.String({ format: 'email', maxLength: 254 }), role: Enum(MEMBER_ROLES) }, { additionalProperties: false })

export const LedgerTotalsSchema = named(
  'FundTotals',
  Type.Object({
    pledged: Type.String({ description: 'Euros pledged by contributors' }),
    paid: Type.String({ description: 'Euros paid in (≤ pledged)' }),
    committed: Type.String({ description: 'Euros the host committed of its own' }),
    granted: Type.String({ description: 'Euros granted (≤ paid + committed)' }),
    disbursed: Type.String({ description: 'Euros paid out to grantees (≤ granted)' }),
    available: Type.String({ description: 'What may still be granted: paid + committed − granted' }),
  }),
)

export const FundSchema = named(
  'Fund',
  Type.Object({
    id: Id,
    name: Type.String(),
    description: Type.String(),
    legal_form: Enum(LEGAL_FORMS),
    siret: Type.String(),
    host: Type.Object({ id: Id, name: Type.String(), href: Type.String() }),
    territory: Type.Object({ id: Type.String(), name: Type.String() }),
    totals: LedgerTotalsSchema,
    href: Type.String(),
  }),
)

export function presentTotals(f: Pick<Fund, 'pledged_cents' | 'paid_cents' | 'committed_cents' | 'granted_cents' | 'disbursed_cents'>): Static<typeof LedgerTotalsSchema> {
  return {
    pledged: centsText(Number(f.pledged_cents)),
    paid: centsText(Number(f.paid_cents)),
    committed: centsText(Number(f.committed_cents)),
    granted: centsText(Number(f.granted_cents)),
    disbursed: centsText(Number(f.disbursed_cents)),
    available: centsText(Number(f.paid_cents) + Number(f.committed_cents) - Number(f.granted_cents)),
  }
}

export function presentFund(f: Fund): Static<typeof FundSchema> {
  return {
    id: f.id,
    name: f.name,
    description: f.description,
    legal_form: f.legal_form,
    siret: f.siret,
    host: { id: f.host_organisation_id, name: f.host_name, href: `/acteurs/${f.host_organisation_id}` },
    territory: { id: f.territory_id, name: f.territory_name },
    totals: presentTotals(f),
    href: `/mobilisation/fonds/${f.id}`,
  }
}

export const LedgerEntrySchema = named(
  'FundLedgerEntry',
  Type.Object({
    id: Id,
    kind: Enum(ENTRY_KINDS),
    amount: Type.String({ description: 'Euros, positive; the kind says which total moves' }),
    occurred_on: IsoDate,
    organisation: Nullable(Type.Object({ id: Id, name: Type.String() })),
    grant: Nullable(Type.Object({ id: Id, reference: Type.String() })),
    tranche: Nullable(Type.Integer()),
    note: Type.String(),
    recorded_at: IsoDateTime,
  }),
)

export function presentEntry(e: MobilisationFundEntriesTable & { organisation_name: string | null; grant_reference: string | null }): Static<typeof LedgerEntrySchema> {
  return {
    id: e.id,
    kind: e.kind,
    amount: centsText(Number(e.amount_cents)),
    occurred_on: e.occurred_on,
    organisation: e.organisation_id && e.organisation_name ? { id: e.organisation_id, name: e.organisation_name } : null,
    grant: e.grant_id && e.grant_reference ? { id: e.grant_id, reference: e.grant_reference } : null,
    tranche: e.tranche,
    note: e.note,
    recorded_at: e.recorded_at,
  }
}
