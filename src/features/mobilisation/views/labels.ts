/**
 * The message keys of mobilisation's closed lists, typed: a code without a message fails to compile. For codes
 * read as plain strings, translate with `translateLabel(t, LABELS, code)`.
 */
import type { MessageKey } from '../../../core/i18n/index.js'
import type { ContributionUnit } from '../../alliances/index.js'
import type { HelpKind } from '../help.js'
import type { FundMemberRole, ResourceSource } from '../mobilisation.table.js'

export const HELP_KIND_LABELS = { euros: 'mobilisation.help.euros', skills: 'mobilisation.help.skills', volunteering: 'mobilisation.help.volunteering', goods: 'mobilisation.help.goods', premises: 'mobilisation.help.premises' } as const satisfies Record<HelpKind, MessageKey>
/** The population bands of the communes on the dashboard. */
export const BAND_LABELS = { lt2000: 'mobilisation.band.lt2000', '2000to19999': 'mobilisation.band.2000to19999', gte20000: 'mobilisation.band.gte20000' } as const satisfies Record<'lt2000' | '2000to19999' | 'gte20000', MessageKey>
export const MEMBER_ROLE_LABELS = { chair: 'mobilisation.memberRole.chair', member: 'mobilisation.memberRole.member' } as const satisfies Record<FundMemberRole, MessageKey>
/** The unit of a pledge, as a noun (« heures »). */
export const UNIT_LABELS = { days: 'mobilisation.unit.days', eur: 'mobilisation.unit.eur', hours: 'mobilisation.unit.hours', items: 'mobilisation.unit.items', m2: 'mobilisation.unit.m2', people: 'mobilisation.unit.people' } as const satisfies Record<ContributionUnit, MessageKey>
/** A quantity in its unit (`{value}` and `count`), as the alliances write it. */
export const CONTRIBUTION_UNIT_LABELS = { days: 'alliances.unit.days', eur: 'alliances.unit.eur', hours: 'alliances.unit.hours', items: 'alliances.unit.items', m2: 'alliances.unit.m2', people: 'alliances.unit.people' } as const satisfies Record<ContributionUnit, MessageKey>
export const BUDGET_SOURCE_LABELS = { cofunder: 'mobilisation.budget.source.cofunder', expense: 'mobilisation.budget.source.expense', fund: 'mobilisation.budget.source.fund', in_kind: 'mobilisation.budget.source.in_kind', own: 'mobilisation.budget.source.own' } as const satisfies Record<ResourceSource | 'expense', MessageKey>
