/**
 * Input schemas of answering. The answers themselves are fields named after the questions (`q_<key>`, and
 * `q_<key>__<item>` for a ranking's items), read from the posted values and checked question by question by
 * `answers.ts` (types, options, ranks, required questions, control characters).
 */
import Type from 'typebox'
import { Enum } from '../../../core/http/schemas.js'

/** The answer form's fixed part: saving a draft or submitting (the default). */
export const AnswerForm = Type.Object({
  intent: Type.Optional(Enum(['draft', 'submit'] as const)),
})

/** The invitation code a respondent types. */
export const InvitationCodeForm = Type.Object({
  code: Type.String({ minLength: 6, maxLength: 40 }),
})
