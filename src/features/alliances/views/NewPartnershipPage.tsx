/**
 * Declaring a typed partnership between one of the reader's organisations and another: inside an alliance
 * (between two of its active partners) or on their own (after a search of the directory of actors).
 */
import { useView } from '../../../core/views/context.js'
import { Form, SelectField, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { Layout } from '../../../core/views/Layout.js'
import type { listOrganisations } from '../../organisations/index.js'
import { termOptions } from '../../vocabulary/index.js'

export type Option = { value: string; label: string }
export type SearchRow = Awaited<ReturnType<typeof listOrganisations>>['rows'][number]

export interface NewPartnershipPageProps {
  from: Option[]
  /** inside an alliance: its active partners; otherwise null (search) */
  partners: Option[] | null
  alliance: { id: string; name: string } | null
  chosen: { id: string; name: string } | null
  q: string
  results: SearchRow[]
  state: FormState
}

export function NewPartnershipPage({ from, partners, alliance, chosen, q, results, state }: NewPartnershipPageProps) {
  const { t, locale } = useView()
  const title = t('alliances.partnerships.newTitle')
  const crumbs = alliance ? [{ label: t('alliances.directory.title'), href: '/alliances' }, { label: alliance.name, href: `/alliances/${alliance.id}` }, { label: title }] : [{ label: t('organisations.directory.title'), href: '/acteurs' }, { label: title }]
  if (from.length === 0) {
    return (
      <Layout title={title} breadcrumb={crumbs}>
        <h1>{title}</h1>
        <p class="lead">{t('alliances.partnerships.needAdmin')}</p>
      </Layout>
    )
  }
  const de = typeof state.values.organisation_a_id === 'string' ? state.values.organisation_a_id : (from[0]?.value ?? '')
  return (
    <Layout title={title} breadcrumb={crumbs}>
      <h1>{title}</h1>
      <p class="lead">{alliance ? t('alliances.partnerships.newIntroAlliance', { name: alliance.name }) : t('alliances.partnerships.newIntro')}</p>
      {partners === null && !chosen ? (
        <form method="get" action="/partenariats/nouveau" role="search" class="search-form">
          <input type="hidden" name="de" value={de} />
          <label for="recherche-partenaire">{t('alliances.partnerships.search')}</label>
          <div class="search-row">
            <input id="recherche-partenaire" name="q" type="search" value={q} maxLength={100} />
            <button type="submit" class="button">
              {t('search.submit')}
            </button>
          </div>
          {q !== '' ? (
            results.length === 0 ? (
              <p>{t('alliances.invite.none')}</p>
            ) : (
              <ul>
                {results
                  .filter((r) => !from.some((f) => f.value === r.id))
                  .map((r) => (
                    <li>
                      <a href={`/partenariats/nouveau?de=${de}&avec=${r.id}`}>{t('alliances.partnerships.choose', { organisation: r.name })}</a>
                    </li>
                  ))}
              </ul>
            )
          ) : null}
        </form>
      ) : (
        <Form action="/partenariats" state={state} submitLabel={t('alliances.partnerships.submit')}>
          {alliance ? <input type="hidden" name="alliance_id" value={alliance.id} /> : null}
          <SelectField name="organisation_a_id" label={t('alliances.partnerships.from')} required options={from} />
          {partners ? (
            <SelectField name="organisation_b_id" label={t('alliances.partnerships.with')} required options={partners} placeholder={t('form.choose')} />
          ) : chosen ? (
            <>
              <input type="hidden" name="organisation_b_id" value={chosen.id} />
              <p>
                {t('alliances.partnerships.withChosen')} <strong>{chosen.name}</strong> · <a href={`/partenariats/nouveau?de=${de}`}>{t('alliances.partnerships.changeOther')}</a>
              </p>
            </>
          ) : null}
          <SelectField name="partnership_type" label={t('alliances.partnerships.type')} hint={t('alliances.partnerships.typeHint')} required options={termOptions('partnership_type', locale)} placeholder={t('form.choose')} />
          <TextField name="started_on" label={t('alliances.partnerships.startedOn')} type="date" required />
          <TextField name="ended_on" label={t('alliances.partnerships.endedOn')} type="date" />
          <TextArea name="description" label={t('alliances.partnerships.description')} rows={3} maxLength={3000} />
        </Form>
      )}
    </Layout>
  )
}
