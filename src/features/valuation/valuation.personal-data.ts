/**
 * What valuation keeps about a person (RGPD export): values they stated for their organisation's contributions
 * and rate tables they published. They stay after an erasure, without the account.
 */
import type { PersonalDataSource } from '../../core/personal-data.js'
import type { Database } from '../../database.js'

export const valuationPersonalData: PersonalDataSource<Database>[] = [
  {
    key: 'valeurs_declarees',
    read: (db, person) => db.selectFrom('valuation_statements').select(['alliance_id', 'contribution_id', 'organisation_id', 'value_cents', 'basis', 'stated_at']).where('stated_by', '=', person.id).orderBy('stated_at').execute(),
  },
  {
    key: 'baremes_publies',
    read: (db, person) => db.selectFrom('valuation_rate_tables').select(['id', 'scope', 'alliance_id', 'version', 'title', 'created_at']).where('created_by', '=', person.id).orderBy('created_at').execute(),
  },
]
