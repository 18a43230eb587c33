import type { ColumnType } from 'kysely'

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
  /** null until the person opened the link of the verification e-mail */
  email_verified_at: string | null
  /** TOTP secret, encrypted (AES-256-GCM, key derived from the session secret); null without a second factor */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>
  totp_enabled_at: ColumnType<string | null, string | null | undefined, string | null>
  /** the last accepted TOTP time step: a code of that step or earlier is refused (replay) */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>
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

/** Single-use links sent by e-mail: address verification, password reset. Only a hash is stored. */
export interface AccountTokensTable {
  id: string
  user_id: string
  purpose: 'verify-email' | 'reset-password'
  token_hash: string
  /** JSON: a sign-up made again on an unverified address carries its own password hash and name */
  payload: string | null
  created_at: string
  expires_at: string
  used_at: string | null
}

/** One-time recovery codes of the second factor (hashed). */
export interface RecoveryCodesTable {
  id: string
  user_id: string
  code_hash: string
  created_at: string
  used_at: string | null
}

export interface AccountTables {
  users: UsersTable
  sessions: SessionsTable
  account_tokens: AccountTokensTable
  recovery_codes: RecoveryCodesTable
}
