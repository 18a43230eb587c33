/** Input of dialogues, findings, views, consents and the maturity grid (forms and API). */
import Type from 'typebox'
import { codesOf } from '../../vocabulary/index.js'
import { FINDING_KINDS, PRIORITIES } from './dialogues.service.js'
import { GridSchema } from './maturity.grid.js'

const ID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
const TERRITORY = '^(commune|epci|ept|departement|region):[0-9A-Z]{1,12}$'
const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
const literals = <const T extends readonly string[]>(values: T, errorMessage = 'form.error.invalid') => Type.Enum([...values] as T[number][], { errorMessage })

export const DialogueForm = Type.Object({
  title: Type.String({ minLength: 3, maxLength: 200 }),
  purpose: Type.Optional(Type.String({ maxLength: 5000 })),
  territory: Type.Optional(Type.String({ maxLength: 100 })),
  subject_organisation_id: Type.Optional(Type.String({ pattern: ID })),
  started_on: Type.String({ pattern: DATE, errorMessage: 'catalysis.error.date' }),
  participant_ids: Type.Array(Type.String({ pattern: ID }), { maxItems: 200 }),
})
export const DialogueApiInput = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 200 }),
    purpose: Type.Optional(Type.String({ maxLength: 5000 })),
    territory_id: Type.Optional(Type.Union([Type.String({ pattern: TERRITORY }), Type.Null()])),
    subject_organisation_id: Type.Optional(Type.Union([Type.String({ pattern: ID }), Type.Null()])),
    started_on: Type.String({ pattern: DATE }),
    participant_ids: Type.Optional(Type.Array(Type.String({ pattern: ID }), { maxItems: 200 })),
  },
  { additionalProperties: false },
)
export const ParticipantsInput = Type.Object({ organisation_ids: Type.Array(Type.String({ pattern: ID }), { minItems: 1, maxItems: 200, errorMessage: 'form.error.required' }) })
export const ParticipantSearch = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) })

export const FindingInput = Type.Object({
  organisation_id: Type.String({ pattern: ID, errorMessage: 'catalysis.error.participantOnly' }),
  kind: literals(FINDING_KINDS, 'catalysis.error.findingKind'),
  title: Type.String({ minLength: 3, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 3000 })),
  domain: literals(codesOf('domain'), 'catalysis.error.domain'),
  sdgs: Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17 }),
  priority: literals(PRIORITIES, 'catalysis.error.priority'),
})
export const ViewInput = Type.Object({
  organisation_id: Type.String({ pattern: ID, errorMessage: 'catalysis.error.participantOnly' }),
  importance: Type.Integer({ minimum: 1, maximum: 4, errorMessage: 'catalysis.error.importance' }),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
})
export const PriorityInput = Type.Object({ priority: literals(PRIORITIES, 'catalysis.error.priority') })
export const LaunchInput = Type.Object({ closes_on: Type.String({ pattern: DATE, errorMessage: 'catalysis.error.closesOn' }) })
export const ConsentInput = Type.Object({ organisation_id: Type.String({ pattern: ID, errorMessage: 'catalysis.error.participantAdminOnly' }), consent: literals(['accord', 'refus'] as const) })
export const CloseInput = Type.Object({ closed_on: Type.String({ pattern: DATE, errorMessage: 'catalysis.error.date' }) })

/** The grid editor: the four levels' labels, descriptions and ranges, the criteria's weights, a note. */
export function gridFormSchema(levels: number, criteria: number) {
  const fields: Record<string, ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer> | ReturnType<typeof Type.Optional>> = {}
  for (let i = 0; i < levels; i++) {
    fields[`level_${i}_label`] = Type.String({ minLength: 2, maxLength: 200 })
    fields[`level_${i}_description`] = Type.Optional(Type.String({ maxLength: 2000 }))
    fields[`level_${i}_min`] = Type.Integer({ minimum: 0, maximum: 100, errorMessage: 'catalysis.error.gridNumber' })
    fields[`level_${i}_max`] = Type.Integer({ minimum: 0, maximum: 100, errorMessage: 'catalysis.error.gridNumber' })
  }
  for (let i = 0; i < criteria; i++) fields[`criterion_${i}_weight`] = Type.Integer({ minimum: 0, maximum: 10, errorMessage: 'catalysis.error.gridWeight' })
  fields.note = Type.String({ minLength: 5, maxLength: 1000 })
  return Type.Object(fields)
}
export const GridApiInput = Type.Object({ grid: GridSchema, note: Type.String({ minLength: 5, maxLength: 1000 }) }, { additionalProperties: false })
