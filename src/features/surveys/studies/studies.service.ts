/**
 * Published studies: publishing freezes every results view of a campaign (computed with its active weighting,
 * small cells already hidden) with the methodology, at a stable address; withdrawing removes it. Public pages,
 * exports and the API read the frozen document only, never the raw answers and never the engine — except once
 * for a document of an older layout, computed again at its frozen data and weighting versions (so a change of
 * the publication rule, such as the small-cell rule, reaches studies published before it).
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../../core/access/actor.js'
import { nowIso } from '../../../core/db/values.js'
import { validationError, type FieldProblem } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import { findTerritoryById } from '../../territories/index.js'
import { RESULTS_FORMAT, type StudyResults } from '../analysis/model.js'
import type { SurveyAnalysis } from '../analysis/results.js'
import { loadCampaign } from '../surveys.access.js'
import { unsafePublishedScope } from '../surveys.policy.js'
import { campaignQuestionnaire, findWeighting, scopeOrganisationName, type Campaign, type PublishedStudy, type SurveyScope } from '../surveys.queries.js'
import type { CampaignMode } from '../surveys.table.js'
import type { WeightingSettings } from '../weighting/margins.js'
import { activeWeighting } from '../weighting/weighting.service.js'

type Db = Kysely<Database>

/** The page-cache tag of public study pages (the list, a study; territory pages depend on every tag). */
export const STUDIES_TAG = 'studies'

/** What a publication stores besides the results: the methodology at the time of publication. */
export interface Methodology {
  title: string
  organisation: string
  author: string
  territory: string | null
  segments: string[]
  opensOn: string
  closesOn: string
  mode: CampaignMode
  n: number
  excluded: number
  weighted: boolean
  base: number
  baseLabel: string
  margins: Array<{ roles: string[] }>
  marginsSource: string
  method: string
  synthetic: boolean
  publishedAt: string
}

/** The stored publication document. */
export interface PublicationDocument {
  methodology: Methodology
  views: Record<string, StudyResults>
}

/** The methodology of a campaign's results (`author` and `publishedAt` empty before publication). */
export function methodologyOf(campaign: Campaign, facts: { organisation: string; territory: string | null; author: string; publishedAt: string }, settings: WeightingSettings | null, overall: StudyResults | undefined): Methodology {
  return {
    title: campaign.title,
    organisation: facts.organisation,
    author: facts.author,
    territory: facts.territory,
    segments: campaign.segments.split(',').filter(Boolean),
    opensOn: campaign.opens_on,
    closesOn: campaign.closes_on,
    mode: campaign.mode,
    n: overall?.n ?? 0,
    excluded: overall?.excluded ?? 0,
    weighted: settings !== null,
    base: overall?.baseWeighted ?? 0,
    baseLabel: settings?.baseLabel ?? '',
    margins: (settings?.margins ?? []).map((m) => ({ roles: m.roles })),
    marginsSource: settings?.source ?? '',
    method: settings ? (settings.bounds ? 'calibrate' : 'rake') + (settings.trim ? '+trim' : '') : 'none',
    synthetic: campaign.is_synthetic === 1,
    publishedAt: facts.publishedAt,
  }
}

/** The territory name and organisation name of a campaign (for its methodology). */
export async function campaignFacts(db: Db, scope: SurveyScope, campaign: Campaign): Promise<{ organisation: string; territory: string | null }> {
  const [organisation, territory] = await Promise.all([scopeOrganisationName(db, scope), campaign.territory_id ? findTerritoryById(db, campaign.territory_id) : Promise.resolve(undefined)])
  return { organisation, territory: territory?.name ?? null }
}

/**
 * Publishes (or republishes) a campaign's study: every results view is computed with the active weighting and
 * frozen in `survey_publications` with the methodology. Edge cases: the author is required, and a campaign
 * without a response has nothing to publish (400, field `author`).
 */
export async function publishStudy(db: Db, actor: Actor, analysis: SurveyAnalysis, id: string, author: string): Promise<void> {
  const { scope, campaign } = await loadCampaign(db, actor, id)
  const problems: FieldProblem[] = []
  if (!author.trim()) problems.push({ field: 'author', message: 'surveys.error.author' })
  else if (campaign.submitted_count === 0) problems.push({ field: 'author', message: 'surveys.error.nothingToPublish' })
  if (problems.length > 0) throw validationError(problems)
  const [questionnaire, settings, facts] = await Promise.all([campaignQuestionnaire(db, scope, campaign), activeWeighting(db, scope, campaign), campaignFacts(db, scope, campaign)])
  const views = await analysis.allViews(campaign, questionnaire.definition, settings)
  const now = nowIso()
  const methodology = methodologyOf(campaign, { ...facts, author: author.trim(), publishedAt: now }, settings, views.overall)
  const results = JSON.stringify({ methodology, views } satisfies PublicationDocument)
  const values = { author: author.trim(), published_at: now, published_by: actor.userId, data_version: campaign.submitted_count, weighting_version: campaign.weighting_version, results }
  await db
    .insertInto('survey_publications')
    .values({ campaign_id: id, ...values })
    .onConflict((oc) => oc.column('campaign_id').doUpdateSet(values))
    .execute()
}

/** Withdraws a publication (analysts only); the public page then answers 404. */
export async function unpublishStudy(db: Db, actor: Actor, id: string): Promise<void> {
  const { scope } = await loadCampaign(db, actor, id)
  await db.deleteFrom('survey_publications').where('campaign_id', '=', id).where('campaign_id', 'in', (eb) => eb.selectFrom('survey_campaigns').select('id').where('organisation_id', '=', scope.organisationId)).execute()
}

/**
 * The document of a published study. A document of an older layout (`RESULTS_FORMAT`) is computed again at its
 * frozen data and weighting versions and stored back, keeping its methodology, author and date.
 */
export async function publishedDocument(db: Db, analysis: SurveyAnalysis, study: PublishedStudy): Promise<PublicationDocument> {
  const doc = JSON.parse(study.results) as PublicationDocument
  if (Object.values(doc.views).every((v) => v.format === RESULTS_FORMAT)) return doc
  const campaign = await db.selectFrom('survey_campaigns').selectAll().where('id', '=', study.campaign_id).executeTakeFirstOrThrow()
  const scope = unsafePublishedScope(campaign.organisation_id)
  const questionnaire = await campaignQuestionnaire(db, scope, campaign)
  const weighting = study.weighting_version > 0 ? await findWeighting(db, scope, campaign.id, study.weighting_version) : undefined
  const settings = weighting ? (JSON.parse(weighting.settings) as WeightingSettings) : null
  const frozen = { ...campaign, submitted_count: study.data_version, weighting_version: study.weighting_version }
  const upgraded: PublicationDocument = { methodology: doc.methodology, views: await analysis.allViews(frozen, questionnaire.definition, settings) }
  await db.updateTable('survey_publications').set({ results: JSON.stringify(upgraded) }).where('campaign_id', '=', study.campaign_id).where('published_at', '=', study.published_at).execute()
  return upgraded
}
