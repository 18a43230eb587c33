/**
 * The data of `npm run bench:catalysis`, generated deterministically (seeded) into a database that already
 * holds the full geography: the listening scale data (5 000 organisations, 50 000 needs, 50 000 resources)
 * as the perimeter's context, then 20 000 people, 2 000 spaces (one over the whole Île-de-France région, one
 * holding 5 000 meetings), 200 000 activities, 20 000 places, 50 000 meetings with 1 000 000 registrations
 * (seat counters consistent), and one meeting of 200 participating organisations with their encounters, some
 * of them already linked before. Rows are written directly; the marker `bench_catalysis` says they are there.
 */
import type { Insertable, Kysely } from 'kysely'
import { seededRandom } from '../src/core/random.js'
import { normaliseText } from '../src/core/text/normalise.js'
import type { Database } from '../src/database.js'
import { generateScaleData } from '../src/features/listening/index.js'
import { codesOf } from '../src/features/vocabulary/index.js'
import { benchId } from './data.js'

export const BENCH_VERSION = 'v1'
export const SIZES = { people: 20_000, spaces: 2000, activities: 200_000, places: 20_000, meetings: 50_000, registrations: 1_000_000, feedMeetings: 5000, linksParticipants: 200 }

const USER = 0xc0000001
const SPACE = 0xc0000002
const ACTIVITY = 0xc0000003
const PLACE = 0xc0000004
const MEETING = 0xc0000005
const REGISTRATION = 0xc0000006
export const REGION_SPACE = benchId(SPACE, 0)
export const FEED_SPACE = benchId(SPACE, 1)
export const LINKS_MEETING = benchId(MEETING, 0)

async function insert<T extends keyof Database>(db: Kysely<Database>, table: T, rows: Array<Insertable<Database[T]>>, batch = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) await db.insertInto(table).values(rows.slice(i, i + batch) as never).execute()
}

export interface BenchFixture {
  regionSpace: string
  feedSpace: string
  linksMeeting: string
  /** an organisation whose members are the bench people (registrations act for it) */
  organisationId: string
}

