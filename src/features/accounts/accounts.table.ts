/** Kysely types of people's accounts and their server-side sessions. */
export interface UsersTable {
  id: string
  /** lower-cased */
  email: string
  /** argon2id encoded hash */
  password_hash: string
  display_name: string
  locale: string
  is_platform_admin: number
  is_demo: number
  created_at: string
  updated_at: string
}

export interface SessionsTable {
  /** SHA-256 of the session id carried by the cookie (a database leak does not reveal live sessions) */
  id: string
  user_id: string | null
  /** the session object as JSON */
  data: string
  created_at: string
  last_seen_at: string
  expires_at: string
}

export interface AccountTables {
  users: UsersTable
  sessions: SessionsTable
}
