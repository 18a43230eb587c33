/**
 * What the library keeps about a person (RGPD export): the practice sheets they wrote for their alliance. They
 * stay after an erasure, without the account.
 */
import type { PersonalDataSource } from '../../core/personal-data.js'
import type { Database } from '../../database.js'

export const practicesPersonalData: PersonalDataSource<Database>[] = [
  {
    key: 'fiches_de_pratique',
    read: (db, person) => db.selectFrom('practice_sheets').select(['id', 'alliance_id', 'title', 'published_at']).where('created_by', '=', person.id).orderBy('published_at').execute(),
  },
]
