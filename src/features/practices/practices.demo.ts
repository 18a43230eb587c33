/**
 * The library in the demonstration dataset (fictional): two practice sheets written from the published review
 * of the chantiers-école alliance, and one alliance started from the first one ("S'en inspirer"), through the
 * services, by the building federation's admin — then settled into the demo data (flag, stable journal ids and
 * dates). Idempotent and deterministic.
 */
import type { Kysely } from 'kysely'
import type { Actor, MembershipRole } from '../../core/access/actor.js'
import { normaliseText } from '../../core/text/normalise.js'
import type { Database } from '../../database.js'
import { settleDemoAlliance } from '../alliances/index.js'
import { indexSheets } from './practices.search.js'
import { inspireAlliance } from './practices.service.js'

export interface PracticesDemoOptions {
  id: (key: string) => string
}

const SHEETS = [
  {
    key: 'chantiers-ecole',
    title: 'Des chantiers-école pour former les jeunes des quartiers aux métiers du bâtiment',
    domains: ['emploi_insertion', 'education_jeunesse'],
    published: '2026-03-16',
    summary: 'Une entreprise du bâtiment, une association d’insertion, une ville et un fonds de dotation forment chaque année une trentaine de jeunes sur de vrais chantiers de rénovation, avec un tuteur et un référent social chacun.',
    context: 'À Champigny-sur-Marne, les entreprises du second œuvre peinent à recruter pendant que des jeunes des quartiers restent sans qualification. Les clauses d’insertion des marchés publics existaient mais servaient peu.',
    solution: 'Des promotions de huit à dix jeunes apprennent sur les chantiers de rénovation de la ville, encadrés par des compagnons tuteurs ; un référent social les accompagne ; l’entreprise s’engage à embaucher au moins la moitié d’entre eux.',
    process: 'Un premier tour de table en 2022, une première promotion six semaines plus tard, une charte signée au bout de deux mois, puis trois promotions par an à partir de 2023. La fédération a rejoint l’alliance pour documenter le modèle.',
    socioEconomicModel: 'Richesses humaines : le tutorat des compagnons, valorisé à son coût réel, et l’accompagnement social. Ressources financières : la ville finance la formation, le fonds de dotation les bourses d’outillage. Alliances : les chantiers eux-mêmes, supports de formation.',
    arrangement: 'Un partenariat entre organisations coordonné par l’entreprise, sans structure nouvelle : chacun garde son métier, la charte dit qui fait quoi.',
    governance: 'Un comité de pilotage (financeurs, opérateur, entreprise) décide des promotions ; un comité technique mensuel suit chaque jeune ; un groupe essaimage accompagne les nouveaux territoires.',
    legalFrame: 'Clauses sociales d’insertion dans les marchés publics de rénovation ; conventions de mise à disposition entre l’entreprise et l’association ; bourses d’outillage versées par le fonds de dotation.',
    lessons: 'Un tuteur pour deux jeunes, pas plus. L’embauche à la sortie est la preuve qui fait tenir le modèle. Documenter tôt ce qui marche : l’essaimage en dépend.',
  },
  {
    key: 'clauses-insertion',
    title: 'Des clauses d’insertion dans tous les marchés de rénovation d’une ville',
    domains: ['emploi_insertion', 'developpement_economique'],
    published: '2026-03-23',
    summary: 'Une ville inscrit des heures d’insertion dans tous ses marchés de rénovation et les oriente vers les chantiers-école d’une alliance locale, pour que la commande publique forme et embauche.',
    context: 'Les heures d’insertion des marchés publics de Champigny-sur-Marne étaient mal utilisées : les entreprises titulaires ne savaient pas à qui les confier, les jeunes n’en entendaient pas parler.',
    solution: 'Chaque marché de rénovation prévoit un volume d’heures d’insertion ; la mission emploi de la ville les oriente vers les jeunes des chantiers-école, suivis par l’agence pour l’emploi.',
    process: 'Une décision du conseil municipal en 2024, après deux ans d’expérimentation avec l’alliance ; un tableau de suivi partagé des heures réalisées ; un bilan annuel avec les entreprises.',
    socioEconomicModel: 'Ressources financières : la commande publique elle-même, sans budget nouveau. Richesses humaines : la mission emploi de la ville et les conseillers de l’agence pour l’emploi. Alliances : l’alliance des chantiers-école fournit les parcours.',
    arrangement: 'Un dispositif porté par la collectivité, adossé à une alliance existante plutôt qu’à un nouvel opérateur.',
    governance: 'La ville pilote les clauses ; le comité de pilotage de l’alliance fait le lien avec les promotions ; les entreprises titulaires rendent compte des heures.',
    legalFrame: 'Clauses sociales des marchés publics (code de la commande publique) ; suivi des heures par la mission emploi ; conventions avec les entreprises titulaires.',
    lessons: 'Les heures d’insertion ne servent que si quelqu’un les relie à des parcours réels. Compter les heures réalisées, pas seulement les heures prévues.',
  },
]

