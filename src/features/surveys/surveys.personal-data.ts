/**
 * What this feature keeps about a person (RGPD export): the responses they gave signed in, with their
 * answers. After an erasure a response stays in the campaign's results, anonymous (its key is a one-way hash
 * and the link to the account is removed).
 */
import type { PersonalDataSource } from '../../core/personal-data.js'
import type { Database } from '../../database.js'

export const surveysPersonalData: PersonalDataSource<Database>[] = [
  {
    key: 'reponses_aux_enquetes',
    read: async (db, person) => {
      const rows = await db
        .selectFrom('survey_responses')
        .innerJoin('survey_campaigns', 'survey_campaigns.id', 'survey_responses.campaign_id')
        .select(['survey_responses.campaign_id', 'survey_campaigns.title as campaign', 'survey_responses.status', 'survey_responses.answers', 'survey_responses.created_at', 'survey_responses.submitted_at'])
        .where('survey_responses.user_id', '=', person.id)
        .orderBy('survey_responses.created_at')
        .execute()
      return rows.map((r) => ({ ...r, answers: JSON.parse(r.answers) as unknown }))
    },
  },
]
