/** Schema helpers shared by the surveys' forms. */
import type { TSchema } from 'typebox'
import type { MessageKey } from '../../core/i18n/index.js'

/**
 * A copy of `schema` whose validation problem reads `message` (an i18n key) instead of the core's generic one
 * (e.g. « Choisissez un modèle. » rather than « Choisissez une des valeurs proposées. »).
 */
export function withMessage<T extends TSchema>(schema: T, message: MessageKey): T {
  // A faithful copy: TypeBox keeps a schema's kind in non-enumerable symbols, which a spread would lose.
  const copy = Object.create(Object.getPrototypeOf(schema), Object.getOwnPropertyDescriptors(schema)) as T
  Object.defineProperty(copy, 'errorMessage', { value: message, enumerable: true, writable: true, configurable: true })
  return copy
}
