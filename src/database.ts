/**
 * The whole database schema as Kysely sees it: the intersection of every feature's tables.
 * Features import this type (type-only) to write queries that join across features.
 */
import type { Kysely } from 'kysely'
import type { CoreTables } from './core/db/core.tables.js'
import type { SearchTables } from './core/search/fulltext.js'
import type { ListeningTables } from './features/listening/index.js'
import type { NotificationTables } from './features/notifications/index.js'
import type { AccountTables } from './features/accounts/index.js'
import type { AllianceTables } from './features/alliances/index.js'
import type { CatalysisTables } from './features/catalysis/index.js'
import type { OrganisationTables } from './features/organisations/index.js'
import type { SurveyTables } from './features/surveys/index.js'
import type { TerritoryTables } from './features/territories/index.js'
import type { EvaluationTables } from './features/evaluation/index.js'
import type { PracticeTables } from './features/practices/index.js'
import type { ValuationTables } from './features/valuation/index.js'
import type { MobilisationTables } from './features/mobilisation/index.js'
import type { VocabularyTables } from './features/vocabulary/index.js'

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
