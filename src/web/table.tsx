import type { Child } from 'hono/jsx'

/** One column of a table: its name and how a row fills it. */
export interface Column<Row> {
  /** The column's heading, repeated beside each value on a narrow screen (`data-label`). */
  label: string
  cell: (row: Row) => Child
  /** A column of buttons or links: its heading is for screen readers only. */
  hiddenHeading?: boolean
  /** Its cells repeat no label on a narrow screen (a button says what it does). */
  unlabelled?: boolean
}

/**
 * A table that reads on a narrow screen too: there each row becomes a block with the column names repeated beside
 * each value (CSS, from `data-label`), so nothing scrolls sideways.
 */
export function ColumnTable<Row>(props: {
  columns: Column<Row>[]
  rows: Row[]
  class: string
  caption?: string
  labelledBy?: string
  /** The first cell names the row (`<th scope="row">`). */
  rowHeader?: boolean
  /** Attributes of a row's `<tr>`, such as the `data-…` id tests and scripts find it by. */
  rowAttributes?: (row: Row) => Record<string, string>
}) {
  const { columns } = props
  return (
    <table class={props.class} aria-labelledby={props.labelledBy}>
      {props.caption ? <caption class="visually-hidden">{props.caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col">
              {column.hiddenHeading ? <span class="visually-hidden">{column.label}</span> : column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr {...(props.rowAttributes?.(row) ?? {})}>
            {columns.map((column, index) => {
              const label = column.unlabelled ? undefined : column.label
              return props.rowHeader && index === 0 ? (
                <th scope="row" data-label={label}>
                  {column.cell(row)}
                </th>
              ) : (
                <td data-label={label}>{column.cell(row)}</td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
