import { sql, type Kysely } from 'kysely'
import { dialectOf } from '../dialect.js'

/**
 * PostgreSQL only: the full-text vector of each document is stored (a generated column) and indexed, instead of
 * an index on the expression. A GIN index on `tsvector` answers prefix queries (`jeun:*`) with candidates that
 * must be rechecked on the row; with the expression index every recheck parsed and stemmed the text again,
 * which made a broad search (a common word in a région: tens of thousands of candidates) take half a second.
 * SQLite's FTS5 index is unchanged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return
  await sql`alter table search_documents add column search_vector tsvector
    generated always as (to_tsvector('french', content) || to_tsvector('simple', facets)) stored`.execute(db)
  await sql`drop index search_documents_fts_idx`.execute(db)
  await sql`create index search_documents_fts_idx on search_documents using gin (search_vector)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return
  await sql`drop index search_documents_fts_idx`.execute(db)
  await sql`alter table search_documents drop column search_vector`.execute(db)
  await sql`create index search_documents_fts_idx on search_documents using gin ((to_tsvector('french', content) || to_tsvector('simple', facets)))`.execute(db)
}
