/**
 * What catalysis keeps about a person (RGPD export and erasure): their registrations to meetings (which go
 * with the account: `on delete cascade`) and the invitations sent to their e-mail address (keyed by the
 * address, so erased explicitly). What they wrote for an organisation (activities, meetings, findings,
 * views) stays with the organisation without their name (`on delete set null`).
 */
import type { PersonalDataSource } from '../../core/personal-data.js'
import type { Database } from '../../database.js'

export const catalysisPersonalData: PersonalDataSource<Database>[] = [
  {
    key: 'inscriptions_aux_rencontres',
    read: async (db, person) =>
      db
        .selectFrom('catalysis_registrations')
        .innerJoin('catalysis_meetings', 'catalysis_meetings.id', 'catalysis_registrations.meeting_id')
        .select(['catalysis_meetings.title as rencontre', 'catalysis_meetings.starts_at as debut', 'catalysis_registrations.status as statut', 'catalysis_registrations.created_at as inscrit_le', 'catalysis_registrations.attended as present'])
        .where('catalysis_registrations.user_id', '=', person.id)
        .orderBy('catalysis_meetings.starts_at')
        .execute(),
  },
  {
    key: 'invitations_aux_rencontres',
    read: async (db, person) =>
      db
        .selectFrom('catalysis_meeting_invitations')
        .innerJoin('catalysis_meetings', 'catalysis_meetings.id', 'catalysis_meeting_invitations.meeting_id')
        .select(['catalysis_meetings.title as rencontre', 'catalysis_meeting_invitations.created_at as invite_le'])
        .where('catalysis_meeting_invitations.email', '=', person.email)
        .execute(),
    erase: async (trx, person) => {
      await trx.deleteFrom('catalysis_meeting_invitations').where('email', '=', person.email).execute()
    },
  },
]
