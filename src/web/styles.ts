import { portalStylesheet } from './portal-styles.ts'

/** The stylesheet's URL: versioned by its content, so it can be cached for a year and still never be stale. */
export const stylesheetPath = '/assets/deling.css'

/** One stylesheet for every page: system fonts, readable measure, visible focus, no external resources. */
const citizenStylesheet = `
:root {
  --ink: #1a1a1a; --muted: #4d4d4d; --paper: #ffffff; --line: #c8c8c8; --brand: #0b3a5d; --brand-ink: #ffffff;
  --accent: #005aa0; --focus: #ffbf47; --error: #b3261e; --error-bg: #fdf0ef; --note-bg: #f2f6fa;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1.125rem; line-height: 1.6; color: var(--ink); background: var(--paper); }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 6px var(--ink); }
.skip-link { position: absolute; left: -9999px; top: 0; padding: 0.5rem 1rem; background: var(--focus); color: var(--ink); }
.skip-link:focus { left: 0; z-index: 10; }
.site-header { background: var(--brand); color: var(--brand-ink); }
.site-header__inner { max-width: 60rem; margin: 0 auto; padding: 0.75rem 1rem; display: flex; flex-wrap: wrap;
  gap: 0.75rem 1.5rem; align-items: center; justify-content: space-between; }
.site-name { color: var(--brand-ink); font-size: 1.5rem; font-weight: 700; text-decoration: none; line-height: 1.2; }
.site-tagline { display: block; font-size: 0.875rem; font-weight: 400; opacity: 0.9; }
.site-tools { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
.language-switch { list-style: none; display: flex; gap: 0.75rem; margin: 0; padding: 0; font-size: 1rem; }
.language-switch a { color: var(--brand-ink); }
.language-switch a[aria-current="true"] { font-weight: 700; text-decoration: none; }
.site-tools .button { font-size: 1rem; }
.account { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0; font-size: 1rem; }
.account__link { color: var(--brand-ink); font-weight: 700; }
.main { max-width: 40rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
.main:focus { outline: none; }
h1 { font-size: 2rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.375rem; line-height: 1.3; margin: 2rem 0 0.5rem; }
p { margin: 0 0 1rem; }
.lead { font-size: 1.25rem; }
.note { background: var(--note-bg); border-left: 4px solid var(--accent); padding: 0.75rem 1rem; margin: 0 0 1.5rem; }
.error-summary { border: 3px solid var(--error); background: var(--error-bg); padding: 0.75rem 1rem; margin: 0 0 1.5rem; }
.error-summary h2 { margin-top: 0; font-size: 1.125rem; }
.error-summary p { margin: 0; }
.field { margin: 0 0 1.5rem; }
.field label { display: block; font-weight: 700; }
.field .hint { display: block; color: var(--muted); font-size: 1rem; margin-bottom: 0.25rem; }
.field .error-message { display: block; color: var(--error); font-weight: 700; }
.field--error input { border-color: var(--error); }
input[type="text"] { font: inherit; width: 100%; max-width: 16rem; padding: 0.5rem; border: 2px solid var(--ink); border-radius: 0; }
.button { display: inline-block; font: inherit; font-weight: 700; line-height: 1.2; padding: 0.6rem 1.2rem; border: 2px solid var(--accent);
  background: var(--accent); color: #ffffff; cursor: pointer; text-decoration: none; border-radius: 4px; }
.button:hover { background: #00457a; border-color: #00457a; }
.button--secondary { background: var(--paper); color: var(--brand); border-color: var(--paper); padding: 0.4rem 0.9rem; }
.button--secondary:hover { background: #e6eef5; border-color: #e6eef5; }
.persons { list-style: none; margin: 0 0 1.5rem; padding: 0; border-top: 1px solid var(--line); }
.persons li { border-bottom: 1px solid var(--line); padding: 0.5rem 0; display: flex; flex-wrap: wrap; gap: 0 1rem; justify-content: space-between; }
.persons .fnr { font-variant-numeric: tabular-nums; color: var(--muted); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1.5rem; margin: 0 0 1.5rem; }
.facts dt { font-weight: 700; }
.facts dd { margin: 0; }
.site-footer { border-top: 1px solid var(--line); color: var(--muted); font-size: 1rem; }
.site-footer p { max-width: 60rem; margin: 0 auto; padding: 0.5rem 1rem; }
/* The catalog pages (/datasets, /datasets/{id}): wider, for the results beside the filters and the rules table. */
.main:has(> .catalog) { max-width: 60rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.block { display: block; }
.muted { color: var(--muted); }
.small-heading { font-size: 1rem; margin: 1rem 0 0.25rem; }
.search-form { margin: 0 0 1.5rem; }
.search-form label { display: block; font-weight: 700; }
.search-form .hint { display: block; color: var(--muted); font-size: 1rem; margin-bottom: 0.25rem; }
.search-form__row { display: flex; flex-wrap: wrap; gap: 0.5rem; }
input[type="search"] { font: inherit; flex: 1 1 14rem; min-width: 0; max-width: 32rem; padding: 0.5rem;
  border: 2px solid var(--ink); border-radius: 0; }
.chips { list-style: none; margin: 0 0 1rem; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
.chip { display: inline-block; padding: 0.2rem 0.75rem; border: 2px solid var(--accent); border-radius: 1rem; font-size: 1rem; }
.catalog__columns { display: grid; gap: 0 2.5rem; }
@media (min-width: 52rem) { .catalog__columns { grid-template-columns: minmax(0, 1fr) 18rem; } }
.results h2, .facets h2 { margin-top: 0.5rem; }
.results__total { color: var(--muted); }
.results__list { list-style: none; margin: 0 0 1.5rem; padding: 0; border-top: 1px solid var(--line); }
.result { border-bottom: 1px solid var(--line); padding: 1rem 0; }
.result h3 { font-size: 1.25rem; margin: 0 0 0.25rem; }
.result p { margin: 0 0 0.5rem; }
.result__meta { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; align-items: center; font-size: 1rem; color: var(--muted); }
.result__bases { font-size: 1rem; color: var(--muted); }
.badge { display: inline-block; padding: 0 0.5rem; border: 1px solid; border-radius: 4px; font-size: 0.9375rem; font-weight: 700; }
.badge--public { color: #0b5d1e; background: #e8f5ec; }
.badge--restricted { color: #6b4100; background: #fff4de; }
.badge--non-public { color: #5a1f6e; background: #f5ecf8; }
.facets { background: var(--note-bg); padding: 0.75rem 1rem; margin: 0 0 1.5rem; align-self: start; }
.facet h3 { font-size: 1.0625rem; margin: 1rem 0 0.25rem; }
.facet ul { list-style: none; margin: 0; padding: 0; font-size: 1rem; }
.facet li { padding: 0.2rem 0; }
.facet a[aria-current="true"] { font-weight: 700; }
.count { color: var(--muted); white-space: nowrap; }
.paging { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 0 0 2rem; }
.breadcrumbs ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; font-size: 1rem; }
.breadcrumbs li + li::before { content: "›"; padding: 0 0.5rem; color: var(--muted); }
.inline-list { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0 1rem; }
.legal-bases { padding-left: 1.25rem; }
.legal-bases li { margin-bottom: 0.5rem; }
.rules, .operations { width: 100%; border-collapse: collapse; margin: 0 0 1.5rem; font-size: 1rem; }
.rules th, .rules td, .operations th, .operations td { text-align: left; vertical-align: top; padding: 0.5rem;
  border-bottom: 1px solid var(--line); }
.rules thead th, .operations thead th { border-bottom: 2px solid var(--ink); background: var(--note-bg); }
.rules .code { display: block; color: var(--muted); font-size: 0.875rem; }
.fields { margin: 0; padding-left: 1.1rem; }
.method { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 700; }
code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9375rem; }
code.wrap { overflow-wrap: anywhere; }
pre.command { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f4f4; border: 1px solid var(--line);
  padding: 0.5rem 0.75rem; margin: 0 0 1rem; }
@media (max-width: 40rem) {
  .rules thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .rules tr { display: block; border-top: 2px solid var(--ink); padding: 0.5rem 0; }
  .rules th, .rules td { display: block; border: 0; padding: 0.25rem 0; }
  .rules tbody th::before, .rules td::before { content: attr(data-label); display: block; font-size: 0.875rem;
    font-weight: 700; color: var(--muted); }
}
@media (max-width: 30rem) {
  h1 { font-size: 1.625rem; }
  .facts { grid-template-columns: 1fr; }
  .facts dd { margin-bottom: 0.5rem; }
}
`

/** One stylesheet for every page, citizen pages and organisation pages alike. */
export const stylesheet = citizenStylesheet + portalStylesheet

// FNV-1a: a short, stable content hash without async crypto, so the URL is known when the module loads.
function contentVersion(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(36)
}

export const stylesheetVersion = contentVersion(stylesheet)
