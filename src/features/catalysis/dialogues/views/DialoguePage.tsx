/**
 * The page of a governance dialogue: participants by world, sessions, the shared diagnosis (fragilities,
 * assets, specificities) with the worlds' views side by side, and the maturity self-diagnosis — its result,
 * the recommended support routes and each participant's consent to publish. Forms appear only to those who
 * may use them; a published result is shown to everyone.
 */
import { formatNumber, translateLabel } from '../../../../core/i18n/index.js'
import { DataTable } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { CheckboxGroup, Form, SelectField, TextField, type FormState } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import { termLabel, TermLink, TermList } from '../../../vocabulary/index.js'
import type { CatalysisDialoguesTable, CatalysisMaturityResultsTable } from '../../catalysis.table.js'
import type { MeetingDetails } from '../../meetings/meetings.queries.js'
import { MeetingList } from '../../views/common.js'
import { FINDING_KINDS } from '../dialogues.service.js'
import { importanceByWorld, sdgsOfMask, type FindingWithViews, type Recommendations } from '../dialogues.queries.js'
import type { Grid } from '../maturity.grid.js'
import { CONSENT_LABELS } from '../../views/labels.js'

export interface DialoguePageProps {
  dialogue: CatalysisDialoguesTable
  space: { id: string; name: string }
  subject: string | null
  participants: Array<{ id: string; name: string; world: string; consent: string | null }>
  findings: FindingWithViews[]
  sessions: MeetingDetails[]
  result: CatalysisMaturityResultsTable | null
  grid: Grid | null
  recommendations: Recommendations | null
  can: { view: boolean; run: boolean; speakFor: Array<{ value: string; label: string }>; consentFor: Array<{ value: string; label: string }> }
  candidates: Array<{ value: string; label: string }>
  forms: Record<string, FormState>
}


