/**
 * A vocabulary label that links to its lexique entry, with the definition as a tooltip-free description
 * (the `title` attribute is not accessible, so the definition stays on the lexique page).
 */
import { useView } from '../../../core/views/context.js'
import type { VocabularyKind } from '../vocabulary.data.js'
import { termAnchor, termLabel } from '../vocabulary.terms.js'

/** A term's label linking to its lexique entry; `short` writes an SDG as "ODD 4" / "SDG 4". */
export function TermLink({ kind, code, short }: { kind: VocabularyKind; code: string; short?: boolean }) {
  const { locale } = useView()
  let label = termLabel(kind, code, locale)
  if (short && kind === 'sdg') label = (locale === 'fr' ? 'ODD ' : 'SDG ') + code
  return (
    <a class="term" href={`/lexique#${termAnchor(kind, code)}`}>
      {label}
    </a>
  )
}

/** A list of term links, e.g. the SDGs of an organisation. */
export function TermList({ kind, codes, short }: { kind: VocabularyKind; codes: string[]; short?: boolean }) {
  if (codes.length === 0) return null
  return (
    <ul class="term-list">
      {codes.map((code) => (
        <li>
          <TermLink kind={kind} code={code} short={short} />
        </li>
      ))}
    </ul>
  )
}
