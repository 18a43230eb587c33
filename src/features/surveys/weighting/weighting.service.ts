/**
 * Weighting use cases: the settings of a campaign's active weighting version, and applying new settings (the
 * engine weights the current answers; a new version is stored only when it succeeds, with its diagnostics).
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../../core/access/actor.js'
import { lockForUpdate } from '../../../core/db/dialect.js'
import { newId, nowIso } from '../../../core/db/values.js'
import type { Database } from '../../../database.js'
import type { SurveyAnalysis } from '../analysis/results.js'
import { loadCampaignWithQuestionnaire } from '../surveys.access.js'
import type { Campaign, SurveyScope } from '../surveys.queries.js'
import type { WeightingSettings } from './margins.js'

type Db = Kysely<Database>

/** The settings of a campaign's active weighting version, or null (unweighted). */
export async function activeWeighting(db: Db, scope: SurveyScope, campaign: Pick<Campaign, 'id' | 'weighting_version'>): Promise<WeightingSettings | null> {
  if (campaign.weighting_version === 0) return null
  const row = await db
    .selectFrom('survey_weightings')
    .innerJoin('survey_campaigns', 'survey_campaigns.id', 'survey_weightings.campaign_id')
    .select('survey_weightings.settings')
    .where('survey_weightings.campaign_id', '=', campaign.id)
    .where('survey_weightings.version', '=', campaign.weighting_version)
    .where('survey_campaigns.organisation_id', '=', scope.organisationId)
    .executeTakeFirst()
  return row ? (JSON.parse(row.settings) as WeightingSettings) : null
}

/**
 * Weights a campaign's answers with `settings` and makes it the active weighting (a new version). Throws
 * `ALLIANCE_ERR_WEIGHTING_FAILED` naming the margin and category when the engine cannot weight (with the
 * conflicting margins when bounds cannot be met, `diagnosis.ts`); nothing is stored then. Returns the version.
 */
export async function applyWeighting(db: Db, actor: Actor, analysis: SurveyAnalysis, id: string, settings: WeightingSettings): Promise<number> {
  const { campaign, def } = await loadCampaignWithQuestionnaire(db, actor, id)
  const { weighted } = await analysis.weigh(campaign, def, settings)
  return db.transaction().execute(async (trx) => {
    const current = await lockForUpdate(trx, trx.selectFrom('survey_campaigns').select(['submitted_count']).where('id', '=', id)).executeTakeFirstOrThrow()
    const last = await trx.selectFrom('survey_weightings').select((eb) => eb.fn.max('version').as('v')).where('campaign_id', '=', id).executeTakeFirst()
    const next = Number(last?.v ?? 0) + 1
    await trx
      .insertInto('survey_weightings')
      .values({ id: newId(), campaign_id: id, version: next, settings: JSON.stringify(settings), summary: JSON.stringify(weighted.summary), created_by: actor.userId, created_at: nowIso() })
      .execute()
    await trx.updateTable('survey_campaigns').set({ weighting_version: next, updated_at: nowIso() }).where('id', '=', id).execute()
    if (Number(current.submitted_count) === campaign.submitted_count) analysis.remember(id, campaign.submitted_count, next, weighted)
    return next
  })
}
