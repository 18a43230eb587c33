import assert from 'node:assert/strict'
import { test } from 'node:test'
import Type from 'typebox'
import { parseInput as parseForm } from './validation.js'

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

test('control characters are refused in every string, line breaks and tabs are text', () => {
  const Text = Type.Object({ title: Type.String({ maxLength: 50 }), body: Type.Optional(Type.String()) })
  for (const bad of ['a\u0000b', 'a\u0007', 'x\u001Fy', 'del\u007F', 'c1\u0085', 'ls\u2028', 'lone\uD800']) {
    const result = parseForm(Text, { title: bad })
    assert.equal(result.ok, false, JSON.stringify(bad))
    if (!result.ok) assert.deepEqual(result.errors, [{ field: 'title', message: 'form.error.controlCharacter' }])
  }
  assert.deepEqual(parseForm(Text, { title: 'ok', body: 'line\r\nnext\tcol 😀' }), { ok: true, value: { title: 'ok', body: 'line\r\nnext\tcol 😀' } })
})

test('a JSON body is trimmed too: whitespace-only is empty, unknown keys stay for additionalProperties', () => {
  const Strict = Type.Object({ title: Type.String({ minLength: 1 }) }, { additionalProperties: false })
  const blank = parseForm(Strict, { title: '   ' }, { form: false })
  assert.deepEqual(blank, { ok: false, errors: [{ field: 'title', message: 'form.error.required' }] })
  const extra = parseForm(Strict, { title: 'x', admin: true }, { form: false })
  assert.deepEqual(extra, { ok: false, errors: [{ field: 'admin', message: 'form.error.unknownField' }] })
})

test('nested JSON: the problem is named on its top-level property', () => {
  const Nested = Type.Object({ items: Type.Array(Type.Object({ n: Type.Integer({ minimum: 1 }) })) })
  const result = parseForm(Nested, { items: [{ n: 2 }, { n: 0 }] }, { form: false })
  assert.deepEqual(result, { ok: false, errors: [{ field: 'items', message: 'form.error.minimum', params: { min: 1 } }] })
})

test('a failed choice does not hide the problems of the fields after it', () => {
  const S = Type.Object({ kind: Type.Union([Type.Literal('a'), Type.Literal('b')]), on: Type.String({ format: 'date' }), n: Type.Integer() })
  const result = parseForm(S, { kind: 'z', on: 'demain', n: 'x' })
  assert.deepEqual(result.ok ? [] : result.errors.map((e) => [e.field, e.message]), [
    ['kind', 'form.error.choice'],
    ['on', 'form.error.date'],
    ['n', 'form.error.integer'],
  ])
})
