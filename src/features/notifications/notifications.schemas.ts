/** Input schemas of the notification pages: the preferences form (one pace per kind) and the one-click unsubscribe. */
import Type from 'typebox'
import { Enum } from '../../core/http/schemas.js'
import { PACES, type NotificationKind } from './notifications.kinds.js'

/** The preferences form: `pace.<kind>` for each kind of the application (a kind left out keeps its pace). */
export function preferencesForm(kinds: NotificationKind[]) {
  return Type.Object(Object.fromEntries(kinds.map((kind) => [`pace.${kind.key}`, Type.Optional(Enum(PACES))])))
}

/** What a mail client posts for a one-click unsubscribe (RFC 8058); a person's button posts nothing. */
export const UnsubscribeForm = Type.Object({ 'List-Unsubscribe': Type.Optional(Type.Literal('One-Click')) })
