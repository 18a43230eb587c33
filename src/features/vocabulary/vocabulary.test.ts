import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../test/helpers/app.js'
import { DIALECTS } from '../../../test/helpers/dialects.js'
import { codesOf, SOURCES, termAnchor, termOrigin, termsOf, VOCABULARY } from './index.js'

test('every term has a French and an English label and a one-line definition in both languages', () => {
  for (const info of VOCABULARY) {
    for (const term of info.terms) {
      for (const text of [term.fr, term.en, term.defFr, term.defEn]) assert.ok(text.trim().length > 0, `${info.kind}:${term.code}`)
      assert.ok(!term.defFr.includes('\n') && !term.defEn.includes('\n'))
    }
  }
})

test('the method’s reference lists are complete', () => {
  const kind = (k: string) => VOCABULARY.find((v) => v.kind === k)?.terms ?? []
  assert.equal(kind('world').length, 9)
  assert.equal(kind('sdg').length, 17)
  assert.match(kind('sdg')[16]?.defFr ?? '', /méthode de toute alliance/)
  assert.deepEqual(kind('lever').map((t) => t.fr), ['Vision partagée', 'Gestion régulatrice', 'Action collective transformatrice'])
  assert.deepEqual(kind('impact').map((t) => t.code), ['innovation', 'performance', 'confiance'])
  assert.equal(kind('coconstruction_form').length, 3)
  assert.equal(kind('catalysis_trade').length, 4)
  assert.equal(kind('catalysis_activity').length, 16)
  assert.deepEqual(kind('partnership_type').filter((t) => t.parent === 'mecenat').map((t) => t.code), ['mecenat_financier', 'mecenat_nature', 'mecenat_logistique', 'mecenat_competences'])
})

