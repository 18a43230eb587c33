/**
 * Input schemas of the builder's forms. Fields whose names depend on the questionnaire (option labels,
 * `option_<code>`) are read from the posted values by the route; everything else is validated here, so that a
 * wrong value names its field in the error summary.
 */
import Type, { type Static } from 'typebox'
import { Enum, Id } from '../../../core/http/schemas.js'
import { MAX_OPTIONS, PROFILE_ROLES, QUESTION_TYPES } from '../surveys.definition.js'
import { withMessage } from '../surveys.schemas.js'
import { TEMPLATE_KEYS } from './templates.js'

const Title = Type.String({ minLength: 3, maxLength: 200 })

/** Creating a questionnaire: organisation, title, template, optional territory (typed, or chosen among several). */
export const QuestionnaireCreateForm = Type.Object({
  organisation: withMessage(Id, 'surveys.error.organisation'),
  title: Title,
  template: withMessage(Enum(TEMPLATE_KEYS), 'surveys.error.template'),
  territory: Type.Optional(Type.String({ maxLength: 100 })),
  territory_choice: Type.Optional(Type.String({ maxLength: 40 })),
})

/** The questionnaire's title and introduction. */
export const QuestionnaireMetaForm = Type.Object({
  title: Title,
  intro: Type.Optional(Type.String({ maxLength: 3000 })),
})

/** Adding a section. */
export const SectionAddForm = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
})

/** Renaming, moving or deleting a section. */
export const SectionOpForm = Type.Object({
  op: Enum(['rename', 'up', 'down', 'delete'] as const),
  title: Type.Optional(Type.String({ maxLength: 300 })),
})

/** Adding a question to a section. */
export const QuestionAddForm = Type.Object({
  section: Type.String({ pattern: '^s[0-9]{1,4}$' }),
  type: withMessage(Enum(QUESTION_TYPES), 'surveys.error.questionType'),
  label: Type.String({ minLength: 1, maxLength: 1000 }),
})

/** The fixed part of the question editor (option labels are `option_<code>` fields, read from the posted values). */
export const QuestionEditForm = Type.Object({
  op: Type.String({ pattern: '^(save|add-option|option-(up|down|delete):[a-z0-9_]{1,24})$' }),
  label: Type.String({ minLength: 1, maxLength: 1000 }),
  help: Type.Optional(Type.String({ maxLength: 2000 })),
  required: Type.Optional(Type.Literal('on')),
  new_option: Type.Optional(Type.String({ maxLength: 300 })),
  rank_count: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_OPTIONS })),
  partial: Type.Optional(Type.Literal('on')),
  scale_range: Type.Optional(Enum(['0-10', '1-5'] as const)),
  min_label: Type.Optional(Type.String({ maxLength: 100 })),
  max_label: Type.Optional(Type.String({ maxLength: 100 })),
  number_min: Type.Optional(Type.Number()),
  number_max: Type.Optional(Type.Number()),
  number_integer: Type.Optional(Type.Literal('on')),
  number_unit: Type.Optional(Type.String({ maxLength: 40 })),
  condition: Type.Array(Type.String({ pattern: '^q[0-9]{1,4}:[a-z0-9_]{1,24}$' }), { maxItems: MAX_OPTIONS }),
  profile: Type.Optional(Enum(PROFILE_ROLES)),
  subtotal_label: Type.Optional(Type.String({ maxLength: 100 })),
  subtotal: Type.Array(Type.String({ pattern: '^[a-z0-9_]{1,24}$' }), { maxItems: MAX_OPTIONS }),
})
/** The parsed question editor. */
export type QuestionEditFormT = Static<typeof QuestionEditForm>

/** Moving a question up (haut) or down (bas). */
export const QuestionMoveForm = Type.Object({
  direction: Enum(['haut', 'bas'] as const),
})

/** A form with nothing to fill (a button: delete, duplicate). */
export const ButtonForm = Type.Object({})
