/**
 * Keeps the `vocabulary_terms` table equal to the reference data in code: its content is replaced in one
 * transaction (about 120 rows), after migrations at every start. Idempotent.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../database.js'
import { VOCABULARY } from './vocabulary.data.js'

export async function syncVocabulary(db: Kysely<Database>): Promise<number> {
  const rows = VOCABULARY.flatMap((info) =>
    info.terms.map((term, position) => ({
      kind: info.kind,
      code: term.code,
      position,
      parent_code: term.parent ?? null,
      label_fr: term.fr,
      label_en: term.en,
      definition_fr: term.defFr,
      definition_en: term.defEn,
    })),
  )
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('vocabulary_terms').execute()
    for (let i = 0; i < rows.length; i += 100) {
      await trx.insertInto('vocabulary_terms').values(rows.slice(i, i + 100)).execute()
    }
  })
  return rows.length
}
