/**
 * Survey fixtures for route tests: an analyst with an organisation, a questionnaire from a template, a
 * campaign, and barometer answers as the answer form posts them. Everything goes through the HTTP routes,
 * as a person would do it.
 */
import assert from 'node:assert/strict'
import type { Form } from './app.js'
import { Client, type TestApp } from './app.js'

let rnaCounter = 0

/** Signs up a person and registers an association they administer; returns the client and the org id. */
export async function analyst(t: TestApp, email: string, organisation: string): Promise<{ client: Client; orgId: string }> {
  const client = new Client(t.app)
  await client.signUp(email, 'un mot de passe très long', `Analyste ${organisation}`)
  rnaCounter++
  const rna = `W9430${String(process.pid % 1000).padStart(3, '0')}${String(rnaCounter).padStart(2, '0')}`
  const res = await client.post('/acteurs/nouveau', { name: organisation, world: 'association', rna, seat: '94300', perimeter_levels: ['commune'], sdgs: ['17'] })
  assert.equal(res.statusCode, 303, res.body.slice(0, 500))
  return { client, orgId: String(res.headers.location).split('/').pop() as string }
}

/** Creates a questionnaire from a template; returns its id. */
export async function questionnaire(client: Client, orgId: string, template = 'barometre', title = 'Baromètre test', territory = ''): Promise<string> {
  const res = await client.post('/enquetes/nouvelle', { organisation: orgId, title, template, territory })
  assert.equal(res.statusCode, 303, res.body.slice(0, 800))
  return String(res.headers.location).split('/').pop() as string
}

/** Opens a campaign on a questionnaire; returns its id. */
export async function campaign(client: Client, questionnaireId: string, overrides: Form = {}): Promise<string> {
  const res = await client.post(`/enquetes/${questionnaireId}/campagnes`, {
    title: 'Campagne test',
    territory: '',
    segments: ['citoyen'],
    opens_on: '2020-01-01',
    closes_on: '2099-12-31',
    mode: 'anonymous',
    ...overrides,
  })
  assert.equal(res.statusCode, 303, res.body.slice(0, 800))
  return String(res.headers.location).split('/').pop() as string
}

/** A complete set of barometer answers (question keys of the `barometre` template). */
export function barometerForm(overrides: Form = {}): Form {
  return {
    q_q1__vision: '2',
    q_q1__gestion: '3',
    q_q1__action: '1',
    q_q2: 'plutot',
    q_q3: 'oui',
    q_q4: 'Un jardin partagé',
    q_q5: 'f',
    q_q6: 'a35_44',
    q_q7: 'r11',
    q_q8: 'gte20000',
    q_q9: 'cadres',
    q_q10: 'citoyen',
    intent: 'submit',
    ...overrides,
  }
}

const SEXES = ['f', 'h']
const AGES = ['a18_24', 'a25_34', 'a35_44', 'a45_54', 'a55_64', 'a65p']
const WORLDS = ['citoyen', 'association', 'entreprise']
const LEVER_ORDERS = [
  ['1', '2', '3'],
  ['2', '1', '3'],
  ['3', '2', '1'],
  ['2', '3', '1'],
]

/** The i-th of a varied series of barometer answers (deterministic), all in Île-de-France. */
export function variedBarometerForm(i: number): Form {
  const order = LEVER_ORDERS[i % LEVER_ORDERS.length] as string[]
  return barometerForm({
    q_q1__vision: order[0] as string,
    q_q1__gestion: order[1] as string,
    q_q1__action: order[2] as string,
    q_q2: ['tout_a_fait', 'plutot', 'plutot_pas', 'pas_du_tout'][i % 4] as string,
    q_q3: i % 3 === 0 ? 'oui' : 'non',
    q_q4: '',
    q_q5: SEXES[i % 2] as string,
    q_q6: AGES[i % 6] as string,
    q_q8: ['lt2000', '2000to19999', 'gte20000'][i % 3] as string,
    q_q10: WORLDS[i % 3] as string,
  })
}

/** Submits `count` anonymous responses, each from a fresh browser. */
export async function anonymousResponses(t: TestApp, campaignId: string, count: number, form: (i: number) => Form = variedBarometerForm): Promise<void> {
  for (let i = 0; i < count; i++) {
    const respondent = new Client(t.app)
    await respondent.get(`/repondre/${campaignId}`)
    const res = await respondent.post(`/repondre/${campaignId}`, form(i), { csrf: await csrfOf(respondent, campaignId) })
    assert.equal(res.statusCode, 303, res.body.slice(0, 800))
  }
}

/** The CSRF token of the answer page (a respondent has no account page). */
export async function csrfOf(client: Client, campaignId: string): Promise<string> {
  const res = await client.get(`/repondre/${campaignId}`)
  const match = /name="_csrf" value="([^"]+)"/.exec(res.body)
  if (!match?.[1]) throw new Error(`no CSRF token on /repondre/${campaignId} (status ${res.statusCode})`)
  return match[1]
}
