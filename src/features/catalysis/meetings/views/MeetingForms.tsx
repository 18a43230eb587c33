/**
 * The organisers' pages of a meeting: the meeting form (when, where, seats and quotas per world, access),
 * invitations (organisations filtered by world and territory, people by e-mail), attendance (a printable
 * list, and the same list as checkboxes for a phone), the minutes; and the participants' "whom I met" page.
 */
import { TableScroll } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { CheckboxGroup, Form, RadioGroup, SelectField, TextArea, TextField, type FormState } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import { termLabel, termOptions, termsOf } from '../../../vocabulary/index.js'
import type { FollowUpSubject } from '../follow-ups.service.js'
import type { MeetingDetails, RegistrationRow } from '../meetings.queries.js'
import { MEETING_KINDS } from '../meetings.codes.js'

function Crumbs({ meeting, label }: { meeting: { id: string; title: string } | null; label: string }) {
  const { t } = useView()
  return [{ label: t('catalysis.meetings.title'), href: '/rencontres' }, ...(meeting ? [{ label: meeting.title, href: `/rencontres/${meeting.id}` }] : []), { label }]
}

export interface MeetingFormProps {
  action: string
  state: FormState
  meeting: { id: string; title: string } | null
  organiser: { space?: { id: string; name: string }; organisations: Array<{ value: string; label: string }> }
  places: Array<{ value: string; label: string }>
  dialogues: Array<{ value: string; label: string }>
}

export function MeetingFormPage(p: MeetingFormProps) {
  const { t, locale } = useView()
  const title = p.meeting ? t('catalysis.meeting.editTitle', { title: p.meeting.title }) : p.organiser.space ? t('catalysis.meeting.newInSpace', { name: p.organiser.space.name }) : t('catalysis.meeting.newTitle')
  return (
    <Layout title={title} breadcrumb={Crumbs({ meeting: p.meeting, label: title })}>
      <h1>{title}</h1>
      {!p.meeting && !p.organiser.space && p.organiser.organisations.length === 0 ? (
        <p>{t('catalysis.meeting.noOrganisation')}</p>
      ) : (
        <Form action={p.action} state={p.state} submitLabel={p.meeting ? t('catalysis.save') : t('catalysis.meeting.create')}>
          {p.organiser.space ? <input type="hidden" name="space_id" value={p.organiser.space.id} /> : null}
          {!p.meeting && !p.organiser.space ? <SelectField name="organisation_id" label={t('catalysis.meeting.organiser')} required options={p.organiser.organisations} /> : null}
          <TextField name="title" label={t('catalysis.meeting.title')} required maxLength={200} />
          <SelectField name="kind" label={t('catalysis.meeting.kind')} required options={MEETING_KINDS.map((k) => ({ value: k, label: t(`catalysis.meeting.kind.${k}`) }))} />
          <TextArea name="description" label={t('catalysis.meeting.description')} rows={4} maxLength={5000} />
          <fieldset class="field-group">
            <legend>{t('catalysis.meeting.when')}</legend>
            <p class="hint">{t('catalysis.meeting.whenHint')}</p>
            <TextField name="starts_at" label={t('catalysis.meeting.startsAt')} type="datetime-local" required />
            <TextField name="ends_at" label={t('catalysis.meeting.endsAt')} type="datetime-local" required />
          </fieldset>
          <fieldset class="field-group">
            <legend>{t('catalysis.meeting.where')}</legend>
            <p class="hint">{t('catalysis.meeting.whereHint')}</p>
            <SelectField name="place_id" label={t('catalysis.meeting.place')} options={p.places} placeholder={t('catalysis.meeting.noPlace')} />
            <TextField name="address" label={t('catalysis.meeting.address')} maxLength={300} />
            <TextField name="commune" label={t('catalysis.meeting.commune')} hint={t('catalysis.meeting.communeHint')} maxLength={100} />
            <TextField name="online_url" label={t('catalysis.meeting.online')} type="url" hint={t('catalysis.meeting.onlineHint')} maxLength={500} />
          </fieldset>
          <fieldset class="field-group">
            <legend>{t('catalysis.meeting.audience')}</legend>
            <TextField name="capacity" label={t('catalysis.meeting.capacity')} type="number" inputMode="numeric" required />
            <p class="hint">{t('catalysis.meeting.quotasHint')}</p>
            <div class="quota-grid" id="champ-quotas" tabIndex={-1}>
              {termsOf('world').map((w) => (
                <TextField name={`quota_${w.code}`} label={termLabel('world', w.code, locale)} type="number" inputMode="numeric" />
              ))}
            </div>
          </fieldset>
          <RadioGroup name="visibility" legend={t('catalysis.meeting.access')} required groups={[{ options: [{ value: 'public', label: t('catalysis.meeting.visibility.publicChoice') }, { value: 'invitation', label: t('catalysis.meeting.visibility.invitationChoice') }] }]} />
          {p.dialogues.length > 0 ? <SelectField name="dialogue_id" label={t('catalysis.meeting.dialogue')} options={p.dialogues} placeholder={t('catalysis.meeting.noDialogue')} /> : null}
        </Form>
      )}
    </Layout>
  )
}

