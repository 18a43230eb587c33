/**
 * The RGPD rights of a person over their account (export, erasure), as an extension point: each feature
 * describes the rows it keeps about a person, and the accounts feature gathers them into one export and
 * runs the extra steps of an erasure. Deleting the `users` row does the rest: sessions, memberships and
 * notifications go with it (`on delete cascade`); what the person wrote for an organisation stays with the
 * organisation without their name (`on delete set null`).
 */
import type { Kysely, Transaction } from 'kysely'

export interface Person {
  id: string
  /** lower-cased */
  email: string
}

export interface PersonalDataSource<DB = any> {
  /** the key of this part in the export (French, snake case: `reponses_aux_enquetes`) */
  key: string
  /** the rows about the person, as plain objects (never secrets such as password or token hashes) */
  read(db: Kysely<DB>, person: Person): Promise<Array<Record<string, unknown>>>
  /** what erasing the account must do besides deleting the `users` row (e.g. rows keyed by e-mail) */
  erase?(trx: Transaction<DB>, person: Person): Promise<void>
}
