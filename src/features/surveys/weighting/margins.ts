/**
 * What an analyst sets to weight a campaign: margins on profile variables (one variable, or two crossed), in
 * population totals or shares of a base, bounds and trimming; and the names of the weighting form's fields
 * (one per margin category), which error messages point to.
 */
import type { ProfileRole } from '../surveys.definition.js'

/** Whether margin values are population counts or shares of the base. */
export type MarginUnit = 'totals' | 'shares'

/** One margin: one profile variable, or two crossed (e.g. sex × age), with a value per category. */
export interface MarginSetting {
  roles: ProfileRole[]
  cells: Array<{ codes: string[]; value: number }>
}

/** What the analyst chose; stored with each weighting version. */
export interface WeightingSettings {
  preset: 'population' | 'mayors' | 'custom'
  unit: MarginUnit
  /** Population the weights add up to (shares are scaled to it; totals give it). */
  base: number
  /** What the base counts, e.g. « Français de 18 ans et plus ». */
  baseLabel: string
  margins: MarginSetting[]
  /** Bounds on the weight ratios g = w / w₀ (bounded raking calibration), or null. */
  bounds: [number, number] | null
  /** Trimming limits as multiples of the mean weight, or null. */
  trim: [number, number] | null
  /** Where the margins come from (shown in the methodology box). */
  source: string
}

/** The key of a margin (its roles joined by '*'), used in form field names. */
export function marginKey(roles: readonly string[]): string {
  return roles.join('*')
}

/** The form field of a margin cell, e.g. `m:sex*age:f*a18_24`. */
export function cellField(roles: readonly string[], codes: readonly string[]): string {
  return `m:${marginKey(roles)}:${codes.join('*')}`
}

/** The form field (and anchor) of a whole margin. */
export function marginField(roles: readonly string[]): string {
  return `margin:${marginKey(roles)}`
}

