/**
 * An organisation's public profile: world, identifiers (declared or verified, claims under review shown to its
 * members), seat, perimeter, SDGs, presentation, sections contributed by other features, contact.
 */
import type { VNode } from 'preact'
import { formatDate } from '../../../core/i18n/index.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import { TerritoryName } from '../../territories/index.js'
import { termLabel, TermLink, TermList } from '../../vocabulary/index.js'
import type { OrganisationDetails } from '../organisations.queries.js'
import { DemoBadge } from '../../../core/views/DemoBadge.js'
import { ContactItems } from './ContactItems.js'

const STATUS_LABELS = { verifie: 'organisations.identifier.verified', declare: 'organisations.identifier.declared' } as const
const FIELD_LABELS = { siret: 'SIRET', rna: 'RNA' } as const

/** The profile page; `can` says which buttons to show (the routes check rights again). */
export function ProfilePage({ details, can, sections }: { details: OrganisationDetails; can: { edit: boolean; seeMembers: boolean }; sections: VNode[] }) {
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
            <p>{t('organisations.identifier.claimed', { field: FIELD_LABELS[c.field], value: c.value })}</p>
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
              {o.siret} <span class="muted">({t(STATUS_LABELS[details.identifiers.siret])})</span>
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
              {o.rna} <span class="muted">({t(STATUS_LABELS[details.identifiers.rna])})</span>
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
            <ContactItems organisation={o} />
          </ul>
        </section>
      ) : null}
    </Layout>
  )
}

