/**
 * Schemas of pledges: the form and API bodies (quantities typed as people write them), and what the API shows of a
 * pledge. Lateness is shown to the pledging organisation only (`late` is null for everyone else).
 */
import Type, { type Static } from 'typebox'
import { Enum, Id, IsoDate, named, Nullable } from '../../../core/http/schemas.js'
import { centsText } from '../amounts.js'
import { HELP_KINDS } from '../help.js'
import { isLate, type PledgeListRow } from './pledges.queries.js'

const Quantity = Type.String({ minLength: 1, maxLength: 30, description: 'A quantity in the kind’s unit, as people write it (`1 500,50`, `12,5`)' })
const Schedule = Type.Optional(Type.String({ maxLength: 1000, description: 'When and how the help is given (free text)' }))
const Volunteers = Type.Optional(Type.String({ maxLength: 10, description: 'Volunteering: how many people give the hours' }))

export const PledgeCreateBody = Type.Object(
  {
    organisation_id: Id,
    help_kind: Enum(HELP_KINDS),
    quantity: Quantity,
    volunteers: Volunteers,
    call_id: Type.Optional(Id),
    need_id: Type.Optional(Id),
    alliance_id: Type.Optional(Id),
    starts_on: Type.Optional(IsoDate),
    due_on: IsoDate,
    schedule: Schedule,
  },
  { additionalProperties: false },
)

export const PledgeUpdateBody = Type.Object({ quantity: Quantity, volunteers: Volunteers, due_on: IsoDate, schedule: Schedule }, { additionalProperties: false })

export const LinkBody = Type.Object({ contribution_id: Id, quantity: Type.Optional(Type.String({ maxLength: 30, description: 'Empty: as much as the pledge and the contribution allow' })) }, { additionalProperties: false })

/** The new-pledge page's query: what the pledge goes to. */
export const PledgeTargetQuery = Type.Object({ appel: Type.Optional(Id), besoin: Type.Optional(Id), alliance: Type.Optional(Id) })

export const PledgeSchema = named(
  'Pledge',
  Type.Object({
    id: Id,
    organisation: Type.Object({ id: Id, name: Type.String(), href: Type.String() }),
    help_kind: Enum(HELP_KINDS),
    unit: Type.String(),
    quantity: Type.String({ description: 'Decimal in the unit' }),
    fulfilled: Type.String({ description: 'Fulfilled by linked contributions, decimal in the unit' }),
    volunteers: Nullable(Type.Integer()),
    value: Type.Object({
      cents: Nullable(Type.String({ description: 'Euros, decimal (null: no rate applies)' })),
      realised: Nullable(Type.String({ description: 'Value of what was fulfilled, euros' })),
      basis: Enum(['face', 'rate', 'none'] as const),
      rate_table: Nullable(Type.Object({ id: Type.String(), version: Type.Integer(), href: Type.String() })),
    }),
    pledged_on: IsoDate,
    starts_on: IsoDate,
    due_on: IsoDate,
    schedule: Type.String(),
    status: Enum(['active', 'withdrawn'] as const),
    call: Nullable(Type.Object({ id: Id, title: Type.String(), href: Type.String() })),
    need: Nullable(Type.Object({ id: Id, title: Type.String(), href: Type.String() })),
    alliance: Nullable(Type.Object({ id: Id, name: Type.String(), href: Type.String() })),
    late: Nullable(Type.Boolean({ description: 'Past due and not fulfilled: shown to the pledging organisation only' })),
    href: Type.String(),
  }),
)

/** A pledge as the API shows it; `own`: the caller belongs to the pledging organisation. */
export function presentPledge(p: PledgeListRow, options: { own: boolean }): Static<typeof PledgeSchema> {
  const allianceVisible = p.alliance_id !== null && (p.alliance_visibility === 'public' || options.own)
  return {
    id: p.id,
    organisation: { id: p.organisation_id, name: p.organisation_name, href: `/mobilisation/organisations/${p.organisation_id}` },
    help_kind: p.help_kind as (typeof HELP_KINDS)[number],
    unit: p.unit,
    quantity: centsText(Number(p.quantity_hundredths)),
    fulfilled: centsText(Number(p.fulfilled_hundredths)),
    volunteers: p.volunteers,
    value: {
      cents: p.value_cents === null ? null : centsText(Number(p.value_cents)),
      realised: p.realised_cents === null ? null : centsText(Number(p.realised_cents)),
      basis: p.value_basis as 'face' | 'rate' | 'none',
      rate_table: p.rate_table_id && p.rate_table_version !== null ? { id: p.rate_table_id, version: p.rate_table_version, href: `/valorisation/baremes/${p.rate_table_id}` } : null,
    },
    pledged_on: p.pledged_on,
    starts_on: p.starts_on,
    due_on: p.due_on,
    schedule: p.schedule,
    status: p.status,
    call: p.call_id && p.call_title ? { id: p.call_id, title: p.call_title, href: `/mobilisation/appels/${p.call_id}` } : null,
    need: p.need_id && p.need_title ? { id: p.need_id, title: p.need_title, href: `/besoins/${p.need_id}` } : null,
    alliance: allianceVisible && p.alliance_id && p.alliance_name ? { id: p.alliance_id, name: p.alliance_name, href: `/alliances/${p.alliance_id}` } : null,
    late: options.own ? isLate({ ...p, fulfilled_hundredths: Number(p.fulfilled_hundredths), quantity_hundredths: Number(p.quantity_hundredths) }) : null,
    href: `/mobilisation/engagements/${p.id}`,
  }
}
