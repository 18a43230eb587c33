/**
 * Pages of connecting (mise en relation): the request form reached from a match, the list of the actor's
 * requests, one request with its answer buttons, the contact details (after acceptance only) and the
 * message thread.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { isMemberOf, requireUser } from '../../core/access/actor.js'
import { nowIso } from '../../core/db/values.js'
import { AppError, notFound, type FieldProblem } from '../../core/errors.js'
import { formValuesOf, parseForm, requireId } from '../../core/http/forms.js'
import { formatDate } from '../../core/i18n/index.js'
import { DataTable } from '../../core/views/components.js'
import { useView } from '../../core/views/context.js'
import { Form, SelectField, TextArea, type FormState } from '../../core/views/forms.js'
import { Layout } from '../../core/views/Layout.js'
import { TermLink } from '../vocabulary/index.js'
import { findContactCards, findRequestDetails, listRequestsOfOrganisations, listThread, type ContactCard, type RequestDetails, type RequestRow, type ThreadMessage } from './connections.queries.js'
import { answerContactRequest, createContactRequest, effectiveStatus, postContactMessage } from './connections.service.js'
import { authorizeRequestView, type RequestScope } from './listening.policy.js'
import { ContactRequestForm, MessageForm } from './listening.schemas.js'

interface PairInfo {
  need: { id: string; title: string; organisation_id: string; organisation_name: string }
  resource: { id: string; title: string; organisation_id: string; organisation_name: string }
}

async function pairInfo(app: FastifyInstance, needId: string, resourceId: string): Promise<PairInfo | null> {
  const [need, resource] = await Promise.all([
    app.db.selectFrom('needs').innerJoin('organisations', 'organisations.id', 'needs.organisation_id').select(['needs.id', 'needs.title', 'needs.organisation_id', 'organisations.name as organisation_name']).where('needs.id', '=', needId).executeTakeFirst(),
    app.db
      .selectFrom('resources')
      .innerJoin('organisations', 'organisations.id', 'resources.organisation_id')
      .select(['resources.id', 'resources.title', 'resources.organisation_id', 'organisations.name as organisation_name'])
      .where('resources.id', '=', resourceId)
      .executeTakeFirst(),
  ])
  return need && resource ? { need, resource } : null
}

function NewRequestPage({ pair, state, sides }: { pair: PairInfo; state: FormState; sides: Array<{ id: string; name: string }> }) {
  const { t } = useView()
  return (
    <Layout title={t('listening.request.new')} breadcrumb={[{ label: t('listening.request.list'), href: '/mises-en-relation' }, { label: t('listening.request.new') }]}>
      <h1>{t('listening.request.new')}</h1>
      <p class="lead">{t('listening.request.newIntro')}</p>
      <p>
        {t('listening.request.about', { need: pair.need.title, resource: pair.resource.title })} — <a href={`/besoins/${pair.need.id}`}>{pair.need.organisation_name}</a> ↔{' '}
        <a href={`/ressources/${pair.resource.id}`}>{pair.resource.organisation_name}</a>
      </p>
      <Form action="/mises-en-relation/nouvelle" state={state} submitLabel={t('listening.request.send')}>
        <input type="hidden" name="need_id" value={pair.need.id} />
        <input type="hidden" name="resource_id" value={pair.resource.id} />
        {sides.length > 1 ? <SelectField name="from_organisation_id" label={t('listening.request.asOrganisation')} options={sides.map((s) => ({ value: s.id, label: s.name }))} /> : null}
        <TextArea name="message" label={t('listening.request.message')} hint={t('listening.request.messageHint')} required rows={6} maxLength={3000} />
      </Form>
    </Layout>
  )
}

function ContactBlock({ title, card }: { title: string; card: ContactCard }) {
  const { t } = useView()
  const o = card.organisation
  return (
    <div class="contact-card">
      <h3>{title}</h3>
      <ul>
        {card.person ? (
          <li>
            {t('listening.request.person', { name: card.person.display_name })} — <a href={`mailto:${card.person.email}`}>{card.person.email}</a>
          </li>
        ) : null}
        {o.contact_email ? (
          <li>
            <a href={`mailto:${o.contact_email}`}>{o.contact_email}</a>
          </li>
        ) : null}
        {o.contact_phone ? <li>{o.contact_phone}</li> : null}
        {o.website ? (
          <li>
            <a href={o.website} rel="nofollow noopener ugc">
              {o.website}
            </a>
          </li>
        ) : null}
      </ul>
    </div>
  )
}

function RequestPage({ details, scope, status, cards, thread, replyState }: { details: RequestDetails; scope: RequestScope; status: string; cards: { from: ContactCard; to: ContactCard } | null; thread: ThreadMessage[]; replyState: FormState }) {
  const { t, locale, csrfToken } = useView()
  const r = details.request
  return (
    <Layout title={t('listening.request.title')} breadcrumb={[{ label: t('listening.request.list'), href: '/mises-en-relation' }, { label: details.need.title }]}>
      <p class="kicker">
        <TermLink kind="concept" code="mise-en-relation" /> <span class="badge badge-status">{t(`listening.requestStatus.${status}`)}</span>
      </p>
      <h1>{t('listening.request.about', { need: details.need.title, resource: details.resource.title })}</h1>
      <dl class="facts">
        <div>
          <dt>{t('listening.request.from')}</dt>
          <dd>
            <a href={`/acteurs/${details.from.id}`}>{details.from.name}</a>
            {details.fromUser ? ` (${details.fromUser.display_name})` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('listening.request.to')}</dt>
          <dd>
            <a href={`/acteurs/${details.to.id}`}>{details.to.name}</a>
          </dd>
        </div>
        <div>
          <dt>{t('listening.request.date')}</dt>
          <dd>{formatDate(locale, r.created_at)}</dd>
        </div>
      </dl>
      <p>
        <a href={`/besoins/${details.need.id}`}>{details.need.title}</a> · <a href={`/ressources/${details.resource.id}`}>{details.resource.title}</a>
      </p>
      <blockquote>
        {r.message.split(/\n{2,}/).map((p) => (
          <p>{p}</p>
        ))}
      </blockquote>
      {status === 'proposee' ? <p>{t('listening.request.expires', { date: formatDate(locale, r.expires_at) })}</p> : null}
      {status === 'proposee' && scope.side === 'to' ? (
        <div class="form-actions">
          <form method="post" action={`/mises-en-relation/${r.id}/accepter`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrfToken()} />
            <button type="submit" class="button">
              {t('listening.request.accept')}
            </button>
          </form>
          <form method="post" action={`/mises-en-relation/${r.id}/refuser`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrfToken()} />
            <button type="submit" class="button button-secondary">
              {t('listening.request.decline')}
            </button>
          </form>
        </div>
      ) : null}
      <section aria-labelledby="coordonnees">
        <h2 id="coordonnees">{t('listening.request.contacts')}</h2>
        {cards ? (
          <div class="dashboard-grid">
            <ContactBlock title={details.from.name} card={cards.from} />
            <ContactBlock title={details.to.name} card={cards.to} />
          </div>
        ) : (
          <p class="contact-hidden">{t('listening.request.contactsHidden')}</p>
        )}
      </section>
      {status === 'acceptee' ? (
        <section aria-labelledby="alliance" class="notice">
          <h2 id="alliance">{t('listening.alliance.title')}</h2>
          <p>{t('listening.alliance.intro')}</p>
          <p>
            <a class="button" href={`/alliances/nouvelle?mise_en_relation=${details.request.id}`}>
              {t('listening.alliance.create')}
            </a>
          </p>
        </section>
      ) : null}
      {status === 'acceptee' ? (
        <section aria-labelledby="echanges">
          <h2 id="echanges">{t('listening.request.thread')}</h2>
          {thread.length === 0 ? (
            <p>{t('listening.request.threadEmpty')}</p>
          ) : (
            <ol class="thread">
              {thread.map((m) => (
                <li>
                  <p class="from">
                    {m.organisation_name}
                    {m.author ? ` — ${m.author}` : ''} <span class="muted">· {formatDate(locale, m.created_at)}</span>
                  </p>
                  {m.body.split(/\n{2,}/).map((p) => (
                    <p>{p}</p>
                  ))}
                </li>
              ))}
            </ol>
          )}
          <Form action={`/mises-en-relation/${r.id}/messages`} state={replyState} submitLabel={t('listening.request.replySend')}>
            <TextArea name="body" label={t('listening.request.reply')} required rows={4} maxLength={3000} />
          </Form>
        </section>
      ) : null}
    </Layout>
  )
}

function RequestListPage({ rows, mine }: { rows: RequestRow[]; mine: Set<string> }) {
  const { t, locale } = useView()
  const now = nowIso()
  return (
    <Layout title={t('listening.request.list')}>
      <h1>{t('listening.request.list')}</h1>
      <p class="lead">{t('listening.request.listIntro')}</p>
      {rows.length === 0 ? (
        <p>{t('listening.request.none')}</p>
      ) : (
        <DataTable
          caption={t('listening.request.list')}
          captionHidden
          rows={rows}
          columns={[
            { header: t('listening.request.subject'), cell: (r) => <a href={`/mises-en-relation/${r.id}`}>{r.need_title}</a> },
            { header: t('listening.request.direction'), cell: (r) => (mine.has(r.to_organisation_id) ? `${t('listening.request.received')} — ${r.from_name}` : `${t('listening.request.sentLabel')} — ${r.to_name}`) },
            { header: t('listening.request.status'), cell: (r) => t(`listening.requestStatus.${effectiveStatus(r, now)}`) },
            { header: t('listening.request.date'), cell: (r) => formatDate(locale, r.created_at) },
          ]}
        />
      )}
    </Layout>
  )
}

const PairQuery = Type.Object({
  besoin: Type.String({ pattern: '^[0-9a-f-]{36}$' }),
  ressource: Type.String({ pattern: '^[0-9a-f-]{36}$' }),
})

export interface ConnectionPagesOptions {
  publicUrl: string
}

export async function connectionPages(app: FastifyInstance, options: ConnectionPagesOptions): Promise<void> {
  const sidesOf = (request: FastifyRequest, pair: PairInfo) => {
    const sides = [
      { id: pair.need.organisation_id, name: pair.need.organisation_name },
      { id: pair.resource.organisation_id, name: pair.resource.organisation_name },
    ].filter((s) => isMemberOf(request.actor, s.id))
    return sides.filter((s, i) => sides.findIndex((x) => x.id === s.id) === i)
  }

  app.get('/mises-en-relation', async (request, reply) => {
    requireUser(request.actor)
    const mine = [...request.actor.memberships.keys()]
    const rows = await listRequestsOfOrganisations(app.db, mine)
    return reply.page(<RequestListPage rows={rows} mine={new Set(mine)} />)
  })

  app.get('/mises-en-relation/nouvelle', async (request, reply) => {
    const parsed = parseForm(PairQuery, request.query)
    if (!parsed.ok) throw notFound()
    const pair = await pairInfo(app, parsed.value.besoin, parsed.value.ressource)
    if (!pair) throw notFound()
    return reply.page(<NewRequestPage pair={pair} state={{ values: {}, errors: [] }} sides={sidesOf(request, pair)} />)
  })

  app.post('/mises-en-relation/nouvelle', async (request, reply) => {
    const values = formValuesOf(request.body)
    const parsed = parseForm(ContactRequestForm, request.body)
    const needId = typeof values.need_id === 'string' ? values.need_id : ''
    const resourceId = typeof values.resource_id === 'string' ? values.resource_id : ''
    const pair = /^[0-9a-f-]{36}$/.test(needId) && /^[0-9a-f-]{36}$/.test(resourceId) ? await pairInfo(app, needId, resourceId) : null
    if (!pair) {
      if (!parsed.ok) throw new AppError('ALLIANCE_ERR_VALIDATION', 'error.validation', { fields: parsed.errors })
      throw notFound()
    }
    const rerender = (errors: FieldProblem[], status = 400) => reply.page(<NewRequestPage pair={pair} state={{ values, errors }} sides={sidesOf(request, pair)} />, status)
    if (!parsed.ok) return rerender(parsed.errors)
    try {
      const id = await createContactRequest(
        app.db,
        request.actor,
        { needId: parsed.value.need_id, resourceId: parsed.value.resource_id, fromOrganisationId: parsed.value.from_organisation_id, message: parsed.value.message },
        options.publicUrl,
      )
      const to = (await app.db.selectFrom('contact_requests').innerJoin('organisations', 'organisations.id', 'contact_requests.to_organisation_id').select('organisations.name').where('contact_requests.id', '=', id).executeTakeFirstOrThrow()).name
      reply.setFlash({ kind: 'success', message: 'listening.request.sent', params: { to } })
      return reply.redirect(`/mises-en-relation/${id}`, 303)
    } catch (error) {
      if (error instanceof AppError && error.fields.length > 0) return rerender(error.fields, error.status)
      throw error
    }
  })

  async function requestView(request: FastifyRequest, replyState: FormState) {
    const id = requireId((request.params as { id: string }).id)
    const row = await app.db.selectFrom('contact_requests').select(['id', 'from_organisation_id', 'to_organisation_id']).where('id', '=', id).executeTakeFirst()
    if (!row) throw notFound()
    const scope = authorizeRequestView(request.actor, row)
    const details = await findRequestDetails(app.db, scope)
    if (!details) throw notFound()
    const [cards, thread] = await Promise.all([findContactCards(app.db, scope), listThread(app.db, scope)])
    return <RequestPage details={details} scope={scope} status={effectiveStatus(details.request, nowIso())} cards={cards} thread={thread} replyState={replyState} />
  }

  app.get('/mises-en-relation/:id', async (request, reply) => reply.page(await requestView(request, { values: {}, errors: [] })))

  for (const [path, answer, flash] of [
    ['accepter', 'acceptee', 'listening.request.accepted'],
    ['refuser', 'refusee', 'listening.request.declined'],
  ] as const) {
    app.post(`/mises-en-relation/:id/${path}`, async (request, reply) => {
      const id = requireId((request.params as { id: string }).id)
      await answerContactRequest(app.db, request.actor, id, answer, options.publicUrl)
      reply.setFlash({ kind: 'success', message: flash })
      return reply.redirect(`/mises-en-relation/${id}`, 303)
    })
  }

  app.post('/mises-en-relation/:id/messages', async (request, reply) => {
    const id = requireId((request.params as { id: string }).id)
    const parsed = parseForm(MessageForm, request.body)
    if (!parsed.ok) {
      const row = await app.db.selectFrom('contact_requests').select(['id', 'from_organisation_id', 'to_organisation_id']).where('id', '=', id).executeTakeFirst()
      if (!row) throw notFound()
      authorizeRequestView(request.actor, row)
      return reply.page(await requestView(request, { values: formValuesOf(request.body), errors: parsed.errors }), 400)
    }
    await postContactMessage(app.db, request.actor, id, parsed.value.body)
    reply.setFlash({ kind: 'success', message: 'listening.request.replied' })
    return reply.redirect(`/mises-en-relation/${id}#echanges`, 303)
  })
}
