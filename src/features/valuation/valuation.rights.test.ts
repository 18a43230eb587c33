/** The rights matrix of valuation on both databases (the table is `valuation.rights.ts`). */
import { describeRightsMatrix } from '../../../test/helpers/evaluation-rights.js'
import { VALUATION_RIGHTS } from './valuation.rights.js'

describeRightsMatrix('valuation', VALUATION_RIGHTS)
