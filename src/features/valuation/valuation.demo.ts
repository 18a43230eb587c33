/**
 * Valuation in the demonstration dataset (fictional): the reference table, one alliance that adopted its own
 * table (the real cost of its tutors, with the reason), and values stated by partners for their own
 * contributions (goods at a market value, hours at an employer cost) with the association that received them.
 * Idempotent; ids from keys; fixed dates.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../database.js'
import { listRates } from './rates.queries.js'
import { ensureReferenceRateTable } from './rates.reference.js'
import { markDirty } from './valuation.summaries.js'

export interface ValuationDemoOptions {
  /** Deterministic id of a demo object from its key (`alliance:<key>`, `organisation:<key>`). */
  id: (key: string) => string
}

/** Stated values: alliance, giving organisation, type, value per unit (cents), basis, recipient, from day. */
const STATEMENTS: Array<{ alliance: string; org: string; type: string; perUnitCents: number; basis: string; recipient: string | null; from?: string }> = [
  { alliance: 'numerique-pour-tous', org: 'marne-numerique', type: 'mecenat_nature', perUnitCents: 15000, basis: 'Valeur de marché d’occasion d’un portable reconditionné : 150 € l’unité (estimation du partenaire, donnée fictive).', recipient: 'seniors-connectes' },
  { alliance: 'numerique-pour-tous', org: 'marne-numerique', type: 'mecenat_competences', perUnitCents: 4800, basis: 'Coût employeur de nos techniciens : 48 € de l’heure, charges comprises (donnée fictive).', recipient: 'seniors-connectes', from: '2025-01-01' },
  { alliance: 'anti-gaspi', org: 'supermarche-coop', type: 'mecenat_nature', perUnitCents: 1200, basis: 'Valeur de marché d’une cagette de fruits et légumes invendus : 12 € (prix de vente moyen, donnée fictive).', recipient: 'banque-alimentaire-locale' },
  { alliance: 'anti-gaspi', org: 'boulangerie-deux-rives', type: 'mecenat_nature', perUnitCents: 250, basis: 'Prix de vente moyen d’un pain ou d’une viennoiserie : 2,50 € (donnée fictive).', recipient: 'trait-d-union' },
]

/** Loads the valuation demo; returns false when it is already there. */
export async function loadValuationDemo(db: Kysely<Database>, options: ValuationDemoOptions): Promise<boolean> {
  await ensureReferenceRateTable(db)
  const { id } = options
  const tableId = id('rate-table:chantiers-ecole')
  if (await db.selectFrom('valuation_rate_tables').select('id').where('id', '=', tableId).executeTakeFirst()) return false
  const reference = await db.selectFrom('valuation_rate_tables').select('id').where('scope', '=', 'platform').orderBy('version').limit(1).executeTakeFirstOrThrow()
  const chantiers = id('alliance:chantiers-ecole')
  const copied = (await listRates(db, reference.id)).filter((r) => !(r.contributionType === 'mecenat_competences' && r.unit === 'days'))
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('valuation_rate_tables')
      .values({ id: tableId, scope: 'alliance', owner_key: chantiers, alliance_id: chantiers, version: 1, title: 'Barème du comité de pilotage des chantiers-école', method_note: 'Le barème de référence de la plateforme, sauf la journée de tutorat des compagnons, valorisée à son coût réel déclaré par l’entreprise coordinatrice (donnée fictive de démonstration).', is_demo: 1, created_by: null, created_at: '2025-02-20T09:00:00.000Z' })
      .execute()
    await trx
      .insertInto('valuation_rates')
      .values([
        ...copied.map((r, i) => ({ id: id(`rate:chantiers-ecole:${i}`), table_id: tableId, contribution_type: r.contributionType, unit: r.unit, rate_cents: r.rateCents, valid_from: r.validFrom, valid_to: r.validTo, method_note: r.methodNote, source_text: r.sourceText, source_url: r.sourceUrl })),
        {
          id: id('rate:chantiers-ecole:tutorat'),
          table_id: tableId,
          contribution_type: 'mecenat_competences',
          unit: 'days',
          rate_cents: 38000,
          valid_from: '2022-01-01',
          valid_to: null,
          method_note: 'Journée de tutorat d’un compagnon au coût employeur réel (salaire et cotisations), d’après la comptabilité analytique de l’entreprise.',
          source_text: 'Comptabilité analytique de Bâtir Ensemble Construction, exercice 2024 (donnée fictive de démonstration)',
          source_url: null,
        },
      ])
      .execute()
    await trx.insertInto('valuation_choices').values({ alliance_id: chantiers, rate_table_id: tableId, reason: 'Le comité de pilotage valorise le tutorat au coût réel des compagnons, plus élevé que le coût horaire moyen national.', chosen_by: null, chosen_at: '2025-02-20T09:00:00.000Z' }).execute()
    for (const s of STATEMENTS) {
      let query = trx
        .selectFrom('alliance_contributions')
        .select(['id', 'quantity_hundredths'])
        .where('alliance_id', '=', id(`alliance:${s.alliance}`))
        .where('organisation_id', '=', id(`organisation:${s.org}`))
        .where('contribution_type', '=', s.type)
      if (s.from) query = query.where('contributed_on', '>=', s.from)
      const contributions = await query.orderBy('contributed_on').execute()
      for (const c of contributions) {
        await trx
          .insertInto('valuation_statements')
          .values({
            contribution_id: c.id,
            alliance_id: id(`alliance:${s.alliance}`),
            organisation_id: id(`organisation:${s.org}`),
            value_cents: Math.round((Number(c.quantity_hundredths) * s.perUnitCents) / 100),
            basis: s.basis,
            recipient_organisation_id: s.recipient ? id(`organisation:${s.recipient}`) : null,
            stated_by: null,
            stated_at: '2026-01-15T09:00:00.000Z',
          })
          .execute()
      }
    }
    await markDirty(trx, [chantiers, ...STATEMENTS.map((s) => id(`alliance:${s.alliance}`))])
  })
  return true
}
