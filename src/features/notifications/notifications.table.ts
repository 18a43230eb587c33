/** Kysely types of in-app notifications. */
export interface NotificationsTable {
  id: string
  user_id: string
  /** i18n key of the message, rendered in the reader's language */
  message_key: string
  /** JSON object of the message's parameters */
  params: string
  link: string | null
  created_at: string
  read_at: string | null
}

export interface NotificationTables {
  notifications: NotificationsTable
}
