/**
 * The analysis service: brings a campaign's snapshot up to date, weights it (or not), computes a results view
 * and caches it.
 *
 * Caches (`lru-cache`, bounded), from the fastest:
 * - the weighted design of a campaign's current (data version, weighting version), in memory (the weighting
 *   step leaves it there, so the first results view does not weight again); two at most (a million-row design
 *   holds tens of megabytes);
 * - computed views in memory, keyed by campaign, view, data version (= submitted_count), weighting version and
 *   the document's layout version, so any new submission or weighting invalidates them; a view is computed once
 *   even when several requests ask for it at the same time (`fetchMethod`);
 * - the same views in `survey_result_cache`, so another process or a restart does not recompute them.
 */
import type { Kysely } from 'kysely'
import { LRUCache } from 'lru-cache'
import { nowIso } from '../../../core/db/values.js'
import type { Database } from '../../../database.js'
import { sharedDefinition, slotLayout, type Definition, type ProfileRole } from '../surveys.definition.js'
import type { Campaign } from '../surveys.queries.js'
import type { WeightingSettings } from '../weighting/margins.js'
import { computeWeighting, unweightedDesign, type WeightedDesign } from '../weighting/weighting.js'
import { availableSegments, computeOverallView, withBreakdowns, type AnalysisInput } from './analysis.js'
import { RESULTS_FORMAT, type StudyResults } from './model.js'
import { SnapshotStore, type Snapshot } from './snapshot.js'

/** A results view: everything, or everything broken down by one segment. */
export type ResultsView = 'overall' | `by:${ProfileRole}`

/** The versions a view is computed at: a campaign's current ones, or a publication's frozen ones. */
export type VersionedCampaign = Pick<Campaign, 'id' | 'submitted_count' | 'weighting_version'>

interface ViewRequest {
  campaign: VersionedCampaign
  def: Definition
  settings: WeightingSettings | null
  view: ResultsView
}

/** Snapshots, weighted designs and results views of campaigns, cached (one per application). */
export class SurveyAnalysis {
  readonly snapshots: SnapshotStore
  private readonly designs = new LRUCache<string, WeightedDesign>({ max: 2 })
  private readonly views: LRUCache<string, StudyResults, ViewRequest>

  constructor(
    private readonly db: Kysely<Database>,
    options: { maxRows?: number } = {},
  ) {
    this.snapshots = new SnapshotStore(options.maxRows)
    this.views = new LRUCache<string, StudyResults, ViewRequest>({
      max: 64,
      fetchMethod: async (_key, _stale, { context }) => this.load(context),
    })
  }

  /** The snapshot of a campaign's submitted answers up to its data version. */
  async snapshot(campaign: VersionedCampaign, def: Definition): Promise<Snapshot> {
    return this.snapshots.get(this.db, campaign.id, slotLayout(def), campaign.submitted_count)
  }

  /** Weights the current answers with `settings` (throws the weighting errors); nothing is stored. */
  async weigh(campaign: VersionedCampaign, def: Definition, settings: WeightingSettings): Promise<{ snapshot: Snapshot; weighted: WeightedDesign }> {
    const snapshot = await this.snapshot(campaign, def)
    return { snapshot, weighted: computeWeighting(snapshot, def, settings) }
  }

  /** Keeps a weighted design as the one of (data version, weighting version), for the next views. */
  remember(campaignId: string, dataVersion: number, weightingVersion: number, weighted: WeightedDesign): void {
    for (const key of [...this.designs.keys()]) if (key.startsWith(`${campaignId}|`)) this.designs.delete(key)
    this.designs.set(`${campaignId}|${dataVersion}|${weightingVersion}`, weighted)
  }

