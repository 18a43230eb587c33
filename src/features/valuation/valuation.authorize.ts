/**
 * The objects of the valuation URLs and the actor's rights on them, for the routes' `authorize` step (run
 * before the input is read): the alliance (`:id`), one of its contributions (`:contributionId`: the members of
 * the giving organisation), an organisation (`:id` of `/organisations/`: its members), a rate table
 * (`:tableId`: public, an alliance's own read like the alliance), and platform admins for the platform's
 * versions. 404 for what the actor may not see, 403 for what they see but may not do.
 */
import type { FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { AppError, notFound } from '../../core/errors.js'
import { paramId } from '../../core/http/routes.js'
import type { Database } from '../../database.js'
import { authorizeContributionEdit, authorizeCoordinate, authorizeView, loadAllianceAccess, type AllianceAccess, type AllianceScope } from '../alliances/index.js'
import { unsafeFindRateTable, type RateTable } from './rates.queries.js'
import { authorizeOwnOrganisation } from './valuation.exports.js'

type Db = Kysely<Database>

export interface AllianceRights {
  access: AllianceAccess
  scope: AllianceScope
}

/** The alliance of `:id`, read like the alliance (`view`) or by its coordinators' admins (`coordinate`). */
export async function allianceRights(db: Db, request: FastifyRequest, level: 'view' | 'coordinate'): Promise<AllianceRights> {
  const access = await loadAllianceAccess(db, request.actor, paramId(request))
  return { access, scope: level === 'view' ? authorizeView(request.actor, access) : authorizeCoordinate(request.actor, access) }
}

/** The contribution `:contributionId` of the alliance `:id`, for the members of the organisation that gave it. */
export async function contributionRights(db: Db, request: FastifyRequest): Promise<AllianceRights & { contributionId: string }> {
  const access = await loadAllianceAccess(db, request.actor, paramId(request))
  const contributionId = paramId(request, 'contributionId')
  const { scope } = await authorizeContributionEdit(db, request.actor, access, contributionId)
  return { access, scope, contributionId }
}

/** The organisation `:id`, for its members (403 for others, 404 unknown). */
export async function organisationRights(db: Db, request: FastifyRequest) {
  return authorizeOwnOrganisation(db, request.actor, paramId(request))
}

/** Writing a version of the platform's table: platform admins (403 for other signed-in people). */
export function platformAdminRights(request: FastifyRequest): void {
  if (!request.actor.isPlatformAdmin) throw new AppError('ALLIANCE_ERR_FORBIDDEN', 'valuation.error.platformAdminOnly')
}

/** The table `:tableId` (or `:id`): a platform version is public; an alliance's table is read like the alliance. */
export async function tableRights(db: Db, request: FastifyRequest, param: 'id' | 'tableId'): Promise<{ table: RateTable; allianceName: string | null }> {
  const table = await unsafeFindRateTable(db, paramId(request, param))
  if (!table) throw notFound()
  if (!table.alliance_id) return { table, allianceName: null }
  const access = await loadAllianceAccess(db, request.actor, table.alliance_id)
  authorizeView(request.actor, access)
  return { table, allianceName: access.alliance.name }
}
