import assert from 'node:assert/strict'
import { test } from 'node:test'
import Type from 'typebox'
import { parseForm } from './forms.js'

const Schema = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 10 }),
  email: Type.Optional(Type.String({ format: 'email' })),
  count: Type.Optional(Type.Integer({ minimum: 1 })),
  tags: Type.Array(Type.Integer({ minimum: 1, maximum: 17 })),
  kind: Type.Union([Type.Literal('a'), Type.Literal('b')], { errorMessage: 'custom.kind' }),
})

test('strings are trimmed, empty optional fields dropped, single values wrapped, numbers converted', () => {
  const result = parseForm(Schema, { name: '  Alix ', email: '', count: '3', tags: '4', kind: 'a', _csrf: 'token', extra: 'ignored' })
  assert.deepEqual(result, { ok: true, value: { name: 'Alix', count: 3, tags: [4], kind: 'a' } })
})

test('one problem per field, in field order, with messages naming the rule', () => {
  const result = parseForm(Schema, { name: '', email: 'nope', count: '0', tags: ['1', '99'], kind: 'z' })
  assert.equal(result.ok, false)
  if (result.ok) return
  assert.deepEqual(
    result.errors.map((e) => [e.field, e.message]),
    [
      ['name', 'form.error.required'],
      ['email', 'form.error.email'],
      ['count', 'form.error.minimum'],
      ['tags', 'form.error.maximum'],
      ['kind', 'custom.kind'],
    ],
  )
})

test('missing required fields and hostile keys are reported, never applied', () => {
  const result = parseForm(Schema, JSON.parse('{"__proto__": {"admin": true}, "tags": []}'))
  assert.equal(result.ok, false)
  if (result.ok) return
  assert.deepEqual(result.errors.map((e) => e.field).sort(), ['kind', 'name'])
  assert.equal(({} as Record<string, unknown>).admin, undefined)
})
