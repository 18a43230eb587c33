/**
 * Actor pages (`/acteurs`): the directory with its filters, the public profile, the registration and edit
 * forms (POST-redirect-GET, error summary on failure), the members page with invitations, and the
 * invitation acceptance page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { VNode } from 'preact'
import { isAdminOf } from '../../core/access/actor.js'
import { nowIso } from '../../core/db/values.js'
import { AppError, notFound, type FieldProblem } from '../../core/errors.js'
import { formValuesOf, parseForm, parseOrThrow, requireId } from '../../core/http/forms.js'
import { formatDate } from '../../core/i18n/index.js'
import { DataTable, Pagination } from '../../core/views/components.js'
import { useView } from '../../core/views/context.js'
import { CheckboxGroup, emptyForm, Form, SelectField, TextArea, TextField, type FormState, type FormValues } from '../../core/views/forms.js'
import { Layout } from '../../core/views/Layout.js'
import { PlaceFilterNotice, resolvePlaceFilter, TerritoryName, type PlaceFilter, type Territory, type TerritoryKind } from '../territories/index.js'
import { termLabel, termOptions, TermLink, TermList } from '../vocabulary/index.js'
import { organisationCan, authorizeAdmin, authorizeViewPrivate } from './organisations.policy.js'
import {
  findOrganisationDetails,
  listMembers,
  listOrganisations,
  listPendingInvitations,
  type DirectoryPage,
  type DirectoryRow,
  type InvitationRow,
  type MemberRow,
  type Organisation,
  type OrganisationDetails,
} from './organisations.queries.js'
import { perimeterFromLevels, resolveOtherTerritories, resolveSeat } from './organisations.resolve.js'
import { DirectoryQuery, InvitationForm, OrganisationForm, PERIMETER_LEVELS, RoleForm, type OrganisationData, type OrganisationFormT } from './organisations.schemas.js'
import {
  acceptInvitation,
  changeMemberRole,
  createOrganisation,
  inviteMember,
  removeMember,
  revokeInvitation,
  unsafeFindOpenInvitation,
  updateOrganisation,
} from './organisations.service.js'

const PAGE_SIZE = 20

/**
 * A block of an organisation's public profile provided by another feature (its needs, its alliances…).
 * `render` runs for every profile view; it must only show what `request.actor` may see.
 */
export interface OrganisationSection {
  id: string
  render(organisation: Organisation, request: FastifyRequest): Promise<VNode | null>
}

// --- small views ------------------------------------------------------------------------------------------

export function DemoBadge() {
  const { t } = useView()
  return <span class="badge badge-demo">{t('organisations.demoBadge')}</span>
}

/** A list of actors (name, world, seat) used by the directory and by territory pages. */
export function ActorList({ rows }: { rows: DirectoryRow[] }) {
  const { t } = useView()
  return (
    <ul class="actor-list">
      {rows.map((row) => (
        <li>
          <a href={`/acteurs/${row.id}`} class="actor-name">
            {row.name}
          </a>{' '}
          {row.is_demo ? <DemoBadge /> : null}
          <span class="actor-meta">
            <TermLink kind="world" code={row.world} /> · {t('organisations.seatIn', { commune: row.seat_name })}
          </span>
        </li>
      ))}
    </ul>
  )
}

// --- directory --------------------------------------------------------------------------------------------

interface DirectoryProps {
  values: FormValues
  place: PlaceFilter
  page: DirectoryPage
}

function DirectoryPageView({ values, place, page }: DirectoryProps) {
  const { t, locale, path, user } = useView()
  const worldOptions = termOptions('world', locale)
  const sdgOptions = termOptions('sdg', locale)
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
      <Form action="/acteurs" method="get" state={{ values, errors: [] }} submitLabel={t('organisations.directory.filter')} class="filters">
        <div class="filter-grid">
          <TextField name="q" label={t('organisations.directory.text')} type="search" />
          <SelectField name="monde" label={t('organisations.field.world')} options={worldOptions} placeholder={t('organisations.directory.allWorlds')} />
          <SelectField name="odd" label={t('organisations.field.sdg')} options={sdgOptions} placeholder={t('organisations.directory.allSdgs')} />
          <TextField name="lieu" label={t('organisations.directory.place')} hint={t('organisations.directory.placeHint')} />
        </div>
        {place.territory ? <input type="hidden" name="territoire" value={place.territory.id} /> : null}
      </Form>
      <PlaceFilterNotice filter={place} insideLabel={t('organisations.directory.inside')} />
      <h2 aria-live="polite">{t('organisations.directory.count', { count: page.total })}</h2>
      {page.rows.length > 0 ? <ActorList rows={page.rows} /> : <p>{t('organisations.directory.none')}</p>}
      <Pagination page={page.page} pageCount={page.pageCount} href={path} />
    </Layout>
  )
}

