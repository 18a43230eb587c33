/**
 * Schemas of organisations (actors). The HTML form takes what a person types (a commune name or postal code for
 * the seat, perimeter levels relative to the seat); the JSON API takes codes. Both end as one
 * `OrganisationData`, which the service validates further (check digits, world-specific sizes, territories).
 * The API's answers are named components (`Organisation`, `OrganisationSummary`) with their presenters.
 */
import Type, { type Static } from 'typebox'
import { Enum, Id, IsoDateTime, named, Nullable, Page, pageMeta, PageQuery, TerritoryId } from '../../core/http/schemas.js'
import type { PageOf } from '../../core/db/paging.js'
import { presentTerritory, TerritorySchema } from '../territories/index.js'
import { codesOf } from '../vocabulary/index.js'
import type { DirectoryRow, OrganisationDetails } from './organisations.queries.js'

/** The worlds an organisation may declare (vocabulary kind `world`). */
export const WORLD_CODES = codesOf('world')
/** The size bands (vocabulary kind `organisation_size`); which apply depends on the world. */
export const SIZE_CODES = codesOf('organisation_size')
/** The size bands of a company. */
export const COMPANY_SIZES = ['tpe', 'pme', 'eti', 'ge']
/** The size bands of an association. */
export const ASSOCIATION_SIZES = ['employeuse', 'non_employeuse']
/** The perimeter levels a form offers, relative to the seat. */
export const PERIMETER_LEVELS = ['commune', 'epci', 'ept', 'departement', 'region'] as const
/** The roles of a member. */
export const MEMBER_ROLES = ['admin', 'member'] as const

/** A choice in a form, with the message a person reads when it is missing or unknown (forms only). */
const choice = (values: readonly string[], errorMessage: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { errorMessage },
  )

const WorldSchema = named('OrganisationWorld', Enum(WORLD_CODES, { description: 'World of the organisation (vocabulary kind `world`)' }))
const SizeSchema = named('OrganisationSize', Enum(SIZE_CODES, { description: 'Size band (vocabulary kind `organisation_size`): company sizes for a company, association sizes for an association' }))
const PHONE_PATTERN = '^[0-9 +().-]{6,30}$'

const common = {
  name: Type.String({ minLength: 2, maxLength: 200, description: 'Name of the organisation' }),
  siret: Type.Optional(Type.String({ maxLength: 20, description: 'SIRET (14 digits, Luhn key checked)' })),
  siren: Type.Optional(Type.String({ maxLength: 12, description: 'SIREN (9 digits, Luhn key checked)' })),
  rna: Type.Optional(Type.String({ maxLength: 12, description: 'RNA number of an association: W + 9 digits' })),
  sdgs: Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17, uniqueItems: true, description: 'SDGs of interest (1–17)' }),
  description: Type.Optional(Type.String({ maxLength: 5000 })),
  website: Type.Optional(Type.String({ maxLength: 300, description: 'https:// address' })),
  contact_email: Type.Optional(Type.String({ format: 'email', maxLength: 254, description: 'Public contact e-mail (optional)' })),
}

/** What the HTML form posts. */
export const OrganisationForm = Type.Object({
  ...common,
  world: choice(WORLD_CODES, 'organisations.error.world'),
  size_band: Type.Optional(choice(SIZE_CODES, 'organisations.error.sizeBand')),
  contact_phone: Type.Optional(Type.String({ maxLength: 30, pattern: PHONE_PATTERN, errorMessage: 'organisations.error.phone' })),
  seat: Type.String({ minLength: 1, maxLength: 100, errorMessage: 'organisations.error.seatRequired' }),
  /** When several communes match `seat`, the one the person picked. */
  seat_choice: Type.Optional(Type.String({ maxLength: 40 })),
  perimeter_levels: Type.Array(choice(PERIMETER_LEVELS, 'form.error.invalid'), { maxItems: 5 }),
  perimeter_other: Type.Optional(Type.String({ maxLength: 500 })),
})
/** The form's values once validated. */
export type OrganisationFormT = Static<typeof OrganisationForm>

/** What the JSON API takes (create and replace). */
export const OrganisationApiInput = named(
  'OrganisationInput',
  Type.Object(
    {
      ...common,
      world: WorldSchema,
      size_band: Type.Optional(SizeSchema),
      contact_phone: Type.Optional(Type.String({ maxLength: 30, pattern: PHONE_PATTERN, description: 'Public contact phone: digits, spaces and + ( ) . -' })),
      seat_commune_code: Type.String({ pattern: '^[0-9][0-9AB][0-9]{3}$', description: 'INSEE code of the seat commune' }),
      perimeter: Type.Array(TerritoryId, { minItems: 1, maxItems: 50, description: 'Territories of action, as `kind:code` (e.g. `departement:94`)' }),
      sdgs: Type.Optional(common.sdgs),
    },
    { additionalProperties: false },
  ),
)
/** The API input once validated. */
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

/** The API input as `OrganisationData` (the seat given by its INSEE code). */
export function dataOfApiInput(input: OrganisationApiInputT): OrganisationData {
  return {
    name: input.name,
    world: input.world,
    siret: input.siret ?? null,
    siren: input.siren ?? null,
    rna: input.rna ?? null,
    seatCommuneId: `commune:${input.seat_commune_code}`,
    perimeterIds: input.perimeter,
    sizeBand: input.size_band ?? null,
    sdgs: input.sdgs ?? [],
    description: input.description ?? '',
    website: input.website ?? null,
    contactEmail: input.contact_email ?? null,
    contactPhone: input.contact_phone ?? null,
  }
}

