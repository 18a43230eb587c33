/**
 * The analysis service: brings a campaign's snapshot up to date, weights it (or not), computes a results
 * view and caches it.
 *
 * Caches, from the fastest:
 * - the weighted design of the current (data version, weighting version) of a campaign, in memory (the
 *   weighting step leaves it there, so the first results view does not rake again);
 * - computed views in memory (LRU), keyed by campaign, view, data version (= submitted_count) and weighting
 *   version, so any new submission or weighting invalidates them;
 * - the same views in `survey_result_cache`, so another process or a restart does not recompute them.
 * A view is computed once even when several requests ask for it at the same time.
 */
import type { Kysely } from 'kysely'
import { nowIso } from '../../core/db/values.js'
import type { Database } from '../../database.js'
import {
  availableSegments,
  computeOverallView,
  withBreakdowns,
  type AnalysisInput,
  type StudyResults,
} from './surveys.analysis.js'
import { parseDefinition, slotLayout, type Definition, type ProfileRole } from './surveys.definition.js'
import type { Campaign } from './surveys.queries.js'
import { SnapshotStore, type Snapshot } from './surveys.snapshot.js'
import { computeWeighting, unweightedDesign, type WeightedDesign, type WeightingSettings } from './surveys.weighting.js'

/** A results view: everything, or everything broken down by one segment. */
export type ResultsView = 'overall' | `by:${ProfileRole}`

const MAX_VIEWS = 64

/** Snapshots, weighted designs and results views of campaigns, cached (one per application). */
export class SurveyAnalysis {
  readonly snapshots: SnapshotStore
  private readonly designs = new Map<string, WeightedDesign>()
  private readonly views = new Map<string, StudyResults>()
  private readonly pending = new Map<string, Promise<StudyResults>>()

  constructor(
    private readonly db: Kysely<Database>,
    options: { maxRows?: number } = {},
  ) {
    this.snapshots = new SnapshotStore(options.maxRows)
  }

  /** The snapshot of a campaign's submitted answers, up to date. */
  async snapshot(campaign: Campaign, def: Definition): Promise<Snapshot> {
    return this.snapshots.get(this.db, campaign.id, slotLayout(def), campaign.submitted_count)
  }

  /** Weights the current answers with `settings` (throws the weighting errors); nothing is stored. */
  async weigh(campaign: Campaign, def: Definition, settings: WeightingSettings): Promise<{ snapshot: Snapshot; weighted: WeightedDesign }> {
    const snapshot = await this.snapshot(campaign, def)
    return { snapshot, weighted: computeWeighting(snapshot, def, settings) }
  }

  /** Keeps a weighted design as the one of (data version, weighting version), for the next views. */
  remember(campaignId: string, dataVersion: number, weightingVersion: number, weighted: WeightedDesign): void {
    for (const key of this.designs.keys()) if (key.startsWith(`${campaignId}|`)) this.designs.delete(key)
    this.designs.set(`${campaignId}|${dataVersion}|${weightingVersion}`, weighted)
    while (this.designs.size > 2) this.designs.delete(this.designs.keys().next().value as string)
  }

  /** The snapshot and weighted design of the campaign's current data and weighting (cached). */
  async input(campaign: Campaign, def: Definition, settings: WeightingSettings | null): Promise<AnalysisInput> {
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
   * A results view of the campaign's current data and weighting. `settings` are those of the campaign's
   * active weighting version (null: unweighted). Edge case: a segment the questionnaire does not have gives
   * the overall view.
   */
  async results(campaign: Campaign, definitionJson: string, settings: WeightingSettings | null, view: ResultsView): Promise<StudyResults> {
    const def = parseDefinition(definitionJson)
    const role = view === 'overall' ? null : (view.slice(3) as ProfileRole)
    const effective: ResultsView = role && availableSegments(def).includes(role) ? view : 'overall'
    const key = `${campaign.id}|${effective}|${campaign.submitted_count}|${campaign.weighting_version}`
    const cached = this.views.get(key)
    if (cached) {
      this.views.delete(key)
      this.views.set(key, cached)
      return cached
    }
    const running = this.pending.get(key)
    if (running) return running
    const work = (async () => {
      const stored = await this.db
        .selectFrom('survey_result_cache')
        .select(['results', 'data_version', 'weighting_version'])
        .where('campaign_id', '=', campaign.id)
        .where('view_key', '=', effective)
        .executeTakeFirst()
      let results: StudyResults
      if (stored && stored.data_version === campaign.submitted_count && stored.weighting_version === campaign.weighting_version) {
        results = JSON.parse(stored.results) as StudyResults
      } else {
        results = await this.compute(campaign, def, settings, effective)
        await this.store(campaign, effective, results)
      }
      this.views.set(key, results)
      while (this.views.size > MAX_VIEWS) this.views.delete(this.views.keys().next().value as string)
      return results
    })()
    this.pending.set(key, work)
    try {
      return await work
    } finally {
      this.pending.delete(key)
    }
  }

  private async compute(campaign: Campaign, def: Definition, settings: WeightingSettings | null, view: ResultsView): Promise<StudyResults> {
    if (view === 'overall') return computeOverallView(await this.input(campaign, def, settings))
    const overall = await this.results(campaign, JSON.stringify(def), settings, 'overall')
    return withBreakdowns(await this.input(campaign, def, settings), overall, view.slice(3) as ProfileRole, 'all')
  }

  private async store(campaign: Campaign, view: string, results: StudyResults): Promise<void> {
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
      .onConflict((oc) =>
        oc.columns(['campaign_id', 'view_key']).doUpdateSet({
          data_version: row.data_version,
          weighting_version: row.weighting_version,
          results: row.results,
          computed_at: row.computed_at,
        }),
      )
      .execute()
  }

  /**
   * Starts computing the overall view in the background (after a weighting, so that the analyst's first
   * look at the results does not wait from scratch). Failures are reported to `onError`, never thrown.
   */
  warm(campaign: Campaign, definitionJson: string, settings: WeightingSettings | null, onError: (error: unknown) => void): void {
    this.results(campaign, definitionJson, settings, 'overall').catch(onError)
  }

  /** Every view of a campaign (overall and one per segment), for a publication. */
  async allViews(campaign: Campaign, definitionJson: string, settings: WeightingSettings | null): Promise<Record<string, StudyResults>> {
    const def = parseDefinition(definitionJson)
    const out: Record<string, StudyResults> = { overall: await this.results(campaign, definitionJson, settings, 'overall') }
    for (const role of availableSegments(def)) out[`by:${role}`] = await this.results(campaign, definitionJson, settings, `by:${role}`)
    return out
  }
}
