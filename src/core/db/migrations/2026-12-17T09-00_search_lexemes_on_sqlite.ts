import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'

/**
 * SQLite too keeps the words of every indexed text (`search_lexemes`, as PostgreSQL since
 * `2026-11-28T11-00_search_lexemes`), so that a prefix typed in a search is expanded to the words that exist and
 * matched exactly. FTS5 answers a prefix (`"ordinateur"*`) by merging the full lists of every word it begins,
 * whatever the other words and facets of the query: 2–3 ms per kind for a word held by 50 000 of a million
 * documents, 0.2–0.7 ms once expanded (its exact words are read by skipping, from the rarest list).
 * The documents' texts are already normalised (letters and digits, single spaces), so a text's words are
 * FTS5's tokens.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return
  await sql`create table search_lexemes (lexeme text primary key) without rowid`.execute(db)
  let after = 0
  for (;;) {
    const { rows } = await sql<{ doc_id: number; content: string }>`select doc_id, content from search_documents where doc_id > ${after} order by doc_id limit 5000`.execute(db)
    if (rows.length === 0) return
    after = rows[rows.length - 1]!.doc_id
    const words = [...new Set(rows.flatMap((r) => r.content.split(' ')).filter((w) => w !== ''))]
    for (let i = 0; i < words.length; i += 500) {
      await db.insertInto('search_lexemes').values(words.slice(i, i + 500).map((lexeme) => ({ lexeme }))).onConflict((oc) => oc.doNothing()).execute()
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return
  await sql`drop table search_lexemes`.execute(db)
}
