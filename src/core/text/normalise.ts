/**
 * Text normalisation for searching names: lower case, no accents, ligatures expanded, every punctuation
 * (hyphen, apostrophe, dot…) turned into a space, spaces collapsed. "Saint-Étienne" and "saint etienne"
 * normalise to the same string; so do "L'Haÿ-les-Roses" and "l hay les roses".
 */

const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss' }

export function normaliseText(input: string): string {
  return input
    .replace(/[œŒæÆß]/g, (c) => LIGATURES[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/** Variant where apostrophes join words ("l'hay" → "lhay"), so both spellings find the name. */
export function normaliseJoiningElisions(input: string): string {
  return normaliseText(input.replace(/['’`]/g, ''))
}

const ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' }

/** Normalises what a person typed in a search box, expanding "st"/"ste" to "saint"/"sainte". */
export function normaliseQuery(input: string): string {
  return normaliseText(input)
    .split(' ')
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ')
}