/** The directory page's filters (read leniently: an invalid one is dropped and named). */
export const DirectoryQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  monde: Type.Optional(choice(WORLD_CODES, 'organisations.error.world')),
  odd: Type.Optional(Type.Integer({ minimum: 1, maximum: 17 })),
  territoire: Type.Optional(TerritoryId),
  lieu: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
})

/** `GET /api/v1/organisations`. */
export const DirectoryApiQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Words of the name (accents and case ignored)' })),
    world: Type.Optional(WorldSchema),
    sdg: Type.Optional(Type.Integer({ minimum: 1, maximum: 17, description: 'Organisations interested in this SDG' })),
    territory: Type.Optional(TerritoryId),
    ...PageQuery(),
  },
  { additionalProperties: false },
)

/** The members page's invitation form. */
export const InvitationForm = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  role: choice(MEMBER_ROLES, 'form.error.choice'),
})

/** A member's new role. */
export const RoleForm = Type.Object({
  role: choice(MEMBER_ROLES, 'form.error.choice'),
})

/** A form without fields (a button: withdraw, remove, accept). */
export const EmptyForm = Type.Object({})

/** `/acteurs/:id/membres/:userId/…`. */
export const MemberParams = Type.Object({ id: Id, userId: Id })
/** `/acteurs/:id/invitations/:invitationId/…`. */
export const InvitationParams = Type.Object({ id: Id, invitationId: Id })
/** `/invitations/:token` (any shape: a malformed token is an invalid invitation, 410). */
export const TokenParams = Type.Object({ token: Type.String({ maxLength: 200 }) })

// ---------------------------------------------------------------------------------------------------------------
// API answers

/** An organisation's public profile as the API shows it. */
export const OrganisationSchema = named(
  'Organisation',
  Type.Object({
    id: Id,
    name: Type.String(),
    world: WorldSchema,
    siren: Nullable(Type.String()),
    siret: Nullable(Type.String()),
    rna: Nullable(Type.String()),
    identifiers: Type.Object(
      {
        siret: Nullable(Enum(['verifie', 'declare'] as const)),
        rna: Nullable(Enum(['verifie', 'declare'] as const)),
      },
      { description: '`verifie` once a platform admin checked the identifier, `declare` until then; null without identifier' },
    ),
    size_band: Nullable(SizeSchema),
    seat: Nullable(TerritorySchema),
    perimeter: Type.Array(TerritorySchema),
    sdgs: Type.Array(Type.Integer({ minimum: 1, maximum: 17 })),
    description: Type.String(),
    website: Nullable(Type.String()),
    contact_email: Nullable(Type.String()),
    contact_phone: Nullable(Type.String()),
    is_demo: Type.Boolean({ description: 'True for the fictional demonstration dataset' }),
    created_at: IsoDateTime,
    updated_at: IsoDateTime,
    href: Type.String({ description: 'The profile page (relative)' }),
  }),
)

/** A row of the directory. */
export const OrganisationSummarySchema = named(
  'OrganisationSummary',
  Type.Object({
    id: Id,
    name: Type.String(),
    world: WorldSchema,
    seat_name: Type.String(),
    seat_code: Type.String({ description: 'INSEE code of the seat commune' }),
    is_demo: Type.Boolean(),
    href: Type.String({ description: 'The profile page (relative)' }),
  }),
)

/** One page of the directory. */
export const DirectoryPageSchema = named(
  'OrganisationPage',
  Type.Object(Page(OrganisationSummarySchema, { totalDescription: 'Organisations matching the filters' }).properties, { description: 'One page of the directory, ordered by name' }),
)

/** A profile as the API shows it. */
export function presentOrganisation(d: OrganisationDetails): Static<typeof OrganisationSchema> {
  const o = d.organisation
  return {
    id: o.id,
    name: o.name,
    world: o.world,
    siren: o.siren,
    siret: o.siret,
    rna: o.rna,
    identifiers: { siret: o.siret === null ? null : d.identifiers.siret, rna: o.rna === null ? null : d.identifiers.rna },
    size_band: o.size_band,
    seat: d.seat ? presentTerritory(d.seat) : null,
    perimeter: d.perimeter.map(presentTerritory),
    sdgs: d.sdgs,
    description: o.description,
    website: o.website,
    contact_email: o.contact_email,
    contact_phone: o.contact_phone,
    is_demo: o.is_demo === 1,
    created_at: o.created_at,
    updated_at: o.updated_at,
    href: `/acteurs/${o.id}`,
  }
}

/** A page of the directory as the API shows it. */
export function presentDirectoryPage(page: PageOf<DirectoryRow>): Static<typeof DirectoryPageSchema> {
  return {
    data: page.rows.map((r) => ({ id: r.id, name: r.name, world: r.world, seat_name: r.seat_name, seat_code: r.seat_code, is_demo: r.is_demo === 1, href: `/acteurs/${r.id}` })),
    ...pageMeta(page),
  }
}
