/**
 * The first version of the platform's rate table, written at the first start (like the lexique, it is reference
 * data): every figure comes with its source, and docs/valuation.md explains each choice. Platform admins then
 * publish later versions from the pages; this one is never rewritten.
 *
 * What it values: an hour or a day of bénévolat at the gross hourly SMIC in force; an hour or a day of
 * mécénat de compétences or of expertise at the average hourly labour cost in France (the employer cost a
 * company states for its own staff wins). Goods, premises, logistics and people have no default: their value is
 * the market value the giver states, so they stay unvalued until stated. Euros count at face value.
 */
import type { Kysely } from 'kysely'
import { newId, nowIso } from '../../core/db/values.js'
import type { Database } from '../../database.js'

interface ReferenceRate {
  type: string
  unit: 'hours' | 'days'
  cents: number
  from: string
  to: string | null
  note: string
  source: string
  url: string
}

const SMIC_NOTE = 'Heure de bénévolat valorisée au SMIC horaire brut en vigueur le mois du don : une règle simple et stable, admise pour les contributions volontaires en nature. Un partenaire peut déclarer une autre valeur (le salaire d’un poste équivalent).'
const SMIC_DAY_NOTE = 'Journée de bénévolat de 7 heures (35 heures sur 5 jours) au SMIC horaire brut en vigueur le mois du don.'
const COST_NOTE = 'Heure de mécénat de compétences au coût de revient (salaire et cotisations) : à défaut du coût employeur déclaré par l’entreprise, coût horaire moyen de la main-d’œuvre en France.'
const COST_DAY_NOTE = 'Journée de 7 heures au coût horaire moyen de la main-d’œuvre en France, à défaut du coût employeur déclaré.'
const EXPERTISE_NOTE = 'Heure de conseil ou d’expertise donnée gratuitement, au coût horaire moyen de la main-d’œuvre en France, à défaut d’un prix de marché déclaré par le partenaire.'

/** Gross hourly SMIC (metropolitan France) and its periods, each with the text that set or reported it. */
const SMIC: Array<[from: string, to: string | null, cents: number, source: string, url: string]> = [
  ['2022-01-01', '2022-04-30', 1057, 'SMIC horaire brut au 1er janvier 2022 : 10,57 € (tableau des revalorisations, Gereso)', 'https://gereso.com/actualites/2023/05/02/hausse-du-smic-de-222-au-1er-mai-2023'],
  ['2022-05-01', '2022-07-31', 1085, 'SMIC horaire brut au 1er mai 2022 : 10,85 € (tableau des revalorisations, Gereso)', 'https://gereso.com/actualites/2023/05/02/hausse-du-smic-de-222-au-1er-mai-2023'],
  ['2022-08-01', '2022-12-31', 1107, 'SMIC horaire brut au 1er août 2022 : 11,07 € (porté à 11,27 € par le décret n° 2022-1608)', 'https://www.work-temporaire.fr/augmentation-smic-2023.htm'],
  ['2023-01-01', '2023-04-30', 1127, 'Décret n° 2022-1608 du 22 décembre 2022 : SMIC horaire brut de 11,27 € au 1er janvier 2023', 'https://www.work-temporaire.fr/augmentation-smic-2023.htm'],
  ['2023-05-01', '2023-12-31', 1152, 'Arrêté du 26 avril 2023 : SMIC horaire brut de 11,52 € au 1er mai 2023', 'https://legisocial.fr/actualites-sociales/5936-contrats-alternance-quelles-sont-nouvelles-valeurs-vigueur-1er-mai-2023.html'],
  ['2024-01-01', '2024-10-31', 1165, 'SMIC horaire brut de 11,65 € du 1er janvier au 31 octobre 2024', 'https://cabinet-bourdiau.fr/nos-actualites-juridiques/smic-revalorisation-anticipee-au-1-11-2024'],
  ['2024-11-01', '2025-12-31', 1188, 'Décret n° 2024-951 du 23 octobre 2024 : SMIC horaire brut de 11,88 € au 1er novembre 2024 (pas de revalorisation au 1er janvier 2025)', 'https://talenz.fr/?p=72456'],
  ['2026-01-01', null, 1202, 'Décret n° 2025-1228 du 17 décembre 2025 : SMIC horaire brut de 12,02 € au 1er janvier 2026', 'https://www.simulation-impots.net/smic-au-1er-janvier-2026-une-augmentation-de-118-pour-un-pouvoir-dachat-renforce'],
]

/** Average hourly labour cost in France (wages and employer contributions). */
const LABOUR_COST: Array<[from: string, to: string | null, cents: number, source: string, url: string]> = [
  ['2022-01-01', '2023-12-31', 3920, 'Insee (4 janvier 2023) : coût horaire moyen de la main-d’œuvre en France de 39,2 € en 2020, dernier chiffre publié alors', 'https://www.info-socialrh.fr/bibliotheque-numerique/entreprise-et-carrieres/1610/les-cles/le-cout-de-la-main-doeuvre-francaise-se-situe-derriere-la-suede-et-devant-lallemagne-722880.php'],
  ['2024-01-01', null, 4220, 'Eurostat : coût horaire moyen de la main-d’œuvre en France de 42,2 € en 2023', 'https://infos.rtl.lu/actu/luxembourg/a/2182547.html'],
]

function referenceRates(): ReferenceRate[] {
  const rates: ReferenceRate[] = []
  for (const [from, to, cents, source, url] of SMIC) {
    rates.push({ type: 'benevolat', unit: 'hours', cents, from, to, note: SMIC_NOTE, source, url })
    rates.push({ type: 'benevolat', unit: 'days', cents: cents * 7, from, to, note: SMIC_DAY_NOTE, source, url })
  }
  for (const [from, to, cents, source, url] of LABOUR_COST) {
    rates.push({ type: 'mecenat_competences', unit: 'hours', cents, from, to, note: COST_NOTE, source, url })
    rates.push({ type: 'mecenat_competences', unit: 'days', cents: cents * 7, from, to, note: COST_DAY_NOTE, source, url })
    rates.push({ type: 'expertise', unit: 'hours', cents, from, to, note: EXPERTISE_NOTE, source, url })
  }
  return rates
}

export const REFERENCE_TABLE_TITLE = 'Barème de référence de la plateforme'
const REFERENCE_METHOD =
  'Version de départ : le bénévolat au SMIC horaire brut, le mécénat de compétences et l’expertise au coût horaire moyen de la main-d’œuvre ; les biens, les locaux et la logistique à la valeur de marché déclarée par le partenaire, sans valeur par défaut. Voir docs/valuation.md.'

/** Writes version 1 of the platform's table when no platform table exists (idempotent). */
export async function ensureReferenceRateTable(db: Kysely<Database>): Promise<boolean> {
  const existing = await db.selectFrom('valuation_rate_tables').select('id').where('scope', '=', 'platform').limit(1).executeTakeFirst()
  if (existing) return false
  const id = newId()
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('valuation_rate_tables').values({ id, scope: 'platform', owner_key: 'platform', alliance_id: null, version: 1, title: REFERENCE_TABLE_TITLE, method_note: REFERENCE_METHOD, is_demo: 0, created_by: null, created_at: nowIso() }).execute()
    await trx
      .insertInto('valuation_rates')
      .values(referenceRates().map((r) => ({ id: newId(), table_id: id, contribution_type: r.type, unit: r.unit, rate_cents: r.cents, valid_from: r.from, valid_to: r.to, method_note: r.note, source_text: r.source, source_url: r.url })))
      .execute()
  })
  return true
}
