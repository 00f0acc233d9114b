/** What a command produced: `data` for `--json`, `text` for a person at a terminal. */
export interface CommandResult {
  data: unknown
  text: string
}

/** Left-aligned columns with a header, two spaces apart; `empty` when there are no rows. */
export function table(headers: string[], rows: string[][], empty: string): string {
  if (!rows.length) return empty
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  return [line(headers), ...rows.map(line)].join('\n')
}

/** Label/value lines, the labels padded to one width. */
export function fields(entries: [label: string, value: string][]): string {
  const width = Math.max(...entries.map(([label]) => label.length))
  return entries.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n')
}

/** RFC 3339 UTC to the second: the milliseconds only make a table wider. */
export const timestamp = (iso: string) => iso.replace(/\.\d+Z$/, 'Z')
