/**
 * Pages of evaluation rounds: the alliance's evaluation space (rounds and trajectories), the form that opens a
 * round, one round (who answered, the reader's own answers, the coordinators' actions, crossed views once
 * closed), and the answer form of a partner (works without JavaScript: selects, text areas, two buttons).
 */
import { formatDate } from '../../../core/i18n/index.js'
import { DataTable } from '../../../core/views/components.js'
import { useView } from '../../../core/views/context.js'
import { Form, SelectField, TextArea, TextField, type FormState } from '../../../core/views/forms.js'
import { TermLink, termLabel } from '../../vocabulary/index.js'
import { COMMENT_MAX, TEXT_MAX } from '../answers.service.js'
import { cellKey, CURRENT_GRID, DONT_KNOW, gridOf, impactKey, type EvaluationGrid } from '../evaluation.grid.js'
import type { EvaluationSpace, RoundView } from '../evaluation.read.js'
import { ANSWER_STATUS_LABEL, CrossedViews, DISCLOSURE_LABEL, EvaluationPage, Lessons, levelLabel, Period, StatusBadge, Trajectories } from './common.js'

/** The evaluation space: rounds, newest first, and the trajectories of the three impacts. */
export function HubPage({ space }: { space: EvaluationSpace }) {
  const { t, locale } = useView()
  const a = space.access.alliance
  const pending = space.rounds.some((r) => r.status !== 'closed')
  return (
    <EvaluationPage alliance={a} title={t('evaluation.hub.title', { name: a.name })} section={{ label: a.name, href: `/alliances/${a.id}` }}>
      <p class="lead">{t('evaluation.hub.intro')}</p>
      <p class="notice notice-info">{t('evaluation.crossed.neverAScore')}</p>
      <nav aria-label={t('evaluation.hub.links')}>
        <ul class="inline-links">
          <li><a href={`/evaluation/${a.id}/indicateurs`}>{t('evaluation.indicators.title')}</a></li>
          <li><a href={`/valorisation/alliances/${a.id}`}>{t('valuation.alliance.section')}</a></li>
          <li><a href="/lexique#evaluation_object">{t('evaluation.hub.lexique')}</a></li>
        </ul>
      </nav>
      <h2>{t('evaluation.hub.rounds')}</h2>
      {space.coordinate && !pending ? (
        <p>
          <a class="button" href={`/evaluation/${a.id}/nouveau-temps`}>{t('evaluation.round.open')}</a>
        </p>
      ) : null}
      {space.rounds.length === 0 ? (
        <p>{t('evaluation.hub.noRound')}</p>
      ) : (
        <DataTable
          caption={t('evaluation.hub.roundsCaption')}
          captionHidden
          rows={space.rounds}
          columns={[
            { header: t('evaluation.round.number'), cell: (r) => <a href={`/evaluation/${a.id}/temps/${r.id}`}>{t('evaluation.round.name', { number: r.number, title: r.title })}</a> },
            { header: t('evaluation.round.period'), cell: (r) => <Period from={r.period_start} to={r.period_end} /> },
            { header: t('evaluation.round.closes'), cell: (r) => formatDate(locale, r.closes_on) },
            { header: t('evaluation.round.status'), cell: (r) => <StatusBadge status={r.status} /> },
            { header: t('evaluation.round.answers'), cell: (r) => String(r.submitted), numeric: true },
          ]}
        />
      )}
      <h2>{t('evaluation.trajectories.title')}</h2>
      <Trajectories trajectories={space.trajectories} grid={CURRENT_GRID} idPrefix="traj" />
    </EvaluationPage>
  )
}

/** Coordinators open a round: what it looks back on, when it opens and closes, how answers are shown. */
export function NewRoundPage({ alliance, state }: { alliance: { id: string; name: string }; state: FormState }) {
  const { t } = useView()
  return (
    <EvaluationPage alliance={alliance} title={t('evaluation.round.open')}>
      <p class="lead">{t('evaluation.round.openIntro')}</p>
      <Form action={`/evaluation/${alliance.id}/temps`} state={state} submitLabel={t('evaluation.round.openSubmit')}>
        <TextField name="title" label={t('evaluation.round.title')} required maxLength={200} />
        <TextField name="period_start" label={t('evaluation.round.periodStart')} type="date" required />
        <TextField name="period_end" label={t('evaluation.round.periodEnd')} type="date" required />
        <TextField name="opens_on" label={t('evaluation.round.opensOn')} hint={t('evaluation.round.opensOnHint')} type="date" />
        <TextField name="closes_on" label={t('evaluation.round.closesOn')} type="date" required />
        <SelectField
          name="disclosure"
          label={t('evaluation.round.disclosure')}
          hint={t('evaluation.round.disclosureHint')}
          required
          options={[
            { value: 'named', label: t(DISCLOSURE_LABEL.named) },
            { value: 'worlds', label: t(DISCLOSURE_LABEL.worlds) },
          ]}
        />
      </Form>
    </EvaluationPage>
  )
}

