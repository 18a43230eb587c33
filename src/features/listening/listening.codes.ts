/**
 * Codes and bit masks of listening. SDGs, domains and contribution types are stored as integer bit masks
 * on needs and resources so that matching compares them inside one index read (SDG n is bit n − 1; a domain
 * or a contribution type is its position in the vocabulary). Masks never leave the feature: pages and the
 * API show lists of codes.
 */
import { codesOf, findTerm } from '../vocabulary/index.js'

export const CONTRIBUTION_TYPES = codesOf('contribution_type')
export const DOMAINS = codesOf('domain')
export const NEED_STATUSES = ['ouvert', 'en_discussion', 'couvert', 'clos'] as const
export const OPEN_NEED_STATUSES = ['ouvert', 'en_discussion'] as const
export const RESOURCE_STATUSES = ['disponible', 'suspendue', 'close'] as const
export const RESOURCE_KINDS = ['ressource', 'envie'] as const
export const HORIZONS = ['court', 'moyen', 'long'] as const
export const LEVERS = codesOf('lever')
/** Reach of a resource that covers all of France. */
export const NATIONAL = 'national'
/** Days before an unanswered contact request expires. */
export const REQUEST_EXPIRY_DAYS = 30

export function sdgMask(sdgs: readonly number[]): number {
  let mask = 0
  for (const n of sdgs) if (Number.isInteger(n) && n >= 1 && n <= 17) mask |= 1 << (n - 1)
  return mask
}

export function sdgsOf(mask: number): number[] {
  const out: number[] = []
  for (let n = 1; n <= 17; n++) if (mask & (1 << (n - 1))) out.push(n)
  return out
}

function maskOf(all: readonly string[], codes: readonly string[]): number {
  let mask = 0
  for (const code of codes) {
    const i = all.indexOf(code)
    if (i >= 0) mask |= 1 << i
  }
  return mask
}

function codesIn(all: readonly string[], mask: number): string[] {
  return all.filter((_, i) => (mask & (1 << i)) !== 0)
}

export const domainMask = (codes: readonly string[]) => maskOf(DOMAINS, codes)
export const domainsOf = (mask: number) => codesIn(DOMAINS, mask)
export const typeMask = (codes: readonly string[]) => maskOf(CONTRIBUTION_TYPES, codes)
export const typesOf = (mask: number) => codesIn(CONTRIBUTION_TYPES, mask)
export const domainBit = (code: string) => domainMask([code])

/** The SDGs suggested for a domain of action (from the vocabulary's mapping). */
export function suggestedSdgs(domain: string): number[] {
  return findTerm('domain', domain)?.sdgs ?? []
}
