/**
 * The objects of the evaluation URLs and the actor's rights on them, for the routes' `authorize` step (run
 * before the input is read): the alliance (`:id`), its round (`:roundId`), the organisation one answers for
 * (`:organisationId`), an indicator (`:indicatorId`). A malformed or unknown id answers 404, so does an
 * alliance the actor may not see and an organisation the actor does not act for; 403 when the actor sees the
 * alliance but may not act. The services check the same rights again (defence in depth).
 */
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { notFound } from '../../core/errors.js'
import { paramId } from '../../core/http/routes.js'
import type { Database } from '../../database.js'
import { authorizeCoordinate, authorizeView, loadAllianceAccess, type AllianceAccess, type AllianceScope } from '../alliances/index.js'
import { authorizeActingFor, authorizeEvaluation } from './evaluation.policy.js'
import { findRound, type Round } from './evaluation.queries.js'
import { findIndicator, type Indicator } from './indicators.js'

type Db = Kysely<Database>

export interface AllianceRights {
  access: AllianceAccess
  scope: AllianceScope
}

export interface RoundRights extends AllianceRights {
  round: Round
}

type Level = 'view' | 'evaluation' | 'coordinate'

/** The alliance of `:id` with the actor's rights at `level` (404 unseen, 403 seen but not allowed). */
export async function allianceRights(db: Db, request: FastifyRequest, level: Level): Promise<AllianceRights> {
  const access = await loadAllianceAccess(db, request.actor, paramId(request))
  const scope = level === 'view' ? authorizeView(request.actor, access) : level === 'coordinate' ? authorizeCoordinate(request.actor, access) : authorizeEvaluation(request.actor, access)
  return { access, scope }
}

/** The round `:roundId` of the alliance `:id`, with the actor's rights at `level` on the alliance. */
export async function roundRights(db: Db, request: FastifyRequest, level: Exclude<Level, 'view'>): Promise<RoundRights> {
  const rights = await allianceRights(db, request, level)
  const round = await findRound(db, rights.scope, paramId(request, 'roundId'))
  if (!round) throw notFound()
  return { ...rights, round }
}

/** Answering for `:organisationId` in the round `:roundId`: one of the actor's active partner organisations, or 404. */
export async function answerRights(db: Db, request: FastifyRequest): Promise<RoundRights & { organisationId: string }> {
  const access = await loadAllianceAccess(db, request.actor, paramId(request))
  const organisationId = paramId(request, 'organisationId')
  const scope = authorizeActingFor(request.actor, access, organisationId, { admin: false })
  const round = await findRound(db, scope, paramId(request, 'roundId'))
  if (!round) throw notFound()
  return { access, scope, round, organisationId }
}

/** The indicator `:indicatorId` of the alliance `:id`, or 404. */
export async function indicatorRights(db: Db, request: FastifyRequest, level: Exclude<Level, 'view'>): Promise<AllianceRights & { indicator: Indicator }> {
  const rights = await allianceRights(db, request, level)
  const indicator = await findIndicator(db, rights.scope, paramId(request, 'indicatorId'))
  if (!indicator) throw notFound()
  return { ...rights, indicator }
}
