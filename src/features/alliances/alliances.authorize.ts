/**
 * The `authorize` step of every alliance route (pages, forms and API alike): load the object of the URL — the
 * alliance, one of its partners, contributions or journal entries, a partnership — and check the actor's rights
 * on it before any input is read: 404 when they may not see it (or a malformed id), 403 when they may see it but
 * not do this. What `authorize` returns is the handler's context. The services check the same rights again.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { notFound } from '../../core/errors.js'
import { paramId } from '../../core/http/routes.js'
import { loadAllianceAccess } from './alliances.access.js'
import { authorizeAnyPartnerAdmin, authorizeContribute, authorizeCoordinate, authorizeView, type AllianceAccess } from './alliances.policy.js'
import { findPartner, type AllianceScope, type Partner } from './alliances.queries.js'
import { authorizeContributionEdit } from './contributions.service.js'
import { authorizeJournalEdit } from './journal.service.js'
import { authorizePartnerOfUrl } from './partners.service.js'
import { authorizePartnershipAct } from './partnerships.service.js'

/**
 * The page-cache tag of everything public about alliances (directory, map, alliance pages, the sections of
 * territory and organisation pages): what every write that changes something public declares it invalidates.
 */
export const ALLIANCE_PAGES = ['alliances']

/** The alliance of the URL, as the actor may use it. */
export interface AllianceContext {
  access: AllianceAccess
  scope: AllianceScope
}

type Level = 'view' | 'coordinate' | 'contribute' | 'partnerAdmin'

const CHECKS: Record<Level, (actor: FastifyRequest['actor'], access: AllianceAccess) => AllianceScope> = {
  view: authorizeView,
  coordinate: authorizeCoordinate,
  contribute: authorizeContribute,
  partnerAdmin: authorizeAnyPartnerAdmin,
}

/** The authorize functions of the alliance routes, bound to the application's database. */
export function allianceRights(app: FastifyInstance) {
  const load = (request: FastifyRequest) => loadAllianceAccess(app.db, request.actor, paramId(request))
  const alliance = (level: Level) => async (request: FastifyRequest): Promise<AllianceContext> => {
    const access = await load(request)
    return { access, scope: CHECKS[level](request.actor, access) }
  }
  return {
    /** sees the alliance (everyone for a public one; its partners for a partners-only one) */
    view: alliance('view'),
    /** an admin of an active coordinator */
    coordinate: alliance('coordinate'),
    /** a member of an active partner */
    contribute: alliance('contribute'),
    /** an admin of an active partner (which organisation is named by the input) */
    partnerAdmin: alliance('partnerAdmin'),
    /** a coordinator acting on the partner row `:partnerId` (which must belong to the alliance) */
    async coordinatePartner(request: FastifyRequest): Promise<AllianceContext & { partner: Partner }> {
      const access = await load(request)
      const scope = authorizeCoordinate(request.actor, access)
      const partner = await findPartner(app.db, scope, paramId(request, 'partnerId'))
      if (!partner) throw notFound()
      return { access, scope, partner }
    },
    /** the partner row `:partnerId` acting for itself: its organisation's admins, in one of `statuses` */
    ownPartner(statuses: Partner['status'][]) {
      return async (request: FastifyRequest): Promise<AllianceContext & { partner: Partner }> => {
        const access = await load(request)
        const { scope, partner } = await authorizePartnerOfUrl(app.db, request.actor, access, paramId(request, 'partnerId'), { admin: true, statuses })
        return { access, scope, partner }
      }
    },
    /** the contribution `:contributionId`, corrected by its organisation's members */
    async contribution(request: FastifyRequest) {
      const access = await load(request)
      const { contribution, scope } = await authorizeContributionEdit(app.db, request.actor, access, paramId(request, 'contributionId'))
      return { access, scope, contribution }
    },
    /** the journal entry `:entryId`, corrected by its organisation's members (never the platform's entries) */
    async journalEntry(request: FastifyRequest) {
      const access = await load(request)
      const { entry, scope } = await authorizeJournalEdit(app.db, request.actor, access, paramId(request, 'entryId'))
      return { access, scope, entry }
    },
    /** the partnership `:id`: answered by the admins of its second side, ended by either side's */
    partnership(act: 'answer' | 'end') {
      return (request: FastifyRequest) => authorizePartnershipAct(app.db, request.actor, paramId(request), act)
    },
  }
}

