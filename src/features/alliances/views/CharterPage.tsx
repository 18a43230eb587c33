/**
 * The charter of an alliance (contrat-alliance, contrat de confiance): the current version in full —
 * principles, each partner's commitments, governance, how often the partners meet, next review — with who
 * signed which version and when, the buttons to sign for one's organisations, and earlier versions.
 */
import { formatDate } from '../../../core/i18n/index.js'
import { DataTable } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Layout } from '../../../core/views/Layout.js'
import { TermLink } from '../../vocabulary/index.js'
import type { allianceCan } from '../alliances.policy.js'
import type { Alliance, CharterVersion, PartnerRow } from '../alliances.queries.js'

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

export function CharterPage({ alliance, charters, partners, can }: { alliance: Alliance; charters: CharterVersion[]; partners: PartnerRow[]; can: ReturnType<typeof allianceCan> }) {
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