/** One round: status, who answered, own answers, the coordinators' actions, crossed views once closed. */
export function RoundPage({ view, extend }: { view: RoundView; extend: FormState }) {
  const { t, locale } = useView()
  const a = view.access.alliance
  const r = view.round
  const base = `/evaluation/${a.id}/temps/${r.id}`
  const grid = gridOf(r.grid_version)
  return (
    <EvaluationPage alliance={a} title={t('evaluation.round.name', { number: r.number, title: r.title })}>
      <p>
        <StatusBadge status={view.status} /> <Period from={r.period_start} to={r.period_end} /> — {t('evaluation.round.window', { opens: formatDate(locale, r.opens_on), closes: formatDate(locale, r.closes_on) })}
      </p>
      <p>{t(DISCLOSURE_LABEL[r.disclosure])}</p>
      <section aria-labelledby="own">
        <h2 id="own">{t('evaluation.round.yourAnswers')}</h2>
        <ul>
          {view.own.map((o) => (
            <li>
              {o.name} — {o.answer ? t(ANSWER_STATUS_LABEL[o.answer.status]) : t(ANSWER_STATUS_LABEL.none)}
              {view.status === 'open' && (o.admin || o.answer?.status !== 'submitted') ? (
                <>
                  {' '}
                  <a href={`${base}/reponse/${o.organisationId}`}>{o.answer ? t('evaluation.answer.edit', { name: o.name }) : t('evaluation.answer.write', { name: o.name })}</a>
                </>
              ) : o.answer ? (
                <>
                  {' '}
                  <a href={`${base}/reponse/${o.organisationId}`}>{t('evaluation.answer.read', { name: o.name })}</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="respondents">
        <h2 id="respondents">{t('evaluation.round.respondents', { submitted: view.respondents.filter((x) => x.submitted).length, count: view.respondents.length })}</h2>
        <ul class="respondents">
          {view.respondents.map((x) => (
            <li>
              {x.name} (<TermLink kind="world" code={x.world} />) — {x.submitted ? t('evaluation.crossed.answered') : view.status === 'closed' ? <strong>{t('evaluation.crossed.notAnswered')}</strong> : t('evaluation.round.notYet')}
            </li>
          ))}
        </ul>
      </section>
      {view.coordinate && view.status !== 'closed' ? (
        <section aria-labelledby="coordinate">
          <h2 id="coordinate">{t('evaluation.round.coordinate')}</h2>
          {view.status === 'open' ? (
            <Form action={`${base}/relance`} submitLabel={t('evaluation.round.remind')}>
              <p class="hint">{t('evaluation.round.remindHint')}</p>
            </Form>
          ) : null}
          <Form action={`${base}/echeance`} state={extend} submitLabel={t('evaluation.round.extend')}>
            <TextField name="closes_on" label={t('evaluation.round.closesOn')} type="date" required />
          </Form>
          <Form action={`${base}/cloture`} submitLabel={t('evaluation.round.close')}>
            <p class="hint">{t('evaluation.round.closeHint')}</p>
          </Form>
        </section>
      ) : null}
      {view.status === 'closed' && view.crossed ? (
        <>
          <section aria-labelledby="review">
            <h2 id="review">{t('evaluation.review.title')}</h2>
            {view.review ? (
              <p>
                <a href={`${base}/bilan`}>{t('evaluation.review.open', { version: view.review.version })}</a> — {view.review.published_at ? t('evaluation.review.published') : t('evaluation.review.pendingCount', { count: view.review.pending.length })}
              </p>
            ) : view.coordinate ? (
              <Form action={`${base}/bilan/etablir`} submitLabel={t('evaluation.review.build')}>
                <p class="hint">{t('evaluation.review.buildHint')}</p>
              </Form>
            ) : (
              <p>{t('evaluation.review.notYet')}</p>
            )}
          </section>
          <section aria-labelledby="crossed">
            <h2 id="crossed">{t('evaluation.crossed.title')}</h2>
            <CrossedViews crossed={view.crossed} grid={grid} idPrefix="x" />
          </section>
          <section aria-labelledby="lessons">
            <h2 id="lessons">{t('evaluation.lessons.title')}</h2>
            <Lessons crossed={view.crossed} />
          </section>
        </>
      ) : (
        <p class="hint">{t('evaluation.round.crossedAfter')}</p>
      )}
    </EvaluationPage>
  )
}

function levelOptions(grid: EvaluationGrid, locale: 'fr' | 'en') {
  return [...grid.levels.map((l) => ({ value: String(l), label: levelLabel(locale, l) })), { value: String(DONT_KNOW), label: levelLabel(locale, DONT_KNOW) }]
}

/**
 * The answer form of one organisation: per object, its seven approaches (a level and a comment each); the
 * three impacts for three scopes; the free texts. Members save drafts; admins submit (or read only once
 * submitted, for members).
 */
export function AnswerPage({ alliance, roundId, roundTitle, grid, organisation, state, admin, readOnly, closesOn }: { alliance: { id: string; name: string }; roundId: string; roundTitle: string; grid: EvaluationGrid; organisation: { id: string; name: string }; state: FormState; admin: boolean; readOnly: boolean; closesOn: string }) {
  const { t, locale } = useView()
  const options = levelOptions(grid, locale)
  const action = `/evaluation/${alliance.id}/temps/${roundId}/reponse/${organisation.id}`
  const title = t('evaluation.answer.title', { name: organisation.name })
  const fields = (
    <>
      <p class="hint">{t('evaluation.answer.scaleHint')}</p>
      {grid.objects.map((object) => (
        <fieldset class="answer-object">
          <legend>
            <TermLink kind="evaluation_object" code={object} />
          </legend>
          {grid.approaches.map((approach) => (
            <div class="answer-cell">
              <SelectField name={`level.${cellKey(object, approach)}`} label={`${termLabel('evaluation_approach', approach, locale)} — ${termLabel('evaluation_object', object, locale)}`} options={options} placeholder={t('evaluation.answer.noLevel')} />
              <TextArea name={`comment.${cellKey(object, approach)}`} label={t('evaluation.answer.comment', { approach: termLabel('evaluation_approach', approach, locale) })} rows={2} maxLength={COMMENT_MAX} />
            </div>
          ))}
        </fieldset>
      ))}
      <fieldset class="answer-object">
        <legend>{t('evaluation.answer.impacts')}</legend>
        <p class="hint">{t('evaluation.answer.impactsHint')}</p>
        {grid.impacts.map((impact) =>
          grid.scopes.map((scope) => (
            <div class="answer-cell">
              <SelectField name={`level.impact.${impactKey(impact, scope)}`} label={t('evaluation.answer.impactFor', { impact: termLabel('impact', impact, locale), scope: termLabel('impact_scope', scope, locale) })} options={options} placeholder={t('evaluation.answer.noLevel')} />
              <TextArea name={`comment.impact.${impactKey(impact, scope)}`} label={t('evaluation.answer.impactComment', { impact: termLabel('impact', impact, locale), scope: termLabel('impact_scope', scope, locale) })} rows={2} maxLength={COMMENT_MAX} />
            </div>
          )),
        )}
      </fieldset>
      <TextArea name="what_worked" label={t('evaluation.answer.whatWorked')} rows={4} maxLength={TEXT_MAX} />
      <TextArea name="difficulties" label={t('evaluation.answer.difficulties')} rows={4} maxLength={TEXT_MAX} />
      <TextArea name="lessons" label={t('evaluation.answer.lessons')} rows={4} maxLength={TEXT_MAX} />
    </>
  )
  return (
    <EvaluationPage alliance={alliance} title={title} section={{ label: roundTitle, href: `/evaluation/${alliance.id}/temps/${roundId}` }}>
      <p class="lead">{t('evaluation.answer.intro', { closes: formatDate(locale, closesOn) })}</p>
      {readOnly ? (
        <>
          <p class="notice notice-info">{t('evaluation.answer.readOnly')}</p>
          <ReadOnlyAnswer grid={grid} state={state} />
        </>
      ) : (
        <Form
          action={action}
          state={state}
          submitLabel={t('evaluation.answer.saveDraft')}
          secondary={
            admin ? (
              <button type="submit" name="submit" value="oui" class="button button-secondary">
                {t('evaluation.answer.submit', { name: organisation.name })}
              </button>
            ) : (
              <p class="hint">{t('evaluation.answer.adminSubmits')}</p>
            )
          }
        >
          {fields}
        </Form>
      )}
    </EvaluationPage>
  )
}

/** A submitted answer as read by a member who may not change it. */
function ReadOnlyAnswer({ grid, state }: { grid: EvaluationGrid; state: FormState }) {
  const { t, locale } = useView()
  const v = (name: string) => (typeof state.values[name] === 'string' ? (state.values[name] as string) : '')
  const level = (name: string) => (v(name) === '' ? null : Number(v(name)))
  return (
    <>
      <DataTable
        caption={t('evaluation.answer.readCaption')}
        rows={[...grid.objects.flatMap((o) => grid.approaches.map((a) => ({ key: cellKey(o, a), label: `${termLabel('evaluation_object', o, locale)} — ${termLabel('evaluation_approach', a, locale)}` }))), ...grid.impacts.flatMap((i) => grid.scopes.map((s) => ({ key: `impact.${impactKey(i, s)}`, label: `${termLabel('impact', i, locale)} — ${termLabel('impact_scope', s, locale)}` })))]}
        columns={[
          { header: t('evaluation.answer.item'), cell: (r) => r.label },
          { header: t('evaluation.crossed.level'), cell: (r) => levelLabel(locale, level(`level.${r.key}`)) },
          { header: t('evaluation.crossed.comment'), cell: (r) => v(`comment.${r.key}`) },
        ]}
      />
      <dl class="answer-texts">
        {([['what_worked', 'evaluation.answer.whatWorked'], ['difficulties', 'evaluation.answer.difficulties'], ['lessons', 'evaluation.answer.lessons']] as const).map(([name, label]) => (
          <div>
            <dt>{t(label)}</dt>
            <dd class="prose">{v(name) || '—'}</dd>
          </div>
        ))}
      </dl>
    </>
  )
}
