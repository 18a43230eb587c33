/** Kysely types of in-app notifications and of each person's e-mail pace per kind. */
import type { ColumnType } from 'kysely'

export interface NotificationsTable {
  id: string
  user_id: string
  /** the notification kind (see notifications.kinds.ts); null for notifications older than kinds */
  kind: ColumnType<string | null, string | null | undefined, string | null>
  /** i18n key of the message, rendered in the reader's language */
  message_key: string
  /** JSON object of the message's parameters */
  params: string
  link: string | null
  created_at: string
  read_at: string | null
  /** what became of its e-mail: immediate (queued at once), digest (waiting), digested, none */
  mail_state: ColumnType<'immediate' | 'digest' | 'digested' | 'none', 'immediate' | 'digest' | 'digested' | 'none' | undefined, 'immediate' | 'digest' | 'digested' | 'none'>
}

/** A person's choice for one kind; absent = the kind's default. */
export interface NotificationPreferencesTable {
  user_id: string
  kind: string
  pace: 'immediate' | 'daily' | 'never'
  updated_at: string
}

export interface NotificationTables {
  notifications: NotificationsTable
  notification_preferences: NotificationPreferencesTable
}
