/**
 * The builder (`/enquetes/:id`): sections and questions added, moved and removed with server-side forms, the
 * campaigns of the questionnaire, its title and introduction. Works without JavaScript (POST-redirect-GET; on
 * failure the page comes back with an error summary).
 */
import type { FieldProblem } from '../../../../core/errors.js'
import type { Translate } from '../../../../core/i18n/index.js'
import { useView } from '../../../../core/views/context.js'
import { ErrorSummary, Form, TextArea, TextField, type FormState } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import { findQuestion, QUESTION_TYPES, questionNumber, rankCountOf, type Definition, type Question } from '../../surveys.definition.js'
import type { Campaign, Questionnaire } from '../../surveys.queries.js'

function questionSummary(t: Translate, def: Definition, q: Question): string[] {
  const lines: string[] = [t(`surveys.type.${q.type}`)]
  lines.push(q.required ? t('surveys.builder.required') : t('surveys.builder.optional'))
  if (q.type === 'ranking') lines.push(t('surveys.builder.rankSummary', { k: rankCountOf(q), m: q.options.length }))
  if (q.type === 'scale' && q.scale) lines.push(`${q.scale.min}–${q.scale.max}`)
  if (q.profile) lines.push(t('surveys.builder.profile', { role: t(`surveys.role.${q.profile}`) }))
  if (q.condition) {
    const target = findQuestion(def, q.condition.question)
    lines.push(t('surveys.builder.condition', { number: target ? questionNumber(def, target.key) : '?' }))
  }
  return lines
}