export function DialoguePage(p: DialoguePageProps) {
  const { t, locale } = useView()
  const d = p.dialogue
  const base = `/dialogues/${d.id}`
  const worlds = [...new Set(p.participants.map((x) => x.world))]
  const empty: FormState = { values: {}, errors: [] }
  return (
    <Layout title={d.title} breadcrumb={[{ label: t('catalysis.spaces.title'), href: '/espaces' }, { label: p.space.name, href: `/espaces/${p.space.id}` }, { label: d.title }]}>
      <h1>{d.title}</h1>
      <p class="lead">{d.purpose}</p>
      <p>
        {t(`catalysis.dialogue.status.${d.status}`)} · {t('catalysis.dialogue.since', { date: d.started_on })}
        {p.subject ? ` · ${p.subject}` : ''}
      </p>

      <section aria-labelledby="participants">
        <h2 id="participants">{t('catalysis.dialogue.participants', { count: p.participants.length })}</h2>
        <ul>
          {p.participants.map((x) => (
            <li>
              <a href={`/acteurs/${x.id}`}>{x.name}</a> (<TermLink kind="world" code={x.world} />)
            </li>
          ))}
        </ul>
        {p.can.run ? (
          <>
            <Form action={base} method="get" submitLabel={t('catalysis.search')}>
              <TextField name="q" label={t('catalysis.dialogue.searchParticipant')} type="search" maxLength={100} />
            </Form>
            {p.candidates.length > 0 ? (
              <Form action={`${base}/participants`} state={p.forms.participants ?? empty} submitLabel={t('catalysis.dialogue.addParticipants')}>
                <CheckboxGroup name="organisation_ids" legend={t('catalysis.dialogue.candidates')} options={p.candidates} />
              </Form>
            ) : null}
          </>
        ) : null}
      </section>

      {p.can.view ? (
        <section aria-labelledby="seances">
          <h2 id="seances">{t('catalysis.dialogue.sessions')}</h2>
          <MeetingList meetings={p.sessions} empty={t('catalysis.dialogue.noSession')} />
          {p.can.run ? (
            <p>
              <a href={`/rencontres/nouvelle?espace=${p.space.id}`}>{t('catalysis.dialogue.newSession')}</a>
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="diagnostic">
        <h2 id="diagnostic">{t('catalysis.diagnosis.title')}</h2>
        <p>{t('catalysis.diagnosis.intro')}</p>
        {FINDING_KINDS.map((kind) => {
          const list = p.findings.filter((f) => f.kind === kind)
          return (
            <>
              <h3>{t(`catalysis.finding.kinds.${kind}`, { count: list.length })}</h3>
              {list.length === 0 ? (
                <p>{t('catalysis.diagnosis.none')}</p>
              ) : (
                list.map((f) => {
                  const byWorld = importanceByWorld(f)
                  return (
                    <article class="finding">
                      <h4>{f.title}</h4>
                      <p class="card-meta">
                        {t(`catalysis.priority.${f.priority}`)} · <TermLink kind="domain" code={f.domain} /> · {t('catalysis.finding.raisedBy', { name: f.organisation_name, world: termLabel('world', f.world, locale) })}
                      </p>
                      <TermList kind="sdg" codes={sdgsOfMask(f.sdg_mask).map(String)} short />
                      {f.description ? <p>{f.description}</p> : null}
                      {/* one row per world, so that the views stay side by side on a phone's width too */}
                      <DataTable
                        caption={t('catalysis.finding.viewsCaption', { title: f.title })}
                        rows={worlds}
                        columns={[
                          { header: t('catalysis.finding.world'), cell: (w) => termLabel('world', w, locale) },
                          {
                            header: t('catalysis.finding.importanceLabel'),
                            cell: (w) => {
                              const s = byWorld.get(w)
                              return s ? t('catalysis.finding.importance', { mean: formatNumber(locale, s.mean, 1), count: s.count }) : t('catalysis.finding.noView')
                            },
                          },
                          {
                            header: t('catalysis.finding.comments'),
                            cell: (w) =>
                              f.views
                                .filter((v) => v.world === w && v.comment)
                                .map((c) => (
                                  <p class="hint">
                                    {c.organisation_name} : « {c.comment} »
                                  </p>
                                )),
                          },
                        ]}
                      />
                      {p.can.speakFor.length > 0 || p.can.run ? (
                        <p>
                          <a href={`${base}/constats/${f.id}`}>{t('catalysis.finding.open', { title: f.title })}</a>
                        </p>
                      ) : null}
                    </article>
                  )
                })
              )}
            </>
          )
        })}
        {p.can.speakFor.length > 0 ? (
          <p>
            <a class="button" href={`${base}/constats/nouveau`}>
              {t('catalysis.finding.raise')}
            </a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="maturite">
        <h2 id="maturite">{t('catalysis.maturity.title')}</h2>
        {p.result && p.grid ? <Result result={p.result} grid={p.grid} recommendations={p.recommendations} /> : <p>{t('catalysis.maturity.noResult')}</p>}
        {p.can.view && d.campaign_id ? (
          <p>
            <a href={`/repondre/${d.campaign_id}`}>{t('catalysis.maturity.answer')}</a>
          </p>
        ) : null}
        {p.can.run && !d.campaign_id ? (
          <Form action={`${base}/autodiagnostic`} state={p.forms.launch ?? empty} submitLabel={t('catalysis.maturity.launch')}>
            <p class="hint">{t('catalysis.maturity.launchHint')}</p>
            <TextField name="closes_on" label={t('catalysis.maturity.closesOn')} type="date" required />
          </Form>
        ) : null}
        {p.can.run && d.campaign_id ? (
          <Form action={`${base}/maturite`} submitLabel={p.result ? t('catalysis.maturity.recompute') : t('catalysis.maturity.compute')}>
            <p class="hint">{t('catalysis.maturity.computeHint')}</p>
          </Form>
        ) : null}
        {p.result && p.can.view ? (
          <>
            <h3>{t('catalysis.consent.title')}</h3>
            <p>{p.result.published_at ? t('catalysis.consent.published') : t('catalysis.consent.notPublished')}</p>
            <ul>
              {p.participants.map((x) => (
                <li>
                  {x.name} : {translateLabel(t, CONSENT_LABELS, x.consent ?? 'waiting')}
                </li>
              ))}
            </ul>
            {p.can.consentFor.length > 0 ? (
              <Form action={`${base}/accord`} state={p.forms.consent ?? empty} submitLabel={t('catalysis.consent.submit')}>
                <SelectField name="organisation_id" label={t('catalysis.consent.for')} required options={p.can.consentFor} />
                <SelectField name="consent" label={t('catalysis.consent.answer')} required options={[{ value: 'accord', label: t('catalysis.consent.accord') }, { value: 'refus', label: t('catalysis.consent.refus') }]} />
              </Form>
            ) : null}
          </>
        ) : null}
      </section>
      {p.can.run && d.status === 'en_cours' ? (
        <Form action={`${base}/cloture`} state={p.forms.close ?? empty} submitLabel={t('catalysis.dialogue.close')} class="form compact">
          <TextField name="closed_on" label={t('catalysis.dialogue.closedOn')} type="date" required />
        </Form>
      ) : null}
    </Layout>
  )
}

function Result({ result, grid, recommendations }: { result: CatalysisMaturityResultsTable; grid: Grid; recommendations: Recommendations | null }) {
  const { t, locale } = useView()
  const level = grid.levels.find((l) => l.code === result.level)
  const criteria = JSON.parse(result.criteria) as Record<string, number | null>
  const levers = JSON.parse(result.lever_first) as Record<string, number>
  return (
    <>
      <p class="result-level">
        {t('catalysis.maturity.level', { label: level?.label ?? result.level, score: formatNumber(locale, result.score_tenths / 10, 1) })}
      </p>
      <p>{level?.description}</p>
      <p class="hint">
        {level?.source ? t('catalysis.maturity.documented', { source: level.source }) : t('catalysis.maturity.proposal')} {t('catalysis.maturity.basis', { count: result.respondents, version: result.grid_version })}{' '}
        <a href="/maturite">{t('catalysis.maturity.gridLink')}</a>
      </p>
      <table class="data-table">
        <caption>{t('catalysis.maturity.criteria')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('catalysis.maturity.criterion')}</th>
            <th scope="col" class="num">
              {t('catalysis.maturity.score')}
            </th>
          </tr>
        </thead>
        <tbody>
          {grid.criteria.map((c) => (
            <tr>
              <th scope="row">{c.label}</th>
              <td class="num">{criteria[c.key] == null ? t('catalysis.maturity.noAnswer') : formatNumber(locale, (criteria[c.key] as number) / 10, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('catalysis.maturity.levers')}</h3>
      <ul>
        {['vision', 'gestion', 'action'].map((l) => (
          <li>
            <TermLink kind="lever" code={l} /> : {t('catalysis.maturity.leverFirst', { share: formatNumber(locale, (levers[l] ?? 0) / 10, 1) })}
          </li>
        ))}
      </ul>
      {recommendations ? (
        <>
          <h3>{t('catalysis.maturity.routes')}</h3>
          <ul>
            {recommendations.spaces.map((s) => (
              <li>
                {t('catalysis.maturity.routeSpace')} <a href={`/espaces/${s.id}`}>{s.name}</a>
              </li>
            ))}
            {recommendations.meetings.map((m) => (
              <li>
                {t('catalysis.maturity.routeMeeting')} <a href={`/rencontres/${m.id}`}>{m.title}</a>
              </li>
            ))}
            {recommendations.resources.map((r) => (
              <li>
                {t('catalysis.maturity.routeResource')} <a href={`/ressources/${r.id}`}>{r.title}</a> ({r.organisation_name})
              </li>
            ))}
            {recommendations.practices.map((code) => (
              <li>
                {t('catalysis.maturity.routePractice')} <TermLink kind="concept" code={code} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  )
}
