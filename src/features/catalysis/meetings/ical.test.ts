/**
 * iCalendar output parsed back with an independent parser (ical.js): one `.ics` per meeting and the feeds of
 * a space and of a territory are valid RFC 5545, carry the Paris time zone, and a meeting held after the
 * October daylight-saving change keeps its local hour (18:30 before and after the change). Times entered in
 * Paris are stored as the right instants, and the spring gap is refused.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import ICAL from 'ical.js'
import { buildTestApp, Client, type TestApp } from '../../../../test/helpers/app.js'
import { buildCatalysisWorld } from '../../../../test/helpers/catalysis.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'
import { isoToParisLocal, isoWithParisOffset, parisLocalToIso } from '../paris-time.js'
import { meetingsCalendar } from './ical.js'
import { createMeeting } from './meetings.service.js'

/** Parses a calendar: its VTIMEZONE is registered first, so that event times resolve in it. */
function events(text: string) {
  const component = new ICAL.Component(ICAL.parse(text))
  const tz = component.getFirstSubcomponent('vtimezone')
  if (tz) ICAL.TimezoneService.register(tz)
  return { component, events: component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)) }
}

describe('Paris local times', () => {
  test('the offset is that of the day: +02:00 in summer, +01:00 in winter', () => {
    assert.equal(parisLocalToIso('2026-10-24T18:30'), '2026-10-24T16:30:00.000Z')
    assert.equal(parisLocalToIso('2026-10-26T18:30'), '2026-10-26T17:30:00.000Z')
    assert.equal(isoToParisLocal('2026-10-26T17:30:00.000Z'), '2026-10-26T18:30')
    assert.equal(isoWithParisOffset('2026-11-23T18:30:00.000Z'), '2026-11-23T19:30:00+01:00')
  })
  test('a time in the spring gap, a day that does not exist or junk are refused', () => {
    assert.equal(parisLocalToIso('2026-03-29T02:30'), null)
    assert.equal(parisLocalToIso('2026-02-30T10:00'), null)
    assert.equal(parisLocalToIso('demain 18h'), null)
  })
})

describe('meetingsCalendar', () => {
  test('a meeting across the October change keeps its local hour, and parses with ical.js', () => {
    const base = { description: 'Ordre du jour ; virgules, et accents', status: 'prevue', ical_sequence: 2, updated_at: '2026-09-01T10:00:00.000Z', created_at: '2026-09-01T10:00:00.000Z', location: '1 rue de Paris, 94300 Vincennes', online_url: null, organiser_name: 'Mission coopérations' }
    const text = meetingsCalendar('Rencontres', [
      { ...base, id: '0190a0a0-0000-7000-8000-000000000001', title: 'Avant le changement', starts_at: parisLocalToIso('2026-10-24T18:30')!, ends_at: parisLocalToIso('2026-10-24T21:00')! },
      { ...base, id: '0190a0a0-0000-7000-8000-000000000002', title: 'Après le changement', starts_at: parisLocalToIso('2026-10-26T18:30')!, ends_at: parisLocalToIso('2026-10-26T21:00')!, status: 'annulee' },
      { ...base, id: '0190a0a0-0000-7000-8000-000000000003', title: 'À cheval sur la nuit du changement', starts_at: parisLocalToIso('2026-10-24T20:00')!, ends_at: parisLocalToIso('2026-10-25T10:00')! },
    ], 'http://alliance.test')
    const { component, events: list } = events(text)
    assert.ok(component.getFirstSubcomponent('vtimezone'), 'a VTIMEZONE is given')
    assert.equal(list.length, 3)
    const [before, afterChange, across] = list as [ICAL.Event, ICAL.Event, ICAL.Event]
    for (const e of list) assert.equal(e.startDate.zone?.tzid, 'Europe/Paris')
    assert.deepEqual([before.startDate.hour, before.startDate.minute], [18, 30])
    assert.deepEqual([afterChange.startDate.hour, afterChange.startDate.minute], [18, 30])
    // same local hour, different instants: the offsets differ by one hour
    assert.equal(before.startDate.toJSDate().toISOString(), '2026-10-24T16:30:00.000Z')
    assert.equal(afterChange.startDate.toJSDate().toISOString(), '2026-10-26T17:30:00.000Z')
    // a night across the change lasts 15 hours, not 14
    assert.equal((across.endDate.toJSDate().getTime() - across.startDate.toJSDate().getTime()) / 3600_000, 15)
    assert.equal(before.uid, '0190a0a0-0000-7000-8000-000000000001@alliance.test')
    assert.equal(before.sequence, 2)
    assert.equal(before.location, '1 rue de Paris, 94300 Vincennes')
    assert.match(before.description, /Ordre du jour ; virgules, et accents/)
    assert.equal(afterChange.component.getFirstPropertyValue('status'), 'CANCELLED')
    assert.match(String(before.component.getFirstPropertyValue('dtstamp')), /Z$|T/)
  })
  test('an empty feed is a valid calendar', () => {
    assert.equal(events(meetingsCalendar('Vide', [], 'http://alliance.test')).events.length, 0)
  })
})

