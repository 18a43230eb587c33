/**
 * Keeps the `vocabulary_terms` table equal to the reference data in code: its content is replaced in one
 * transaction (about 160 rows), after migrations at every start. Idempotent. Each row carries where the term
 * comes from (`origin`, `sources`), so that SQL readers see what the lexique says.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../database.js'
import { VOCABULARY } from './vocabulary.data.js'
import { termOrigin } from './vocabulary.terms.js'

/** Replaces the table's content with the reference data; returns the number of terms written. */
export async function syncVocabulary(db: Kysely<Database>): Promise<number> {
  const rows = VOCABULARY.flatMap((info) =>
    info.terms.map((term, position) => {
      const origin = termOrigin(info.kind, term.code)
      return {
        kind: info.kind,
        code: term.code,
        position,
        parent_code: term.parent ?? null,
        label_fr: term.fr,
        label_en: term.en,
        definition_fr: term.defFr,
        definition_en: term.defEn,
        origin: origin === 'alliance' ? 'alliance' : 'source',
        sources: origin === 'alliance' ? '' : origin.join(' '),
      }
    }),
  )
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('vocabulary_terms').execute()
    for (let i = 0; i < rows.length; i += 100) {
      await trx.insertInto('vocabulary_terms').values(rows.slice(i, i + 100)).execute()
    }
  })
  return rows.length
}
