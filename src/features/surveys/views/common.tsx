/**
 * Small views shared by the survey pages: the choice among several territories matching what was typed, the
 * synthetic-data badge, the label of a profile role.
 */
import { useView } from '../../../core/views/context.js'
import { DemoBadge } from '../../../core/views/DemoBadge.js'
import { RadioGroup } from '../../../core/views/forms.js'
import type { FieldProblem } from '../../../core/errors.js'
import type { Translate } from '../../../core/i18n/index.js'
import type { Territory } from '../../territories/index.js'
import type { ProfileRole } from '../surveys.definition.js'

/** Radio buttons to pick among several territories matching what was typed (inside a form). */
export function TerritoryCandidates({ candidates }: { candidates: Territory[] }) {
  const { t } = useView()
  if (candidates.length === 0) return null
  return (
    <RadioGroup
      name="territory_choice"
      legend={t('surveys.field.territoryChoice')}
      groups={[{ options: candidates.map((c) => ({ value: c.id, label: `${c.name} (${t(`surveys.kind.${c.kind}`)} ${c.code})` })) }]}
    />
  )
}

/** The mark of a campaign whose responses are synthetic (generated for the demonstration). */
export function SyntheticBadge() {
  const { t } = useView()
  return <DemoBadge label={t('surveys.synthetic.badge')} />
}

/** Label of a profile role in the page's language. */
export function roleLabel(t: Translate, role: ProfileRole): string {
  return t(`surveys.role.${role}`)
}

/** Labels of a margin's roles (`sex*age`) in the page's language, e.g. « Sexe × Âge ». */
export function rolesLabel(t: Translate, roles: string): string {
  return roles
    .split('*')
    .filter(Boolean)
    .map((r) => roleLabel(t, r as ProfileRole))
    .join(' × ')
}

/** The filters of a page's address that were not understood, named (the valid ones are kept). */
export function IgnoredFilters({ problems }: { problems: FieldProblem[] }) {
  const { t } = useView()
  if (problems.length === 0) return null
  return (
    <div class="notice notice-info" role="status">
      <p>{t('surveys.filter.ignored', { count: problems.length })}</p>
      <ul>
        {problems.map((p) => (
          <li>
            <code>{p.field}</code> : {t(p.message, p.params)}
          </li>
        ))}
      </ul>
    </div>
  )
}
