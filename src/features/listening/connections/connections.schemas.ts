/**
 * Inputs of the mise en relation pages: a request (the pair it is about, in hidden fields, and its message), a
 * message of the thread, an answer, the page of the list. The pair of the form page (`?besoin=…&ressource=…`)
 * and of the form is read by the routes' `authorize` (a malformed or unknown id: 404).
 */
import Type from 'typebox'
import { ID_PATTERN } from '../../../core/http/schemas.js'

/** `POST /mises-en-relation/nouvelle`. The pair's ids are read by the route's `authorize` (404 when malformed). */
export const ContactRequestForm = Type.Object({
  need_id: Type.String(),
  resource_id: Type.String(),
  from_organisation_id: Type.Optional(Type.String({ pattern: ID_PATTERN })),
  message: Type.String({ minLength: 10, maxLength: 3000 }),
})

/** `POST /mises-en-relation/{id}/messages`. */
export const MessageForm = Type.Object({ body: Type.String({ minLength: 1, maxLength: 3000 }) })

/** `POST /mises-en-relation/{id}/accepter` and `/refuser`: nothing but the CSRF token. */
export const AnswerForm = Type.Object({})

/** `/mises-en-relation?page=`. */
export const RequestListQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) })
