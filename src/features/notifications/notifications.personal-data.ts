/** What this feature keeps about a person (RGPD export): their notifications; they go with the account. */
import type { PersonalDataSource } from '../../core/personal-data.js'
import type { Database } from '../../database.js'

export const notificationsPersonalData: PersonalDataSource<Database>[] = [
  {
    key: 'notifications',
    read: async (db, person) => {
      const rows = await db.selectFrom('notifications').select(['message_key', 'params', 'link', 'created_at', 'read_at']).where('user_id', '=', person.id).orderBy('created_at').execute()
      return rows.map((r) => ({ ...r, params: JSON.parse(r.params) as unknown }))
    },
  },
]