/** Loads the library demo; returns false when it is already there. */
export async function loadPracticesDemo(db: Kysely<Database>, options: PracticesDemoOptions): Promise<boolean> {
  const { id } = options
  const first = id(`practice:${SHEETS[0]?.key}`)
  if (await db.selectFrom('practice_sheets').select('id').where('id', '=', first).executeTakeFirst()) return false
  const allianceId = id('alliance:chantiers-ecole')
  const roundId = id('round:chantiers-ecole:3')
  const region = await db.selectFrom('territories').select('id').where('id', '=', 'region:11').executeTakeFirst()
  await db.transaction().execute(async (trx) => {
    for (const s of SHEETS) {
      const at = `${s.published}T10:00:00.000Z`
      const sheetId = id(`practice:${s.key}`)
      await trx
        .insertInto('practice_sheets')
        .values({
          id: sheetId,
          alliance_id: allianceId,
          round_id: roundId,
          title: s.title,
          search_name: normaliseText(s.title),
          summary: s.summary,
          context: s.context,
          solution: s.solution,
          process: s.process,
          socio_economic_model: s.socioEconomicModel,
          arrangement: s.arrangement,
          governance: s.governance,
          legal_frame: s.legalFrame,
          lessons: s.lessons,
          // The perimeter (a commune and its département) holds over 1.4 million people, all in Île-de-France.
          size_band: 'gte20000',
          region_id: region ? 'region:11' : null,
          facet_signature: '',
          is_demo: 1,
          created_by: null,
          created_at: at,
          updated_at: at,
          published_at: at,
        })
        .execute()
      await trx.insertInto('practice_sheet_domains').values(s.domains.map((domain) => ({ sheet_id: sheetId, domain }))).execute()
    }
    await indexSheets(trx, SHEETS.map((s) => id(`practice:${s.key}`)))
  })
  // "S'en inspirer": the federation starts a chantiers-école alliance in the Val-d'Oise from the first sheet.
  const federation = id('organisation:federation-batiment')
  const admin = await db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id').select(['users.id', 'users.email', 'users.display_name']).where('memberships.organisation_id', '=', federation).where('memberships.role', '=', 'admin').orderBy('users.id').limit(1).executeTakeFirstOrThrow()
  const memberships = await db.selectFrom('memberships').select(['organisation_id', 'role']).where('user_id', '=', admin.id).execute()
  const actor: Actor = { userId: admin.id, email: admin.email, displayName: admin.display_name, isPlatformAdmin: false, memberships: new Map(memberships.map((m) => [m.organisation_id, m.role as MembershipRole])) }
  const replica = await inspireAlliance(db, actor, first, { coordinatorOrganisationId: federation, name: 'Chantiers-école du Val-d’Oise', territoryIds: ['departement:95'], startedOn: '2026-04-02', visibility: 'public' }, { publicUrl: '' })
  await settleDemoAlliance(db, replica, { key: 'chantiers-ecole-val-d-oise', id, on: '2026-04-02' })
  await db.updateTable('practice_inspirations').set({ created_at: '2026-04-02T10:00:00.000Z' }).where('alliance_id', '=', replica).execute()
  return true
}
