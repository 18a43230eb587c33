/**
 * The whole database schema as Kysely sees it: the intersection of every feature's tables.
 * Features import this type (type-only) to write queries that join across features.
 */
import type { Kysely } from 'kysely'
import type { CoreTables } from './core/db/core.tables.js'
import type { SearchTables } from './core/search/fulltext.js'
import type { ListeningTables } from './features/listening/listening.table.js'
import type { NotificationTables } from './features/notifications/notifications.table.js'
import type { AccountTables } from './features/accounts/accounts.table.js'
import type { AllianceTables } from './features/alliances/alliances.table.js'
import type { CatalysisTables } from './features/catalysis/catalysis.table.js'
import type { OrganisationTables } from './features/organisations/organisations.table.js'
import type { SurveyTables } from './features/surveys/surveys.table.js'
import type { TerritoryTables } from './features/territories/territories.table.js'
import type { EvaluationTables } from './features/evaluation/evaluation.table.js'
import type { PracticeTables } from './features/practices/practices.table.js'
import type { ValuationTables } from './features/valuation/valuation.table.js'
import type { MobilisationTables } from './features/mobilisation/mobilisation.table.js'
import type { VocabularyTables } from './features/vocabulary/vocabulary.table.js'

export interface Database
  extends CoreTables,
    SearchTables,
    TerritoryTables,
    VocabularyTables,
    AccountTables,
    OrganisationTables,
    ListeningTables,
    NotificationTables,
    AllianceTables,
    SurveyTables,
    CatalysisTables,
    EvaluationTables,
    ValuationTables,
    PracticeTables,
    MobilisationTables {}

export type DB = Kysely<Database>

declare module 'fastify' {
  interface FastifyInstance {
    /** The application's database (SQLite or PostgreSQL). */
    db: DB
  }
}
