/** Pages of pledges: making one, one pledge with what fulfilled it, changing it, linking contributions, an organisation's promises. */
import type { PageOf } from '../../../../core/db/paging.js'
import { DataTable, Pagination } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { emptyForm, Form, RadioGroup, SelectField, TextArea, TextField, type FormState, type Option } from '../../../../core/views/forms.js'
import { formatHundredths } from '../../../alliances/index.js'
import { termLabel } from '../../../vocabulary/index.js'
import { HELP, HELP_KINDS, type HelpKind } from '../../help.js'
import { Amount, Cents, Day, MobilisationPage, Progress } from '../../views/format.js'
import type { FulfilmentRow, LinkableContribution, OrganisationTotals, Pledge, PledgeListRow } from '../pledges.queries.js'
import { translateLabel } from '../../../../core/i18n/index.js'
import { CONTRIBUTION_UNIT_LABELS, HELP_KIND_LABELS, UNIT_LABELS } from '../../views/labels.js'

export interface PledgeTarget {
  call: { id: string; title: string; kinds: HelpKind[] } | null
  need: { id: string; title: string } | null
  alliance: { id: string; name: string } | null
}

function TargetLine({ target }: { target: PledgeTarget }) {
  const { t } = useView()
  return (
    <ul>
      {target.call ? (
        <li>
          {t('mobilisation.pledge.toCall')} <a href={`/mobilisation/appels/${target.call.id}`}>{target.call.title}</a>
        </li>
      ) : null}
      {target.need ? (
        <li>
          {t('mobilisation.pledge.toNeed')} <a href={`/besoins/${target.need.id}`}>{target.need.title}</a>
        </li>
      ) : null}
      {target.alliance ? (
        <li>
          {t('mobilisation.pledge.toAlliance')} <a href={`/alliances/${target.alliance.id}`}>{target.alliance.name}</a>
        </li>
      ) : null}
    </ul>
  )
}

export function PledgeForm({ state, organisations, target }: { state: FormState; organisations: Option[]; target: PledgeTarget }) {
  const { t } = useView()
  const kinds = target.call ? target.call.kinds : [...HELP_KINDS]
  const title = t('mobilisation.pledge.new')
  return (
    <MobilisationPage title={title}>
      <h1>{title}</h1>
      <p class="lead">{t('mobilisation.pledge.intro')}</p>
      {target.call || target.need || target.alliance ? <TargetLine target={target} /> : <p class="notice notice-warning">{t('mobilisation.pledge.noTarget')}</p>}
      <Form action="/mobilisation/engagements" state={state} submitLabel={t('mobilisation.pledge.submit')}>
        {target.call ? <input type="hidden" name="call_id" value={target.call.id} /> : null}
        {target.need ? <input type="hidden" name="need_id" value={target.need.id} /> : null}
        {target.alliance ? <input type="hidden" name="alliance_id" value={target.alliance.id} /> : null}
        <SelectField name="organisation_id" label={t('mobilisation.pledge.organisationField')} hint={t('mobilisation.pledge.organisationHint')} required options={organisations} />
        <RadioGroup name="help_kind" legend={t('mobilisation.help.kind')} required groups={[{ options: kinds.map((k) => ({ value: k, label: `${t(`mobilisation.help.${k}`)} (${t(`mobilisation.unit.${HELP[k].unit}`)})` })) }]} />
        <TextField name="quantity" label={t('mobilisation.pledge.quantity')} hint={t('mobilisation.pledge.quantityHint')} required inputMode="numeric" maxLength={30} />
        <TextField name="volunteers" label={t('mobilisation.pledge.volunteers')} hint={t('mobilisation.pledge.volunteersHint')} inputMode="numeric" maxLength={10} />
        <TextField name="starts_on" type="date" label={t('mobilisation.pledge.startsOn')} hint={t('mobilisation.pledge.startsOnHint')} />
        <TextField name="due_on" type="date" label={t('mobilisation.pledge.dueOn')} required />
        <TextArea name="schedule" label={t('mobilisation.pledge.schedule')} hint={t('mobilisation.pledge.scheduleHint')} rows={3} maxLength={1000} />
      </Form>
    </MobilisationPage>
  )
}

