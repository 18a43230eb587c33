/**
 * The directory of actors (`/acteurs`): filters (name, world, SDG, territory typed or chosen), the count and one
 * page of actors. A filter that is invalid is dropped and named — next to its field when the form shows it, in a
 * notice otherwise — while the valid ones apply.
 */
import type { FieldProblem } from '../../../core/errors.js'
import { Pagination } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Form, SelectField, TextField, type FormValues } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import { PlaceFilterNotice, type PlaceFilter } from '../../territories/index.js'
import { termOptions } from '../../vocabulary/index.js'
import type { DirectoryPage as DirectoryPageData } from '../organisations.queries.js'
import { ActorList } from './ActorList.js'
import { translateLabel, type MessageKey } from '../../../core/i18n/index.js'

/** The filters the form shows (their problems show on the field); others are named in a notice. */
const VISIBLE_FILTERS = new Set(['q', 'monde', 'odd', 'lieu'])
const HIDDEN_FILTER_LABELS: Record<string, MessageKey> = { page: 'organisations.directory.param.page', territoire: 'organisations.directory.param.territoire' }

/** The directory page. */
export function DirectoryPage({ values, place, page, problems }: { values: FormValues; place: PlaceFilter; page: DirectoryPageData; problems: FieldProblem[] }) {
  const { t, locale, path, user } = useView()
  const shown = problems.filter((p) => VISIBLE_FILTERS.has(p.field))
  const hidden = problems.filter((p) => !VISIBLE_FILTERS.has(p.field))
  return (
    <Layout title={t('organisations.directory.title')}>
      <h1>{t('organisations.directory.title')}</h1>
      <p class="lead">{t('organisations.directory.intro')}</p>
      {user ? (
        <p>
          <a class="button" href="/acteurs/nouveau">
            {t('organisations.create.title')}
          </a>
        </p>
      ) : null}
      {hidden.length > 0 ? (
        <div class="notice" role="status">
          <p>{t('organisations.directory.ignored', { count: hidden.length })}</p>
          <ul>
            {hidden.map((p) => (
              <li>
                {translateLabel(t, HIDDEN_FILTER_LABELS, p.field)} — {t(p.message, p.params)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form action="/acteurs" method="get" state={{ values, errors: shown }} submitLabel={t('organisations.directory.filter')} class="filters">
        <div class="filter-grid">
          <TextField name="q" label={t('organisations.directory.text')} type="search" />
          <SelectField name="monde" label={t('organisations.field.world')} options={termOptions('world', locale)} placeholder={t('organisations.directory.allWorlds')} />
          <SelectField name="odd" label={t('organisations.field.sdg')} options={termOptions('sdg', locale)} placeholder={t('organisations.directory.allSdgs')} />
          <TextField name="lieu" label={t('organisations.directory.place')} hint={t('organisations.directory.placeHint')} />
        </div>
        {place.territory ? <input type="hidden" name="territoire" value={place.territory.id} /> : null}
      </Form>
      <PlaceFilterNotice filter={place} insideLabel={t('organisations.directory.inside')} />
      <h2 aria-live="polite">{t(page.capped ? 'organisations.directory.countCapped' : 'organisations.directory.count', { count: page.total })}</h2>
      {page.rows.length > 0 ? <ActorList rows={page.rows} /> : <p>{t('organisations.directory.none')}</p>}
      <Pagination page={page.page} pageCount={page.pageCount} href={path} />
    </Layout>
  )
}
