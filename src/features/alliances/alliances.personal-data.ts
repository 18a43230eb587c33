/**
 * What this feature keeps about a person (RGPD export): charter signatures, journal entries and
 * contributions they recorded. They are acts of an organisation and stay after an erasure; a signature keeps
 * the signer's name as written when signing (the record of the organisation's commitment).
 */
import type { PersonalDataSource } from '../../core/personal-data.js'
import type { Database } from '../../database.js'

export const alliancesPersonalData: PersonalDataSource<Database>[] = [
  {
    key: 'signatures_de_charte',
    read: (db, person) =>
      db
        .selectFrom('alliance_charter_signatures')
        .innerJoin('alliance_charters', 'alliance_charters.id', 'alliance_charter_signatures.charter_id')
        .select(['alliance_charters.alliance_id', 'alliance_charter_signatures.organisation_id', 'alliance_charter_signatures.version', 'alliance_charter_signatures.signer_name', 'alliance_charter_signatures.signed_at'])
        .where('alliance_charter_signatures.signed_by', '=', person.id)
        .orderBy('alliance_charter_signatures.signed_at')
        .execute(),
  },
  {
    key: 'entrees_de_journal',
    read: (db, person) => db.selectFrom('alliance_journal_entries').select(['alliance_id', 'organisation_id', 'kind', 'occurred_on', 'title', 'body']).where('author_id', '=', person.id).orderBy('occurred_on').execute(),
  },
  {
    key: 'contributions_enregistrees',
    read: (db, person) =>
      db.selectFrom('alliance_contributions').select(['alliance_id', 'organisation_id', 'contribution_type', 'unit', 'quantity_hundredths', 'contributed_on', 'description']).where('created_by', '=', person.id).orderBy('contributed_on').execute(),
  },
]
