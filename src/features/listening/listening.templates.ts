/**
 * Rows of needs and resources made from the demo templates (`listening.demo.data.ts`): the demo dataset writes
 * them as they are, the scale generator with figures scaled at random around the template's.
 */
import type { Database } from '../../database.js'
import { domainMask, sdgMask, suggestedSdgs, typeMask } from './listening.codes.js'
import type { NeedTemplate, ResourceTemplate } from './listening.demo.data.js'
import { needLevelColumns, seatLevelColumns, type Levels } from './listening.places.js'
import type { NeedStatus, ResourceStatus } from './listening.table.js'

interface Placed<Status> {
  id: string
  organisationId: string
  /** the organisation's world */
  world: string
  title: string
  status: Status
  created: string
  updated: string
}

/** An amount of a template (whole euros) times `scale`, in cents; null when the template has none. */
const cents = (euros: number | undefined, scale: number) => (euros === undefined ? null : Math.round(euros * scale) * 100)
/** Hours of a template times `scale` (at least one); null when the template has none. */
const hours = (value: number | undefined, scale: number) => (value === undefined ? null : Math.max(1, Math.round(value * scale)))

/**
 * A demo need and the help it seeks, at a territory. `scaleOf` gives the factor of each kind of help's figures
 * (called once per kind, in order; 1 by default).
 */
export function templateNeedRows(
  template: NeedTemplate,
  at: Placed<NeedStatus> & { territoryId: string; levels: Levels },
  scaleOf: () => number = () => 1,
): { need: Database['needs']; contributions: Database['need_contributions'][] } {
  const need: Database['needs'] = {
    id: at.id,
    organisation_id: at.organisationId,
    created_by: null,
    title: at.title,
    description: template.description,
    domain: template.domain,
    sdg_mask: sdgMask(suggestedSdgs(template.domain)),
    type_mask: typeMask(template.help.map((h) => h.type)),
    territory_id: at.territoryId,
    ...needLevelColumns(at.levels),
    world: at.world,
    horizon: template.horizon,
    lever: template.lever ?? null,
    status: at.status,
    // none yet: the loader computes it once the resources are in (`refreshServedUntil`)
    served_until: '',
    is_demo: 1,
    created_at: at.created,
    updated_at: at.updated,
  }
  const contributions = template.help.map((h) => {
    const scale = scaleOf()
    return {
      need_id: at.id,
      contribution_type: h.type,
      amount_min_cents: cents(h.min, scale),
      amount_max_cents: cents(h.max, scale),
      hours: hours(h.hours, scale),
      people: h.people ?? null,
      skills: h.skills ?? null,
      details: h.details ?? null,
    }
  })
  return { need, contributions }
}

/** A demo resource of an organisation seated at `seat`, reaching `reach`, its figures times `scale`. */
export function templateResourceRow(
  template: ResourceTemplate,
  at: Placed<ResourceStatus> & { reach: string; seat: Levels },
  scale = 1,
): Omit<Database['resources'], 'match_profile'> {
  return {
    id: at.id,
    organisation_id: at.organisationId,
    created_by: null,
    kind: template.kind,
    title: at.title,
    description: template.description,
    contribution_type: template.type,
    amount_min_cents: cents(template.min, scale),
    amount_max_cents: cents(template.max, scale),
    hours: hours(template.hours, scale),
    people: template.people ?? null,
    skills: template.skills ?? null,
    items: template.items ?? null,
    place: template.place ?? null,
    domain_mask: domainMask(template.domains),
    sdg_mask: sdgMask(template.sdgs),
    reach_territory_id: at.reach,
    ...seatLevelColumns(at.seat),
    world: at.world,
    available_from: null,
    available_until: null,
    status: at.status,
    is_demo: 1,
    created_at: at.created,
    updated_at: at.updated,
  }
}
