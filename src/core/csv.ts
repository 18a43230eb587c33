/**
 * Every CSV the platform writes goes through here, so that a spreadsheet never runs what it opens.
 *
 * OWASP's rule against formula injection (CSV injection): a text cell that starts with `=`, `+`, `-`, `@`, a tab or
 * a carriage return (or their full-width forms) is prefixed with a single quote, which spreadsheets show but do not
 * evaluate. Numbers stay numbers (a negative amount is written as the number it is, not neutralised). The rule,
 * quoting and separators are csv-stringify's (`escape_formulas`).
 */
import { stringify } from 'csv-stringify/sync'

export type CsvCell = string | number | boolean | null | undefined

/**
 * Writes rows as CSV (RFC 4180, `\r\n` line ends, UTF-8 with a byte-order mark when `bom` so that spreadsheets
 * read accents right). Text cells are neutralised; numbers and booleans are written as values; null is empty.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<CsvCell>>, options: { bom?: boolean; delimiter?: ',' | ';' } = {}): string {
  return stringify(rows as CsvCell[][], { bom: options.bom ?? false, delimiter: options.delimiter ?? ',', record_delimiter: 'windows', escape_formulas: true })
}