for (const dialect of DIALECTS) {
  describe(`calendar routes [${dialect.name}]`, () => {
    let t: TestApp
    let meetingId: string
    let spaceId: string
    before(async () => {
      t = await buildTestApp(dialect)
      const w = await buildCatalysisWorld(t.db)
      spaceId = w.spaceId
      const year = new Date().getUTCFullYear() + 1
      meetingId = await createMeeting(t.db, w.actors.memberA, { spaceId }, { title: 'Dîner d’automne', kind: 'diner', description: '', startsLocal: `${year}-11-05T19:00`, endsLocal: `${year}-11-05T22:00`, placeId: null, address: '1 avenue de Paris', communeId: 'commune:94080', onlineUrl: null, visibility: 'public', capacity: 30, quotas: {}, dialogueId: null })
      await createMeeting(t.db, w.actors.memberA, { spaceId }, { title: 'Réunion privée', kind: 'atelier', description: '', startsLocal: `${year}-10-30T19:00`, endsLocal: `${year}-10-30T22:00`, placeId: null, address: '1 avenue de Paris', communeId: 'commune:94080', onlineUrl: null, visibility: 'invitation', capacity: 30, quotas: {}, dialogueId: null })
    })
    after(() => t.close())

    test('the .ics of a meeting, the feed of its space and of its territory parse and hold public meetings only', async () => {
      const client = new Client(t.app)
      for (const [url, count] of [[`/rencontres/${meetingId}/calendrier.ics`, 1], [`/espaces/${spaceId}/calendrier.ics`, 1], ['/rencontres/territoires/departement/94/calendrier.ics', 1], ['/rencontres/territoires/commune/94080/calendrier.ics', 1], ['/rencontres/territoires/departement/69/calendrier.ics', 0]] as const) {
        const res = await client.get(url)
        assert.equal(res.statusCode, 200, url)
        assert.match(String(res.headers['content-type']), /^text\/calendar/)
        const { events: list } = events(res.body)
        assert.equal(list.length, count, url)
        if (count === 1) {
          assert.equal(list[0]!.summary, 'Dîner d’automne')
          assert.deepEqual([list[0]!.startDate.hour, list[0]!.startDate.minute], [19, 0])
        }
      }
      assert.equal((await client.get('/rencontres/territoires/departement/XX/calendrier.ics')).statusCode, 404)
    })

    test('the meeting page carries its schema.org Event', async () => {
      const res = await new Client(t.app).get(`/rencontres/${meetingId}`)
      const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.body)?.[1]
      assert.ok(json)
      const event = JSON.parse(json) as Record<string, unknown>
      assert.equal(event['@type'], 'Event')
      assert.equal(event.name, 'Dîner d’automne')
      assert.match(String(event.startDate), /T19:00:00\+01:00$/)
      assert.equal(event.eventAttendanceMode, 'https://schema.org/OfflineEventAttendanceMode')
      assert.equal((event.location as { address: { addressLocality: string } }).address.addressLocality, 'Vincennes')
    })
  })
}
