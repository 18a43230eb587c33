/** The query of a results view: the segment to break the results down by (`?par=`; none: the overall view). */
import Type from 'typebox'
import { Enum } from '../../../core/http/schemas.js'
import { BREAKDOWN_ROLES } from '../surveys.definition.js'

/** `?par=<role>` of the results pages (analysts' and published studies'). */
export const ResultsQuery = Type.Object({
  par: Type.Optional(Enum(BREAKDOWN_ROLES)),
})
