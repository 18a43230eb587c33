import assert from 'node:assert/strict'
import { test } from 'node:test'
import { appI18n } from '../../app.js'
import { createI18n } from './index.js'

test('French and English catalogues have exactly the same keys', () => {
  const i18n = appI18n()
  const fr = i18n.keys('fr')
  const en = i18n.keys('en')
  assert.deepEqual([...fr].filter((k) => !en.has(k)), [], 'keys missing in English')
  assert.deepEqual([...en].filter((k) => !fr.has(k)), [], 'keys missing in French')
})

test('plural forms, number formatting and visible fallbacks', () => {
  const i18n = createI18n([{ fr: { 'n.zero': 'aucun', 'n.one': '{count} acteur', 'n.other': '{count} acteurs' }, en: { 'n.one': '{count} actor', 'n.other': '{count} actors' } }])
  const fr = i18n.translator('fr')
  const en = i18n.translator('en')
  assert.equal(fr('n', { count: 0 }), 'aucun')
  assert.equal(fr('n', { count: 1 }), '1 acteur')
  assert.equal(fr('n', { count: 12345 }), '12\u202f345 acteurs')
  assert.equal(en('n', { count: 0 }), '0 actors')
  assert.equal(en('missing.key'), 'missing.key')
})

test('the same key defined twice is refused at boot', () => {
  assert.throws(() => createI18n([{ fr: { a: '1' }, en: { a: '1' } }, { fr: { a: '2' }, en: { a: '2' } }]), /défini deux fois/)
})