/** The builder page; `errors` from a refused operation, `metaState` of the title form. */
export function BuilderPage({ questionnaire, def, campaigns, frozen, errors, metaState }: { questionnaire: Questionnaire; def: Definition; campaigns: Campaign[]; frozen: boolean; errors: FieldProblem[]; metaState: FormState }) {
  const { t, csrfToken } = useView()
  const base = `/enquetes/${questionnaire.id}`
  return (
    <Layout title={questionnaire.title} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: questionnaire.title }]}>
      <h1>{questionnaire.title}</h1>
      <ErrorSummary errors={errors} />
      <ul class="actions">
        <li>
          <a class="button button-secondary" href={`${base}/apercu`}>
            {t('surveys.builder.preview')}
          </a>
        </li>
        <li>
          <a class="button" href={`${base}/campagnes/nouvelle`}>
            {t('surveys.campaign.new')}
          </a>
        </li>
        <li>
          <form method="post" action={`${base}/dupliquer`} class="inline-form">
            <input type="hidden" name="_csrf" value={csrfToken()} />
            <button type="submit" class="button button-secondary">
              {t('surveys.builder.duplicate')}
            </button>
          </form>
        </li>
      </ul>
      {frozen ? <p class="notice notice-info">{t('surveys.builder.frozen')}</p> : null}
      {campaigns.length > 0 ? (
        <section aria-labelledby="campaigns-heading">
          <h2 id="campaigns-heading">{t('surveys.list.campaigns')}</h2>
          <ul>
            {campaigns.map((c) => (
              <li>
                <a href={`/campagnes/${c.id}`}>{c.title}</a> <span class="muted">({t('surveys.list.responses', { count: c.submitted_count })})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <details class="builder-meta">
        <summary>{t('surveys.builder.meta')}</summary>
        <Form action={base} state={metaState} submitLabel={t('surveys.builder.saveMeta')}>
          <TextField name="title" label={t('surveys.field.title')} required maxLength={200} />
          <TextArea name="intro" label={t('surveys.field.intro')} hint={t('surveys.field.introHint')} rows={4} maxLength={3000} />
        </Form>
      </details>
      {def.sections.map((s, si) => (
        <section class="builder-section" aria-labelledby={`section-${s.key}`}>
          <h2 id={`section-${s.key}`}>
            {t('surveys.builder.section', { number: si + 1 })} — {s.title}
          </h2>
          {!frozen ? (
            <form method="post" action={`${base}/sections/${s.key}`} class="inline-form section-ops">
              <input type="hidden" name="_csrf" value={csrfToken()} />
              <label for={`rename-${s.key}`}>{t('surveys.builder.sectionTitle')}</label>{' '}
              <input id={`rename-${s.key}`} type="text" name="title" value={s.title} maxLength={300} />{' '}
              <button type="submit" name="op" value="rename" class="button button-small">
                {t('surveys.builder.rename')}
              </button>{' '}
              <button type="submit" name="op" value="up" class="link-button">
                {t('surveys.builder.sectionUp', { number: si + 1 })}
              </button>{' '}
              <button type="submit" name="op" value="down" class="link-button">
                {t('surveys.builder.sectionDown', { number: si + 1 })}
              </button>{' '}
              <button type="submit" name="op" value="delete" class="link-button danger">
                {t('surveys.builder.sectionDelete', { number: si + 1 })}
              </button>
            </form>
          ) : null}
          {s.questions.length === 0 ? <p class="muted">{t('surveys.builder.emptySection')}</p> : null}
          <ol class="builder-questions" start={s.questions[0] ? questionNumber(def, s.questions[0].key) : 1}>
            {s.questions.map((q) => {
              const n = questionNumber(def, q.key)
              return (
                <li id={`q-${q.key}`} class="builder-question">
                  <p class="builder-question-label">{q.label}</p>
                  <p class="muted">{questionSummary(t, def, q).join(' · ')}</p>
                  {q.help ? <p class="hint">{q.help}</p> : null}
                  {q.options.length > 0 ? (
                    <ul class="builder-options">
                      {q.options.map((o) => (
                        <li>{o.label}</li>
                      ))}
                    </ul>
                  ) : null}
                  {!frozen ? (
                    <div class="row-actions">
                      <a href={`${base}/questions/${q.key}`}>{t('surveys.builder.edit', { number: n })}</a>
                      <form method="post" action={`${base}/questions/${q.key}/deplacer`} class="inline-form">
                        <input type="hidden" name="_csrf" value={csrfToken()} />
                        <button type="submit" name="direction" value="haut" class="link-button">
                          {t('surveys.builder.up', { number: n })}
                        </button>{' '}
                        <button type="submit" name="direction" value="bas" class="link-button">
                          {t('surveys.builder.down', { number: n })}
                        </button>
                      </form>
                      <form method="post" action={`${base}/questions/${q.key}/supprimer`} class="inline-form">
                        <input type="hidden" name="_csrf" value={csrfToken()} />
                        <button type="submit" class="link-button danger">
                          {t('surveys.builder.delete', { number: n })}
                        </button>
                      </form>
                    </div>
                  ) : null}
                </li>
              )
            })}
          </ol>
          {!frozen ? (
            <form method="post" action={`${base}/questions`} class="form add-question" noValidate>
              <input type="hidden" name="_csrf" value={csrfToken()} />
              <input type="hidden" name="section" value={s.key} />
              <fieldset>
                <legend>{t('surveys.builder.addQuestion', { number: si + 1 })}</legend>
                <div class="field">
                  <label for={`type-${s.key}`}>{t('surveys.field.type')}</label>
                  <select id={`type-${s.key}`} name="type">
                    {QUESTION_TYPES.map((type) => (
                      <option value={type}>{t(`surveys.type.${type}`)}</option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label for={`label-${s.key}`}>{t('surveys.field.questionLabel')}</label>
                  <input id={`label-${s.key}`} type="text" name="label" maxLength={1000} />
                </div>
                <button type="submit" class="button button-small">
                  {t('surveys.builder.add')}
                </button>
              </fieldset>
            </form>
          ) : null}
        </section>
      ))}
      {!frozen ? (
        <form method="post" action={`${base}/sections`} class="form" noValidate>
          <input type="hidden" name="_csrf" value={csrfToken()} />
          <fieldset>
            <legend>{t('surveys.builder.addSection')}</legend>
            <div class="field">
              <label for="new-section">{t('surveys.builder.sectionTitle')}</label>
              <input id="new-section" type="text" name="title" maxLength={300} />
            </div>
            <button type="submit" class="button button-small">
              {t('surveys.builder.add')}
            </button>
          </fieldset>
        </form>
      ) : null}
    </Layout>
  )
}

