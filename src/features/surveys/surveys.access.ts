/**
 * The object of a survey URL and the actor's rights on it. Routes call these in `authorize` (before any input
 * is read); services call them again (defence in depth). The order of answers is the house's: not signed in →
 * 401 (pages: the sign-in redirect), an unknown id or another organisation's questionnaire or campaign → 404
 * (a private survey's existence never leaks), never 403 (an analyst may do everything an analyst may see).
 */
import type { Kysely, Transaction } from 'kysely'
import { requireUser, type Actor } from '../../core/access/actor.js'
import { notFound } from '../../core/errors.js'
import type { Database } from '../../database.js'
import { parseDefinition, type Definition } from './surveys.definition.js'
import { authorizeAnalyst } from './surveys.policy.js'
import {
  campaignQuestionnaire,
  findCampaign,
  findQuestionnaire,
  unsafeCampaignOrganisation,
  unsafeQuestionnaireOrganisation,
  type Campaign,
  type Questionnaire,
  type SurveyScope,
} from './surveys.queries.js'

type Db = Kysely<Database> | Transaction<Database>

/** A questionnaire the actor analyses, with its scope and checked definition. */
export interface QuestionnaireAccess {
  scope: SurveyScope
  questionnaire: Questionnaire
  def: Definition
}

/** A campaign the actor analyses, with its scope. */
export interface CampaignAccess {
  scope: SurveyScope
  campaign: Campaign
}

/** Loads a questionnaire for an analyst: 401 signed out, 404 when unknown or another organisation's. */
export async function loadQuestionnaire(db: Db, actor: Actor, id: string): Promise<QuestionnaireAccess> {
  requireUser(actor)
  const organisationId = await unsafeQuestionnaireOrganisation(db, id)
  if (!organisationId) throw notFound()
  const scope = authorizeAnalyst(actor, organisationId)
  const questionnaire = await findQuestionnaire(db, scope, id)
  if (!questionnaire) throw notFound()
  return { scope, questionnaire, def: parseDefinition(questionnaire.definition) }
}

/** Loads a campaign for an analyst: 401 signed out, 404 when unknown or another organisation's. */
export async function loadCampaign(db: Db, actor: Actor, id: string): Promise<CampaignAccess> {
  requireUser(actor)
  const organisationId = await unsafeCampaignOrganisation(db, id)
  if (!organisationId) throw notFound()
  const scope = authorizeAnalyst(actor, organisationId)
  const campaign = await findCampaign(db, scope, id)
  if (!campaign) throw notFound()
  return { scope, campaign }
}

/** A campaign the actor analyses with its questionnaire (title and checked definition). */
export interface CampaignWithQuestionnaire extends CampaignAccess {
  questionnaire: { title: string; definition: string }
  def: Definition
}

/** Loads a campaign and its questionnaire for an analyst (same answers as `loadCampaign`). */
export async function loadCampaignWithQuestionnaire(db: Db, actor: Actor, id: string): Promise<CampaignWithQuestionnaire> {
  const access = await loadCampaign(db, actor, id)
  const questionnaire = await campaignQuestionnaire(db, access.scope, access.campaign)
  return { ...access, questionnaire, def: parseDefinition(questionnaire.definition) }
}