export function InvitationsPage({ meeting, candidates, invited, state, search }: { meeting: MeetingDetails; candidates: Array<{ id: string; name: string; world: string; seat: string }>; invited: Array<{ label: string }>; state: FormState; search: FormState }) {
  const { t, locale } = useView()
  const title = t('catalysis.invitations.pageTitle', { title: meeting.title })
  return (
    <Layout title={title} breadcrumb={Crumbs({ meeting, label: t('catalysis.invitations.title') })}>
      <h1>{title}</h1>
      <h2>{t('catalysis.invitations.already', { count: invited.length })}</h2>
      {invited.length === 0 ? <p>{t('catalysis.invitations.none')}</p> : <ul>{invited.map((i) => <li>{i.label}</li>)}</ul>}
      <h2>{t('catalysis.invitations.find')}</h2>
      <Form action={`/rencontres/${meeting.id}/invitations`} method="get" state={search} submitLabel={t('catalysis.search')}>
        <SelectField name="monde" label={t('catalysis.invitations.world')} options={termOptions('world', locale)} placeholder={t('catalysis.filter.all')} />
        <TextField name="lieu" label={t('catalysis.filter.place')} hint={t('catalysis.filter.placeHint')} maxLength={100} />
        <TextField name="q" label={t('catalysis.filter.words')} type="search" maxLength={100} />
      </Form>
      <Form action={`/rencontres/${meeting.id}/invitations`} state={state} submitLabel={t('catalysis.invitations.send')}>
        {candidates.length > 0 ? (
          <CheckboxGroup name="organisation_ids" legend={t('catalysis.invitations.organisations', { count: candidates.length })} options={candidates.map((c) => ({ value: c.id, label: `${c.name} — ${termLabel('world', c.world, locale)}, ${c.seat}` }))} />
        ) : (
          <p>{t('catalysis.invitations.noCandidate')}</p>
        )}
        <TextArea name="emails" label={t('catalysis.invitations.emails')} hint={t('catalysis.invitations.emailsHint')} rows={3} maxLength={5000} />
      </Form>
    </Layout>
  )
}

