/**
 * What evaluation keeps about a person (RGPD export): answers they wrote or submitted for their organisation,
 * review approvals (with the approver's name as written when approving), rounds they opened, indicator values
 * they recorded. They are acts of an organisation or of an alliance and stay after an erasure, without the
 * account.
 */
import type { PersonalDataSource } from '../../core/personal-data.js'
import type { Database } from '../../database.js'

export const evaluationPersonalData: PersonalDataSource<Database>[] = [
  {
    key: 'reponses_d_evaluation',
    read: (db, person) =>
      db
        .selectFrom('evaluation_answers')
        .select(['alliance_id', 'round_id', 'organisation_id', 'status', 'updated_at', 'submitted_at'])
        .where((eb) => eb.or([eb('updated_by', '=', person.id), eb('submitted_by', '=', person.id)]))
        .orderBy('updated_at')
        .execute(),
  },
  {
    key: 'approbations_de_bilan',
    read: (db, person) => db.selectFrom('evaluation_review_approvals').select(['round_id', 'version', 'organisation_id', 'approver_name', 'approved_at']).where('approved_by', '=', person.id).orderBy('approved_at').execute(),
  },
  {
    key: 'temps_d_evaluation_ouverts',
    read: (db, person) => db.selectFrom('evaluation_rounds').select(['alliance_id', 'number', 'title', 'created_at']).where('opened_by', '=', person.id).orderBy('created_at').execute(),
  },
  {
    key: 'valeurs_d_indicateurs',
    read: (db, person) => db.selectFrom('evaluation_indicator_values').select(['alliance_id', 'indicator_id', 'organisation_id', 'measured_on', 'value_hundredths', 'source', 'recorded_at']).where('recorded_by', '=', person.id).orderBy('recorded_at').execute(),
  },
]
