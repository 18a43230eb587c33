/**
 * The kinds of help a call to engage asks for and a pledge promises, each tied to the alliances' contribution
 * types and unit that fulfil it (a pledge of volunteering is fulfilled by `benevolat` contributions in hours).
 *
 * Why a short list of our own: a call sets one goal per kind in one unit, so that progress adds up like with like;
 * the contribution types are finer (logistics counts as goods, expertise as skills).
 */
import type { ContributionUnit } from '../alliances/index.js'

export const HELP_KINDS = ['euros', 'skills', 'volunteering', 'goods', 'premises'] as const
export type HelpKind = (typeof HELP_KINDS)[number]

interface HelpSpec {
  unit: ContributionUnit
  /** contribution types (vocabulary `contribution_type`) that fulfil it; the first one values it */
  types: readonly string[]
}

export const HELP: Record<HelpKind, HelpSpec> = {
  euros: { unit: 'eur', types: ['mecenat_financier'] },
  skills: { unit: 'hours', types: ['mecenat_competences', 'expertise'] },
  volunteering: { unit: 'hours', types: ['benevolat'] },
  goods: { unit: 'items', types: ['mecenat_nature', 'mecenat_logistique'] },
  premises: { unit: 'days', types: ['lieu'] },
}

export function isHelpKind(value: string): value is HelpKind {
  return (HELP_KINDS as readonly string[]).includes(value)
}

/** True when a contribution of `type` in `unit` may fulfil a pledge of `kind`. */
export function fulfils(kind: HelpKind, type: string, unit: string): boolean {
  return HELP[kind].unit === unit && HELP[kind].types.includes(type)
}