  /** The snapshot and weighted design of the campaign's data and weighting versions (cached). */
  async input(campaign: VersionedCampaign, def: Definition, settings: WeightingSettings | null): Promise<AnalysisInput> {
    const snapshot = await this.snapshot(campaign, def)
    const key = `${campaign.id}|${campaign.submitted_count}|${campaign.weighting_version}`
    let weighted = this.designs.get(key)
    if (!weighted || (weighted.summary === null) !== (settings === null)) {
      weighted = settings ? computeWeighting(snapshot, def, settings) : unweightedDesign(snapshot)
      this.remember(campaign.id, campaign.submitted_count, campaign.weighting_version, weighted)
    }
    return { def, snapshot, weighted, dataVersion: campaign.submitted_count, weightingVersion: campaign.weighting_version }
  }

  /**
   * A results view of the campaign at its versions. `settings` are those of the weighting version (null:
   * unweighted). Edge case: a segment the questionnaire does not have gives the overall view.
   */
  async results(campaign: VersionedCampaign, definitionJson: string, settings: WeightingSettings | null, view: ResultsView): Promise<StudyResults> {
    const def = sharedDefinition(definitionJson) as Definition
    const role = view === 'overall' ? null : (view.slice(3) as ProfileRole)
    const effective: ResultsView = role && availableSegments(def).includes(role) ? view : 'overall'
    const key = `${campaign.id}|${effective}|${campaign.submitted_count}|${campaign.weighting_version}|${RESULTS_FORMAT}`
    return (await this.views.fetch(key, { context: { campaign, def, settings, view: effective } })) as StudyResults
  }

  /** A view from the database cache, or computed and stored there. */
  private async load(request: ViewRequest): Promise<StudyResults> {
    const { campaign, view } = request
    const stored = await this.db
      .selectFrom('survey_result_cache')
      .select(['results', 'data_version', 'weighting_version'])
      .where('campaign_id', '=', campaign.id)
      .where('view_key', '=', view)
      .executeTakeFirst()
    if (stored && stored.data_version === campaign.submitted_count && stored.weighting_version === campaign.weighting_version) {
      const results = JSON.parse(stored.results) as StudyResults
      if (results.format === RESULTS_FORMAT) return results
    }
    const results = await this.compute(request)
    await this.store(campaign, view, results)
    return results
  }

  private async compute({ campaign, def, settings, view }: ViewRequest): Promise<StudyResults> {
    if (view === 'overall') return computeOverallView(await this.input(campaign, def, settings))
    const overall = await this.results(campaign, JSON.stringify(def), settings, 'overall')
    return withBreakdowns(await this.input(campaign, def, settings), overall, view.slice(3) as ProfileRole, 'all')
  }

  private async store(campaign: VersionedCampaign, view: string, results: StudyResults): Promise<void> {
    const row = {
      campaign_id: campaign.id,
      view_key: view,
      data_version: campaign.submitted_count,
      weighting_version: campaign.weighting_version,
      results: JSON.stringify(results),
      computed_at: nowIso(),
    }
    await this.db
      .insertInto('survey_result_cache')
      .values(row)
      .onConflict((oc) => oc.columns(['campaign_id', 'view_key']).doUpdateSet({ data_version: row.data_version, weighting_version: row.weighting_version, results: row.results, computed_at: row.computed_at }))
      .execute()
  }

  /**
   * Starts computing the overall view in the background (after a weighting, so that the analyst's first look at
   * the results does not wait from scratch). Failures are reported to `onError`, never thrown.
   */
  warm(campaign: VersionedCampaign, definitionJson: string, settings: WeightingSettings | null, onError: (error: unknown) => void): void {
    this.results(campaign, definitionJson, settings, 'overall').catch(onError)
  }

  /** Every view of a campaign (overall and one per segment), for a publication. */
  async allViews(campaign: VersionedCampaign, definitionJson: string, settings: WeightingSettings | null): Promise<Record<string, StudyResults>> {
    const def = sharedDefinition(definitionJson) as Definition
    const out: Record<string, StudyResults> = { overall: await this.results(campaign, definitionJson, settings, 'overall') }
    for (const role of availableSegments(def)) out[`by:${role}`] = await this.results(campaign, definitionJson, settings, `by:${role}`)
    return out
  }
}
