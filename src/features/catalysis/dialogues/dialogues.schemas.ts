/**
 * Schemas of governance dialogues: the forms and the JSON API's input for opening a dialogue, its participants,
 * findings, views, priorities, the self-diagnosis, consents and closing; the maturity grid's editor; and what
 * the API answers (named components).
 */
import Type, { type Static, type TSchema } from 'typebox'
import { Enum, Id, ID_PATTERN, IsoDate, named, Nullable, TERRITORY_ID_PATTERN } from '../../../core/http/schemas.js'
import { codesOf } from '../../vocabulary/index.js'
import { OrganisationRef, World } from '../catalysis.schemas.js'
import { FINDING_KINDS, PRIORITIES } from './dialogues.service.js'
import { GridSchema } from './maturity.grid.js'

export const FindingKind = Enum(FINDING_KINDS, { description: '`fragilite`, `atout` (asset) or `specificite`' })
export const Priority = Enum(PRIORITIES, { description: '`haute`, `moyenne` or `basse`' })
const Consent = Enum(['accord', 'refus'] as const, { description: '`accord` (agrees to publication) or `refus`' })
const Domain = Enum(codesOf('domain'), { description: 'Vocabulary kind `domain`' })

/** `/dialogues/:id/constats/:findingId…`. */
export const FindingParams = Type.Object({ id: Id, findingId: Id })

export const DialogueForm = Type.Object({
  title: Type.String({ minLength: 3, maxLength: 200 }),
  purpose: Type.Optional(Type.String({ maxLength: 5000 })),
  territory: Type.Optional(Type.String({ maxLength: 100 })),
  subject_organisation_id: Type.Optional(Id),
  started_on: IsoDate,
  participant_ids: Type.Array(Id, { maxItems: 200 }),
})
export const DialogueApiInput = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 200 }),
    purpose: Type.Optional(Type.String({ maxLength: 5000 })),
    territory_id: Type.Optional(Nullable(Type.String({ pattern: TERRITORY_ID_PATTERN, description: 'The territory of the dialogue' }))),
    subject_organisation_id: Type.Optional(Nullable(Type.String({ pattern: ID_PATTERN, description: 'Or the organisation the dialogue is held with' }))),
    started_on: IsoDate,
    participant_ids: Type.Optional(Type.Array(Id, { maxItems: 200 })),
  },
  { additionalProperties: false },
)
export const ParticipantsInput = Type.Object({ organisation_ids: Type.Array(Id, { minItems: 1, maxItems: 200, errorMessage: 'form.error.required' }) }, { additionalProperties: false })
export const ParticipantSearch = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) })

export const FindingInput = Type.Object({
  organisation_id: Type.String({ pattern: ID_PATTERN, errorMessage: 'catalysis.error.participantOnly' }),
  kind: FindingKind,
  title: Type.String({ minLength: 3, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 3000 })),
  domain: Domain,
  sdgs: Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17, description: 'Sustainable development goals (1–17)' }),
  priority: Priority,
})
export const ViewInput = Type.Object({
  organisation_id: Type.String({ pattern: ID_PATTERN, errorMessage: 'catalysis.error.participantOnly' }),
  importance: Type.Integer({ minimum: 1, maximum: 4, errorMessage: 'catalysis.error.importance' }),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
})
export const PriorityInput = Type.Object({ priority: Priority })
export const LaunchInput = Type.Object({ closes_on: Type.String({ format: 'date', errorMessage: 'catalysis.error.closesOn', description: 'The last day of answers (Europe/Paris)' }) })
export const ConsentInput = Type.Object({ organisation_id: Type.String({ pattern: ID_PATTERN, errorMessage: 'catalysis.error.participantAdminOnly' }), consent: Consent })
export const CloseInput = Type.Object({ closed_on: IsoDate })

/** Most criteria a grid has (`GridSchema`). */
const MAX_CRITERIA = 20

/**
 * The grid editor: the four levels' labels, descriptions and ranges, the criteria's weights (as many as the
 * grid being edited has: the others are refused by the route's check), a note.
 */
export function gridFormSchema(levels: number) {
  const fields: Record<string, TSchema> = {}
  for (let i = 0; i < levels; i++) {
    fields[`level_${i}_label`] = Type.String({ minLength: 2, maxLength: 200 })
    fields[`level_${i}_description`] = Type.Optional(Type.String({ maxLength: 2000 }))
    fields[`level_${i}_min`] = Type.Integer({ minimum: 0, maximum: 100, errorMessage: 'catalysis.error.gridNumber' })
    fields[`level_${i}_max`] = Type.Integer({ minimum: 0, maximum: 100, errorMessage: 'catalysis.error.gridNumber' })
  }
  for (let i = 0; i < MAX_CRITERIA; i++) fields[`criterion_${i}_weight`] = Type.Optional(Type.Integer({ minimum: 0, maximum: 10, errorMessage: 'catalysis.error.gridWeight' }))
  fields.note = Type.String({ minLength: 5, maxLength: 1000 })
  return Type.Object(fields)
}
/** The editor of the grid's four levels. */
export const GridForm = gridFormSchema(4)
export const MaturityGridDefinition = named('MaturityGridDefinition', GridSchema)
export const GridApiInput = Type.Object({ grid: MaturityGridDefinition, note: Type.String({ minLength: 5, maxLength: 1000, description: 'What changed and why' }) }, { additionalProperties: false })

// --- answers ------------------------------------------------------------------------------------------

export const DialogueSchema = named(
  'Dialogue',
  Type.Object({
    data: Type.Object({
      id: Id,
      title: Type.String(),
      purpose: Type.String(),
      space_id: Id,
      territory_id: Nullable(Type.String()),
      subject_organisation_id: Nullable(Id),
      status: Enum(['en_cours', 'clos'] as const),
      started_on: IsoDate,
      closed_on: Nullable(IsoDate),
      campaign_id: Nullable(Type.String({ description: 'The self-diagnosis campaign (its team and participants only)' })),
      href: Type.String(),
    }),
    participants: Type.Array(Type.Object({ organisation: OrganisationRef, consent: Nullable(Consent) })),
    findings: Type.Array(
      Type.Object({
        id: Id,
        kind: FindingKind,
        title: Type.String(),
        description: Type.String(),
        domain: Type.String(),
        sdgs: Type.Array(Type.Integer()),
        priority: Priority,
        organisation_id: Id,
        world: World,
        views: Type.Array(Type.Object({ organisation_id: Id, world: World, importance: Type.Integer({ minimum: 1, maximum: 4 }), comment: Type.String() })),
      }),
    ),
    maturity: Nullable(
      named(
        'MaturityResult',
        Type.Object({
          grid_version: Type.Integer(),
          score: Type.Number({ description: 'Out of 100, to a tenth' }),
          level: Type.String(),
          respondents: Type.Integer(),
          criteria: Type.Record(Type.String(), Nullable(Type.Number()), { description: 'Criterion → score out of 100 (null: unanswered)' }),
          lever_first: Type.Record(Type.String(), Type.Number(), { description: 'Lever → share of respondents who ranked it first, in %' }),
          published_at: Nullable(Type.String({ format: 'date-time' })),
        }),
      ),
    ),
  }),
)
export type DialogueAnswer = Static<typeof DialogueSchema>

export const MaturityGridSchema = named(
  'MaturityGrid',
  Type.Object({
    version: Type.Integer(),
    note: Type.String(),
    grid: MaturityGridDefinition,
    documented_levels: Type.Array(Type.Object({ code: Type.String(), source: Nullable(Type.String({ description: 'Its public source, or null: the platform’s own proposal' })) })),
  }),
)