export interface PledgePageProps {
  pledge: Pledge
  fulfilments: FulfilmentRow[]
  /** the actor belongs to the pledging organisation */
  own: boolean
  admin: boolean
  late: boolean
  /** the withdrawal form with its problems, when it was refused */
  withdrawState?: FormState
}

export function PledgePage({ pledge, fulfilments, own, admin, late, withdrawState }: PledgePageProps) {
  const { t, csrfToken } = useView()
  const kind = pledge.help_kind as HelpKind
  const allianceVisible = pledge.alliance_id !== null && (pledge.alliance_visibility === 'public' || own)
  const target: PledgeTarget = {
    call: pledge.call_id && pledge.call_title ? { id: pledge.call_id, title: pledge.call_title, kinds: [] } : null,
    need: pledge.need_id && pledge.need_title ? { id: pledge.need_id, title: pledge.need_title } : null,
    alliance: allianceVisible && pledge.alliance_id && pledge.alliance_name ? { id: pledge.alliance_id, name: pledge.alliance_name } : null,
  }
  const title = t('mobilisation.pledge.title', { organisation: pledge.organisation_name, kind: t(`mobilisation.help.${kind}`) })
  return (
    <MobilisationPage title={title} trail={[{ label: pledge.organisation_name, href: `/mobilisation/organisations/${pledge.organisation_id}` }]}>
      <h1>{title}</h1>
      {pledge.status === 'withdrawn' ? <p class="notice notice-warning">{t('mobilisation.pledge.withdrawnOn', { date: pledge.withdrawn_on ?? '' })}</p> : null}
      {own && late ? (
        <div class="notice notice-warning" role="status">
          <p>{t('mobilisation.pledge.lateOwn', { date: pledge.due_on })}</p>
        </div>
      ) : null}
      <TargetLine target={target} />
      <dl class="facts">
        <div>
          <dt>{t('mobilisation.pledge.quantity')}</dt>
          <dd>
            <Amount hundredths={Number(pledge.quantity_hundredths)} unit={pledge.unit} />
            {pledge.volunteers ? ` · ${t('mobilisation.pledge.volunteersCount', { count: pledge.volunteers })}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('mobilisation.pledge.period')}</dt>
          <dd>
            <Day day={pledge.starts_on} /> – <Day day={pledge.due_on} />
          </dd>
        </div>
        <div>
          <dt>{t('mobilisation.pledge.value')}</dt>
          <dd>{pledge.value_cents === null ? t('mobilisation.pledge.unvalued') : <Cents cents={Number(pledge.value_cents)} />}</dd>
        </div>
      </dl>
      {pledge.value_basis === 'rate' && pledge.rate_table_id ? (
        <p class="valuation-method">
          {t('mobilisation.pledge.valuedWith')} <a href={`/valorisation/baremes/${pledge.rate_table_id}`}>{t('mobilisation.pledge.rateTable', { version: pledge.rate_table_version ?? 0 })}</a> ({t('mobilisation.pledge.onDay', { date: pledge.pledged_on })})
        </p>
      ) : null}
      {pledge.schedule ? <p>{pledge.schedule}</p> : null}
      <section aria-labelledby="realisations">
        <h2 id="realisations">{t('mobilisation.pledge.fulfilment')}</h2>
        <Progress id="realisation" label={t('mobilisation.pledge.fulfilled')} value={Number(pledge.fulfilled_hundredths)} max={Number(pledge.quantity_hundredths)} unit={pledge.unit} />
        {pledge.realised_cents !== null ? (
          <p>
            {t('mobilisation.pledge.realisedValue')} <Cents cents={Number(pledge.realised_cents)} />
          </p>
        ) : null}
        {fulfilments.length === 0 ? (
          <p class="muted">{t('mobilisation.pledge.noFulfilment')}</p>
        ) : (
          <DataTable
            caption={t('mobilisation.pledge.fulfilments')}
            rows={fulfilments}
            columns={[
              { header: t('mobilisation.pledge.contributedOn'), cell: (f) => <Day day={f.contributed_on} /> },
              { header: t('mobilisation.pledge.alliance'), cell: (f) => (f.alliance_visibility === 'public' || own ? <a href={`/alliances/${f.alliance_id}/contributions`}>{f.alliance_name}</a> : t('mobilisation.pledge.privateAlliance')) },
              { header: t('mobilisation.pledge.counted'), cell: (f) => <Amount hundredths={Number(f.quantity_hundredths)} unit={pledge.unit} />, numeric: true },
              ...(own
                ? [
                    {
                      header: t('mobilisation.form.actions'),
                      cell: (f: FulfilmentRow) => (
                        <form method="post" action={`/mobilisation/engagements/${pledge.id}/realisations/${f.id}/retirer`} class="inline-form">
                          <input type="hidden" name="_csrf" value={csrfToken()} />
                          <button type="submit" class="link-button danger">
                            {t('mobilisation.pledge.unlink')}
                          </button>
                        </form>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </section>
      {own && pledge.status === 'active' ? (
        <section aria-labelledby="suivi" class="notice">
          <h2 id="suivi">{t('mobilisation.pledge.follow')}</h2>
          <ul class="actions">
            <li>
              <a class="button" href={`/mobilisation/engagements/${pledge.id}/realisations`}>
                {t('mobilisation.pledge.link')}
              </a>
            </li>
            {admin ? (
              <li>
                <a class="button button-secondary" href={`/mobilisation/engagements/${pledge.id}/modifier`}>
                  {t('mobilisation.pledge.edit')}
                </a>
              </li>
            ) : null}
          </ul>
          {admin ? (
            <Form action={`/mobilisation/engagements/${pledge.id}/retrait`} state={withdrawState ?? emptyForm} submitLabel={t('mobilisation.pledge.withdraw')}>
              <TextArea name="reason" label={t('mobilisation.pledge.withdrawReason')} rows={2} maxLength={1000} />
            </Form>
          ) : null}
        </section>
      ) : null}
    </MobilisationPage>
  )
}

export function PledgeEditForm({ pledge, state }: { pledge: Pledge; state: FormState }) {
  const { t } = useView()
  const title = t('mobilisation.pledge.edit')
  return (
    <MobilisationPage title={title} trail={[{ label: pledge.organisation_name, href: `/mobilisation/organisations/${pledge.organisation_id}` }]}>
      <h1>{title}</h1>
      <p>
        <a href={`/mobilisation/engagements/${pledge.id}`}>{t('mobilisation.pledge.back')}</a>
      </p>
      <Form action={`/mobilisation/engagements/${pledge.id}/modifier`} state={state} submitLabel={t('mobilisation.form.save')}>
        <TextField name="quantity" label={`${t('mobilisation.pledge.quantity')} (${translateLabel(t, UNIT_LABELS, pledge.unit)})`} hint={t('mobilisation.pledge.quantityHint')} required inputMode="numeric" maxLength={30} />
        {pledge.help_kind === 'volunteering' ? <TextField name="volunteers" label={t('mobilisation.pledge.volunteers')} inputMode="numeric" maxLength={10} /> : null}
        <TextField name="due_on" type="date" label={t('mobilisation.pledge.dueOn')} required />
        <TextArea name="schedule" label={t('mobilisation.pledge.schedule')} rows={3} maxLength={1000} />
      </Form>
    </MobilisationPage>
  )
}

export function LinkForm({ pledge, state, contributions }: { pledge: Pledge; state: FormState; contributions: LinkableContribution[] }) {
  const { t, locale } = useView()
  const title = t('mobilisation.pledge.link')
  const left = Number(pledge.quantity_hundredths) - Number(pledge.fulfilled_hundredths)
  return (
    <MobilisationPage title={title} trail={[{ label: pledge.organisation_name, href: `/mobilisation/organisations/${pledge.organisation_id}` }]}>
      <h1>{title}</h1>
      <p>
        {t('mobilisation.pledge.left')} <Amount hundredths={left} unit={pledge.unit} /> · <a href={`/mobilisation/engagements/${pledge.id}`}>{t('mobilisation.pledge.back')}</a>
      </p>
      {contributions.length === 0 ? (
        <p class="notice">{t('mobilisation.pledge.noLinkable')}</p>
      ) : (
        <Form action={`/mobilisation/engagements/${pledge.id}/realisations`} state={state} submitLabel={t('mobilisation.pledge.linkSubmit')}>
          <RadioGroup
            name="contribution_id"
            legend={t('mobilisation.pledge.contribution')}
            required
            groups={[
              {
                options: contributions.map((c) => ({
                  value: c.id,
                  label: t('mobilisation.pledge.contributionOption', { alliance: c.alliance_name, date: c.contributed_on, type: termLabel('contribution_type', c.contribution_type, locale), free: translateLabel(t, CONTRIBUTION_UNIT_LABELS, c.unit, { value: formatHundredths(locale, c.free_hundredths, c.unit), count: c.free_hundredths / 100 }) }),
                })),
              },
            ]}
          />
          <TextField name="quantity" label={t('mobilisation.pledge.linkQuantity')} hint={t('mobilisation.pledge.linkQuantityHint')} inputMode="numeric" maxLength={30} />
        </Form>
      )}
    </MobilisationPage>
  )
}

export function OrganisationPledgesPage({ organisation, totals, pledges, own }: { organisation: { id: string; name: string; world: string }; totals: OrganisationTotals; pledges: PageOf<PledgeListRow>; own: boolean }) {
  const { t, path, locale } = useView()
  const title = t('mobilisation.organisation.title', { organisation: organisation.name })
  return (
    <MobilisationPage title={title}>
      <h1>{title}</h1>
      <p class="lead">
        <a href={`/acteurs/${organisation.id}`}>{organisation.name}</a> — {termLabel('world', organisation.world, locale)}
      </p>
      <dl class="facts">
        <div>
          <dt>{t('mobilisation.organisation.pledges')}</dt>
          <dd>{totals.pledges}</dd>
        </div>
        <div>
          <dt>{t('mobilisation.organisation.pledgedValue')}</dt>
          <dd>
            <Cents cents={totals.pledgedCents} />
          </dd>
        </div>
        <div>
          <dt>{t('mobilisation.organisation.realisedValue')}</dt>
          <dd>
            <Cents cents={totals.realisedCents} />
          </dd>
        </div>
      </dl>
      {totals.unvalued > 0 ? <p class="muted">{t('mobilisation.organisation.unvalued', { count: totals.unvalued })}</p> : null}
      <p class="muted">{t('mobilisation.organisation.method')}</p>
      <DataTable
        caption={t('mobilisation.organisation.byKind')}
        rows={totals.byKind}
        columns={[
          { header: t('mobilisation.help.kind'), cell: (k) => t(`mobilisation.help.${k.kind}`) },
          { header: t('mobilisation.call.pledged'), cell: (k) => <Amount hundredths={k.pledged} unit={HELP[k.kind].unit} />, numeric: true },
          { header: t('mobilisation.call.fulfilled'), cell: (k) => <Amount hundredths={k.fulfilled} unit={HELP[k.kind].unit} />, numeric: true },
        ]}
      />
      <h2>{t('mobilisation.organisation.list', { count: pledges.total })}</h2>
      {pledges.rows.length === 0 ? (
        <p class="muted">{t('mobilisation.organisation.none')}</p>
      ) : (
        <DataTable
          caption={t('mobilisation.organisation.list', { count: pledges.total })}
          captionHidden
          rows={pledges.rows}
          columns={[
            { header: t('mobilisation.pledge.pledgedOn'), cell: (p) => <a href={`/mobilisation/engagements/${p.id}`}><Day day={p.pledged_on} /></a> },
            { header: t('mobilisation.help.kind'), cell: (p) => translateLabel(t, HELP_KIND_LABELS, p.help_kind) },
            { header: t('mobilisation.pledge.target'), cell: (p) => p.call_title ?? p.need_title ?? (p.alliance_visibility === 'public' || own ? p.alliance_name : t('mobilisation.pledge.privateAlliance')) ?? '' },
            { header: t('mobilisation.pledge.quantity'), cell: (p) => <Amount hundredths={Number(p.quantity_hundredths)} unit={p.unit} />, numeric: true },
            { header: t('mobilisation.call.fulfilled'), cell: (p) => <Amount hundredths={Number(p.fulfilled_hundredths)} unit={p.unit} />, numeric: true },
            { header: t('mobilisation.pledge.value'), cell: (p) => (p.value_cents === null ? t('mobilisation.pledge.unvalued') : <Cents cents={Number(p.value_cents)} />), numeric: true },
            ...(own ? [{ header: t('mobilisation.pledge.status'), cell: (p: PledgeListRow) => t(`mobilisation.pledge.status.${p.status}`) }] : []),
          ]}
        />
      )}
      <Pagination page={pledges.page} pageCount={pledges.pageCount} href={path} />
    </MobilisationPage>
  )
}
