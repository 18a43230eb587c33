/**
 * What this feature keeps about a person (RGPD export): the contact requests they sent and the messages they
 * wrote on behalf of an organisation. Both stay with the organisations after an erasure, without the name.
 */
import type { PersonalDataSource } from '../../core/personal-data.js'
import type { Database } from '../../database.js'

export const listeningPersonalData: PersonalDataSource<Database>[] = [
  {
    key: 'demandes_de_mise_en_relation',
    read: (db, person) =>
      db.selectFrom('contact_requests').select(['id', 'need_id', 'resource_id', 'from_organisation_id', 'to_organisation_id', 'message', 'status', 'created_at']).where('from_user_id', '=', person.id).orderBy('created_at').execute(),
  },
  {
    key: 'messages_de_mise_en_relation',
    read: (db, person) => db.selectFrom('contact_messages').select(['request_id', 'organisation_id', 'body', 'created_at']).where('user_id', '=', person.id).orderBy('created_at').execute(),
  },
]
