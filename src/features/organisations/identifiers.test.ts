import assert from 'node:assert/strict'
import { test } from 'node:test'
import { compactIdentifier, isValidRna, isValidSiren, isValidSiret, withLuhnKey } from './identifiers.js'

test('SIREN and SIRET carry a Luhn key', () => {
  assert.equal(isValidSiren('732829320'), true)
  assert.equal(isValidSiren('732829321'), false)
  assert.equal(isValidSiren('73282932'), false)
  assert.equal(isValidSiret('73282932000074'), true)
  assert.equal(isValidSiret('73282932000075'), false)
  assert.equal(isValidSiret('7328293200007A'), false)
  assert.equal(isValidSiret(compactIdentifier('732 829 320 00074')), true)
})

test("La Poste's establishments follow their own rule", () => {
  assert.equal(isValidSiret('35600000000048'), true)
  assert.equal(isValidSiret('35600000049837'), true)
  assert.equal(isValidSiret('35600000049838'), false)
})

test('RNA is W followed by 9 digits', () => {
  assert.equal(isValidRna('W943001234'), true)
  assert.equal(isValidRna('W94300123'), false)
  assert.equal(isValidRna('X943001234'), false)
  assert.equal(isValidRna(compactIdentifier('w 943 001 234')), true)
})

test('withLuhnKey completes any body into a valid number', () => {
  for (const body of ['00000010', '12345678', '0000000100001']) {
    const full = withLuhnKey(body)
    assert.equal(full.length, body.length + 1)
    assert.equal(full.length === 9 ? isValidSiren(full) : isValidSiret(full), true)
  }
})