describe('true words about the method (issue 10, item 5)', () => {
  test('each entry says where it comes from: sources that exist, or a proposal of the platform', () => {
    for (const info of VOCABULARY) {
      for (const term of info.terms) {
        const origin = termOrigin(info.kind, term.code)
        assert.ok(origin === 'alliance' || (origin.length > 0 && origin.every((key) => key in SOURCES)), `${info.kind}:${term.code}`)
      }
    }
    // Every cited source has a title and, when it is published online, a link; the year is given or null.
    for (const [key, s] of Object.entries(SOURCES)) {
      assert.ok(s.author && s.title, key)
      assert.ok(s.url === null || /^https:\/\//.test(s.url), key)
      assert.ok(s.year === null || (s.year >= 1990 && s.year <= 2026), key)
    }
  })

  test('the platform’s own lists are marked as such: alliance phases, partner roles, journal kinds, domains', () => {
    for (const kind of ['alliance_phase', 'partner_role', 'journal_kind', 'domain'] as const) {
      for (const term of termsOf(kind)) assert.equal(termOrigin(kind, term.code), 'alliance', `${kind}:${term.code}`)
    }
    for (const code of ['benevolat', 'lieu', 'expertise', 'cooperation_economique', 'partenariat_innovation']) assert.equal(termOrigin('contribution_type', code), 'alliance', code)
    // … and the method's vocabulary cites its sources.
    assert.deepEqual(termOrigin('partnership_type', 'cooperation_economique'), ['R52', 'R53'])
    assert.deepEqual(termOrigin('catalysis_activity', 'fab_lab'), ['R11'])
    assert.deepEqual(termOrigin('concept', 'contrat-alliance'), ['seed'])
    assert.deepEqual(termOrigin('sdg', '1'), ['onu'])
  })

  test('the three levers have one consistent, sourced definition: what each does and the form of democracy it rests on', () => {
    const levers = termsOf('lever')
    const forms = levers.map((t) => /démocratie (participative|représentative|délibérative)/.exec(t.defFr)?.[1])
    assert.deepEqual(forms, ['participative', 'représentative', 'délibérative'])
    const formsEn = levers.map((t) => /(participatory|representative|deliberative) democracy/.exec(t.defEn)?.[1])
    assert.deepEqual(formsEn, ['participatory', 'representative', 'deliberative'])
    for (const t of levers) assert.ok((termOrigin('lever', t.code) as readonly string[]).includes('R61'), t.code)
  })

  test('the levers’ balance is “propre à chacun”, as the source presentation says', () => {
    const lever = VOCABULARY.find((k) => k.kind === 'lever')
    assert.match(lever?.introFr ?? '', /propre à chacun/)
    assert.doesNotMatch(lever?.introFr ?? '', /chaque territoire/)
  })

  test('no contribution type is a partnership type, and the codes stored by listening and alliances stay valid', () => {
    const partnershipLabels = termsOf('partnership_type')
      .filter((t) => t.parent === undefined && t.code !== 'mecenat')
      .map((t) => t.fr.toLowerCase())
    for (const term of termsOf('contribution_type')) {
      assert.doesNotMatch(term.fr, /partenariat/i, term.code)
      for (const label of partnershipLabels) assert.ok(!term.fr.toLowerCase().includes(label), `${term.code}: « ${term.fr} » names the partnership type « ${label} »`)
    }
    assert.ok(codesOf('contribution_type').includes('cooperation_economique'))
    assert.ok(codesOf('contribution_type').includes('partenariat_innovation'))
  })
})

for (const dialect of DIALECTS) {
  describe(`lexique [${dialect.name}]`, () => {
    let t: TestApp
    before(async () => {
      t = await buildTestApp(dialect)
    })
    after(() => t.close())

    test('the table holds the reference data with each term’s origin', async () => {
      const rows = await t.db.selectFrom('vocabulary_terms').selectAll().execute()
      assert.equal(rows.length, VOCABULARY.reduce((n, v) => n + v.terms.length, 0))
      const phase = rows.find((r) => r.kind === 'alliance_phase' && r.code === 'essaimage')
      assert.deepEqual([phase?.origin, phase?.sources], ['alliance', ''])
      const lever = rows.find((r) => r.kind === 'lever' && r.code === 'action')
      assert.deepEqual([lever?.origin, lever?.sources], ['source', 'R61 seed'])
    })

    test('/lexique has an anchor for every term, in French and in English, and says where each comes from', async () => {
      const client = new Client(t.app)
      const fr = await client.get('/lexique')
      assert.equal(fr.statusCode, 200)
      for (const info of VOCABULARY) for (const term of info.terms) assert.ok(fr.body.includes(`id="${termAnchor(info.kind, term.code)}"`), termAnchor(info.kind, term.code))
      const entry = (anchor: string) => textOf(/^[\s\S]*?<\/div>/.exec(fr.body.slice(fr.body.indexOf(`id="${anchor}"`)))?.[0] ?? '').replace(/ ,/g, ',')
      assert.match(entry('alliance_phase-emergence'), /Origine : proposition d’Alliance/)
      assert.match(entry('lever-action'), /Sources : L’Illusion du dragon, Intérêt général, l’affaire de tous .*, 2018/)
      assert.match(entry('catalysis_trade-gestion_lieu'), /Source : associations\.gouv\.fr, Les catalyseurs territoriaux, s\. d\./)
      assert.match(fr.body, /<a href="https:\/\/associations\.gouv\.fr\/les-catalyseurs-territoriaux-11363\.html">/)
      assert.match(entry('concept-contrat-alliance'), /2020 \(document non publié en ligne\)/)
      await client.get('/langue/en?retour=/lexique')
      const en = await client.get('/lexique')
      assert.match(en.body, /<html lang="en">/)
      assert.match(en.body, /Partnerships for the goals/)
      assert.match(textOf(en.body), /Origin: proposed by Alliance/)
    })

    test('every lexique link on the main pages points to an existing entry', async () => {
      const client = new Client(t.app)
      const anchors = new Set(VOCABULARY.flatMap((info) => info.terms.map((term) => termAnchor(info.kind, term.code))))
      for (const url of ['/', '/territoires/commune/94080', '/acteurs', '/territoires/ept/200057941']) {
        const body = (await client.get(url)).body
        for (const m of body.matchAll(/href="\/lexique#([^"]+)"/g)) assert.ok(anchors.has(m[1] as string), `${url}: #${m[1]}`)
      }
    })

    test('the vocabulary API lists every kind, with each term’s origin and sources', async () => {
      const res = await new Client(t.app).get('/api/v1/vocabulary')
      assert.equal(res.statusCode, 200)
      type ApiTerm = { code: string; origin: string; sources: Array<{ id: string; year: number | null; url: string | null }>; href: string }
      const body = res.json() as Array<{ kind: string; terms: ApiTerm[] }>
      assert.deepEqual(body.map((k) => k.kind), VOCABULARY.map((k) => k.kind))
      const term = (kind: string, code: string) => body.find((k) => k.kind === kind)?.terms.find((x) => x.code === code)
      assert.deepEqual([term('partner_role', 'coordinateur')?.origin, term('partner_role', 'coordinateur')?.sources], ['alliance', []])
      const vision = term('lever', 'vision')
      assert.equal(vision?.origin, 'source')
      assert.deepEqual(vision?.sources.map((s) => [s.id, s.year]), [['R61', 2018], ['seed', 2020]])
      assert.equal(vision?.href, '/lexique#lever-vision')
    })
  })
}
