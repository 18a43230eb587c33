/**
 * Input schemas of organisations (actors). The HTML form takes what a person types (a commune name or postal
 * code for the seat, perimeter levels relative to the seat); the JSON API takes codes. Both end as one
 * `OrganisationData`, which the service validates further (check digits, uniqueness, world-specific rules).
 */
import Type, { type Static } from 'typebox'
import type { MembershipRole } from '../../core/access/actor.js'
import { codesOf } from '../vocabulary/index.js'

const literals = (values: string[], errorMessage: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { errorMessage },
  )

export const WORLD_CODES = codesOf('world')
export const SIZE_CODES = codesOf('organisation_size')
export const COMPANY_SIZES = ['tpe', 'pme', 'eti', 'ge']
export const ASSOCIATION_SIZES = ['employeuse', 'non_employeuse']
export const PERIMETER_LEVELS = ['commune', 'epci', 'ept', 'departement', 'region'] as const

const common = {
  name: Type.String({ minLength: 2, maxLength: 200, description: 'Name of the organisation' }),
  world: literals(WORLD_CODES, 'organisations.error.world'),
  siret: Type.Optional(Type.String({ maxLength: 20, description: 'SIRET (14 digits, Luhn key checked)' })),
  siren: Type.Optional(Type.String({ maxLength: 12, description: 'SIREN (9 digits, Luhn key checked)' })),
  rna: Type.Optional(Type.String({ maxLength: 12, description: 'RNA number of an association: W + 9 digits' })),
  size_band: Type.Optional(literals(SIZE_CODES, 'organisations.error.sizeBand')),
  sdgs: Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17, uniqueItems: true, description: 'SDGs of interest (1–17)' }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  website: Type.Optional(Type.String({ maxLength: 300, description: 'https:// address' })),
  contact_email: Type.Optional(Type.String({ format: 'email', maxLength: 254, description: 'Public contact e-mail (optional)' })),
  contact_phone: Type.Optional(Type.String({ maxLength: 30, pattern: '^[0-9 +().-]{6,30}$', errorMessage: 'organisations.error.phone' })),
}

/** What the HTML form posts. */
export const OrganisationForm = Type.Object({
  ...common,
  seat: Type.String({ minLength: 1, maxLength: 100, errorMessage: 'organisations.error.seatRequired' }),
  /** When several communes match `seat`, the one the person picked. */
  seat_choice: Type.Optional(Type.String({ maxLength: 40 })),
  perimeter_levels: Type.Array(literals([...PERIMETER_LEVELS], 'form.error.invalid'), { maxItems: 5 }),
  perimeter_other: Type.Optional(Type.String({ maxLength: 500 })),
})
export type OrganisationFormT = Static<typeof OrganisationForm>

/** What the JSON API takes. */
export const OrganisationApiInput = Type.Object(
  {
    ...common,
    seat_commune_code: Type.String({ pattern: '^[0-9][0-9AB][0-9]{3}$', description: 'INSEE code of the seat commune' }),
    perimeter: Type.Array(Type.String({ pattern: '^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$' }), {
      minItems: 1,
      maxItems: 50,
      description: 'Territories of action, as `kind:code` (e.g. `departement:94`)',
    }),
    sdgs: Type.Optional(common.sdgs),
  },
  { additionalProperties: false },
)
export type OrganisationApiInputT = Static<typeof OrganisationApiInput>

/** The validated, resolved content of an organisation, whatever the channel. */
export interface OrganisationData {
  name: string
  world: string
  siret: string | null
  siren: string | null
  rna: string | null
  seatCommuneId: string
  perimeterIds: string[]
  sizeBand: string | null
  sdgs: number[]
  description: string
  website: string | null
  contactEmail: string | null
  contactPhone: string | null
}

export const DirectoryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  monde: Type.Optional(literals(WORLD_CODES, 'organisations.error.world')),
  odd: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
  territoire: Type.Optional(Type.String({ maxLength: 40, pattern: '^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$' })),
  lieu: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
})
export type DirectoryQueryT = Static<typeof DirectoryQuery>

export const InvitationForm = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  role: literals(['admin', 'member'], 'form.error.invalid'),
})
export type InvitationFormT = { email: string; role: MembershipRole }

export const RoleForm = Type.Object({
  role: literals(['admin', 'member'], 'form.error.invalid'),
})
