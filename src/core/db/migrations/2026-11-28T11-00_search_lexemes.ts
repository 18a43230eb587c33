import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'

/**
 * PostgreSQL only: the lexemes of every indexed text (`search_lexemes`), so that a prefix typed in a search
 * (`jeun`) is expanded to the words that exist (`jeun`, `jeuness`) and matched exactly. GIN answers exact
 * lexemes by skipping through the rarest lists; a prefix (`jeun:*`) made it read every list of the prefix in
 * full and recheck rows, which took 100–200 ms for a common word in a large région. SQLite's FTS5 answers
 * prefixes from its own index and needs nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return
  await sql`create table search_lexemes (lexeme text collate "C" primary key)`.execute(db)
  await sql`insert into search_lexemes (lexeme)
    select word from ts_stat('select to_tsvector(''french'', content) from search_documents')`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return
  await sql`drop table search_lexemes`.execute(db)
}