export async function ensureCatalysisData(db: Kysely<Database>, log: (m: string) => void): Promise<BenchFixture> {
  const marker = await db.selectFrom('app_meta').select('value').where('key', '=', 'bench_catalysis').executeTakeFirst()
  const orgRows = async () => db.selectFrom('organisations').select(['id', 'world', 'seat_commune_id']).orderBy('id').limit(5000).execute()
  if (marker?.value === BENCH_VERSION) {
    const orgs = await orgRows()
    return { regionSpace: REGION_SPACE, feedSpace: FEED_SPACE, linksMeeting: LINKS_MEETING, organisationId: orgs[0]!.id }
  }
  const started = performance.now()
  log('listening context (organisations, needs, resources)…')
  await generateScaleData(db, { organisations: 5000, needs: 50_000, resources: 50_000, seed: 4243 })
  const random = seededRandom(4244)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const now = new Date()
  const iso = (d: Date) => d.toISOString()
  const orgs = await orgRows()

  // territory levels of every commune
  const levelRows = await db
    .selectFrom('territory_closure')
    .innerJoin('territories', 'territories.id', 'territory_closure.ancestor_id')
    .select(['territory_closure.descendant_id as commune', 'territories.id', 'territories.kind'])
    .where('territory_closure.descendant_id', 'like', 'commune:%')
    .where('territories.kind', '!=', 'commune')
    .execute()
  const levels = new Map<string, { terr_epci_id: string | null; terr_ept_id: string | null; terr_departement_id: string | null; terr_region_id: string | null }>()
  for (const r of levelRows) {
    const l = levels.get(r.commune) ?? { terr_epci_id: null, terr_ept_id: null, terr_departement_id: null, terr_region_id: null }
    if (r.kind === 'epci' && !l.terr_epci_id) l.terr_epci_id = r.id
    if (r.kind === 'ept') l.terr_ept_id = r.id
    if (r.kind === 'departement') l.terr_departement_id = r.id
    if (r.kind === 'region') l.terr_region_id = r.id
    levels.set(r.commune, l)
  }
  const communes = [...levels.keys()]
  const idfCommunes = communes.filter((c) => levels.get(c)?.terr_region_id === 'region:11')
  const groups = await db.selectFrom('territories').select(['id']).where('kind', 'in', ['epci', 'departement']).execute()

  log('people…')
  const users: Array<Insertable<Database['users']>> = []
  for (let i = 0; i < SIZES.people; i++) users.push({ id: benchId(USER, i), email: `bench-catalysis-${i}@example.org`, password_hash: 'x', display_name: `Personne ${i}`, locale: 'fr', is_platform_admin: 0, is_demo: 0, created_at: iso(now), updated_at: iso(now), email_verified_at: iso(now) })
  await insert(db, 'users', users)

  log('spaces…')
  const trades = codesOf('catalysis_trade', true)
  const activities = codesOf('catalysis_activity').filter((c) => !trades.includes(c))
  const spaces: Array<Database['catalysis_spaces']> = []
  const perimeters: Array<Database['catalysis_space_territories']> = []
  for (let i = 0; i < SIZES.spaces; i++) {
    const org = pick(orgs)
    const name = `Espace ${i} — ${org.seat_commune_id}`
    spaces.push({ id: benchId(SPACE, i), organisation_id: org.id, name, search_name: normaliseText(name), mission: 'Animer le territoire et ses coopérations.', trade_mask: 1 + Math.floor(random() * 15), is_demo: 0, created_by: null, created_at: iso(now), updated_at: iso(now) })
    const territory = i === 0 ? 'region:11' : i === 1 ? 'departement:94' : random() < 0.5 ? pick(groups).id : org.seat_commune_id
    perimeters.push({ space_id: benchId(SPACE, i), territory_id: territory })
  }
  await insert(db, 'catalysis_spaces', spaces)
  await insert(db, 'catalysis_space_territories', perimeters)

  log('activities…')
  for (let start = 0; start < SIZES.activities; start += 20_000) {
    const rows: Array<Database['catalysis_activities']> = []
    for (let i = start; i < start + 20_000; i++) {
      const activity = pick(activities)
      const day = new Date(now.getTime() - Math.floor(random() * 3 * 365) * 86400_000).toISOString().slice(0, 10)
      rows.push({ id: benchId(ACTIVITY, i), space_id: benchId(SPACE, i % SIZES.spaces), activity, trade: trades[Math.floor(activities.indexOf(activity) / 4)] as string, title: `Activité ${i}`, description: '', started_on: day, ended_on: null, year: Number(day.slice(0, 4)), minutes_spent: random() < 0.6 ? 30 + Math.floor(random() * 300) : null, is_demo: 0, created_by: null, created_at: iso(now), updated_at: iso(now) })
    }
    await insert(db, 'catalysis_activities', rows)
  }

  log('places…')
  const kinds = ['tiers_lieu', 'maison_associations', 'coworking', 'fab_lab', 'demonstrateur', 'lieu_convivial', 'salle_reunion']
  const places: Array<Database['catalysis_places']> = []
  for (let i = 0; i < SIZES.places; i++) {
    const commune = i % 5 === 0 ? pick(idfCommunes) : pick(communes)
    const name = `Lieu ${i}`
    places.push({ id: benchId(PLACE, i), organisation_id: pick(orgs).id, name, search_name: normaliseText(name), kind: pick(kinds), description: '', address: `${i} rue de la Coopération`, commune_id: commune, ...levels.get(commune)!, capacity: 20 + Math.floor(random() * 200), accessibility: 'plain_pied', services: 'wifi', opening_hours: '{}', website: null, resource_id: null, is_demo: 0, created_by: null, created_at: iso(now), updated_at: iso(now) })
  }
  await insert(db, 'catalysis_places', places)

  log('meetings and registrations…')
  const perMeeting = SIZES.registrations / SIZES.meetings
  let registration = 0
  for (let start = 0; start < SIZES.meetings; start += 2000) {
    const meetings: Array<Database['catalysis_meetings']> = []
    const seats: Array<Database['catalysis_meeting_seats']> = []
    const registrations: Array<Database['catalysis_registrations']> = []
    for (let i = start; i < start + 2000; i++) {
      // the links meeting has its own participants (below); the first 5 000 belong to the feed space
      const space = i < SIZES.feedMeetings ? FEED_SPACE : i < 15_000 ? REGION_SPACE : benchId(SPACE, 2 + (i % (SIZES.spaces - 2)))
      const commune = space === REGION_SPACE || space === FEED_SPACE ? pick(idfCommunes) : pick(communes)
      const startsAt = new Date(now.getTime() + Math.floor((random() - 0.7) * 2 * 365) * 86400_000 + 17 * 3600_000)
      const count = i === 0 ? 0 : perMeeting
      const capacity = count + Math.floor(random() * 10)
      meetings.push({ id: benchId(MEETING, i), title: `Rencontre ${i}`, kind: pick(['diner', 'atelier', 'interconnaissance', 'visite', 'webinaire']), description: '', starts_at: iso(startsAt), ends_at: iso(new Date(startsAt.getTime() + 3 * 3600_000)), place_id: null, address: '1 place de la Mairie', online_url: null, territory_id: commune, terr_commune_id: commune, ...levels.get(commune)!, space_id: space, organisation_id: pick(orgs).id, dialogue_id: null, visibility: random() < 0.9 ? 'public' : 'invitation', capacity: Math.max(1, i === 0 ? 250 : capacity), registered_count: count, waiting_count: 0, present_count: startsAt < now ? Math.floor(count * 0.8) : 0, arrival_seq: count, status: 'prevue', minutes: null, decisions: null, minutes_published_at: null, feedback_campaign_id: null, ical_sequence: 0, is_demo: 0, created_by: null, created_at: iso(now), updated_at: iso(now) })
      seats.push({ meeting_id: benchId(MEETING, i), bucket: '*', seats: Math.max(1, i === 0 ? 250 : capacity), taken: count })
      const first = Math.floor(random() * SIZES.people)
      for (let k = 0; k < count; k++) {
        registrations.push({ id: benchId(REGISTRATION, registration++), meeting_id: benchId(MEETING, i), user_id: benchId(USER, (first + k * 7) % SIZES.people), organisation_id: null, world: null, bucket: '*', status: 'inscrit', arrival: k + 1, created_at: iso(now), seated_at: iso(now), cancelled_at: null, attended: startsAt < now ? (k % 5 === 0 ? 0 : 1) : null, attendance_at: null, reminder_sent_at: null })
      }
    }
    await insert(db, 'catalysis_meetings', meetings)
    await insert(db, 'catalysis_meeting_seats', seats)
    await insert(db, 'catalysis_registrations', registrations, 1000)
    log(`  ${start + 2000} meetings`)
  }

  log('the meeting of 200 organisations and its encounters…')
  const links = orgs.slice(0, SIZES.linksParticipants)
  const linkRegs: Array<Database['catalysis_registrations']> = links.map((o, k) => ({ id: benchId(REGISTRATION, registration++), meeting_id: LINKS_MEETING, user_id: benchId(USER, k), organisation_id: o.id, world: o.world, bucket: '*', status: 'inscrit', arrival: k + 1, created_at: iso(now), seated_at: iso(now), cancelled_at: null, attended: 1, attendance_at: iso(now), reminder_sent_at: null }))
  await insert(db, 'catalysis_registrations', linkRegs)
  await db.updateTable('catalysis_meetings').set({ registered_count: links.length, present_count: links.length, arrival_seq: links.length, starts_at: iso(new Date(now.getTime() - 10 * 86400_000)), ends_at: iso(new Date(now.getTime() - 10 * 86400_000 + 3 * 3600_000)) }).where('id', '=', LINKS_MEETING).execute()
  await db.updateTable('catalysis_meeting_seats').set({ taken: links.length }).where('meeting_id', '=', LINKS_MEETING).execute()
  const pairs = new Set<string>()
  const encounters: Array<Database['catalysis_encounters']> = []
  const earlier = benchId(MEETING, 1)
  for (let n = 0; n < 800; n++) {
    const a = pick(links).id
    const b = pick(links).id
    if (a === b) continue
    const [x, y] = a < b ? [a, b] : [b, a]
    if (pairs.has(`${x}|${y}`)) continue
    pairs.add(`${x}|${y}`)
    const before = n % 4 === 0
    encounters.push({ meeting_id: before ? earlier : LINKS_MEETING, organisation_a_id: x, organisation_b_id: y, met_at: before ? iso(new Date(now.getTime() - 400 * 86400_000)) : iso(new Date(now.getTime() - 10 * 86400_000)), declared_by: null, contact_request_id: null, created_at: iso(now) })
  }
  await insert(db, 'catalysis_encounters', encounters)
  await db.insertInto('app_meta').values({ key: 'bench_catalysis', value: BENCH_VERSION, updated_at: iso(new Date()) }).onConflict((oc) => oc.column('key').doUpdateSet({ value: BENCH_VERSION })).execute()
  log(`data generated in ${Math.round((performance.now() - started) / 1000)} s`)
  return { regionSpace: REGION_SPACE, feedSpace: FEED_SPACE, linksMeeting: LINKS_MEETING, organisationId: orgs[0]!.id }
}
