import type { Child } from 'hono/jsx'

/**
 * A section with the newest few of a longer list: a sentence when there are none, "the newest n of m" when there
 * are more, then the entries (each an `<li>`) and whatever leads on (the link to the whole list).
 */
export function NewestList<Entry>(props: {
  id: string
  heading: string
  newest: { items: Entry[]; total: number }
  empty: string
  showing: (shown: number, total: number) => string
  entry: (entry: Entry) => Child
  children?: Child
}) {
  const { items, total } = props.newest
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.heading}</h2>
      {items.length === 0 ? <p>{props.empty}</p> : null}
      {total > items.length ? <p class="muted">{props.showing(items.length, total)}</p> : null}
      {items.length ? <ul class="results__list">{items.map(props.entry)}</ul> : null}
      {props.children}
    </section>
  )
}
