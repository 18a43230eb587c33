import { type Kysely, sql } from 'kysely'
import { binaryTextType, dialectOf } from '../dialect.js'

/**
 * Every list ordered by name sorts byte by byte on both databases. The normalised names (`search_name`) of
 * organisations, alliances, catalysis spaces and places took PostgreSQL's database collation, which on a server
 * set up in French ignores spaces and punctuation ("La Ruche" after "Laboratoire"), where SQLite compares bytes
 * ("la ruche" before "laboratoire"). The directory's and practice sheets' names were already in "C". The
 * indexes on these columns are rebuilt with them. SQLite compares bytes already: nothing to do there.
 */
const TABLES = ['organisations', 'alliances', 'catalysis_spaces', 'catalysis_places'] as const

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return
  for (const table of TABLES) await sql`alter table ${sql.table(table)} alter column search_name type ${binaryTextType(db)}`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return
  for (const table of TABLES) await sql`alter table ${sql.table(table)} alter column search_name type text collate "default"`.execute(db)
}
