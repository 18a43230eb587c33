/** Input schemas of the campaign page's forms: settings, invitation codes, publication, outside figures. */
import Type, { type Static } from 'typebox'
import { Enum, IsoDate } from '../../../core/http/schemas.js'
import { codesOf } from '../../vocabulary/index.js'
import { withMessage } from '../surveys.schemas.js'

/** Answering modes of a campaign. */
export const CAMPAIGN_MODES = ['anonymous', 'invitation', 'signed_in'] as const

/** A campaign's settings (new or edited). */
export const CampaignForm = Type.Object({
  title: Type.String({ minLength: 3, maxLength: 200 }),
  territory: Type.Optional(Type.String({ maxLength: 100 })),
  territory_choice: Type.Optional(Type.String({ maxLength: 40 })),
  segments: Type.Array(Enum(codesOf('respondent_segment')), { minItems: 1, maxItems: 20 }),
  opens_on: IsoDate,
  closes_on: IsoDate,
  mode: withMessage(Enum(CAMPAIGN_MODES), 'surveys.error.mode'),
})
/** The parsed campaign form. */
export type CampaignFormT = Static<typeof CampaignForm>

/** How many invitation codes to create (1 to 500). */
export const CodesForm = Type.Object({
  count: Type.Integer({ minimum: 1, maximum: 500 }),
})

/** Publishing a study with its author (required to publish), or withdrawing it. */
export const PublicationForm = Type.Object({
  op: Enum(['publish', 'unpublish'] as const),
  author: Type.Optional(Type.String({ maxLength: 200 })),
})

/** A published figure of an outside study: its question, population, value, source, date, base, link. */
export const ExternalFigureForm = Type.Object({
  question_key: Type.Optional(Type.String({ pattern: '^q[0-9]{1,4}$' })),
  question_wording: Type.String({ minLength: 10, maxLength: 1000 }),
  same_question: Type.Optional(Type.Literal('on')),
  population: Type.String({ minLength: 2, maxLength: 200 }),
  value: Type.Number({ minimum: 0, maximum: 100 }),
  source: Type.String({ minLength: 3, maxLength: 300 }),
  published_on: Type.String({ minLength: 4, maxLength: 40 }),
  base: Type.String({ minLength: 2, maxLength: 200 }),
  url: Type.Optional(Type.String({ maxLength: 500 })),
})

/** Removing an outside figure (a button). */
export const DeleteFigureForm = Type.Object({})