// --- profile ----------------------------------------------------------------------------------------------

function ProfilePage({ details, can, sections }: { details: OrganisationDetails; can: { edit: boolean; seeMembers: boolean }; sections: VNode[] }) {
  const { t, locale } = useView()
  const { organisation: o, seat, perimeter, sdgs } = details
  return (
    <Layout
      title={o.name}
      breadcrumb={[
        { label: t('organisations.directory.title'), href: '/acteurs' },
        { label: o.name },
      ]}
    >
      <p class="kicker">
        <TermLink kind="world" code={o.world} /> {o.is_demo ? <DemoBadge /> : null}
      </p>
      <h1>{o.name}</h1>
      {can.edit || can.seeMembers ? (
        <ul class="actions">
          {can.edit ? (
            <li>
              <a class="button button-secondary" href={`/acteurs/${o.id}/modifier`}>
                {t('organisations.edit.link')}
              </a>
            </li>
          ) : null}
          {can.seeMembers ? (
            <li>
              <a class="button button-secondary" href={`/acteurs/${o.id}/membres`}>
                {t('organisations.members.link')}
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}
      {can.seeMembers && details.identifiers.claims.length > 0 ? (
        <div class="notice" role="status">
          {details.identifiers.claims.map((c) => (
            <p>{t('organisations.identifier.claimed', { field: c.field === 'siret' ? 'SIRET' : 'RNA', value: c.value })}</p>
          ))}
        </div>
      ) : null}
      <dl class="facts">
        {seat ? (
          <div>
            <dt>{t('organisations.field.seat')}</dt>
            <dd>
              <TerritoryName territory={seat} />
            </dd>
          </div>
        ) : null}
        {o.size_band ? (
          <div>
            <dt>{t('organisations.field.size')}</dt>
            <dd>
              <TermLink kind="organisation_size" code={o.size_band} />
            </dd>
          </div>
        ) : null}
        {o.siret ? (
          <div>
            <dt>SIRET</dt>
            <dd>
              {o.siret} <span class="muted">({t(`organisations.identifier.${details.identifiers.siret === 'verifie' ? 'verified' : 'declared'}`)})</span>
            </dd>
          </div>
        ) : o.siren ? (
          <div>
            <dt>SIREN</dt>
            <dd>
              {o.siren} <span class="muted">({t('organisations.identifier.declared')})</span>
            </dd>
          </div>
        ) : null}
        {o.rna ? (
          <div>
            <dt>RNA</dt>
            <dd>
              {o.rna} <span class="muted">({t(`organisations.identifier.${details.identifiers.rna === 'verifie' ? 'verified' : 'declared'}`)})</span>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('organisations.since')}</dt>
          <dd>{formatDate(locale, o.created_at)}</dd>
        </div>
      </dl>
      {o.description ? (
        <section aria-labelledby="presentation">
          <h2 id="presentation">{t('organisations.field.description')}</h2>
          {o.description.split(/\n{2,}/).map((para) => (
            <p>{para}</p>
          ))}
        </section>
      ) : null}
      <section aria-labelledby="perimetre">
        <h2 id="perimetre">
          <TermLink kind="concept" code="perimetre" />
        </h2>
        <ul>
          {perimeter.map((p) => (
            <li>
              <TerritoryName territory={p} /> <span class="muted">— {termLabel('territory_kind', p.kind, locale)}</span>
            </li>
          ))}
        </ul>
      </section>
      {sdgs.length > 0 ? (
        <section aria-labelledby="odd">
          <h2 id="odd">{t('organisations.field.sdgs')}</h2>
          <TermList kind="sdg" codes={sdgs.map(String)} />
        </section>
      ) : null}
      {sections}
      {o.website || o.contact_email || o.contact_phone ? (
        <section aria-labelledby="contact">
          <h2 id="contact">{t('organisations.contact')}</h2>
          <ul>
            {o.website ? (
              <li>
                <a href={o.website} rel="nofollow noopener ugc">
                  {o.website}
                </a>
              </li>
            ) : null}
            {o.contact_email ? (
              <li>
                <a href={`mailto:${o.contact_email}`}>{o.contact_email}</a>
              </li>
            ) : null}
            {o.contact_phone ? <li>{o.contact_phone}</li> : null}
          </ul>
        </section>
      ) : null}
    </Layout>
  )
}

// --- create / edit form -----------------------------------------------------------------------------------

function OrganisationFormPage({ mode, action, state, seatCandidates, organisationName }: { mode: 'create' | 'edit'; action: string; state: FormState; seatCandidates: Territory[]; organisationName?: string }) {
  const { t, locale } = useView()
  const title = mode === 'create' ? t('organisations.create.title') : t('organisations.edit.title', { name: organisationName ?? '' })
  const sizeOptions = termOptions('organisation_size', locale)
  return (
    <Layout title={title} breadcrumb={[{ label: t('organisations.directory.title'), href: '/acteurs' }, { label: title }]}>
      <h1>{title}</h1>
      {mode === 'create' ? <p class="lead">{t('organisations.create.intro')}</p> : null}
      <Form action={action} state={state} submitLabel={mode === 'create' ? t('organisations.create.submit') : t('organisations.edit.submit')}>
        <fieldset>
          <legend>{t('organisations.section.identity')}</legend>
          <TextField name="name" label={t('organisations.field.name')} required maxLength={200} autocomplete="organization" />
          <SelectField name="world" label={t('organisations.field.world')} hint={t('organisations.field.worldHint')} required options={termOptions('world', locale)} placeholder={t('form.choose')} />
          <SelectField name="size_band" label={t('organisations.field.size')} hint={t('organisations.field.sizeHint')} options={sizeOptions} placeholder={t('form.none')} />
        </fieldset>
        <fieldset>
          <legend>{t('organisations.section.identifiers')}</legend>
          <p class="hint">{t('organisations.section.identifiersHint')}</p>
          <TextField name="siret" label="SIRET" hint={t('organisations.field.siretHint')} inputMode="numeric" maxLength={20} />
          <TextField name="siren" label="SIREN" hint={t('organisations.field.sirenHint')} inputMode="numeric" maxLength={12} />
          <TextField name="rna" label={t('organisations.field.rna')} hint={t('organisations.field.rnaHint')} maxLength={12} />
        </fieldset>
        <fieldset>
          <legend>{t('organisations.section.place')}</legend>
          <TextField name="seat" label={t('organisations.field.seat')} hint={t('organisations.field.seatHint')} required maxLength={100} />
          {seatCandidates.length > 0 ? (
            <fieldset class="field radio-group">
              <legend>{t('organisations.field.seatChoice')}</legend>
              {seatCandidates.map((c, i) => (
                <div class="radio">
                  <input type="radio" id={`seat-choice-${i}`} name="seat_choice" value={c.id} />
                  <label for={`seat-choice-${i}`}>
                    {c.name} ({c.code}){c.postal_codes ? ` — ${c.postal_codes.split(' ').slice(0, 3).join(', ')}` : ''}
                  </label>
                </div>
              ))}
            </fieldset>
          ) : null}
          <CheckboxGroup
            name="perimeter_levels"
            legend={t('organisations.field.perimeter')}
            hint={t('organisations.field.perimeterHint')}
            options={PERIMETER_LEVELS.map((level) => ({ value: level, label: t(`organisations.perimeterLevel.${level}`) }))}
          />
          <TextArea name="perimeter_other" label={t('organisations.field.perimeterOther')} hint={t('organisations.field.perimeterOtherHint')} rows={2} maxLength={500} />
        </fieldset>
        <CheckboxGroup name="sdgs" legend={t('organisations.field.sdgs')} hint={t('organisations.field.sdgsHint')} options={termOptions('sdg', locale)} columns />
        <fieldset>
          <legend>{t('organisations.section.presentation')}</legend>
          <TextArea name="description" label={t('organisations.field.description')} maxLength={5000} rows={6} />
          <TextField name="website" label={t('organisations.field.website')} hint={t('organisations.field.websiteHint')} type="url" maxLength={300} />
          <TextField name="contact_email" label={t('organisations.field.contactEmail')} hint={t('organisations.field.contactHint')} type="email" maxLength={254} autocomplete="email" />
          <TextField name="contact_phone" label={t('organisations.field.contactPhone')} type="tel" maxLength={30} autocomplete="tel" />
        </fieldset>
      </Form>
    </Layout>
  )
}

// --- members ----------------------------------------------------------------------------------------------

function MembersPage({ details, members, invitations, isAdmin, state, lastLink }: { details: OrganisationDetails; members: MemberRow[]; invitations: InvitationRow[]; isAdmin: boolean; state: FormState; lastLink: string | null }) {
  const { t, locale, csrfToken, user } = useView()
  const o = details.organisation
  return (
    <Layout
      title={t('organisations.members.title', { name: o.name })}
      breadcrumb={[
        { label: t('organisations.directory.title'), href: '/acteurs' },
        { label: o.name, href: `/acteurs/${o.id}` },
        { label: t('organisations.members.link') },
      ]}
    >
      <h1>{t('organisations.members.title', { name: o.name })}</h1>
      <p class="lead">{t('organisations.members.intro')}</p>
      {lastLink ? (
        <div class="notice notice-success" role="status">
          <p>{t('organisations.invitation.created')}</p>
          <p>
            <code class="invitation-link">{lastLink}</code>
          </p>
        </div>
      ) : null}
      <DataTable
        caption={t('organisations.members.table', { count: members.length })}
        rows={members}
        columns={[
          { header: t('organisations.members.name'), cell: (m) => m.display_name },
          { header: t('organisations.members.email'), cell: (m) => m.email },
          { header: t('organisations.members.role'), cell: (m) => t(`organisations.role.${m.role}`) },
          { header: t('organisations.members.since'), cell: (m) => formatDate(locale, m.created_at) },
          ...(isAdmin
            ? [
                {
                  header: t('organisations.members.actions'),
                  cell: (m: MemberRow) => (
                    <div class="row-actions">
                      <form method="post" action={`/acteurs/${o.id}/membres/${m.user_id}/role`} class="inline-form">
                        <input type="hidden" name="_csrf" value={csrfToken()} />
                        <input type="hidden" name="role" value={m.role === 'admin' ? 'member' : 'admin'} />
                        <button type="submit" class="link-button">
                          {m.role === 'admin' ? t('organisations.members.makeMember', { name: m.display_name }) : t('organisations.members.makeAdmin', { name: m.display_name })}
                        </button>
                      </form>
                      {m.user_id !== user?.id ? (
                        <form method="post" action={`/acteurs/${o.id}/membres/${m.user_id}/retirer`} class="inline-form">
                          <input type="hidden" name="_csrf" value={csrfToken()} />
                          <button type="submit" class="link-button danger">
                            {t('organisations.members.remove', { name: m.display_name })}
                          </button>
                        </form>
                      ) : null}
                    </div>
                  ),
                },
              ]
            : []),
        ]}
      />
      {isAdmin ? (
        <>
          <h2>{t('organisations.invitation.title')}</h2>
          <Form action={`/acteurs/${o.id}/invitations`} state={state} submitLabel={t('organisations.invitation.submit')}>
            <TextField name="email" label={t('organisations.invitation.email')} type="email" required autocomplete="off" maxLength={254} />
            <SelectField
              name="role"
              label={t('organisations.members.role')}
              required
              options={[
                { value: 'member', label: t('organisations.role.member') },
                { value: 'admin', label: t('organisations.role.admin') },
              ]}
            />
          </Form>
          {invitations.length > 0 ? (
            <DataTable
              caption={t('organisations.invitation.pending', { count: invitations.length })}
              rows={invitations}
              columns={[
                { header: t('organisations.members.email'), cell: (i) => i.email },
                { header: t('organisations.members.role'), cell: (i) => t(`organisations.role.${i.role}`) },
                { header: t('organisations.invitation.expires'), cell: (i) => formatDate(locale, i.expires_at) },
                {
                  header: t('organisations.members.actions'),
                  cell: (i) => (
                    <form method="post" action={`/acteurs/${o.id}/invitations/${i.id}/retirer`} class="inline-form">
                      <input type="hidden" name="_csrf" value={csrfToken()} />
                      <button type="submit" class="link-button danger">
                        {t('organisations.invitation.revoke', { email: i.email })}
                      </button>
                    </form>
                  ),
                },
              ]}
            />
          ) : null}
        </>
      ) : null}
    </Layout>
  )
}

function InvitationPage({ invitation, token, valid, signedIn }: { invitation: { organisation_id: string; organisation_name: string; email: string; role: string } | undefined; token: string; valid: boolean; signedIn: boolean }) {
  const { t, csrfToken } = useView()
  if (!invitation || !valid) {
    return (
      <Layout title={t('organisations.invitation.pageTitle')}>
        <h1>{t('organisations.invitation.pageTitle')}</h1>
        <p>{t('organisations.invitation.invalid')}</p>
      </Layout>
    )
  }
  return (
    <Layout title={t('organisations.invitation.pageTitle')}>
      <h1>{t('organisations.invitation.join', { name: invitation.organisation_name })}</h1>
      <p>{t('organisations.invitation.forEmail', { email: invitation.email, role: t(`organisations.role.${invitation.role}`) })}</p>
      {signedIn ? (
        <form method="post" action={`/invitations/${token}`}>
          <input type="hidden" name="_csrf" value={csrfToken()} />
          <button type="submit" class="button">
            {t('organisations.invitation.accept')}
          </button>
        </form>
      ) : (
        <p>
          <a class="button" href={`/connexion?retour=${encodeURIComponent(`/invitations/${token}`)}`}>
            {t('layout.signIn')}
          </a>{' '}
          <a href={`/inscription?retour=${encodeURIComponent(`/invitations/${token}`)}`}>{t('organisations.invitation.signUpFirst')}</a>
        </p>
      )}
    </Layout>
  )
}

// --- helpers ----------------------------------------------------------------------------------------------

function valuesFromDetails(details: OrganisationDetails): FormValues {
  const o = details.organisation
  const seatId = o.seat_commune_id
  const levels: string[] = []
  const other: string[] = []
  for (const p of details.perimeter) {
    if (p.id === seatId) levels.push('commune')
    else other.push(`${p.kind}:${p.code}`)
  }
  return {
    name: o.name,
    world: o.world,
    size_band: o.size_band ?? '',
    siret: o.siret ?? '',
    siren: o.siret ? '' : (o.siren ?? ''),
    rna: o.rna ?? '',
    seat: details.seat?.code ?? '',
    perimeter_levels: levels,
    perimeter_other: other.join('; '),
    sdgs: details.sdgs.map(String),
    description: o.description,
    website: o.website ?? '',
    contact_email: o.contact_email ?? '',
    contact_phone: o.contact_phone ?? '',
  }
}

/** Resolves the human fields of the form into `OrganisationData`, or returns the problems to show. */
async function dataFromForm(app: FastifyInstance, form: OrganisationFormT): Promise<{ data: OrganisationData | null; problems: FieldProblem[]; seatCandidates: Territory[] }> {
  const seat = await resolveSeat(app.db, form.seat, form.seat_choice)
  const other = await resolveOtherTerritories(app.db, form.perimeter_other)
  const problems = [seat.problem, other.problem].filter((p): p is FieldProblem => p !== null)
  if (!seat.seatId || problems.length > 0) return { data: null, problems, seatCandidates: seat.candidates }
  const fromLevels = await perimeterFromLevels(app.db, seat.seatId, form.perimeter_levels as TerritoryKind[])
  return {
    data: {
      name: form.name,
      world: form.world,
      siret: form.siret ?? null,
      siren: form.siren ?? null,
      rna: form.rna ?? null,
      seatCommuneId: seat.seatId,
      perimeterIds: [...fromLevels, ...other.ids],
      sizeBand: form.size_band ?? null,
      sdgs: form.sdgs,
      description: form.description ?? '',
      website: form.website ?? null,
      contactEmail: form.contact_email ?? null,
      contactPhone: form.contact_phone ?? null,
    },
    problems: [],
    seatCandidates: [],
  }
}

// --- routes -----------------------------------------------------------------------------------------------

export interface OrganisationPagesOptions {
  publicUrl: string
  /** Blocks of the public profile contributed by other features. */
  sections: OrganisationSection[]
}

export async function organisationPages(app: FastifyInstance, options: OrganisationPagesOptions): Promise<void> {
  app.get('/acteurs', { config: { public: true, cache: true } }, async (request, reply) => {
    const parsed = parseForm(DirectoryQuery, request.query)
    const query = parsed.ok ? parsed.value : {}
    const place = await resolvePlaceFilter(app.db, query)
    const territory = place.territory
    const page = await listOrganisations(
      app.db,
      { text: query.q, world: query.monde, sdg: query.odd, territoryId: territory?.id },
      query.page ?? 1,
      PAGE_SIZE,
    )
    const values = formValuesOf(request.query)
    if (territory) values.lieu = ''
    return reply.page(<DirectoryPageView values={values} place={place} page={page} />)
  })

  app.get('/acteurs/nouveau', async (_request, reply) => {
    return reply.page(<OrganisationFormPage mode="create" action="/acteurs/nouveau" state={{ values: { perimeter_levels: ['commune'] }, errors: [] }} seatCandidates={[]} />)
  })

  app.post('/acteurs/nouveau', async (request, reply) => {
    const values = formValuesOf(request.body)
    const rerender = (errors: FieldProblem[], seatCandidates: Territory[], status = 400) =>
      reply.page(<OrganisationFormPage mode="create" action="/acteurs/nouveau" state={{ values, errors }} seatCandidates={seatCandidates} />, status)
    const parsed = parseForm(OrganisationForm, request.body)
    if (!parsed.ok) return rerender(parsed.errors, [])
    const { data, problems, seatCandidates } = await dataFromForm(app, parsed.value)
    if (!data) return rerender(problems, seatCandidates)
    try {
      const id = await createOrganisation(app.db, request.actor, data)
      reply.setFlash({ kind: 'success', message: 'organisations.create.done', params: { name: data.name } })
      return reply.redirect(`/acteurs/${id}`, 303)
    } catch (error) {
      if (error instanceof AppError && error.fields.length > 0) return rerender(error.fields, [], error.status)
      throw error
    }
  })

  app.get('/acteurs/:id', { config: { public: true, cache: true } }, async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    const details = await findOrganisationDetails(app.db, id)
    if (!details) throw notFound()
    const sections = await Promise.all(options.sections.map((s) => s.render(details.organisation, request)))
    return reply.page(<ProfilePage details={details} can={organisationCan(request.actor, id)} sections={sections.filter((s): s is VNode => s !== null)} />)
  })

  async function editable(request: FastifyRequest): Promise<OrganisationDetails> {
    const id = requireId((request.params as { id: string }).id)
    authorizeAdmin(request.actor, id)
    const details = await findOrganisationDetails(app.db, id)
    if (!details) throw notFound()
    return details
  }

  app.get('/acteurs/:id/modifier', async (request, reply) => {
    const details = await editable(request)
    const o = details.organisation
    return reply.page(<OrganisationFormPage mode="edit" action={`/acteurs/${o.id}/modifier`} state={{ values: valuesFromDetails(details), errors: [] }} seatCandidates={[]} organisationName={o.name} />)
  })

  app.post('/acteurs/:id/modifier', async (request, reply) => {
    const details = await editable(request)
    const o = details.organisation
    const values = formValuesOf(request.body)
    const rerender = (errors: FieldProblem[], seatCandidates: Territory[], status = 400) =>
      reply.page(<OrganisationFormPage mode="edit" action={`/acteurs/${o.id}/modifier`} state={{ values, errors }} seatCandidates={seatCandidates} organisationName={o.name} />, status)
    const parsed = parseForm(OrganisationForm, request.body)
    if (!parsed.ok) return rerender(parsed.errors, [])
    const { data, problems, seatCandidates } = await dataFromForm(app, parsed.value)
    if (!data) return rerender(problems, seatCandidates)
    try {
      await updateOrganisation(app.db, request.actor, o.id, data)
      reply.setFlash({ kind: 'success', message: 'organisations.edit.done' })
      return reply.redirect(`/acteurs/${o.id}`, 303)
    } catch (error) {
      if (error instanceof AppError && error.fields.length > 0) return rerender(error.fields, [], error.status)
      throw error
    }
  })

  async function membersView(request: FastifyRequest, reply: FastifyReply, state: FormState, lastLink: string | null, status = 200) {
    const id = requireId((request.params as { id: string }).id)
    const scope = authorizeViewPrivate(request.actor, id)
    const details = await findOrganisationDetails(app.db, id)
    if (!details) throw notFound()
    const [members, invitations] = await Promise.all([listMembers(app.db, scope), listPendingInvitations(app.db, scope, nowIso())])
    return reply.page(<MembersPage details={details} members={members} invitations={invitations} isAdmin={isAdminOf(request.actor, id)} state={state} lastLink={lastLink} />, status)
  }

  app.get('/acteurs/:id/membres', async (request, reply) => membersView(request, reply, emptyForm, null))

  app.post('/acteurs/:id/invitations', async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    authorizeAdmin(request.actor, id)
    const values = formValuesOf(request.body)
    const parsed = parseForm(InvitationForm, request.body)
    if (!parsed.ok) return membersView(request, reply, { values, errors: parsed.errors }, null, 400)
    try {
      const issued = await inviteMember(app.db, request.actor, id, parsed.value as { email: string; role: 'admin' | 'member' }, options.publicUrl)
      return membersView(request, reply, emptyForm, issued.link, 201)
    } catch (error) {
      if (error instanceof AppError && error.fields.length > 0) return membersView(request, reply, { values, errors: error.fields }, null, error.status)
      throw error
    }
  })

  app.post('/acteurs/:id/invitations/:invitationId/retirer', async (request, reply) => {
    const { id, invitationId } = request.params as { id: string; invitationId: string }
    await revokeInvitation(app.db, request.actor, requireId(id), requireId(invitationId))
    reply.setFlash({ kind: 'success', message: 'organisations.invitation.revoked' })
    return reply.redirect(`/acteurs/${id}/membres`, 303)
  })

  app.post('/acteurs/:id/membres/:userId/role', async (request, reply) => {
    const { id, userId } = request.params as { id: string; userId: string }
    const { role } = parseOrThrow(RoleForm, request.body)
    await changeMemberRole(app.db, request.actor, requireId(id), requireId(userId), role as 'admin' | 'member')
    reply.setFlash({ kind: 'success', message: 'organisations.members.roleChanged' })
    return reply.redirect(`/acteurs/${id}/membres`, 303)
  })

  app.post('/acteurs/:id/membres/:userId/retirer', async (request, reply) => {
    const { id, userId } = request.params as { id: string; userId: string }
    await removeMember(app.db, request.actor, requireId(id), requireId(userId))
    reply.setFlash({ kind: 'success', message: 'organisations.members.removed' })
    return reply.redirect(`/acteurs/${id}/membres`, 303)
  })

  app.get('/invitations/:token', { config: { public: true } }, async (request, reply) => {
    const { token } = request.params as { token: string }
    const invitation = await unsafeFindOpenInvitation(app.db, token)
    const valid = invitation !== undefined && invitation.accepted_at === null && invitation.revoked_at === null && invitation.expires_at > nowIso()
    reply.header('cache-control', 'no-store')
    reply.header('referrer-policy', 'no-referrer')
    return reply.page(<InvitationPage invitation={invitation} token={token} valid={valid} signedIn={request.actor.userId !== null} />, valid ? 200 : 410)
  })

  app.post('/invitations/:token', async (request, reply) => {
    const { token } = request.params as { token: string }
    const organisationId = await acceptInvitation(app.db, request.actor, token)
    reply.setFlash({ kind: 'success', message: 'organisations.invitation.accepted' })
    return reply.redirect(`/acteurs/${organisationId}`, 303)
  })
}
