/**
 * The targets (cibles) of the 17 SDGs, as codes: `1.1`…`1.5`, `1.a`, `1.b`… (169 in all; SDG 17 has 19).
 * An alliance may name targets of its goals; the codes are validated here, their wording is the UN's
 * (linked from the lexique entry of each goal).
 */

/** Per goal: how many numbered targets, and how many lettered ones (a, b, c, d). */
const SHAPE: Record<number, [numbered: number, lettered: number]> = {
  1: [5, 2],
  2: [5, 3],
  3: [9, 4],
  4: [7, 3],
  5: [6, 3],
  6: [6, 2],
  7: [3, 2],
  8: [10, 2],
  9: [5, 3],
  10: [7, 3],
  11: [7, 3],
  12: [8, 3],
  13: [3, 2],
  14: [7, 3],
  15: [9, 3],
  16: [10, 2],
  17: [19, 0],
}

/** Every target code of `goal`, in the UN's order. */
export function targetsOf(goal: number): string[] {
  const shape = SHAPE[goal]
  if (!shape) return []
  const [numbered, lettered] = shape
  const codes: string[] = []
  for (let i = 1; i <= numbered; i++) codes.push(`${goal}.${i}`)
  for (let i = 0; i < lettered; i++) codes.push(`${goal}.${String.fromCharCode(97 + i)}`)
  return codes
}

const ALL = new Set(Array.from({ length: 17 }, (_, i) => targetsOf(i + 1)).flat())

/** True when `code` is an existing SDG target (`17.17`, `4.a`). */
export function isSdgTarget(code: string): boolean {
  return ALL.has(code)
}

/** The goal a target belongs to (`17.17` → 17). */
export function goalOfTarget(code: string): number {
  return Number(code.split('.')[0])
}

/** Sorts target codes by goal, then numbered before lettered, then by number. */
export function compareTargets(a: string, b: string): number {
  const [ga, ta = ''] = a.split('.')
  const [gb, tb = ''] = b.split('.')
  if (Number(ga) !== Number(gb)) return Number(ga) - Number(gb)
  const na = /^\d+$/.test(ta) ? Number(ta) : 100 + ta.charCodeAt(0)
  const nb = /^\d+$/.test(tb) ? Number(tb) : 100 + tb.charCodeAt(0)
  return na - nb
}

export const SDG_TARGET_COUNT = ALL.size
