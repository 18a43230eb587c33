/**
 * The campaign page for analysts (`/campagnes/:id`): its facts and answer link, the publication of its study,
 * its invitation codes, the published figures of outside studies shown beside its results (each with the
 * question it answered: only the same question is compared), and its settings.
 */
import { formatDate, formatNumber } from '../../../../core/i18n/index.js'
import { DataTable } from '../../../../core/views/components.js'
import { useView } from '../../../../core/views/context.js'
import { CheckboxGroup, Form, SelectField, TextArea, TextField, type FormState } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import type { Territory } from '../../../territories/index.js'
import { campaignStatus } from '../../respond/respond.service.js'
import { allQuestions, type Definition, type Question } from '../../surveys.definition.js'
import type { Campaign, ExternalFigure, Publication, Weighting } from '../../surveys.queries.js'
import { SyntheticBadge } from '../../views/common.js'
import { CampaignFields } from './NewCampaignPage.js'

/** The question an outside figure concerns, and whether it asked the same one. */
function FigureQuestion({ figure, questions }: { figure: ExternalFigure; questions: Question[] }) {
  const { t } = useView()
  const index = questions.findIndex((q) => q.key === figure.question_key)
  return (
    <>
      {index >= 0 ? `Q${index + 1}` : t('surveys.figures.general')} · {figure.same_question === 1 ? t('surveys.figures.sameShort') : t('surveys.figures.otherShort')}
      {figure.question_wording ? (
        <>
          <br />
          <span class="muted">« {figure.question_wording} »</span>
        </>
      ) : null}
    </>
  )
}

/** What the campaign page shows. */
export interface CampaignPageData {
  campaign: Campaign
  questionnaireTitle: string
  territory: Territory | undefined
  counts: { drafts: number; submitted: number }
  weightings: Weighting[]
  publication: Publication | undefined
  figures: ExternalFigure[]
  def: Definition
}

/** The campaign page's data and the state of each of its forms. */
export interface CampaignPageProps {
  data: CampaignPageData
  answerUrl: string
  settings: FormState
  candidates: Territory[]
  codes: string[] | null
  codesState: FormState
  publication: FormState
  figure: FormState
}

