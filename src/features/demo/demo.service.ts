/**
 * Loads the fictional demonstration dataset (idempotent: what is already there is kept). Organisations get
 * deterministic ids, identifiers that cannot be real, people with `.invalid` e-mail addresses (reserved, never
 * deliverable) sharing one documented password, and memberships; then each feature loads its own demonstration
 * content (needs and resources, alliances, surveys, valuation, evaluation, practices, catalysis, mobilisation), each idempotent too. When the organisations are
 * loaded, every cached public page is dropped (the demo banner and every directory change), in every process.
 */
import type { Insertable, Kysely } from 'kysely'
import type { Database } from '../../database.js'
import { hashPassword } from '../accounts/index.js'
import { loadListeningDemo } from '../listening/index.js'
import { loadAllianceDemo } from '../alliances/index.js'
import { withLuhnKey } from '../organisations/index.js'
import { ALL_PAGES, invalidatePages } from '../../core/http/page-cache.js'
import { normaliseText } from '../../core/text/normalise.js'
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, FIRST_NAMES, LAST_NAMES } from './demo.data.js'
import { seededRandom } from '../../core/random.js'
import { demoId } from './demo.ids.js'
import { loadSurveyDemo } from '../surveys/index.js'
import { loadEvaluationDemo } from '../evaluation/index.js'
import { loadPracticesDemo } from '../practices/index.js'
import { loadValuationDemo } from '../valuation/index.js'
import { loadCatalysisDemo } from '../catalysis/index.js'
import { loadMobilisationDemo } from '../mobilisation/index.js'

/** 2 years before the reference date, so the demo looks lived-in; fixed so the dataset is reproducible. */
const BASE_DATE = Date.parse('2024-09-02T08:00:00Z')

/** Whether the platform demo (its organisations) is already in the database: then `loadDemo` only tops up the features' demos. */
export async function demoLoaded(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('organisations').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst()) !== undefined
}

export async function loadDemo(db: Kysely<Database>): Promise<{ loaded: boolean; organisations: number }> {
  if (await demoLoaded(db)) {
    await loadFeatureDemos(db)
    return { loaded: false, organisations: 0 }
  }
  const random = seededRandom(20201123)
  const passwordHash = await hashPassword(DEMO_PASSWORD)

  const seats = new Map<string, string>()
  const communeCodes = [...new Set(DEMO_ORGANISATIONS.map((o) => o.seat))]
  const ancestors = await db
    .selectFrom('territory_closure')
    .innerJoin('territories', 'territories.id', 'territory_closure.ancestor_id')
    .select(['territory_closure.descendant_id', 'territories.id', 'territories.kind'])
    .where('territory_closure.descendant_id', 'in', communeCodes.map((c) => `commune:${c}`))
    .execute()
  for (const code of communeCodes) seats.set(code, `commune:${code}`)
  const missing = communeCodes.filter((c) => !ancestors.some((a) => a.descendant_id === `commune:${c}`))
  if (missing.length > 0) throw new Error(`Géographie incomplète pour la démo : communes ${missing.join(', ')} absentes.`)

  const organisations: Database['organisations'][] = []
  const perimeters: Database['organisation_perimeters'][] = []
  const sdgs: Database['organisation_sdgs'][] = []
  const users: Insertable<Database['users']>[] = []
  const memberships: Database['memberships'][] = []
  const usedEmails = new Set<string>()

  DEMO_ORGANISATIONS.forEach((o, index) => {
    const id = demoId(`organisation:${o.key}`)
    const seatId = seats.get(o.seat) as string
    const created = new Date(BASE_DATE + Math.floor(random() * 540) * 86400_000).toISOString()
    const serial = String(index + 1).padStart(4, '0')
    const siren = o.siret ? withLuhnKey(`000${serial}0`.slice(0, 8)) : null
    organisations.push({
      id,
      world: o.world,
      name: o.name,
      search_name: normaliseText(o.name),
      siren,
      siret: siren ? withLuhnKey(`${siren}0001`) : null,
      rna: o.rna ? `W000${String(1_000_000 + index).slice(1)}` : null,
      seat_commune_id: seatId,
      size_band: o.size ?? null,
      description: o.description,
      website: null,
      contact_email: null,
      contact_phone: null,
      is_demo: 1,
      created_by: null,
      created_at: created,
      updated_at: created,
    })
    const perimeterIds = new Set<string>()
    for (const p of o.perimeter) {
      if (p === 'commune') perimeterIds.add(seatId)
      else if (p.includes(':')) perimeterIds.add(p)
      else {
        const match = ancestors.find((a) => a.descendant_id === seatId && a.kind === p)
        if (match) perimeterIds.add(match.id)
      }
    }
    for (const territory_id of perimeterIds) perimeters.push({ organisation_id: id, territory_id })
    for (const sdg of new Set(o.sdgs)) sdgs.push({ organisation_id: id, sdg })
    for (let p = 0; p < o.people; p++) {
      const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)] as string
      const last = LAST_NAMES[Math.floor(random() * LAST_NAMES.length)] as string
      let email =
        p === 0 && o.login
          ? `${o.login}@demo.alliance.invalid`
          : `${normaliseText(first).replace(/ /g, '-')}.${normaliseText(last).replace(/ /g, '-')}@demo.alliance.invalid`
      for (let n = 2; usedEmails.has(email); n++) email = email.replace(/(\d*)@/, `${n}@`)
      usedEmails.add(email)
      const userId = demoId(`user:${email}`)
      users.push({
        id: userId,
        email,
        password_hash: passwordHash,
        display_name: `${first} ${last}`,
        locale: 'fr',
        is_platform_admin: 0,
        is_demo: 1,
        created_at: created,
        updated_at: created,
        email_verified_at: created,
      })
      memberships.push({ user_id: userId, organisation_id: id, role: p === 0 ? 'admin' : 'member', created_at: created })
    }
  })

  await db.transaction().execute(async (trx) => {
    await trx.insertInto('users').values(users).execute()
    for (let i = 0; i < organisations.length; i += 200) await trx.insertInto('organisations').values(organisations.slice(i, i + 200)).execute()
    await trx.insertInto('organisation_perimeters').values(perimeters).execute()
    await trx.insertInto('organisation_sdgs').values(sdgs).execute()
    await trx.insertInto('memberships').values(memberships).execute()
    await invalidatePages(trx, [ALL_PAGES])
  })
  await loadFeatureDemos(db)
  return { loaded: true, organisations: organisations.length }
}

/** The demonstration content of the other features, in dependency order (each loader is idempotent). */
async function loadFeatureDemos(db: Kysely<Database>): Promise<void> {
  await loadListeningDemo(db, {
    organisations: DEMO_ORGANISATIONS.map((o) => ({ id: demoId(`organisation:${o.key}`), key: o.key, world: o.world, seatCommuneId: `commune:${o.seat}` })),
    idOf: demoId,
    random: seededRandom(20201124),
  })
  await loadAllianceDemo(db, { id: demoId, random: seededRandom(20211130) })
  await loadSurveyDemo(db, demoId)
  // Valuation, evaluation and the library, in this order (reviews value contributions; sheets need a published review).
  await loadValuationDemo(db, { id: demoId })
  await loadEvaluationDemo(db, { id: demoId })
  await loadPracticesDemo(db, { id: demoId })
  await loadCatalysisDemo(db, demoId)
  // Mobilisation last: its grant report is the evaluation demo's published review; its pledges are fulfilled by alliances' contributions.
  await loadMobilisationDemo(db, demoId)
}
