/**
 * The charter of an alliance (contrat-alliance, contrat de confiance): the current version in full —
 * principles, each partner's commitments, governance, how often the partners meet, next review — with who
 * signed which version and when; earlier versions with their own signatures; the edit form, which saves a
 * new version that every partner signs again.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { formValuesOf, paramId, parseForm, parseOrThrow, withFieldErrors } from '../../core/http/forms.js'
import { formatDate } from '../../core/i18n/index.js'
import { DataTable } from '../../core/views/components.js'
import { useView } from '../../core/views/context.js'
import { Form, SelectField, TextArea, TextField, type FormState, type FormValues } from '../../core/views/forms.js'
import { Layout } from '../../core/views/Layout.js'
import { TermLink } from '../vocabulary/index.js'
import { viewable } from './alliances.http.js'
import { allianceCan, authorizeAnyPartnerAdmin, authorizeCoordinate, type AllianceAccess } from './alliances.policy.js'
import { listCharterVersions, listPartners, type Alliance, type CharterVersion, type PartnerRow } from './alliances.queries.js'
import { CharterForm, commitmentField, MEETING_FREQUENCIES, SignForm } from './alliances.schemas.js'
import { loadAllianceAccess, saveCharter, signCharter } from './alliances.service.js'

function paragraphs(text: string) {
  return text.split(/\n{2,}/).map((p) => <p>{p}</p>)
}

function SignaturesTable({ charter, partners, caption }: { charter: CharterVersion; partners: PartnerRow[]; caption: string }) {
  const { t, locale } = useView()
  const rows = partners.map((p) => ({ partner: p, signature: charter.signatures.find((s) => s.organisation_id === p.organisation_id) }))
  // Former partners who signed this version stay listed.
  for (const s of charter.signatures) if (!rows.some((r) => r.partner.organisation_id === s.organisation_id)) rows.push({ partner: { organisation_id: s.organisation_id, organisation_name: s.organisation_name } as PartnerRow, signature: s })
  return (
    <DataTable
      caption={caption}
      rows={rows}
      columns={[
        { header: t('alliances.partner'), cell: (r) => <a href={`/acteurs/${r.partner.organisation_id}`}>{r.partner.organisation_name}</a> },
        {
          header: t('alliances.charter.signature'),
          cell: (r) =>
            r.signature ? (
              <span class="signed">{t('alliances.charter.signedBy', { version: r.signature.version, name: r.signature.signer_name, date: formatDate(locale, r.signature.signed_at) })}</span>
            ) : (
              <span class="unsigned">{t('alliances.charter.notSigned', { version: charter.version })}</span>
            ),
        },
      ]}
    />
  )
}

function CharterView({ charter }: { charter: CharterVersion }) {
  const { t, locale } = useView()
  return (
    <>
      <h3>{t('alliances.charter.principles')}</h3>
      {paragraphs(charter.principles)}
      <h3>{t('alliances.charter.commitments')}</h3>
      {charter.commitments.length === 0 ? (
        <p class="muted">{t('alliances.charter.noCommitments')}</p>
      ) : (
        <dl class="commitments">
          {charter.commitments.map((c) => (
            <div>
              <dt>{c.organisation_name}</dt>
              <dd>{paragraphs(c.commitments)}</dd>
            </div>
          ))}
        </dl>
      )}
      <h3>{t('alliances.charter.governance')}</h3>
      {paragraphs(charter.governance)}
      <dl class="facts">
        <div>
          <dt>{t('alliances.charter.meetings')}</dt>
          <dd>{t(`alliances.frequency.${charter.meeting_frequency}`)}</dd>
        </div>
        <div>
          <dt>{t('alliances.charter.nextReview')}</dt>
          <dd>{formatDate(locale, charter.next_review_on)}</dd>
        </div>
      </dl>
    </>
  )
}

function CharterPage({ alliance, charters, partners, can }: { alliance: Alliance; charters: CharterVersion[]; partners: PartnerRow[]; can: ReturnType<typeof allianceCan> }) {
  const { t, locale, csrfToken } = useView()
  const title = t('alliances.charter.pageTitle', { name: alliance.name })
  const [current, ...older] = charters
  const active = partners.filter((p) => p.status === 'active')
  const canSign = current ? can.adminOf.filter((p) => p.status === 'active' && !current.signatures.some((s) => s.organisation_id === p.organisation_id)) : []
  return (
    <Layout title={title} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: alliance.name, href: `/alliances/${alliance.id}` }, { label: t('alliances.charter.title') }]}>
      <p class="kicker">
        <TermLink kind="concept" code="contrat-alliance" />
      </p>
      <h1>{title}</h1>
      <p class="lead">{t('alliances.charter.intro')}</p>
      {can.coordinate ? (
        <p>
          <a class="button button-secondary" href={`/alliances/${alliance.id}/charte/modifier`}>
            {current ? t('alliances.charter.edit', { version: current.version + 1 }) : t('alliances.charter.write')}
          </a>
        </p>
      ) : null}
      {!current ? (
        <p>{t('alliances.charter.none')}</p>
      ) : (
        <>
          <section aria-labelledby="version-courante">
            <h2 id="version-courante">{t('alliances.charter.version', { version: current.version, date: formatDate(locale, current.created_at) })}</h2>
            <CharterView charter={current} />
          </section>
          <section aria-labelledby="signatures">
            <h2 id="signatures">{t('alliances.charter.signatures')}</h2>
            <p>{t('alliances.charter.signedCount', { signed: current.signatures.filter((s) => active.some((p) => p.organisation_id === s.organisation_id)).length, count: active.length, version: current.version })}</p>
            <SignaturesTable charter={current} partners={active} caption={t('alliances.charter.signaturesOf', { version: current.version })} />
            {canSign.map((p) => {
              const name = partners.find((r) => r.id === p.id)?.organisation_name ?? ''
              return (
                <form method="post" action={`/alliances/${alliance.id}/charte/signer`} class="sign-form">
                  <input type="hidden" name="_csrf" value={csrfToken()} />
                  <input type="hidden" name="version" value={String(current.version)} />
                  <input type="hidden" name="organisation_id" value={p.organisation_id} />
                  <button type="submit" class="button">
                    {t('alliances.charter.sign', { version: current.version, organisation: name })}
                  </button>
                </form>
              )
            })}
          </section>
          {older.length > 0 ? (
            <section aria-labelledby="versions">
              <h2 id="versions">{t('alliances.charter.history')}</h2>
              {older.map((c) => (
                <details class="charter-version">
                  <summary>{t('alliances.charter.version', { version: c.version, date: formatDate(locale, c.created_at) })}</summary>
                  <CharterView charter={c} />
                  <SignaturesTable charter={c} partners={[]} caption={t('alliances.charter.signaturesOf', { version: c.version })} />
                </details>
              ))}
            </section>
          ) : null}
        </>
      )}
    </Layout>
  )
}

function CharterFormPage({ alliance, next, partners, state }: { alliance: Alliance; next: number; partners: PartnerRow[]; state: FormState }) {
  const { t } = useView()
  const title = t('alliances.charter.formTitle', { version: next, name: alliance.name })
  return (
    <Layout title={title} breadcrumb={[{ label: t('alliances.directory.title'), href: '/alliances' }, { label: alliance.name, href: `/alliances/${alliance.id}` }, { label: t('alliances.charter.title'), href: `/alliances/${alliance.id}/charte` }, { label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{next > 1 ? t('alliances.charter.formIntroNew', { version: next }) : t('alliances.charter.formIntro')}</p>
      <Form action={`/alliances/${alliance.id}/charte`} state={state} submitLabel={t('alliances.charter.save', { version: next })}>
        <TextArea name="principles" label={t('alliances.charter.principles')} hint={t('alliances.charter.principlesHint')} required rows={8} maxLength={20000} />
        <fieldset>
          <legend>{t('alliances.charter.commitments')}</legend>
          <p class="hint">{t('alliances.charter.commitmentsHint')}</p>
          {partners.map((p) => (
            <TextArea name={commitmentField(p.organisation_id)} label={t('alliances.charter.commitmentsOf', { organisation: p.organisation_name })} rows={3} maxLength={5000} />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('alliances.charter.governance')}</legend>
          <TextArea name="governance" label={t('alliances.charter.governanceText')} hint={t('alliances.charter.governanceHint')} required rows={5} maxLength={10000} />
          <SelectField name="meeting_frequency" label={t('alliances.charter.meetings')} required options={MEETING_FREQUENCIES.map((f) => ({ value: f, label: t(`alliances.frequency.${f}`) }))} placeholder={t('form.choose')} />
          <TextField name="next_review_on" label={t('alliances.charter.nextReview')} type="date" required />
        </fieldset>
      </Form>
    </Layout>
  )
}

function commitmentsFrom(body: unknown, partners: PartnerRow[]): Map<string, string> {
  const values = formValuesOf(body)
  const map = new Map<string, string>()
  for (const p of partners) {
    const value = values[commitmentField(p.organisation_id)]
    if (typeof value === 'string' && value.length <= 5000) map.set(p.organisation_id, value)
  }
  return map
}

export async function charterPages(app: FastifyInstance): Promise<void> {
  app.get('/alliances/:id/charte', { config: { public: true, cache: true } }, async (request, reply) => {
    const { access, scope } = await viewable(app, request)
    const [charters, partners] = await Promise.all([listCharterVersions(app.db, scope), listPartners(app.db, scope)])
    return reply.page(<CharterPage alliance={access.alliance} charters={charters} partners={partners} can={allianceCan(request.actor, access)} />)
  })

  async function formView(request: FastifyRequest, reply: FastifyReply, posted: FormValues | null, errors: FormState['errors'], status = 200, access?: AllianceAccess) {
    const loaded = access ?? (await loadAllianceAccess(app.db, request.actor, paramId(request)))
    const scope = authorizeCoordinate(request.actor, loaded)
    const [charters, partners] = await Promise.all([listCharterVersions(app.db, scope), listPartners(app.db, scope)])
    const active = partners.filter((p) => p.status === 'active')
    const current = charters[0]
    let values: FormValues = posted ?? {}
    if (!posted && current) {
      values = { principles: current.principles, governance: current.governance, meeting_frequency: current.meeting_frequency, next_review_on: current.next_review_on }
      for (const c of current.commitments) values[commitmentField(c.organisation_id)] = c.commitments
    }
    return reply.page(<CharterFormPage alliance={loaded.alliance} next={(current?.version ?? 0) + 1} partners={active} state={{ values, errors }} />, status)
  }

  app.get('/alliances/:id/charte/modifier', async (request, reply) => formView(request, reply, null, []))

  app.post('/alliances/:id/charte', async (request, reply) => {
    const id = paramId(request)
    const access = await loadAllianceAccess(app.db, request.actor, id)
    const scope = authorizeCoordinate(request.actor, access)
    const values = formValuesOf(request.body)
    const parsed = parseForm(CharterForm, request.body)
    if (!parsed.ok) return formView(request, reply, values, parsed.errors, 400, access)
    const partners = (await listPartners(app.db, scope)).filter((p) => p.status === 'active')
    const v = parsed.value
    const result = await withFieldErrors(() =>
      saveCharter(app.db, request.actor, id, { principles: v.principles, governance: v.governance, meetingFrequency: v.meeting_frequency, nextReviewOn: v.next_review_on, commitments: commitmentsFrom(request.body, partners) }),
    )
    if (!result.ok) return formView(request, reply, values, result.errors, result.status, access)
    reply.setFlash({ kind: 'success', message: 'alliances.charter.saved', params: { version: result.value } })
    return reply.redirect(`/alliances/${id}/charte`, 303)
  })

  app.post('/alliances/:id/charte/signer', async (request, reply) => {
    const id = paramId(request)
    const access = await loadAllianceAccess(app.db, request.actor, id)
    // Rights first (401/404/403), then the input: an outsider learns nothing from a malformed request.
    authorizeAnyPartnerAdmin(request.actor, access)
    const parsed = parseOrThrow(SignForm, request.body)
    await signCharter(app.db, request.actor, id, { version: parsed.version, organisationId: parsed.organisation_id })
    reply.setFlash({ kind: 'success', message: 'alliances.charter.signed', params: { version: parsed.version } })
    return reply.redirect(`/alliances/${id}/charte#signatures`, 303)
  })
}
