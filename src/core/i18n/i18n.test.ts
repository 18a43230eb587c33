import assert from 'node:assert/strict'
import { test } from 'node:test'
import { appI18n } from '../../app.js'
import { createI18n, translateLabel, translateStored, type I18n, type Locale, type Params } from './index.js'

// These tests bring their own catalogues, whose keys are not the application's `MessageKey`: their translators are
// seen through a method, whose parameter accepts any string (method parameters are bivariant), without a cast.
interface TestTranslator {
  translate(key: string, params?: Params): string
}
const translatorOf = (i18n: I18n, locale: Locale): TestTranslator => ({ translate: i18n.translator(locale) })

test('French and English catalogues have exactly the same keys', () => {
  const i18n = appI18n()
  const fr = i18n.keys('fr')
  const en = i18n.keys('en')
  assert.deepEqual([...fr].filter((k) => !en.has(k)), [], 'keys missing in English')
  assert.deepEqual([...en].filter((k) => !fr.has(k)), [], 'keys missing in French')
})

test('ICU plural forms, number formatting and visible fallbacks', () => {
  const i18n = createI18n([{ fr: { n: '{count, plural, =0 {aucun} one {# acteur} other {# acteurs}}', 'n.zero': 'un autre message' }, en: { n: '{count, plural, one {# actor} other {# actors}}', 'n.zero': 'another message' } }])
  const fr = translatorOf(i18n, 'fr')
  const en = translatorOf(i18n, 'en')
  assert.equal(fr.translate('n', { count: 0 }), 'aucun')
  assert.equal(fr.translate('n', { count: 1 }), '1 acteur')
  assert.equal(fr.translate('n', { count: 12345 }), '12\u202f345 acteurs')
  assert.equal(en.translate('n', { count: 0 }), '0 actors')
  assert.equal(fr.translate('n.zero'), 'un autre message', 'a key ending in .zero is a message of its own')
  assert.equal(en.translate('missing.key'), 'missing.key')
})

test('the plurals of the page frame read as before their conversion to ICU', () => {
  const i18n = appI18n()
  const fr = i18n.translator('fr')
  const en = i18n.translator('en')
  assert.equal(fr('form.errorSummary', { count: 1 }), 'Il y a un problème à corriger')
  assert.equal(fr('form.errorSummary', { count: 3 }), 'Il y a 3 problèmes à corriger')
  assert.equal(fr('form.errorSummary', { count: 1500 }), 'Il y a 1\u202f500 problèmes à corriger')
  assert.equal(en('form.errorSummary', { count: 1 }), 'There is a problem to fix')
  assert.equal(en('form.errorSummary', { count: 2 }), 'There are 2 problems to fix')
  assert.equal(fr('layout.notifications.unread', { count: 1 }), 'non lue')
  assert.equal(fr('layout.notifications.unread', { count: 4 }), 'non lues')
  assert.equal(en('layout.notifications.unread', { count: 4 }), 'unread')
})

test('keys that come from data are checked against the catalogues, with a visible fallback', () => {
  const t = appI18n().translator('en')
  assert.equal(t.has('layout.skip'), true)
  assert.equal(t.has('layout.nope'), false)
  assert.equal(translateStored(t, 'layout.skip'), 'Skip to content')
  assert.equal(translateStored(t, 'layout.nope'), 'layout.nope')
  const labels = { admin: 'organisations.role.admin' } as const
  assert.equal(translateLabel(t, labels, 'admin'), t('organisations.role.admin'))
  assert.equal(translateLabel(t, labels, 'owner'), 'owner')
  assert.equal(translateLabel(t, labels, 'toString'), 'toString')
})

test('the same key defined twice is refused at boot', () => {
  assert.throws(() => createI18n([{ fr: { a: '1' }, en: { a: '1' } }, { fr: { a: '2' }, en: { a: '2' } }]), /défini deux fois/)
})
