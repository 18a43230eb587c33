/** The forms of spaces: creating or editing a space, its team (co-animating organisations), an activity. */
import { useView } from '../../../../core/views/context.js'
import { CheckboxGroup, Form, RadioGroup, SelectField, TextArea, TextField, type FormState } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import { termOptions, termsOf } from '../../../vocabulary/index.js'
import type { FieldProblem } from '../../../../core/errors.js'
import { IgnoredFilters } from '../../views/common.js'
import type { SpaceDetails } from '../spaces.queries.js'

export function SpaceFormPage({ action, state, organisations, space }: { action: string; state: FormState; organisations: Array<{ value: string; label: string }>; space?: { id: string; name: string } }) {
  const { t, locale } = useView()
  const title = space ? t('catalysis.space.editTitle', { name: space.name }) : t('catalysis.space.newTitle')
  return (
    <Layout title={title} breadcrumb={[{ label: t('catalysis.spaces.title'), href: '/espaces' }, ...(space ? [{ label: space.name, href: `/espaces/${space.id}` }] : []), { label: title }]}>
      <h1>{title}</h1>
      {!space ? <p class="lead">{t('catalysis.space.newIntro')}</p> : null}
      {!space && organisations.length === 0 ? (
        <p>{t('catalysis.space.noAdminOrganisation')}</p>
      ) : (
        <Form action={action} state={state} submitLabel={space ? t('catalysis.save') : t('catalysis.space.create')}>
          {!space ? <SelectField name="organisation_id" label={t('catalysis.space.organisation')} hint={t('catalysis.space.organisationHint')} required options={organisations} /> : null}
          <TextField name="name" label={t('catalysis.space.name')} required maxLength={200} />
          <TextArea name="mission" label={t('catalysis.space.mission')} hint={t('catalysis.space.missionHint')} required maxLength={3000} />
          <CheckboxGroup name="trades" legend={t('catalysis.space.trades')} hint={t('catalysis.space.tradesHint')} options={termOptions('catalysis_trade', locale, true)} />
          <TextArea name="territories" label={t('catalysis.space.perimeter')} hint={t('catalysis.space.perimeterHint')} required rows={3} maxLength={1000} />
        </Form>
      )}
    </Layout>
  )
}

export function TeamPage({ details, can, candidates, state, search, problems, answerable }: { details: SpaceDetails; can: { admin: boolean }; candidates: Array<{ id: string; name: string; world: string }>; state: FormState; search: string; problems: FieldProblem[]; answerable: string[] }) {
  const { t, locale } = useView()
  const s = details.space
  const title = t('catalysis.team.title', { name: s.name })
  return (
    <Layout title={title} breadcrumb={[{ label: t('catalysis.spaces.title'), href: '/espaces' }, { label: s.name, href: `/espaces/${s.id}` }, { label: t('catalysis.space.team') }]}>
      <h1>{title}</h1>
      <p class="lead">{t('catalysis.team.intro', { organisation: details.organisation.name })}</p>
      <IgnoredFilters problems={problems} />
      <h2>{t('catalysis.space.coanimators')}</h2>
      {details.coanimators.length === 0 ? (
        <p>{t('catalysis.space.noCoanimator')}</p>
      ) : (
        <ul class="card-list">
          {details.coanimators.map((c) => (
            <li class="card">
              <a href={`/acteurs/${c.organisation_id}`}>{c.name}</a> — {termOptions('world', locale).find((w) => w.value === c.world)?.label} — {t(`catalysis.team.status.${c.status}`)}
              {answerable.includes(c.organisation_id) && c.status === 'invitee' ? (
                <div class="inline-actions">
                  <Form action={`/espaces/${s.id}/equipe/${c.organisation_id}/accepter`} submitLabel={t('catalysis.team.accept', { name: c.name })} class="inline-form">
                    {null}
                  </Form>
                  <Form action={`/espaces/${s.id}/equipe/${c.organisation_id}/refuser`} submitLabel={t('catalysis.team.decline', { name: c.name })} class="inline-form">
                    {null}
                  </Form>
                </div>
              ) : null}
              {can.admin || (answerable.includes(c.organisation_id) && c.status === 'active') ? (
                <Form action={`/espaces/${s.id}/equipe/${c.organisation_id}/retirer`} submitLabel={t('catalysis.team.remove', { name: c.name })} class="inline-form">
                  {null}
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {can.admin ? (
        <section aria-labelledby="inviter">
          <h2 id="inviter">{t('catalysis.team.invite')}</h2>
          <Form action={`/espaces/${s.id}/equipe`} method="get" submitLabel={t('catalysis.search')}>
            <TextField name="q" label={t('catalysis.team.search')} type="search" maxLength={100} />
          </Form>
          {search !== '' && candidates.length === 0 ? <p>{t('catalysis.team.noCandidate', { q: search })}</p> : null}
          {candidates.length > 0 ? (
            <Form action={`/espaces/${s.id}/equipe`} state={state} submitLabel={t('catalysis.team.inviteSubmit')}>
              <SelectField name="organisation_id" label={t('catalysis.team.organisation')} required options={candidates.map((c) => ({ value: c.id, label: `${c.name} (${termOptions('world', locale).find((w) => w.value === c.world)?.label ?? c.world})` }))} />
            </Form>
          ) : null}
        </section>
      ) : null}
    </Layout>
  )
}

export function ActivityFormPage({ space, action, state, organisations, editing }: { space: { id: string; name: string }; action: string; state: FormState; organisations: Array<{ value: string; label: string }>; editing?: { id: string; title: string } }) {
  const { t, locale } = useView()
  const title = editing ? t('catalysis.activity.editTitle', { title: editing.title }) : t('catalysis.activity.newTitle')
  const groups = termsOf('catalysis_trade').map((tr) => ({ legend: locale === 'fr' ? tr.fr : tr.en, options: termOptions('catalysis_activity', locale).filter((o) => termsOf('catalysis_activity').find((a) => a.code === o.value)?.parent === tr.code) }))
  return (
    <Layout title={title} breadcrumb={[{ label: t('catalysis.spaces.title'), href: '/espaces' }, { label: space.name, href: `/espaces/${space.id}` }, { label: title }]}>
      <h1>{title}</h1>
      <Form action={action} state={state} submitLabel={editing ? t('catalysis.save') : t('catalysis.activity.record')}>
        <RadioGroup name="activity" legend={t('catalysis.activity.cell')} required groups={groups} />
        <TextField name="title" label={t('catalysis.activity.title')} required maxLength={200} />
        <TextArea name="description" label={t('catalysis.activity.description')} rows={3} maxLength={5000} />
        <TextField name="started_on" label={t('catalysis.activity.startedOn')} type="date" required />
        <TextField name="ended_on" label={t('catalysis.activity.endedOn')} type="date" />
        <TextField name="hours" label={t('catalysis.activity.hours')} hint={t('catalysis.activity.hoursHint')} inputMode="text" maxLength={8} />
        {organisations.length > 0 ? <CheckboxGroup name="organisation_ids" legend={t('catalysis.activity.organisations')} hint={t('catalysis.activity.organisationsHint')} options={organisations} columns /> : null}
        <TextArea name="outputs" label={t('catalysis.activity.outputs')} hint={t('catalysis.activity.outputsHint')} rows={4} maxLength={5000} />
      </Form>
      {editing ? (
        <Form action={`/espaces/${space.id}/activites/${editing.id}/supprimer`} submitLabel={t('catalysis.activity.delete')} class="inline-form danger">
          {null}
        </Form>
      ) : null}
    </Layout>
  )
}

