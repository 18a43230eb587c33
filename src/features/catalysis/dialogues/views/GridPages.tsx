/**
 * The maturity grid, documented publicly (what is sourced, what is the platform's proposal, criteria,
 * levels with their ranges and routes, the history of versions), and its editor for platform admins.
 */
import { formatDate } from '../../../../core/i18n/index.js'
import { DataTable } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { Form, TextArea, TextField, type FormState } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import { TermLink } from '../../../vocabulary/index.js'
import type { Grid } from '../maturity.grid.js'

export function GridPage({ version, grid, versions, canEdit }: { version: number; grid: Grid; versions: Array<{ version: number; note: string; created_at: string; display_name: string | null }>; canEdit: boolean }) {
  const { t, locale } = useView()
  const documented = grid.levels.filter((l) => l.source)
  return (
    <Layout title={t('catalysis.grid.pageTitle')} breadcrumb={[{ label: t('catalysis.spaces.title'), href: '/espaces' }, { label: t('catalysis.grid.pageTitle') }]}>
      <h1>{t('catalysis.grid.pageTitle')}</h1>
      <p class="lead">{t('catalysis.grid.intro')}</p>
      <div class="notice notice-info" role="note">
        <p>
          <strong>{t('catalysis.grid.proposalTitle')}</strong> {t('catalysis.grid.proposalText')}
        </p>
        {documented.map((l) => (
          <p>{t('catalysis.grid.documentedLevel', { label: l.label, source: l.source ?? '' })}</p>
        ))}
      </div>
      <p>{t('catalysis.grid.version', { version })}</p>
      {canEdit ? (
        <p>
          <a class="button" href="/maturite/modifier">
            {t('catalysis.grid.edit')}
          </a>
        </p>
      ) : null}
      <h2>{t('catalysis.grid.levels')}</h2>
      <DataTable
        caption={t('catalysis.grid.levelsCaption', { version })}
        rows={[...grid.levels].sort((a, b) => a.min - b.min)}
        columns={[
          { header: t('catalysis.grid.level'), cell: (l) => l.label },
          { header: t('catalysis.grid.range'), cell: (l) => t('catalysis.grid.rangeText', { min: l.min, max: l.max }) },
          { header: t('catalysis.grid.description'), cell: (l) => l.description },
          { header: t('catalysis.grid.origin'), cell: (l) => (l.source ? t('catalysis.grid.sourced', { source: l.source }) : t('catalysis.grid.platform')) },
          {
            header: t('catalysis.grid.routes'),
            cell: (l) => (
              <>
                {l.routes.map((r) => t(`catalysis.grid.route.${r}`)).join(', ')}
                {l.practices.length > 0 ? ' — ' : ''}
                {l.practices.map((c, i) => (
                  <>
                    {i > 0 ? ', ' : ''}
                    <TermLink kind="concept" code={c} />
                  </>
                ))}
              </>
            ),
          },
        ]}
      />
      <h2>{t('catalysis.grid.criteria')}</h2>
      <p>{t('catalysis.grid.scoring')}</p>
      <DataTable
        caption={t('catalysis.grid.criteriaCaption', { version })}
        rows={grid.criteria}
        columns={[
          { header: t('catalysis.grid.criterion'), cell: (c) => c.label },
          { header: t('catalysis.grid.description'), cell: (c) => c.description },
          { header: t('catalysis.grid.question'), cell: (c) => `${c.question} — ${t(`catalysis.grid.scoring.${c.scoring}`)}` },
          { header: t('catalysis.grid.weight'), cell: (c) => String(c.weight), numeric: true },
        ]}
      />
      <h2>{t('catalysis.grid.history')}</h2>
      <DataTable
        caption={t('catalysis.grid.historyCaption')}
        rows={versions}
        columns={[
          { header: t('catalysis.grid.versionColumn'), cell: (v) => String(v.version), numeric: true },
          { header: t('catalysis.grid.date'), cell: (v) => formatDate(locale, v.created_at) },
          { header: t('catalysis.grid.author'), cell: (v) => v.display_name ?? t('catalysis.grid.platformAuthor') },
          { header: t('catalysis.grid.note'), cell: (v) => v.note },
        ]}
      />
    </Layout>
  )
}

export function GridEditPage({ grid, state }: { grid: Grid; state: FormState }) {
  const { t } = useView()
  return (
    <Layout title={t('catalysis.grid.edit')} breadcrumb={[{ label: t('catalysis.grid.pageTitle'), href: '/maturite' }, { label: t('catalysis.grid.edit') }]}>
      <h1>{t('catalysis.grid.edit')}</h1>
      <p class="lead">{t('catalysis.grid.editIntro')}</p>
      <Form action="/maturite/modifier" state={state} submitLabel={t('catalysis.grid.saveVersion')}>
        {grid.levels.map((l, i) => (
          <fieldset class="field-group">
            <legend>{t('catalysis.grid.levelN', { n: i + 1, label: l.label })}</legend>
            <TextField name={`level_${i}_label`} label={t('catalysis.grid.level')} required maxLength={200} />
            <TextArea name={`level_${i}_description`} label={t('catalysis.grid.description')} rows={3} maxLength={2000} />
            <TextField name={`level_${i}_min`} label={t('catalysis.grid.min')} type="number" inputMode="numeric" required />
            <TextField name={`level_${i}_max`} label={t('catalysis.grid.max')} type="number" inputMode="numeric" required />
          </fieldset>
        ))}
        <fieldset class="field-group">
          <legend>{t('catalysis.grid.weights')}</legend>
          {grid.criteria.map((c, i) => (
            <TextField name={`criterion_${i}_weight`} label={c.label} type="number" inputMode="numeric" required />
          ))}
        </fieldset>
        <TextArea name="note" label={t('catalysis.grid.note')} hint={t('catalysis.grid.noteHint')} required rows={2} maxLength={1000} />
      </Form>
    </Layout>
  )
}

/** The editor's initial values from a grid. */
export function gridFormValues(grid: Grid): Record<string, string> {
  const values: Record<string, string> = {}
  grid.levels.forEach((l, i) => {
    values[`level_${i}_label`] = l.label
    values[`level_${i}_description`] = l.description
    values[`level_${i}_min`] = String(l.min)
    values[`level_${i}_max`] = String(l.max)
  })
  grid.criteria.forEach((c, i) => { values[`criterion_${i}_weight`] = String(c.weight) })
  return values
}
