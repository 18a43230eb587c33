/**
 * Notification kinds: the one place where a feature says what it notifies. A kind names who receives it
 * (explicit people, or the members or admins of an organisation), the in-app message, the e-mail template and
 * the label of the preferences page, and its default e-mail pace. Features declare their kinds in their own
 * `<feature>.notifications.ts` with `notificationKind(...)`, export them from their index, and the application
 * lists them all for the preferences page (src/app.ts). Sending is `notify(trx, kind, …)`.
 *
 * Message keys of a kind `K` with message `M` and mail `T` (in the feature's catalogue):
 * - `M` (and `M.<variant>`): the in-app line, e.g. `{from} vous propose une mise en relation pour « {need} »`;
 * - `T.subject`, `T.body`, `T.action` (and `T.<variant>.…`): the e-mail (see core/mail/render.tsx);
 * - `label`: what the preferences page calls this kind.
 */
import type { MessageKey } from '../../core/i18n/index.js'

/** How often a person receives a kind by e-mail. */
export const PACES = ['immediate', 'daily', 'never'] as const
export type Pace = (typeof PACES)[number]

/** The pseudo-kind of the daily digest's unsubscribe links (every kind received in the digest). */
export const DIGEST_KIND = 'notifications.digest'

/** Who receives a notification: people named at the call, or an organisation's members or admins. */
export type Audience = 'people' | 'organisation-members' | 'organisation-admins'

export interface NotificationKind {
  /** stable key, stored with each notification and in preferences: `<feature>.<what>` */
  key: string
  audience: Audience
  /** message key of the in-app line */
  message: string
  /** message-key prefix of the e-mail */
  mail: string
  /** message key of the kind's name on the preferences page */
  label: MessageKey
  defaultPace: Pace
  /** variants of one kind (accepted / declined): `M.<variant>`, `T.<variant>` */
  variants?: readonly string[]
}

/** Declares a kind (checked at boot: a malformed key is a programming error). */
export function notificationKind(kind: NotificationKind): NotificationKind {
  if (!/^[a-z]+\.[a-z-]+$/.test(kind.key)) throw new Error(`Clé de notification invalide : ${kind.key}`)
  return Object.freeze({ ...kind })
}

/** Every kind of the application, by key (checks that no two features use one key). */
export function kindRegistry(kinds: NotificationKind[]): Map<string, NotificationKind> {
  const registry = new Map<string, NotificationKind>()
  for (const kind of kinds) {
    if (registry.has(kind.key)) throw new Error(`Notification ${kind.key} déclarée deux fois`)
    registry.set(kind.key, kind)
  }
  return registry
}
