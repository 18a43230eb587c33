/**
 * After a meeting, on both databases: participants say whom they met; a follow-up is a real mise en relation
 * of listening (the other side accepts it through listening's service); the new-links figure counts the
 * cross-world pairs met for the first time with what followed, and not pairs already linked; reminders are
 * sent once; a place offered as a resource appears in the matches of a need for a place.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { AppError } from '../../../core/errors.js'
import { answerContactRequest, fullScanResourcesForNeed, loadNeedSides } from '../../listening/index.js'
import { syncVocabulary } from '../../vocabulary/index.js'
import { openCatalysisDatabase } from '../../../../test/helpers/catalysis.js'
import { DIALECTS, type TestDatabase } from '../../../../test/helpers/dialects.js'
import { loadTestGeography } from '../../../../test/helpers/geography.js'
import { contribution, makeNeed, makeOrganisation, makeResource, type TestOrganisation } from '../../../../test/helpers/listening.js'
import { createPlace, offerPlace, withdrawPlaceOffer } from '../places/places.service.js'
import { declareEncounter } from './follow-ups.service.js'
import { createMeeting, type MeetingData } from './meetings.service.js'
import { newLinksOf } from './new-links.js'
import { register, takeAttendance } from './registrations.service.js'
import { sendDueReminders } from './reminders.js'

const URL = 'http://alliance.test'

function meeting(overrides: Partial<MeetingData>): MeetingData {
  return { title: 'Dîner Élus & Entreprises', kind: 'diner', description: '', startsLocal: '2030-01-10T19:00', endsLocal: '2030-01-10T22:00', placeId: null, address: '1 rue de Paris', communeId: 'commune:94080', onlineUrl: null, visibility: 'public', capacity: 20, quotas: {}, dialogueId: null, ...overrides }
}

for (const dialect of DIALECTS) {
  describe(`encounters, new links, reminders, places as resources [${dialect.name}]`, () => {
    let database: TestDatabase
    let mairie: TestOrganisation
    let entreprise: TestOrganisation
    let association: TestOrganisation
    let autreMairie: TestOrganisation
    before(async () => {
      database = await openCatalysisDatabase(dialect)
      await syncVocabulary(database.db.kysely)
      await loadTestGeography(database.db.kysely)
      const db = database.db.kysely
      mairie = await makeOrganisation(db, 'Mairie de Vincennes', 'collectivite', '94080')
      entreprise = await makeOrganisation(db, 'Atelier du Bois', 'entreprise', '94052')
      association = await makeOrganisation(db, 'Jardins du Plateau', 'association', '94017')
      autreMairie = await makeOrganisation(db, 'Mairie de Nogent', 'collectivite', '94052')
    })
    after(() => database.close())

    test('whom I met: a follow-up is a consented mise en relation; the new links count first meetings across worlds', async () => {
      const db = database.db.kysely
      const id = await createMeeting(db, mairie.actor, { organisationId: mairie.id }, meeting({}))
      for (const org of [entreprise, association, autreMairie]) await register(db, org.actor, id, { organisationId: org.id })
      // the meeting takes place
      await db.updateTable('catalysis_meetings').set({ starts_at: '2025-01-10T18:00:00.000Z', ends_at: '2025-01-10T21:00:00.000Z' }).where('id', '=', id).execute()
      const seated = await db.selectFrom('catalysis_registrations').select('id').where('meeting_id', '=', id).execute()
      await takeAttendance(db, mairie.actor, id, seated.map((s) => s.id))
      // the association and the company already knew each other (an accepted connection before the meeting)
      const oldNeed = await makeNeed(db, association, { territoryId: 'commune:94017', contributions: [contribution('mecenat_nature')] })
      const oldResource = await makeResource(db, entreprise, { contributionType: 'mecenat_nature' })
      await db.insertInto('contact_requests').values({ id: '0190a0a0-0000-7000-8000-0000000000aa', need_id: oldNeed, resource_id: oldResource, from_organisation_id: association.id, to_organisation_id: entreprise.id, from_user_id: null, message: 'Bonjour, ancienne demande.', status: 'acceptee', created_at: '2024-05-01T10:00:00.000Z', expires_at: '2024-06-01T10:00:00.000Z', answered_at: '2024-05-02T10:00:00.000Z', answered_by: null }).execute()

      // a need of the town hall and a resource of the company: the subject of the follow-up
      const need = await makeNeed(db, mairie, { territoryId: 'commune:94080', contributions: [contribution('mecenat_competences')] })
      const resource = await makeResource(db, entreprise, { contributionType: 'mecenat_competences' })
      const requestId = await declareEncounter(db, mairie.actor, id, { organisationId: mairie.id, metOrganisationId: entreprise.id, followUp: { needId: need, resourceId: resource, message: 'Ravis de vous avoir rencontrés au dîner.' } }, URL)
      assert.ok(requestId)
      const request = await db.selectFrom('contact_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow()
      assert.deepEqual([request.from_organisation_id, request.to_organisation_id, request.status], [mairie.id, entreprise.id, 'proposee'])
      await answerContactRequest(db, entreprise.actor, requestId, 'acceptee', URL)
      await declareEncounter(db, association.actor, id, { organisationId: association.id, metOrganisationId: entreprise.id, followUp: null }, URL)
      await declareEncounter(db, autreMairie.actor, id, { organisationId: autreMairie.id, metOrganisationId: mairie.id, followUp: null }, URL)
      // declaring the same pair again changes nothing
      await declareEncounter(db, entreprise.actor, id, { organisationId: entreprise.id, metOrganisationId: mairie.id, followUp: null }, URL)
      assert.equal((await db.selectFrom('catalysis_encounters').select('meeting_id').where('meeting_id', '=', id).execute()).length, 3)

      const figure = await newLinksOf(db, [id])
      assert.equal(figure.nodes.length, 4)
      assert.equal(figure.newLinks.length, 1, 'only the town hall and the company met for the first time across worlds')
      assert.deepEqual(figure.newLinks[0]!.connection, { id: requestId, status: 'acceptee' })
      assert.equal(figure.before.length, 1, 'the association and the company were linked before')
      assert.equal(figure.met.length, 2, 'an old pair and a same-world pair met too')

      // refusals: a non-participant, a follow-up whose need and resource are not the two sides'
      const outsider = await makeOrganisation(db, 'Extérieure', 'fondation', '94017')
      await assert.rejects(declareEncounter(db, outsider.actor, id, { organisationId: outsider.id, metOrganisationId: mairie.id, followUp: null }, URL), (e: AppError) => e.status === 403)
      await assert.rejects(declareEncounter(db, association.actor, id, { organisationId: association.id, metOrganisationId: outsider.id, followUp: null }, URL), (e: AppError) => e.fields[0]?.message === 'catalysis.error.metNotParticipant')
      await assert.rejects(declareEncounter(db, association.actor, id, { organisationId: association.id, metOrganisationId: mairie.id, followUp: { needId: need, resourceId: resource, message: 'Un message assez long.' } }, URL), (e: AppError) => e.fields[0]?.message === 'catalysis.error.followUpSubject')
    })

    test('reminders: due registrations are reminded once, whoever runs the job and however often', async () => {
      const db = database.db.kysely
      const soon = new Date(Date.now() + 24 * 3600_000)
      const local = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(d).replace(' ', 'T')
      const id = await createMeeting(db, mairie.actor, { organisationId: mairie.id }, meeting({ startsLocal: local(soon), endsLocal: local(new Date(soon.getTime() + 3600_000)) }))
      await register(db, entreprise.actor, id, { organisationId: entreprise.id })
      await register(db, association.actor, id, { organisationId: association.id })
      const [first, second] = await Promise.all([sendDueReminders(db), sendDueReminders(db)])
      assert.equal((first ?? 0) + (second ?? 0), 2)
      assert.equal(await sendDueReminders(db), 0)
      const notes = await db.selectFrom('notifications').select('user_id').where('message_key', '=', 'catalysis.notify.reminder').execute()
      assert.equal(notes.length, 2)
      const mails = await db.selectFrom('mail_messages').select('recipient').where('template', '=', 'catalysis.mail.reminder').orderBy('recipient').execute()
      assert.equal(mails.length, 2, 'one e-mail per registration, queued with the mark')
      // a meeting far away is not reminded yet
      await createMeeting(db, mairie.actor, { organisationId: mairie.id }, meeting({}))
      assert.equal(await sendDueReminders(db), 0)
    })

    test('a place offered as a resource appears in the matches of a need for a place; withdrawn, it does not', async () => {
      const db = database.db.kysely
      const place = await createPlace(db, mairie.actor, mairie.id, { name: 'Salle des fêtes de Vincennes', kind: 'salle_reunion', description: 'Une grande salle prêtée aux associations.', address: '3 place de la Mairie', communeId: 'commune:94080', capacity: 120, accessibility: ['plain_pied'], services: ['wifi'], openingHours: { lun: '09:00-12:00,14:00-18:00' }, website: null })
      const need = await makeNeed(db, association, { territoryId: 'commune:94017', contributions: [contribution('lieu')] })
      const resourceId = await offerPlace(db, mairie.actor, place)
      const resource = await db.selectFrom('resources').selectAll().where('id', '=', resourceId).executeTakeFirstOrThrow()
      assert.deepEqual([resource.contribution_type, resource.organisation_id, resource.status, resource.people], ['lieu', mairie.id, 'disponible', 120])
      const side = (await loadNeedSides(db, [need])).get(need)
      const matches = await fullScanResourcesForNeed(db, side!, { limit: 20, now: new Date() })
      assert.ok(matches.some((m) => m.id === resourceId), 'the place is among the matches')
      await withdrawPlaceOffer(db, mairie.actor, place)
      const after = await fullScanResourcesForNeed(db, side!, { limit: 20, now: new Date() })
      assert.ok(!after.some((m) => m.id === resourceId))
      // a place in an unknown commune is refused, nothing stored
      const count = async () => (await db.selectFrom('catalysis_places').select('id').execute()).length
      const n = await count()
      await assert.rejects(createPlace(db, mairie.actor, mairie.id, { name: 'Nulle part', kind: 'tiers_lieu', description: '', address: '1 rue Inconnue', communeId: 'commune:99999', capacity: 0, accessibility: [], services: [], openingHours: { mar: '18:00-09:00' }, website: null }), (e: AppError) => e.fields.map((f) => f.field).join() === 'commune,capacity,hours_mar')
      assert.equal(await count(), n)
    })
  })
}
