/** The rights matrix of the library on both databases (the table is `practices.rights.ts`). */
import { describeRightsMatrix } from '../../../test/helpers/evaluation-rights.js'
import { PRACTICES_RIGHTS } from './practices.rights.js'

describeRightsMatrix('practices', PRACTICES_RIGHTS)
