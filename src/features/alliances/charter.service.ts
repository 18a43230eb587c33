/**
 * Use cases of the charter (contrat-alliance): coordinators save versions n + 1 (principles, each active
 * partner's commitments, governance, how often the partners meet, next review); the admins of each active
 * partner sign the current version for their organisation. Signatures belong to a version, so a new version
 * is signed again by everyone (they are told), and signing a replaced version is refused.
 */
import type { Kysely } from 'kysely'
import { isAdminOf, requireUser, type Actor } from '../../core/access/actor.js'
import { newId, nowIso } from '../../core/db/values.js'
import { AppError, validationError, type FieldProblem } from '../../core/errors.js'
import { parisToday } from '../../core/time/calendar.js'
import type { Database } from '../../database.js'
import { notify } from '../notifications/index.js'
import { loadAllianceAccess } from './alliances.access.js'
import { charterToSign } from './alliances.notifications.js'
import { authorizeCoordinate, authorizePartnerAct } from './alliances.policy.js'
import { findLatestCharter } from './alliances.queries.js'
import { dateProblem, guarded } from './alliances.rules.js'
import { isMeetingFrequency, type MeetingFrequency } from './alliances.schemas.js'
import { SYSTEM_EVENT_KEYS, writeJournal } from './journal.service.js'

type Db = Kysely<Database>

export interface CharterInput {
  principles: string
  governance: string
  meetingFrequency: string
  nextReviewOn: string
  /** organisation id → its commitments (active partners only; others are ignored) */
  commitments: Map<string, string>
}

/**
 * Saves a new version of the charter (coordinators' admins only): version n + 1, with the commitments of
 * each active partner. Signatures belong to a version, so every partner must sign the new one again.
 */
export async function saveCharter(db: Db, actor: Actor, allianceId: string, input: CharterInput): Promise<number> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const scope = authorizeCoordinate(actor, access)
  const problems: FieldProblem[] = []
  if (!isMeetingFrequency(input.meetingFrequency)) problems.push({ field: 'meeting_frequency', message: 'alliances.error.frequency' })
  const review = dateProblem('next_review_on', input.nextReviewOn, { required: true, notBefore: { date: parisToday(), message: 'alliances.error.reviewPast' } })
  if (review) problems.push(review)
  if (problems.length > 0) throw validationError(problems)
  const user = requireUser(actor)
  const active = await db.selectFrom('alliance_partners').select('organisation_id').where('alliance_id', '=', scope.allianceId).where('status', '=', 'active').execute()
  const latest = await findLatestCharter(db, scope)
  const version = (latest?.version ?? 0) + 1
  const charterId = newId()
  await guarded(
    () =>
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('alliance_charters')
          .values({
            id: charterId,
            alliance_id: scope.allianceId,
            version,
            principles: input.principles.trim(),
            governance: input.governance.trim(),
            meeting_frequency: input.meetingFrequency as MeetingFrequency,
            next_review_on: input.nextReviewOn,
            created_by: user.userId,
            created_at: nowIso(),
          })
          .execute()
        const commitments = active
          .map((p) => ({ charter_id: charterId, organisation_id: p.organisation_id, commitments: (input.commitments.get(p.organisation_id) ?? '').trim() }))
          .filter((c) => c.commitments !== '')
        if (commitments.length > 0) await trx.insertInto('alliance_charter_commitments').values(commitments).execute()
        const coordinator = access.own.find((p) => p.status === 'active' && p.role === 'coordinateur' && isAdminOf(actor, p.organisation_id))
        await writeJournal(trx, { allianceId, organisationId: coordinator?.organisation_id ?? null, kind: 'decision', on: parisToday(), title: { key: SYSTEM_EVENT_KEYS.charter_version, params: { version } }, event: 'charter_version', authorId: user.userId })
        const names = await trx.selectFrom('organisations').select(['id', 'name']).where('id', 'in', active.length > 0 ? active.map((p) => p.organisation_id) : ['']).execute()
        for (const p of names) {
          await notify(trx, charterToSign, { organisationId: p.id }, { params: { alliance: access.alliance.name, version, organisation: p.name }, link: `/alliances/${allianceId}/charte`, exceptUserId: user.userId })
        }
      }),
    () => new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.charterRace'),
  )
  return version
}

/**
 * Signs the current charter version for an organisation (its admins only, active partners; 404 when the
 * organisation is not one of the actor's). Signing a version that a newer one replaced is a 409
 * `ALLIANCE_ERR_CHARTER_OUTDATED`; signing twice is a 409. Records who signed, when, and which version.
 */
export async function signCharter(db: Db, actor: Actor, allianceId: string, input: { version: number; organisationId: string }): Promise<void> {
  const access = await loadAllianceAccess(db, actor, allianceId)
  const { scope } = authorizePartnerAct(actor, access, input.organisationId, { admin: true })
  const user = requireUser(actor)
  await guarded(
    () =>
      db.transaction().execute(async (trx) => {
        const latest = await findLatestCharter(trx, scope)
        if (!latest) throw new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.noCharter')
        if (latest.version !== input.version) {
          throw new AppError('ALLIANCE_ERR_CHARTER_OUTDATED', 'alliances.error.charterOutdated', { params: { version: input.version, current: latest.version } })
        }
        const already = await trx.selectFrom('alliance_charter_signatures').select('signed_at').where('charter_id', '=', latest.id).where('organisation_id', '=', input.organisationId).executeTakeFirst()
        if (already) throw new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.alreadySigned', { params: { version: latest.version } })
        await trx
          .insertInto('alliance_charter_signatures')
          .values({ charter_id: latest.id, organisation_id: input.organisationId, version: latest.version, signed_by: user.userId, signer_name: actor.displayName, signed_at: nowIso() })
          .execute()
      }),
    () => new AppError('ALLIANCE_ERR_CONFLICT', 'alliances.error.alreadySigned', { params: { version: input.version } }),
  )
}