/** The campaign page (see the file comment). */
export function CampaignPage({ data, answerUrl, settings, candidates, codes, codesState, publication, figure }: CampaignPageProps) {
  const { t, locale, csrfToken } = useView()
  const c = data.campaign
  const status = campaignStatus(c)
  const active = data.weightings.find((w) => w.version === c.weighting_version)
  const questions = allQuestions(data.def)
  return (
    <Layout title={c.title} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: data.questionnaireTitle, href: `/enquetes/${c.questionnaire_id}` }, { label: c.title }]}>
      <p class="kicker">
        <span class={`badge status-${status}`}>{t(`surveys.status.${status}`)}</span> {c.is_synthetic ? <SyntheticBadge /> : null}
      </p>
      <h1>{c.title}</h1>
      <dl class="facts">
        <div>
          <dt>{t('surveys.method.territory')}</dt>
          <dd>{data.territory?.name ?? t('surveys.national')}</dd>
        </div>
        <div>
          <dt>{t('surveys.method.dates')}</dt>
          <dd>{t('surveys.method.period', { from: formatDate(locale, c.opens_on), to: formatDate(locale, c.closes_on) })}</dd>
        </div>
        <div>
          <dt>{t('surveys.method.mode')}</dt>
          <dd>{t(`surveys.mode.${c.mode}`)}</dd>
        </div>
        <div>
          <dt>{t('surveys.campaign.responses')}</dt>
          <dd>{t('surveys.campaign.counts', { submitted: formatNumber(locale, data.counts.submitted), drafts: formatNumber(locale, data.counts.drafts) })}</dd>
        </div>
        <div>
          <dt>{t('surveys.campaign.answerLink')}</dt>
          <dd>
            <a href={`/repondre/${c.id}`}>{answerUrl}</a>
          </dd>
        </div>
      </dl>
      <ul class="actions">
        <li>
          <a class="button" href={`/campagnes/${c.id}/redressement`}>
            {t('surveys.weighting.title')}
          </a>
        </li>
        <li>
          <a class="button" href={`/campagnes/${c.id}/resultats`}>
            {t('surveys.results.title')}
          </a>
        </li>
        {data.publication ? (
          <li>
            <a class="button button-secondary" href={`/etudes/${c.id}`}>
              {t('surveys.publication.see')}
            </a>
          </li>
        ) : null}
      </ul>
      <p>{active ? t('surveys.campaign.weightedWith', { version: active.version, date: formatDate(locale, active.created_at) }) : t('surveys.campaign.notWeighted')}</p>

      <section aria-labelledby="publication-heading">
        <h2 id="publication-heading">{t('surveys.publication.title')}</h2>
        {data.publication ? <p>{t('surveys.publication.published', { date: formatDate(locale, data.publication.published_at), author: data.publication.author })}</p> : <p>{t('surveys.publication.notPublished')}</p>}
        <p class="hint">{t('surveys.publication.hint')}</p>
        <Form action={`/campagnes/${c.id}/publication`} state={publication} submitLabel={data.publication ? t('surveys.publication.republish') : t('surveys.publication.publish')}>
          <input type="hidden" name="op" value="publish" />
          <TextField name="author" label={t('surveys.field.author')} hint={t('surveys.field.authorHint')} required maxLength={200} />
        </Form>
        {data.publication ? (
          <form method="post" action={`/campagnes/${c.id}/publication`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrfToken()} />
            <input type="hidden" name="op" value="unpublish" />
            <button type="submit" class="link-button danger">
              {t('surveys.publication.unpublish')}
            </button>
          </form>
        ) : null}
      </section>

      {c.mode === 'invitation' || codesState.errors.length > 0 ? (
        <section aria-labelledby="codes-heading">
          <h2 id="codes-heading">{t('surveys.codes.title')}</h2>
          <p class="hint">{t('surveys.codes.hint')}</p>
          {codes ? (
            <div class="notice notice-success" role="status">
              <p>{t('surveys.codes.created', { count: codes.length })}</p>
              <ul class="codes">
                {codes.map((code) => (
                  <li>
                    <code>{code}</code>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <Form action={`/campagnes/${c.id}/codes`} state={codesState} submitLabel={t('surveys.codes.submit')}>
            <TextField name="count" label={t('surveys.field.codeCount')} type="number" required />
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading">{t('surveys.figures.manage')}</h2>
        <p class="hint">{t('surveys.figures.hint')}</p>
        {data.figures.length > 0 ? (
          <DataTable
            caption={t('surveys.figures.caption', { count: data.figures.length })}
            rows={data.figures}
            columns={[
              { header: t('surveys.figures.question'), cell: (f) => <FigureQuestion figure={f} questions={questions} /> },
              { header: t('surveys.figures.population'), cell: (f) => f.population },
              { header: t('surveys.figures.value'), numeric: true, cell: (f) => `${formatNumber(locale, f.value, 0)} %` },
              { header: t('surveys.figures.source'), cell: (f) => t('surveys.figures.stamp', { source: f.source, date: f.published_on, base: f.base }) },
              {
                header: t('surveys.figures.actions'),
                cell: (f) => (
                  <form method="post" action={`/campagnes/${c.id}/chiffres/${f.id}/supprimer`} class="inline-form">
                    <input type="hidden" name="_csrf" value={csrfToken()} />
                    <button type="submit" class="link-button danger">
                      {t('surveys.figures.delete', { population: f.population })}
                    </button>
                  </form>
                ),
              },
            ]}
          />
        ) : null}
        <Form action={`/campagnes/${c.id}/chiffres`} state={figure} submitLabel={t('surveys.figures.add')}>
          <SelectField name="question_key" label={t('surveys.figures.question')} options={questions.map((q, i) => ({ value: q.key, label: `Q${i + 1}. ${q.label.slice(0, 80)}` }))} placeholder={t('surveys.figures.general')} />
          <TextArea name="question_wording" label={t('surveys.figures.wording')} hint={t('surveys.figures.wordingHint')} required rows={3} maxLength={1000} />
          <CheckboxGroup name="same_question" legend={t('surveys.figures.sameLegend')} hint={t('surveys.figures.sameHint')} options={[{ value: 'on', label: t('surveys.figures.same') }]} />
          <TextField name="population" label={t('surveys.figures.population')} hint={t('surveys.figures.populationHint')} required maxLength={200} />
          <TextField name="value" label={t('surveys.figures.value')} inputMode="numeric" required maxLength={10} />
          <TextField name="source" label={t('surveys.figures.source')} hint={t('surveys.figures.sourceHint')} required maxLength={300} />
          <TextField name="published_on" label={t('surveys.figures.date')} hint={t('surveys.figures.dateHint')} required maxLength={40} />
          <TextField name="base" label={t('surveys.figures.base')} hint={t('surveys.figures.baseHint')} required maxLength={200} />
          <TextField name="url" label={t('surveys.figures.url')} type="url" maxLength={500} />
        </Form>
      </section>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t('surveys.campaign.settings')}</h2>
        <Form action={`/campagnes/${c.id}`} state={settings} submitLabel={t('surveys.campaign.save')}>
          <CampaignFields candidates={candidates} />
        </Form>
      </section>
    </Layout>
  )
}

