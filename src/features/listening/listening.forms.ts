/**
 * Between the publish forms and the services: what people typed (euros, one detail block per kind of help,
 * a territory resolved elsewhere) becomes `NeedData` / `ResourceData`, and a stored listing becomes the
 * values of its edit form.
 */
import type { FormValues } from '../../core/views/forms.js'
import { domainsOf, sdgsOf } from './listening.codes.js'
import { placeText } from './listening.places.js'
import type { NeedDetails, ResourceDetails } from './listening.queries.js'
import type { ContributionData, NeedData, NeedFormT, ResourceData, ResourceFormT } from './listening.schemas.js'
import { capacityMeasure } from './matching/score.js'

const cents = (euros: number | undefined) => (euros === undefined ? null : euros * 100)
const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value)
const text = (value: number | null) => (value === null ? '' : String(value))

/** The help a need form asks for, one entry per kind ticked, each with the figures of its block. */
function contributionsOf(form: NeedFormT): ContributionData[] {
  const details = form as Record<string, unknown>
  return [...new Set(form.types)].map((type) => {
    const base = { type, amountMinCents: null, amountMaxCents: null, hours: null, people: null, skills: null, details: orNull(details[`details_${type}`] as string | undefined) }
    if (type === 'mecenat_competences') return { ...base, hours: orNull(form.skill_hours), people: orNull(form.skill_people), skills: orNull(form.skills) }
    if (capacityMeasure(type) === 'money') return { ...base, amountMinCents: cents(form.amount_min), amountMaxCents: cents(form.amount_max) }
    if (capacityMeasure(type) === 'time') return { ...base, hours: orNull(form.volunteer_hours), people: orNull(form.volunteer_people) }
    return base
  })
}

/** The need of a valid form, at the territory the form's text was resolved to. */
export function needDataOf(form: NeedFormT, territoryId: string): NeedData {
  return {
    organisationId: form.organisation_id,
    title: form.title,
    description: form.description,
    domain: form.domain,
    sdgs: form.sdgs.length > 0 ? form.sdgs : null,
    territoryId,
    contributions: contributionsOf(form),
    horizon: form.horizon,
    lever: form.lever ?? null,
    status: form.status ?? null,
  }
}

/** The values of a need's edit form. */
export function needValues(d: NeedDetails): FormValues {
  const values: FormValues = {
    organisation_id: d.need.organisation_id,
    title: d.need.title,
    description: d.need.description,
    domain: d.need.domain,
    sdgs: sdgsOf(d.need.sdg_mask).map(String),
    territory: d.need.territory_id,
    types: d.contributions.map((c) => c.contribution_type),
    horizon: d.need.horizon,
    lever: d.need.lever ?? '',
    status: d.need.status,
  }
  for (const c of d.contributions) {
    if (c.details) values[`details_${c.contribution_type}`] = c.details
    if (c.contribution_type === 'mecenat_competences') Object.assign(values, { skills: c.skills ?? '', skill_hours: text(c.hours), skill_people: text(c.people) })
    else if (capacityMeasure(c.contribution_type) === 'money') Object.assign(values, { amount_min: text(c.amount_min_cents === null ? null : c.amount_min_cents / 100), amount_max: text(c.amount_max_cents === null ? null : c.amount_max_cents / 100) })
    else if (capacityMeasure(c.contribution_type) === 'time') Object.assign(values, { volunteer_hours: text(c.hours), volunteer_people: text(c.people) })
  }
  return values
}

/** The resource of a valid form; `reach`: the territory (or `national`) its text was resolved to, null when left empty. */
export function resourceDataOf(form: ResourceFormT, reach: string | null): ResourceData {
  return {
    organisationId: form.organisation_id,
    kind: form.kind,
    title: form.title,
    description: form.description,
    contributionType: form.contribution_type,
    amountMinCents: cents(form.amount_min),
    amountMaxCents: cents(form.amount_max),
    hours: orNull(form.hours),
    people: orNull(form.people),
    skills: orNull(form.skills),
    items: orNull(form.items),
    place: orNull(form.place),
    domains: [...new Set(form.domains)],
    sdgs: [...new Set(form.sdgs)],
    reachTerritoryId: reach,
    availableFrom: orNull(form.available_from),
    availableUntil: orNull(form.available_until),
    status: form.status ?? null,
  }
}

/** The values of a resource's edit form. */
export function resourceValues(d: ResourceDetails): FormValues {
  const r = d.resource
  return {
    organisation_id: r.organisation_id,
    kind: r.kind,
    title: r.title,
    description: r.description,
    contribution_type: r.contribution_type,
    amount_min: text(r.amount_min_cents === null ? null : r.amount_min_cents / 100),
    amount_max: text(r.amount_max_cents === null ? null : r.amount_max_cents / 100),
    hours: text(r.hours),
    people: text(r.people),
    skills: r.skills ?? '',
    items: r.items ?? '',
    place: r.place ?? '',
    domains: domainsOf(r.domain_mask),
    sdgs: sdgsOf(r.sdg_mask).map(String),
    reach: placeText(r.reach_territory_id),
    available_from: r.available_from ?? '',
    available_until: r.available_until ?? '',
    status: r.status,
  }
}
