/**
 * The questionnaire builder: create from a template, edit the title, add/rename/move/delete sections, add,
 * edit, move and delete questions and options (server-side forms), display conditions, profile roles,
 * subtotals, preview, duplicate, frozen structure once answered; other organisations get 404.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { buildTestApp, Client, textOf, type TestApp } from '../../../../test/helpers/app.js'
import { DIALECTS } from '../../../../test/helpers/dialects.js'
import { analyst, barometerForm, campaign, questionnaire } from '../../../../test/helpers/surveys.js'
import { parseDefinition, type Definition } from '../surveys.definition.js'

for (const dialect of DIALECTS) {
  describe(`questionnaire builder [${dialect.name}]`, () => {
    let t: TestApp
    let owner: Client
    let orgId: string
    let outsider: Client
    before(async () => {
      t = await buildTestApp(dialect)
      const a = await analyst(t, 'constructrice@example.org', 'Atelier des enquêtes')
      owner = a.client
      orgId = a.orgId
      outsider = (await analyst(t, 'autre@example.org', 'Autre organisation')).client
    })
    after(() => t.close())

    const definitionOf = async (id: string): Promise<Definition> => {
      const row = await t.db.selectFrom('survey_questionnaires').select('definition').where('id', '=', id).executeTakeFirstOrThrow()
      return parseDefinition(row.definition)
    }
    const count = async () => Number((await t.db.selectFrom('survey_questionnaires').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

    test('requires authentication', async () => {
      const anonymous = new Client(t.app)
      for (const url of ['/enquetes', '/enquetes/nouvelle']) {
        const res = await anonymous.get(url)
        assert.equal(res.statusCode, 303)
        assert.match(String(res.headers.location), /^\/connexion/)
      }
      const before = await count()
      const res = await anonymous.post('/enquetes/nouvelle', { organisation: orgId, title: 'Intrus', template: 'vide' })
      assert.equal(res.statusCode, 303)
      assert.equal(await count(), before)
    })

    test('rejects invalid input when creating, naming the fields, and stores nothing', async () => {
      const before = await count()
      const res = await owner.post('/enquetes/nouvelle', { organisation: orgId, title: 'x', template: 'inconnu' })
      assert.equal(res.statusCode, 400)
      assert.match(res.body, /href="#champ-title"/)
      assert.match(textOf(res.body), /Choisissez un modèle/)
      // acting for an organisation one is not a member of is a right that depends on the input: 404
      const foreign = await outsider.post('/enquetes/nouvelle', { organisation: orgId, title: 'Pas chez moi', template: 'vide' })
      assert.equal(foreign.statusCode, 404)
      const malformed = await owner.post('/enquetes/nouvelle', { organisation: 'pas-un-id', title: 'Mauvais identifiant', template: 'vide' })
      assert.equal(malformed.statusCode, 400)
      assert.match(textOf(malformed.body), /Choisissez une organisation dont vous êtes membre/)
      const territory = await owner.post('/enquetes/nouvelle', { organisation: orgId, title: 'Territoire inconnu', template: 'acteurs', territory: 'Atlantide' })
      assert.equal(territory.statusCode, 400)
      assert.match(textOf(territory.body), /Aucun territoire ne correspond à « Atlantide »/)
      assert.equal(await count(), before)
    })

    test('happy path: the barometer template has the three-lever question in the source wording and the profile questions', async () => {
      const id = await questionnaire(owner, orgId, 'barometre', 'Baromètre 2026')
      const row = await t.db.selectFrom('survey_questionnaires').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      assert.equal(row.organisation_id, orgId)
      assert.equal(row.template, 'barometre')
      const def = parseDefinition(row.definition)
      const q1 = def.sections[0]?.questions[0]
      assert.equal(q1?.type, 'ranking')
      assert.equal(q1?.label, 'Pour favoriser la mobilisation de votre territoire, pourriez-vous classer ces trois leviers dans l’ordre des priorités (1 à 3) ?')
      assert.deepEqual(q1?.options.map((o) => o.code), ['vision', 'gestion', 'action'])
      const profiles = def.sections.flatMap((s) => s.questions).map((q) => q.profile).filter(Boolean)
      assert.deepEqual(profiles, ['sex', 'age', 'region', 'size', 'occupation', 'world'])
      const page = await owner.get(`/enquetes/${id}`)
      assert.equal(page.statusCode, 200)
      assert.match(textOf(page.body), /Votre profil/)
      const list = await owner.get('/enquetes')
      assert.match(textOf(list.body), /Baromètre 2026/)
      assert.doesNotMatch(textOf((await outsider.get('/enquetes')).body), /Baromètre 2026/)
    })

    test('the actors template offers the communes of its territory', async () => {
      const id = await questionnaire(owner, orgId, 'acteurs', 'Acteurs du territoire', 'Paris Est Marne et Bois')
      const def = await definitionOf(id)
      const territory = def.sections.flatMap((s) => s.questions).find((q) => q.profile === 'territory')
      assert.ok(territory)
      assert.equal(territory.options.length, 13)
      assert.ok(territory.options.some((o) => o.label === 'Vincennes' && o.code === 't94080'))
    })

    test('another organisation gets 404 on every builder page and action, and changes nothing', async () => {
      const id = await questionnaire(owner, orgId, 'vide', 'Privé')
      const before = JSON.stringify(await definitionOf(id))
      assert.equal((await outsider.get(`/enquetes/${id}`)).statusCode, 404)
      assert.equal((await outsider.get(`/enquetes/${id}/apercu`)).statusCode, 404)
      assert.equal((await outsider.post(`/enquetes/${id}/sections`, { title: 'Intrusion' })).statusCode, 404)
      assert.equal((await outsider.post(`/enquetes/${id}/questions`, { section: 's1', type: 'single', label: 'Intrusion' })).statusCode, 404)
      assert.equal((await outsider.post(`/enquetes/${id}/dupliquer`)).statusCode, 404)
      assert.equal(JSON.stringify(await definitionOf(id)), before)
    })

    test('sections: add, rename, move, refuse to delete a non-empty one, delete an empty one', async () => {
      const id = await questionnaire(owner, orgId, 'vide', 'Sections')
      assert.equal((await owner.post(`/enquetes/${id}/sections`, { title: '' })).statusCode, 400)
      assert.equal((await owner.post(`/enquetes/${id}/sections`, { title: 'Deuxième' })).statusCode, 303)
      let def = await definitionOf(id)
      const second = def.sections[1]?.key as string
      assert.equal((await owner.post(`/enquetes/${id}/sections/${second}`, { op: 'rename', title: 'Renommée' })).statusCode, 303)
      assert.equal((await owner.post(`/enquetes/${id}/sections/${second}`, { op: 'up' })).statusCode, 303)
      def = await definitionOf(id)
      assert.deepEqual(def.sections.map((s) => s.title), ['Renommée', 'Questions'])
      await owner.post(`/enquetes/${id}/questions`, { section: second, type: 'short_text', label: 'Une question' })
      const refused = await owner.post(`/enquetes/${id}/sections/${second}`, { op: 'delete' })
      assert.equal(refused.statusCode, 400)
      assert.match(textOf(refused.body), /Une section qui contient des questions ne peut pas être supprimée/)
      assert.equal((await definitionOf(id)).sections.length, 2)
      assert.equal((await owner.post(`/enquetes/${id}/sections/s1`, { op: 'delete' })).statusCode, 303)
      assert.deepEqual((await definitionOf(id)).sections.map((s) => s.title), ['Renommée'])
      assert.equal((await owner.post(`/enquetes/${id}/sections/s1`, { op: 'explode' })).statusCode, 400)
    })

    test('questions: add with validation, edit options (add, relabel, move, delete), ranking, scale and number settings', async () => {
      const id = await questionnaire(owner, orgId, 'vide', 'Questions')
      const bad = await owner.post(`/enquetes/${id}/questions`, { section: 's1', type: 'essay', label: '' })
      assert.equal(bad.statusCode, 400)
      assert.match(textOf(bad.body), /Choisissez un type de question/)
      assert.equal((await definitionOf(id)).sections[0]?.questions.length, 0)
      const added = await owner.post(`/enquetes/${id}/questions`, { section: 's1', type: 'single', label: 'Votre moyen de transport ?' })
      assert.equal(added.statusCode, 303)
      const key = String(added.headers.location).split('/').pop() as string
      const editUrl = `/enquetes/${id}/questions/${key}`
      assert.equal((await owner.get(editUrl)).statusCode, 200)
      const base = { label: 'Votre moyen de transport ?', required: 'on', help: 'Le plus fréquent.' }
      const emptyOption = await owner.post(editUrl, { ...base, op: 'add-option', new_option: '' })
      assert.equal(emptyOption.statusCode, 400)
      assert.match(textOf(emptyOption.body), /Donnez un libellé à l’option/)
      for (const label of ['Vélo', 'Voiture', 'Marche']) assert.equal((await owner.post(editUrl, { ...base, op: 'add-option', new_option: label })).statusCode, 303)
      let q = (await definitionOf(id)).sections[0]?.questions[0]
      assert.deepEqual(q?.options.map((o) => o.label), ['Vélo', 'Voiture', 'Marche'])
      assert.equal(q?.help, 'Le plus fréquent.')
      const [velo, voiture, marche] = (q?.options ?? []).map((o) => o.code) as [string, string, string]
      assert.equal((await owner.post(editUrl, { ...base, op: `option-up:${marche}`, [`option_${velo}`]: 'Vélo ou trottinette' })).statusCode, 303)
      q = (await definitionOf(id)).sections[0]?.questions[0]
      assert.deepEqual(q?.options.map((o) => o.label), ['Vélo ou trottinette', 'Marche', 'Voiture'])
      assert.equal((await owner.post(editUrl, { ...base, op: `option-delete:${voiture}` })).statusCode, 303)
      const blank = await owner.post(editUrl, { ...base, op: 'save', [`option_${velo}`]: '' })
      assert.equal(blank.statusCode, 400)
      q = (await definitionOf(id)).sections[0]?.questions[0]
      assert.deepEqual(q?.options.map((o) => o.label), ['Vélo ou trottinette', 'Marche'])

      const ranking = await owner.post(`/enquetes/${id}/questions`, { section: 's1', type: 'ranking', label: 'Classez' })
      const rankingKey = String(ranking.headers.location).split('/').pop() as string
      for (const label of ['A', 'B', 'C', 'D']) await owner.post(`/enquetes/${id}/questions/${rankingKey}`, { label: 'Classez', op: 'add-option', new_option: label })
      const tooMany = await owner.post(`/enquetes/${id}/questions/${rankingKey}`, { label: 'Classez', op: 'save', rank_count: '9' })
      assert.equal(tooMany.statusCode, 400)
      assert.match(textOf(tooMany.body), /Le nombre d’éléments à classer va de 1 à 4/)
      assert.equal((await owner.post(`/enquetes/${id}/questions/${rankingKey}`, { label: 'Classez deux', op: 'save', rank_count: '2', partial: 'on', required: 'on' })).statusCode, 303)
      const rq = (await definitionOf(id)).sections[0]?.questions.find((x) => x.key === rankingKey)
      assert.equal(rq?.rankCount, 2)
      assert.equal(rq?.partialRanking, true)

      const scale = await owner.post(`/enquetes/${id}/questions`, { section: 's1', type: 'scale', label: 'Satisfaction' })
      const scaleKey = String(scale.headers.location).split('/').pop() as string
      assert.equal((await owner.post(`/enquetes/${id}/questions/${scaleKey}`, { label: 'Satisfaction', op: 'save', scale_range: '1-5', min_label: 'Pas du tout', max_label: 'Tout à fait' })).statusCode, 303)
      const number = await owner.post(`/enquetes/${id}/questions`, { section: 's1', type: 'number', label: 'Combien ?' })
      const numberKey = String(number.headers.location).split('/').pop() as string
      const inverted = await owner.post(`/enquetes/${id}/questions/${numberKey}`, { label: 'Combien ?', op: 'save', number_min: '10', number_max: '2' })
      assert.equal(inverted.statusCode, 400)
      assert.match(textOf(inverted.body), /Le maximum doit être supérieur ou égal au minimum/)
      assert.equal((await owner.post(`/enquetes/${id}/questions/${numberKey}`, { label: 'Combien ?', op: 'save', number_min: '0', number_max: '100', number_integer: 'on', number_unit: 'personnes' })).statusCode, 303)
      const def = await definitionOf(id)
      const all = def.sections[0]?.questions ?? []
      assert.deepEqual(all.find((x) => x.key === scaleKey)?.scale, { min: 1, max: 5, minLabel: 'Pas du tout', maxLabel: 'Tout à fait' })
      assert.deepEqual(all.find((x) => x.key === numberKey)?.number, { min: 0, max: 100, integer: true, unit: 'personnes' })
    })

    test('display conditions, profile roles and subtotals follow their rules', async () => {
      const id = await questionnaire(owner, orgId, 'barometre', 'Règles')
      // q4 is shown when q3 = oui; conditions must point to an earlier question with one question's options
      const q5 = `/enquetes/${id}/questions/q5`
      const mixed = await owner.post(q5, { label: 'Vous êtes…', op: 'save', required: 'on', profile: 'sex', condition: ['q2:plutot', 'q3:oui'] })
      assert.equal(mixed.statusCode, 400)
      assert.match(textOf(mixed.body), /Une condition porte sur une seule question/)
      const twice = await owner.post(q5, { label: 'Vous êtes…', op: 'save', required: 'on', profile: 'age' })
      assert.equal(twice.statusCode, 400)
      assert.match(textOf(twice.body), /Une autre question tient déjà cette variable de profil/)
      const one = await owner.post(`/enquetes/${id}/questions/q2`, { label: 'Accord ?', op: 'save', required: 'on', subtotal: ['plutot'] })
      assert.equal(one.statusCode, 400)
      assert.match(textOf(one.body), /Un sous-total additionne au moins deux options/)
      assert.equal((await owner.post(q5, { label: 'Vous êtes…', op: 'save', required: 'on', profile: 'sex', condition: ['q3:oui'] })).statusCode, 303)
      const q = (await definitionOf(id)).sections[1]?.questions[0]
      assert.deepEqual(q?.condition, { question: 'q3', options: ['oui'] })
      assert.equal(q?.profile, 'sex')
      assert.equal((await owner.post(`/enquetes/${id}/questions/q2`, { label: 'Accord ?', op: 'save', required: 'on', subtotal: ['tout_a_fait', 'plutot'], subtotal_label: 'Total d’accord' })).statusCode, 303)
      assert.deepEqual((await definitionOf(id)).sections[0]?.questions[1]?.subtotal, { label: 'Total d’accord', options: ['tout_a_fait', 'plutot'] })
      // an option used by a later condition cannot be deleted
      const used = await owner.post(`/enquetes/${id}/questions/q3`, { label: 'Participé ?', op: 'option-delete:oui', required: 'on' })
      assert.equal(used.statusCode, 400)
      assert.match(textOf(used.body), /Cette option sert à la condition d’affichage des questions 4, 5/)
    })

    test('moving and deleting questions; a question others depend on cannot be deleted', async () => {
      const id = await questionnaire(owner, orgId, 'barometre', 'Déplacements')
      const q3delete = await owner.post(`/enquetes/${id}/questions/q3/supprimer`)
      assert.equal(q3delete.statusCode, 400)
      assert.match(textOf(q3delete.body), /L’affichage des questions 4 dépend de celle-ci/)
      const breaks = await owner.post(`/enquetes/${id}/questions/q4/deplacer`, { direction: 'haut' })
      assert.equal(breaks.statusCode, 400)
      assert.match(textOf(breaks.body), /placerait une question avant celle dont dépend son affichage/)
      assert.equal((await owner.post(`/enquetes/${id}/questions/q2/deplacer`, { direction: 'sens' })).statusCode, 400)
      assert.equal((await owner.post(`/enquetes/${id}/questions/q2/deplacer`, { direction: 'haut' })).statusCode, 303)
      let keys = (await definitionOf(id)).sections[0]?.questions.map((q) => q.key)
      assert.deepEqual(keys, ['q2', 'q1', 'q3', 'q4'])
      // the last question of a section moves down into the next section
      assert.equal((await owner.post(`/enquetes/${id}/questions/q4/deplacer`, { direction: 'bas' })).statusCode, 303)
      const def = await definitionOf(id)
      assert.equal(def.sections[1]?.questions[0]?.key, 'q4')
      assert.equal((await owner.post(`/enquetes/${id}/questions/q4/supprimer`)).statusCode, 303)
      keys = (await definitionOf(id)).sections.flatMap((s) => s.questions).map((q) => q.key)
      assert.ok(!keys.includes('q4'))
      assert.equal((await owner.get(`/enquetes/${id}/questions/q99`)).statusCode, 404)
    })

    test('preview shows the questionnaire without a form; duplicate copies it', async () => {
      const id = await questionnaire(owner, orgId, 'barometre', 'Original')
      const preview = await owner.get(`/enquetes/${id}/apercu`)
      assert.equal(preview.statusCode, 200)
      assert.match(textOf(preview.body), /Aperçu du questionnaire/)
      assert.doesNotMatch(preview.body, /name="intent"/)
      const before = await count()
      const copy = await owner.post(`/enquetes/${id}/dupliquer`)
      assert.equal(copy.statusCode, 303)
      const copyId = String(copy.headers.location).split('/').pop() as string
      assert.equal(await count(), before + 1)
      const row = await t.db.selectFrom('survey_questionnaires').selectAll().where('id', '=', copyId).executeTakeFirstOrThrow()
      assert.equal(row.title, 'Original (copie)')
      assert.equal(row.definition, (await t.db.selectFrom('survey_questionnaires').select('definition').where('id', '=', id).executeTakeFirstOrThrow()).definition)
    })

    test('once answered, the questions are frozen (409) but the title can change; the copy can be edited', async () => {
      const id = await questionnaire(owner, orgId, 'barometre', 'Figé')
      const campaignId = await campaign(owner, id)
      const respondent = new Client(t.app)
      assert.equal((await respondent.post(`/repondre/${campaignId}`, barometerForm())).statusCode, 303)
      const before = JSON.stringify(await definitionOf(id))
      const frozen = await owner.post(`/enquetes/${id}/questions`, { section: 's1', type: 'single', label: 'Trop tard' })
      assert.equal(frozen.statusCode, 409)
      assert.match(textOf(frozen.body), /ses questions et options ne peuvent plus changer/)
      assert.equal((await owner.get(`/enquetes/${id}/questions/q1`)).statusCode, 409)
      assert.equal(JSON.stringify(await definitionOf(id)), before)
      assert.match(textOf((await owner.get(`/enquetes/${id}`)).body), /Dupliquez-le pour en faire une nouvelle version/)
      assert.equal((await owner.post(`/enquetes/${id}`, { title: 'Figé mais renommé', intro: 'Bonjour' })).statusCode, 303)
      const row = await t.db.selectFrom('survey_questionnaires').select(['title', 'intro']).where('id', '=', id).executeTakeFirstOrThrow()
      assert.deepEqual(row, { title: 'Figé mais renommé', intro: 'Bonjour' })
      const bad = await owner.post(`/enquetes/${id}`, { title: 'x' })
      assert.equal(bad.statusCode, 400)
      const copy = await owner.post(`/enquetes/${id}/dupliquer`)
      const copyId = String(copy.headers.location).split('/').pop() as string
      assert.equal((await owner.post(`/enquetes/${copyId}/questions`, { section: 's1', type: 'single', label: 'Nouvelle' })).statusCode, 303)
    })
  })
}