export function AttendancePage({ meeting, registrations, state }: { meeting: MeetingDetails; registrations: RegistrationRow[]; state: FormState }) {
  const { t, locale } = useView()
  const seated = registrations.filter((r) => r.status === 'inscrit')
  const title = t('catalysis.attendance.pageTitle', { title: meeting.title })
  return (
    <Layout title={title} breadcrumb={Crumbs({ meeting, label: t('catalysis.attendance.title') })}>
      <article class="report-a4 attendance">
        <h1>{title}</h1>
        <p>{t('catalysis.attendance.intro', { count: seated.length })}</p>
        <Form action={`/rencontres/${meeting.id}/presences`} state={{ values: { present: state.values.present ?? seated.filter((r) => r.attended === 1).map((r) => r.id) }, errors: state.errors }} submitLabel={t('catalysis.attendance.save')}>
          <TableScroll labelledBy="presences-titre">
            <table class="data-table attendance-table">
              <caption id="presences-titre">{t('catalysis.attendance.caption', { count: seated.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('catalysis.attendance.present')}</th>
                  <th scope="col">{t('catalysis.attendance.person')}</th>
                  <th scope="col">{t('catalysis.attendance.organisation')}</th>
                  <th scope="col" class="print-only">
                    {t('catalysis.attendance.signature')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {seated.map((r, i) => (
                  <tr>
                    <td>
                      <input type="checkbox" name="present" value={r.id} id={`present-${i}`} checked={(Array.isArray(state.values.present) ? state.values.present : seated.filter((x) => x.attended === 1).map((x) => x.id)).includes(r.id)} />
                    </td>
                    <th scope="row">
                      <label for={`present-${i}`}>{r.display_name}</label>
                    </th>
                    <td>{r.organisation_name ? `${r.organisation_name} (${termLabel('world', r.world ?? '', locale)})` : t('catalysis.attendance.ownName')}</td>
                    <td class="print-only signature-cell" />
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </Form>
      </article>
    </Layout>
  )
}

export function FollowUpPage(p: { meeting: MeetingDetails; mine: Array<{ value: string; label: string }>; participants: Array<{ value: string; label: string }>; chosen: { organisationId: string; metId: string } | null; subjects: FollowUpSubject[]; declared: Array<{ label: string; requestId: string | null }>; state: FormState }) {
  const { t } = useView()
  const title = t('catalysis.followUp.title', { title: p.meeting.title })
  const base = `/rencontres/${p.meeting.id}/suites`
  return (
    <Layout title={title} breadcrumb={Crumbs({ meeting: p.meeting, label: t('catalysis.followUp.short') })}>
      <h1>{title}</h1>
      <p class="lead">{t('catalysis.followUp.intro')}</p>
      {p.declared.length > 0 ? (
        <>
          <h2>{t('catalysis.followUp.declared')}</h2>
          <ul>
            {p.declared.map((d) => (
              <li>
                {d.label}
                {d.requestId ? (
                  <>
                    {' — '}
                    <a href={`/mises-en-relation/${d.requestId}`}>{t('catalysis.followUp.request')}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('catalysis.followUp.whom')}</h2>
      <Form action={base} method="get" submitLabel={t('catalysis.followUp.choose')} state={{ values: { organisation_id: p.chosen?.organisationId ?? p.mine[0]?.value ?? '', met_organisation_id: p.chosen?.metId ?? '' }, errors: [] }}>
        <SelectField name="organisation_id" label={t('catalysis.followUp.for')} required options={p.mine} />
        <SelectField name="met_organisation_id" label={t('catalysis.followUp.met')} required options={p.participants} />
      </Form>
      {p.chosen ? (
        <Form action={base} state={p.state} submitLabel={t('catalysis.followUp.submit')}>
          <input type="hidden" name="organisation_id" value={p.chosen.organisationId} />
          <input type="hidden" name="met_organisation_id" value={p.chosen.metId} />
          {p.subjects.length === 0 ? (
            <p>{t('catalysis.followUp.noSubject')}</p>
          ) : (
            <>
              <RadioGroup
                name="subject"
                legend={t('catalysis.followUp.subject')}
                hint={t('catalysis.followUp.subjectHint')}
                groups={[{ options: [{ value: '', label: t('catalysis.followUp.noRequest') }, ...p.subjects.map((s) => ({ value: `${s.needId}:${s.resourceId}`, label: t(s.needOf === 'mine' ? 'catalysis.followUp.subjectMine' : 'catalysis.followUp.subjectTheirs', { need: s.needTitle, resource: s.resourceTitle }) }))] }]}
              />
              <TextArea name="message" label={t('catalysis.followUp.message')} hint={t('catalysis.followUp.messageHint')} rows={4} maxLength={3000} />
            </>
          )}
        </Form>
      ) : null}
    </Layout>
  )
}

export function MinutesPage({ meeting, alliances, state }: { meeting: MeetingDetails; alliances: Array<{ value: string; label: string }>; state: FormState }) {
  const { t } = useView()
  const title = t('catalysis.minutes.pageTitle', { title: meeting.title })
  return (
    <Layout title={title} breadcrumb={Crumbs({ meeting, label: t('catalysis.minutes.title') })}>
      <h1>{title}</h1>
      <Form action={`/rencontres/${meeting.id}/compte-rendu`} state={state} submitLabel={t('catalysis.minutes.publish')}>
        <TextArea name="minutes" label={t('catalysis.minutes.title')} required rows={10} maxLength={20000} />
        <TextArea name="decisions" label={t('catalysis.minutes.decisions')} rows={5} maxLength={10000} />
        {alliances.length > 0 ? <CheckboxGroup name="alliance_ids" legend={t('catalysis.minutes.alliances')} hint={t('catalysis.minutes.alliancesHint')} options={alliances} /> : null}
      </Form>
    </Layout>
  )
}
