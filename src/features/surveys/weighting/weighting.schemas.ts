/**
 * Input schemas of the weighting page. The category values are fields named after the margin and category
 * (`m:<roles>:<codes>`, see `margins.ts`), read from the posted values by `readWeightingForm`, which also reads
 * numbers the French way ("1 000 000", "0,8"); the fixed fields are checked here.
 */
import Type from 'typebox'
import { Enum } from '../../../core/http/schemas.js'
import { PROFILE_ROLES } from '../surveys.definition.js'
import { PRESET_KEYS } from './presets.js'
import { SOURCE_MAX } from './weighting-form.js'

const Number20 = Type.Optional(Type.String({ maxLength: 20 }))
const MarginNumber = Type.Optional(Enum(['1', '2', '3', '4'] as const))

/** The weighting form: `op` apply (weight) or refresh (show the inputs of a new structure). */
export const WeightingForm = Type.Object({
  op: Type.Optional(Enum(['apply', 'refresh'] as const)),
  unit: Type.Optional(Enum(['totals', 'shares'] as const)),
  base: Number20,
  base_label: Type.Optional(Type.String({ maxLength: 200 })),
  source: Type.Optional(Type.String({ maxLength: SOURCE_MAX })),
  preset: Type.Optional(Enum([...PRESET_KEYS, 'custom'] as const)),
  bounds_low: Number20,
  bounds_high: Number20,
  trim_low: Number20,
  trim_high: Number20,
  ...Object.fromEntries(PROFILE_ROLES.map((role) => [`group_${role}`, MarginNumber])),
})

/** The preset that fills the weighting form (`?preset=`). */
export const WeightingQuery = Type.Object({
  preset: Type.Optional(Enum(PRESET_KEYS)),
})
