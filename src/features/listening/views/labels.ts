/**
 * The message keys of listening's closed lists, typed: a code that has no message fails to compile (the keys
 * come from the catalogues' `MessageKeys` declaration).
 */
import type { MessageKey } from '../../../core/i18n/index.js'
import type { RESOURCE_KINDS } from '../listening.codes.js'
import type { Horizon, NeedStatus, RequestStatus, ResourceStatus } from '../listening.table.js'
import type { ReasonCode } from '../matching/score.js'

export const needStatusKey = (status: NeedStatus): MessageKey => `listening.needStatus.${status}`
export const resourceStatusKey = (status: ResourceStatus): MessageKey => `listening.resourceStatus.${status}`
export const requestStatusKey = (status: RequestStatus): MessageKey => `listening.requestStatus.${status}`
export const resourceKindKey = (kind: (typeof RESOURCE_KINDS)[number]): MessageKey => `listening.kind.${kind}`
export const horizonKey = (horizon: Horizon): MessageKey => `listening.horizon.${horizon}`
export const reasonKey = (code: ReasonCode): MessageKey => `listening.reason.${code}`
