/**
 * French organisation identifiers, checked offline (format and check digit; the registries themselves are
 * not queried): SIREN (9 digits) and SIRET (14 digits) carry a Luhn key; La Poste's establishments
 * (SIREN 356 000 000) use a digit-sum-multiple-of-5 rule instead. RNA association numbers are `W` + 9 digits.
 */

/** Removes spaces, dots and dashes people type inside numbers ("123 456 789" → "123456789"). */
export function compactIdentifier(value: string): string {
  return value.replace(/[\s.\-\u00a0\u202f]/g, '').toUpperCase()
}

function luhnValid(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** True for a 9-digit SIREN whose Luhn key is right. */
export function isValidSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && luhnValid(value)
}

const LA_POSTE_SIREN = '356000000'

/** True for a 14-digit SIRET whose key is right (Luhn, or La Poste's own rule). */
export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false
  if (value.startsWith(LA_POSTE_SIREN) && value !== '35600000000048') {
    let sum = 0
    for (const c of value) sum += c.charCodeAt(0) - 48
    return sum % 5 === 0
  }
  return luhnValid(value)
}

/** True for an RNA number: `W` followed by 9 digits (e.g. W943001234). */
export function isValidRna(value: string): boolean {
  return /^W\d{9}$/.test(value)
}

/** Appends the Luhn key to a number (used to build valid fictional identifiers for the demo dataset). */
export function withLuhnKey(body: string): string {
  for (let key = 0; key <= 9; key++) if (luhnValid(body + key)) return body + key
  throw new Error('unreachable')
}
