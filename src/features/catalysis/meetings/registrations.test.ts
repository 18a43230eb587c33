/**
 * Registrations under concurrency, on SQLite and PostgreSQL: 200 people register at the same time for 30
 * seats — exactly 30 are seated and 170 wait, in order of arrival; cancellations promote the first waiting
 * person; quotas per world hold; bad meeting input is refused with every field named and nothing stored.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import type { Actor } from '../../../core/access/actor.js'
import { AppError } from '../../../core/errors.js'
import { syncVocabulary } from '../../vocabulary/index.js'
import { DIALECTS, type TestDatabase } from '../../../../test/helpers/dialects.js'
import { loadTestGeography } from '../../../../test/helpers/geography.js'
import { actorOf, addMember, buildCatalysisWorld, insertOrganisation, insertUser, nextYear, openCatalysisDatabase, type CatalysisWorld } from '../../../../test/helpers/catalysis.js'
import { createMeeting, updateMeeting, type MeetingData } from './meetings.service.js'
import { cancelRegistration, register, takeAttendance } from './registrations.service.js'

function meeting(overrides: Partial<MeetingData> = {}): MeetingData {
  return {
    title: 'Dîner Élus & Entreprises',
    kind: 'diner',
    description: 'Un dîner pour se connaître.',
    startsLocal: nextYear('11-23T19:00'),
    endsLocal: nextYear('11-23T22:30'),
    placeId: null,
    address: '1 avenue de Paris',
    communeId: 'commune:94080',
    onlineUrl: null,
    visibility: 'public',
    capacity: 30,
    quotas: {},
    dialogueId: null,
    ...overrides,
  }
}

async function problemsOf(work: Promise<unknown>): Promise<string[]> {
  try {
    await work
  } catch (error) {
    if (error instanceof AppError) return error.fields.map((f) => `${f.field}:${f.message}`)
    throw error
  }
  assert.fail('expected a validation error')
}

for (const dialect of DIALECTS) {
  describe(`meeting registrations [${dialect.name}]`, () => {
    let database: TestDatabase
    let w: CatalysisWorld
    let people: Actor[]
    before(async () => {
      database = await openCatalysisDatabase(dialect)
      const db = database.db.kysely
      await syncVocabulary(db)
      await loadTestGeography(db)
      w = await buildCatalysisWorld(db)
      const elus = await insertOrganisation(db, 'Commune invitée', 'collectivite', 'commune:94017')
      const company = await insertOrganisation(db, 'Entreprise invitée', 'entreprise', 'commune:94017')
      people = []
      for (let i = 0; i < 200; i++) {
        const id = await insertUser(db, `p${i}@example.org`)
        await addMember(db, id, i % 2 === 0 ? elus : company, 'member')
        people.push(await actorOf(db, `p${i}@example.org`))
      }
    })
    after(() => database.close())

    test('200 simultaneous registrations for 30 seats: 30 seated, 170 waiting in order of arrival', async () => {
      const db = database.db.kysely
      const id = await createMeeting(db, w.actors.memberA, { spaceId: w.spaceId }, meeting())
      const results = await Promise.all(people.map((p) => register(db, p, id, { organisationId: null })))
      assert.equal(results.filter((r) => r.status === 'inscrit').length, 30)
      assert.equal(results.filter((r) => r.status === 'attente').length, 170)
      const rows = await db.selectFrom('catalysis_registrations').select(['status', 'arrival', 'user_id']).where('meeting_id', '=', id).orderBy('arrival').execute()
      assert.deepEqual(rows.map((r) => r.arrival), Array.from({ length: 200 }, (_, i) => i + 1), 'arrivals are 1…200 without gaps')
      assert.ok(rows.slice(0, 30).every((r) => r.status === 'inscrit'), 'the first 30 arrivals have the seats')
      assert.ok(rows.slice(30).every((r) => r.status === 'attente'))
      const m = await db.selectFrom('catalysis_meetings').select(['registered_count', 'waiting_count']).where('id', '=', id).executeTakeFirstOrThrow()
      assert.deepEqual([m.registered_count, m.waiting_count], [30, 170])
      const seats = await db.selectFrom('catalysis_meeting_seats').select(['seats', 'taken']).where('meeting_id', '=', id).execute()
      assert.deepEqual(seats, [{ seats: 30, taken: 30 }])

      // cancellations promote the first waiting people, in order of arrival
      const seated = rows.slice(0, 3).map((r) => people.find((p) => p.userId === r.user_id) as Actor)
      await Promise.all(seated.map((p) => cancelRegistration(db, p, id)))
      const after = await db.selectFrom('catalysis_registrations').select(['status', 'arrival']).where('meeting_id', '=', id).orderBy('arrival').execute()
      assert.deepEqual(after.slice(0, 3).map((r) => r.status), ['annule', 'annule', 'annule'])
      assert.deepEqual(after.slice(30, 34).map((r) => r.status), ['inscrit', 'inscrit', 'inscrit', 'attente'])
      assert.equal(after.filter((r) => r.status === 'inscrit').length, 30)
      const promoted = rows[30]?.user_id as string
      const notes = await db.selectFrom('notifications').select('message_key').where('user_id', '=', promoted).execute()
      assert.deepEqual(notes.map((n) => n.message_key), ['catalysis.notify.seatGranted'])
      const mails = await db.selectFrom('mail_messages').select(['recipient', 'params', 'unsubscribe_kind']).where('template', '=', 'catalysis.mail.seatGranted').execute()
      assert.equal(mails.length, 3, 'each promoted person gets the e-mail (queued with the act)')
      assert.deepEqual(mails.map((m) => m.unsubscribe_kind), ['catalysis.seat-granted', 'catalysis.seat-granted', 'catalysis.seat-granted'])
      const params = JSON.parse(mails[0]!.params) as Record<string, string>
      assert.deepEqual([params.day?.slice(0, 5), params.time, params.link], ['23/11', '19:00', `/rencontres/${id}`], 'the Paris day and hour, not a sentence')
    })

    test('registering twice is refused; leaving the waiting list does not free a seat', async () => {
      const db = database.db.kysely
      const id = await createMeeting(db, w.actors.memberA, { spaceId: w.spaceId }, meeting({ capacity: 1 }))
      await register(db, people[0] as Actor, id, { organisationId: null })
      await assert.rejects(register(db, people[0] as Actor, id, { organisationId: null }), (e: AppError) => e.code === 'ALLIANCE_ERR_CONFLICT')
      const second = await register(db, people[1] as Actor, id, { organisationId: null })
      const third = await register(db, people[2] as Actor, id, { organisationId: null })
      assert.deepEqual([second.position, third.position], [1, 2])
      await cancelRegistration(db, people[1] as Actor, id)
      const statuses = await db.selectFrom('catalysis_registrations').select(['user_id', 'status']).where('meeting_id', '=', id).orderBy('arrival').execute()
      assert.deepEqual(statuses.map((s) => s.status), ['inscrit', 'annule', 'attente'])
      // registering again after cancelling goes to the end of the queue
      const again = await register(db, people[1] as Actor, id, { organisationId: null })
      assert.deepEqual([again.status, again.position], ['attente', 2])
    })

    test('quotas per world: élus and companies each fill their own seats; a freed quota seat goes to the same world', async () => {
      const db = database.db.kysely
      const id = await createMeeting(db, w.actors.memberA, { spaceId: w.spaceId }, meeting({ capacity: 4, quotas: { collectivite: 2, entreprise: 2 } }))
      const results = await Promise.all(people.slice(0, 12).map((p) => register(db, p, id, { organisationId: [...p.memberships.keys()][0] as string })))
      assert.equal(results.filter((r) => r.status === 'inscrit').length, 4)
      const seats = await db.selectFrom('catalysis_meeting_seats').select(['bucket', 'seats', 'taken']).where('meeting_id', '=', id).orderBy('bucket').execute()
      assert.deepEqual(seats, [
        { bucket: '*', seats: 0, taken: 0 },
        { bucket: 'collectivite', seats: 2, taken: 2 },
        { bucket: 'entreprise', seats: 2, taken: 2 },
      ])
      const seatedCompany = await db.selectFrom('catalysis_registrations').select('user_id').where('meeting_id', '=', id).where('bucket', '=', 'entreprise').where('status', '=', 'inscrit').orderBy('arrival').executeTakeFirstOrThrow()
      await cancelRegistration(db, people.find((p) => p.userId === seatedCompany.user_id) as Actor, id)
      const promoted = await db.selectFrom('catalysis_registrations').select(['world']).where('meeting_id', '=', id).where('status', '=', 'inscrit').execute()
      assert.deepEqual(promoted.map((p) => p.world).sort(), ['collectivite', 'collectivite', 'entreprise', 'entreprise'])
      // a bigger quota seats the next waiting company at once
      await updateMeeting(db, w.actors.memberA, id, meeting({ capacity: 5, quotas: { collectivite: 2, entreprise: 3 } }))
      const companies = await db.selectFrom('catalysis_registrations').select('status').where('meeting_id', '=', id).where('bucket', '=', 'entreprise').where('status', '=', 'inscrit').execute()
      assert.equal(companies.length, 3)
      // a quota may not go below the people it seats
      assert.deepEqual(await problemsOf(updateMeeting(db, w.actors.memberA, id, meeting({ capacity: 5, quotas: { collectivite: 1, entreprise: 3 } }))), ['quota_collectivite:catalysis.error.quotaBelowRegistered'])
    })

    test('attendance: only seated people, the count is stored', async () => {
      const db = database.db.kysely
      const id = await createMeeting(db, w.actors.memberA, { spaceId: w.spaceId }, meeting({ capacity: 3 }))
      const regs = await Promise.all(people.slice(0, 4).map((p) => register(db, p, id, { organisationId: null })))
      const seated = regs.filter((r) => r.status === 'inscrit').map((r) => r.id)
      const waiting = regs.find((r) => r.status === 'attente')?.id as string
      assert.deepEqual(await problemsOf(takeAttendance(db, w.actors.memberA, id, [waiting])), ['present:catalysis.error.notRegistered'])
      await assert.rejects(takeAttendance(db, w.actors.adminO, id, seated), (e: AppError) => e.status === 403)
      assert.equal(await takeAttendance(db, w.actors.adminC, id, seated.slice(0, 2)), 2)
      const m = await db.selectFrom('catalysis_meetings').select('present_count').where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(m.present_count, 2)
    })

    test('bad input: end before start, capacity 0 or negative, quotas above capacity, unknown commune — every field named, nothing stored', async () => {
      const db = database.db.kysely
      const before = await db.selectFrom('catalysis_meetings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      assert.deepEqual(
        await problemsOf(createMeeting(db, w.actors.memberA, { spaceId: w.spaceId }, meeting({ endsLocal: nextYear('11-23T18:00'), capacity: 0, communeId: 'commune:99999' }))),
        ['ends_at:catalysis.error.endBeforeStart', 'commune:catalysis.error.communeUnknown', 'capacity:catalysis.error.capacity'],
      )
      assert.deepEqual(await problemsOf(createMeeting(db, w.actors.memberA, { spaceId: w.spaceId }, meeting({ capacity: -3 }))), ['capacity:catalysis.error.capacity'])
      assert.deepEqual(await problemsOf(createMeeting(db, w.actors.memberA, { spaceId: w.spaceId }, meeting({ capacity: 20, quotas: { collectivite: 15, entreprise: 15 } }))), ['quotas:catalysis.error.quotasAboveCapacity'])
      assert.deepEqual(await problemsOf(createMeeting(db, w.actors.memberA, { spaceId: w.spaceId }, meeting({ communeId: 'departement:94' }))), ['commune:catalysis.error.communeRequired'])
      assert.deepEqual(await problemsOf(createMeeting(db, w.actors.memberA, { spaceId: w.spaceId }, meeting({ startsLocal: nextYear('03-29T02:30').replace(/^\d{4}/, '2026') }))), ['starts_at:catalysis.error.dateTime'])
      const after = await db.selectFrom('catalysis_meetings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      assert.equal(Number(after.n), Number(before.n))
    })

    test('property: whatever the order of registrations and cancellations, seats are never overbooked and the queue stays in order', async () => {
      const db = database.db.kysely
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.boolean()), { minLength: 1, maxLength: 25 }), async (capacity, steps) => {
          const id = await createMeeting(db, w.actors.memberA, { spaceId: w.spaceId }, meeting({ capacity }))
          for (const [who, cancel] of steps) {
            const actor = people[who] as Actor
            try {
              if (cancel) await cancelRegistration(db, actor, id)
              else await register(db, actor, id, { organisationId: null })
            } catch (error) {
              if (!(error instanceof AppError) || ![404, 409].includes(error.status)) throw error
            }
          }
          const rows = await db.selectFrom('catalysis_registrations').select(['status', 'arrival']).where('meeting_id', '=', id).orderBy('arrival').execute()
          const seated = rows.filter((r) => r.status === 'inscrit').length
          const waiting = rows.filter((r) => r.status === 'attente')
          assert.ok(seated <= capacity)
          // nobody waits while a seat is free
          if (waiting.length > 0) assert.equal(seated, capacity)
          const m = await db.selectFrom('catalysis_meetings').select(['registered_count', 'waiting_count']).where('id', '=', id).executeTakeFirstOrThrow()
          assert.deepEqual([m.registered_count, m.waiting_count], [seated, waiting.length])
        }),
        { numRuns: 25 },
      )
    })
  })
}
