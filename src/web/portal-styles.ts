/**
 * The styles of the pages where people act for organisations (/org/…): forms, tables and task lists. Kept apart
 * from the citizen pages' styles in layout.tsx; both are served as one stylesheet.
 */
export const portalStylesheet = `
.main:has(> .portal) { max-width: 60rem; }
.portal .tasks { list-style: none; margin: 0 0 1.5rem; padding: 0; display: grid; gap: 1rem; }
@media (min-width: 40rem) { .portal .tasks { grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); } }
.portal .task { border: 1px solid var(--line); border-top: 4px solid var(--accent); padding: 0.75rem 1rem; }
.portal .task h3 { font-size: 1.125rem; margin: 0 0 0.25rem; }
.portal .task p { margin: 0; font-size: 1rem; color: var(--muted); }
.table { width: 100%; border-collapse: collapse; margin: 0 0 1.5rem; font-size: 1rem; }
.table caption { text-align: left; font-weight: 700; padding: 0 0 0.5rem; }
.table th, .table td { text-align: left; vertical-align: top; padding: 0.5rem; border-bottom: 1px solid var(--line); }
.table thead th { border-bottom: 2px solid var(--ink); background: var(--note-bg); }
.table form { margin: 0; }
.table .button { font-size: 1rem; padding: 0.3rem 0.7rem; }
@media (max-width: 40rem) {
  .table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  .table tr { display: block; border-top: 2px solid var(--ink); padding: 0.5rem 0; }
  .table th, .table td { display: block; border: 0; padding: 0.25rem 0; }
  .table td::before { content: attr(data-label); display: block; font-size: 0.875rem; font-weight: 700; color: var(--muted); }
}
.form { margin: 0 0 2rem; }
.form fieldset { border: 1px solid var(--line); padding: 0.75rem 1rem 0.25rem; margin: 0 0 1.5rem; }
.form legend { font-weight: 700; padding: 0 0.25rem; }
.form select, .form textarea, .form input[type="text"], .form input[type="url"], .form input[type="date"],
.form input[type="email"] { font: inherit; width: 100%; max-width: 36rem; padding: 0.5rem; border: 2px solid var(--ink);
  border-radius: 0; background: var(--paper); color: var(--ink); }
.form textarea { min-height: 6rem; }
.form .choice { display: flex; gap: 0.5rem; align-items: flex-start; margin: 0 0 0.5rem; }
.form .choice input { width: 1.25rem; height: 1.25rem; margin-top: 0.2rem; flex: none; }
.form .choice label { font-weight: 400; }
.field--error select, .field--error textarea { border-color: var(--error); }
.actions { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; margin: 0 0 1.5rem; }
.button--plain { background: var(--paper); color: var(--accent); border-color: var(--accent); }
.button--plain:hover { background: #e6eef5; border-color: #00457a; }
.button--danger { background: var(--error); border-color: var(--error); }
.button--danger:hover { background: #8c1d17; border-color: #8c1d17; }
.flash { background: #e8f5ec; border-left: 4px solid #0b5d1e; padding: 0.75rem 1rem; margin: 0 0 1.5rem; }
.status { display: inline-block; padding: 0 0.5rem; border: 1px solid; border-radius: 4px; font-size: 0.9375rem; font-weight: 700; }
.timeline { list-style: none; margin: 0 0 1.5rem; padding: 0 0 0 1rem; border-left: 3px solid var(--line); }
.timeline li { margin: 0 0 1rem; }
.timeline time { color: var(--muted); font-size: 1rem; }
`
