/**
 * Input schemas of the survey forms. Fields whose names depend on the questionnaire (answers, option
 * labels, margin cells) are read by the services from the raw body; everything else is validated here, so
 * a wrong value names its field in the error summary.
 */
import Type, { type Static } from 'typebox'
import { codesOf } from '../vocabulary/index.js'
import { QUESTION_TYPES, PROFILE_ROLES } from './surveys.definition.js'
import { TEMPLATE_KEYS } from './surveys.templates.js'

const literals = (values: readonly string[], errorMessage: string) => Type.Union(values.map((v) => Type.Literal(v)), { errorMessage })

const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'

/** Creating a questionnaire: organisation, title, template, optional territory. */
export const QuestionnaireCreateForm = Type.Object({
  organisation: Type.String({ minLength: 1, maxLength: 40, errorMessage: 'surveys.error.organisation' }),
  title: Type.String({ minLength: 3, maxLength: 200 }),
  template: literals(TEMPLATE_KEYS, 'surveys.error.template'),
  territory: Type.Optional(Type.String({ maxLength: 100 })),
  territory_choice: Type.Optional(Type.String({ maxLength: 40 })),
})
/** The parsed creation form. */
export type QuestionnaireCreateFormT = Static<typeof QuestionnaireCreateForm>

/** The questionnaire's title and introduction. */
export const QuestionnaireMetaForm = Type.Object({
  title: Type.String({ minLength: 3, maxLength: 200 }),
  intro: Type.Optional(Type.String({ maxLength: 3000 })),
})

/** Adding a section. */
export const SectionAddForm = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 300 }),
})

/** Renaming, moving or deleting a section. */
export const SectionOpForm = Type.Object({
  op: literals(['rename', 'up', 'down', 'delete'], 'form.error.invalid'),
  title: Type.Optional(Type.String({ maxLength: 300 })),
})

/** Adding a question to a section. */
export const QuestionAddForm = Type.Object({
  section: Type.String({ pattern: '^s[0-9]{1,4}$', errorMessage: 'form.error.invalid' }),
  type: literals(QUESTION_TYPES, 'surveys.error.questionType'),
  label: Type.String({ minLength: 1, maxLength: 1000 }),
})

/** The fixed part of the question editor (option labels are `option_<code>` fields, read by the service). */
export const QuestionEditForm = Type.Object({
  op: Type.String({ pattern: '^(save|add-option|option-(up|down|delete):[a-z0-9_]{1,24})$', errorMessage: 'form.error.invalid' }),
  label: Type.String({ minLength: 1, maxLength: 1000 }),
  help: Type.Optional(Type.String({ maxLength: 2000 })),
  required: Type.Optional(Type.String({ maxLength: 5 })),
  new_option: Type.Optional(Type.String({ maxLength: 300 })),
  rank_count: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
  partial: Type.Optional(Type.String({ maxLength: 5 })),
  scale_range: Type.Optional(literals(['0-10', '1-5'], 'form.error.invalid')),
  min_label: Type.Optional(Type.String({ maxLength: 100 })),
  max_label: Type.Optional(Type.String({ maxLength: 100 })),
  number_min: Type.Optional(Type.Number()),
  number_max: Type.Optional(Type.Number()),
  number_integer: Type.Optional(Type.String({ maxLength: 5 })),
  number_unit: Type.Optional(Type.String({ maxLength: 40 })),
  condition: Type.Array(Type.String({ pattern: '^q[0-9]{1,4}:[a-z0-9_]{1,24}$' }), { maxItems: 60 }),
  profile: Type.Optional(literals(PROFILE_ROLES, 'form.error.invalid')),
  subtotal_label: Type.Optional(Type.String({ maxLength: 100 })),
  subtotal: Type.Array(Type.String({ pattern: '^[a-z0-9_]{1,24}$' }), { maxItems: 60 }),
})
/** The parsed question editor. */
export type QuestionEditFormT = Static<typeof QuestionEditForm>

/** Moving a question up (haut) or down (bas). */
export const QuestionMoveForm = Type.Object({
  direction: literals(['haut', 'bas'], 'form.error.invalid'),
})

/** A campaign's settings (new or edited). */
export const CampaignForm = Type.Object({
  title: Type.String({ minLength: 3, maxLength: 200 }),
  territory: Type.Optional(Type.String({ maxLength: 100 })),
  territory_choice: Type.Optional(Type.String({ maxLength: 40 })),
  segments: Type.Array(literals(codesOf('respondent_segment'), 'form.error.invalid'), { minItems: 1, maxItems: 20 }),
  opens_on: Type.String({ pattern: DATE, errorMessage: 'surveys.error.date' }),
  closes_on: Type.String({ pattern: DATE, errorMessage: 'surveys.error.date' }),
  mode: literals(['anonymous', 'invitation', 'signed_in'], 'surveys.error.mode'),
})
/** The parsed campaign form. */
export type CampaignFormT = Static<typeof CampaignForm>

/** How many invitation codes to create (1 to 500). */
export const CodesForm = Type.Object({
  count: Type.Integer({ minimum: 1, maximum: 500 }),
})

/** Publishing (with its author) or withdrawing a study. */
export const PublicationForm = Type.Object({
  op: literals(['publish', 'unpublish'], 'form.error.invalid'),
  author: Type.Optional(Type.String({ maxLength: 200 })),
})

/** A published figure of an outside study: population, value, source, date, base, link. */
export const ExternalFigureForm = Type.Object({
  question_key: Type.Optional(Type.String({ pattern: '^q[0-9]{1,4}$', errorMessage: 'form.error.invalid' })),
  population: Type.String({ minLength: 2, maxLength: 200 }),
  value: Type.Number({ minimum: 0, maximum: 100 }),
  source: Type.String({ minLength: 3, maxLength: 300 }),
  published_on: Type.String({ minLength: 4, maxLength: 40 }),
  base: Type.String({ minLength: 2, maxLength: 200 }),
  url: Type.Optional(Type.String({ maxLength: 500 })),
})
/** The parsed outside-figure form. */
export type ExternalFigureFormT = Static<typeof ExternalFigureForm>

/** The code a respondent types. */
export const InvitationCodeForm = Type.Object({
  code: Type.String({ minLength: 6, maxLength: 40 }),
})

/** The segment of a results view (`?par=`); anything else gives the overall view. */
export const ResultsQuery = Type.Object({
  par: Type.Optional(literals(['world', 'size', 'region', 'territory'], 'form.error.invalid')),
})

/** The preset that fills the weighting form (`?preset=`). */
export const WeightingQuery = Type.Object({
  preset: Type.Optional(literals(['population', 'mayors'], 'form.error.invalid')),
})
