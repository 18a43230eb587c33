/**
 * The feedback survey of a meeting: built by the surveys module (a questionnaire of the organising
 * organisation from its empty template, with three questions added through its services, and a campaign
 * answered by signed-in people for 30 days), then each seated participant is told where to answer. The
 * results are read in the surveys module like any other campaign.
 */
import type { Kysely } from 'kysely'
import type { Actor } from '../../../core/access/actor.js'
import { nowIso } from '../../../core/db/values.js'
import { AppError } from '../../../core/errors.js'
import type { Database } from '../../../database.js'
import { addQuestionTo, createCampaign, createQuestionnaire, saveQuestion } from '../../surveys/index.js'
import { codesOf } from '../../vocabulary/index.js'
import { notifyFeedback } from '../catalysis.notifications.js'
import { authorizeOrganise } from '../catalysis.policy.js'
import { parisToday } from '../../../core/time/calendar.js'
import { parisDayOf } from '../paris-time.js'
import { loadMeetingAccess } from './meetings.access.js'

type Db = Kysely<Database>

const QUESTIONS: Array<{ type: 'scale' | 'long_text'; label: string; minLabel?: string; maxLabel?: string }> = [
  { type: 'scale', label: 'Dans l’ensemble, quelle note donnez-vous à cette rencontre ?', minLabel: 'Très décevante', maxLabel: 'Excellente' },
  { type: 'scale', label: 'Cette rencontre vous a-t-elle permis de rencontrer des acteurs d’autres mondes que le vôtre ?', minLabel: 'Pas du tout', maxLabel: 'Tout à fait' },
  { type: 'long_text', label: 'Que retenez-vous de cette rencontre, et que proposez-vous pour la suite ?' },
]

/** Days during which the feedback survey stays open. */
const FEEDBACK_DAYS = 30

/**
 * Creates the feedback survey of a meeting that has started (its organisers) and tells the seated
 * participants. Errors: not held yet 409; already created 409. Returns the campaign's id.
 */
export async function launchFeedback(db: Db, actor: Actor, meetingId: string): Promise<string> {
  const access = await loadMeetingAccess(db, actor, meetingId)
  authorizeOrganise(actor, access)
  const m = access.meeting
  if (m.starts_at > nowIso()) throw new AppError('ALLIANCE_ERR_CONFLICT', 'catalysis.error.notHeldYet')
  if (m.feedback_campaign_id) throw new AppError('ALLIANCE_ERR_CONFLICT', 'catalysis.error.feedbackExists')
  const title = `Votre avis — ${m.title}`.slice(0, 200)
  const questionnaireId = await createQuestionnaire(db, actor, { organisationId: m.organisation_id, title, template: 'vide', territoryId: m.territory_id })
  for (const q of QUESTIONS) {
    const key = await addQuestionTo(db, actor, questionnaireId, { section: 's1', type: q.type, label: q.label })
    if (q.type === 'scale') {
      const form = { op: 'save', label: q.label, required: 'on', scale_range: '0-10', min_label: q.minLabel, max_label: q.maxLabel, condition: [], subtotal: [] }
      await saveQuestion(db, actor, questionnaireId, key, form as unknown as Parameters<typeof saveQuestion>[4], {})
    }
  }
  const opensOn = parisDayOf(m.starts_at) > parisToday() ? parisToday() : parisDayOf(m.starts_at)
  const closesOn = new Date(Date.now() + FEEDBACK_DAYS * 86400_000).toISOString().slice(0, 10)
  const campaignId = await createCampaign(db, actor, questionnaireId, { title, territoryId: m.territory_id, segments: codesOf('respondent_segment'), opensOn, closesOn, mode: 'signed_in' })
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('catalysis_meetings').set({ feedback_campaign_id: campaignId, updated_at: nowIso() }).where('id', '=', meetingId).execute()
    const people = await trx
      .selectFrom('catalysis_registrations')
      .innerJoin('users', 'users.id', 'catalysis_registrations.user_id')
      .select('users.id')
      .where('catalysis_registrations.meeting_id', '=', meetingId)
      .where('catalysis_registrations.status', '=', 'inscrit')
      .where((eb) => eb.or([eb('catalysis_registrations.attended', 'is', null), eb('catalysis_registrations.attended', '=', 1)]))
      .execute()
    await notifyFeedback(trx, m, campaignId, people.map((p) => p.id), actor.userId)
  })
  return campaignId
}
