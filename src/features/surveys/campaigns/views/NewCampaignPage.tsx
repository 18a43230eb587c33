/** A campaign's settings fields, and the page opening a new campaign of a questionnaire. */
import { useView } from '../../../../core/views/context.js'
import { CheckboxGroup, Form, SelectField, TextField, type FormState, type FormValues } from '../../../../core/views/forms.js'
import { Layout } from '../../../../core/views/Layout.js'
import type { Territory } from '../../../territories/index.js'
import { termOptions } from '../../../vocabulary/index.js'
import type { Campaign } from '../../surveys.queries.js'
import { TerritoryCandidates } from '../../views/common.js'
import { CAMPAIGN_MODES } from '../campaigns.schemas.js'

/** The fields of a campaign's settings (inside a form). */
export function CampaignFields({ candidates }: { candidates: Territory[] }) {
  const { t, locale } = useView()
  return (
    <>
      <TextField name="title" label={t('surveys.field.campaignTitle')} required maxLength={200} />
      <TextField name="territory" label={t('surveys.field.campaignTerritory')} hint={t('surveys.field.campaignTerritoryHint')} maxLength={100} />
      <TerritoryCandidates candidates={candidates} />
      <CheckboxGroup name="segments" legend={t('surveys.field.segments')} hint={t('surveys.field.segmentsHint')} options={termOptions('respondent_segment', locale)} />
      <TextField name="opens_on" label={t('surveys.field.opensOn')} hint={t('surveys.field.dateHint')} type="date" required />
      <TextField name="closes_on" label={t('surveys.field.closesOn')} hint={t('surveys.field.dateHint')} type="date" required />
      <SelectField name="mode" label={t('surveys.field.mode')} hint={t('surveys.field.modeHint')} required options={CAMPAIGN_MODES.map((m) => ({ value: m, label: t(`surveys.mode.${m}`) }))} />
    </>
  )
}

/** The form values that show a campaign's settings. */
export function campaignValues(campaign: Campaign, territory: Territory | undefined): FormValues {
  return {
    title: campaign.title,
    territory: territory ? territory.name : '',
    territory_choice: campaign.territory_id ?? '',
    segments: campaign.segments.split(',').filter(Boolean),
    opens_on: campaign.opens_on,
    closes_on: campaign.closes_on,
    mode: campaign.mode,
  }
}

/** The page opening a campaign of a questionnaire. */
export function NewCampaignPage({ questionnaireId, questionnaireTitle, state, candidates }: { questionnaireId: string; questionnaireTitle: string; state: FormState; candidates: Territory[] }) {
  const { t } = useView()
  return (
    <Layout title={t('surveys.campaign.new')} breadcrumb={[{ label: t('surveys.list.title'), href: '/enquetes' }, { label: questionnaireTitle, href: `/enquetes/${questionnaireId}` }, { label: t('surveys.campaign.new') }]}>
      <h1>{t('surveys.campaign.new')}</h1>
      <p class="lead">{t('surveys.campaign.newIntro')}</p>
      <Form action={`/enquetes/${questionnaireId}/campagnes`} state={state} submitLabel={t('surveys.campaign.create')}>
        <CampaignFields candidates={candidates} />
      </Form>
    </Layout>
  )
}
