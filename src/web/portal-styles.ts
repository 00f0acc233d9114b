/**
 * The styles of the pages where people act for organisations (/org/…): forms, tables and task lists. Kept apart
 * from the citizen pages' styles in styles.ts; both are served as one stylesheet.
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
/* Publishing forms (/org/{orgnr}/datasets/…): groups without frames, repeatable rows as framed cards. */
.form fieldset.field { border: 0; padding: 0; margin: 0 0 1.5rem; min-width: 0; }
.form fieldset.field > legend { padding: 0; margin: 0 0 0.25rem; }
.form fieldset.field > .hint, .form fieldset.field > .error-message { display: block; margin-bottom: 0.5rem; }
.form fieldset.form-row { border: 1px solid var(--line); border-left: 4px solid var(--accent); padding: 0.75rem 1rem 0; }
.form fieldset.form-row > legend { font-size: 1.125rem; }
.form input[type="tel"] { font: inherit; width: 100%; max-width: 16rem; padding: 0.5rem; border: 2px solid var(--ink);
  border-radius: 0; background: var(--paper); color: var(--ink); }
.form input[type="text"], .form input[type="email"] { max-width: 24rem; }
.form input[type="date"] { max-width: 12rem; }
.form input.input--wide { max-width: 100%; }
.form .code-input { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9375rem; max-width: 100%; }
#publish-form .field--error > input, #publish-form .field--error > textarea, #publish-form .field--error > select {
  border-color: var(--error); }
#publish-form .error-message, .portal .error-summary li { overflow-wrap: anywhere; }
#publish-form .field--error, #publish-form .language-texts--error { border-left: 4px solid var(--error);
  padding-left: 0.75rem !important; }
#publish-form .language-texts--error .field--error { border-left: 0; padding-left: 0 !important; }
.language-texts__row { display: grid; gap: 0 1rem; }
@media (min-width: 48rem) { .language-texts__row { grid-template-columns: repeat(3, minmax(0, 1fr)); } }
.language-texts .field { margin-bottom: 0.75rem; }
.language-texts label { font-weight: 400; }
.language-texts textarea { max-width: 100%; }
.choices--columns { display: grid; gap: 0 1.5rem; }
@media (min-width: 48rem) { .choices--columns { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
.form .choice label .hint { display: block; color: var(--muted); font-size: 0.9375rem; overflow-wrap: anywhere; }
.form .choice--depth-1 { margin-left: 1.75rem; }
.form .choice--depth-2 { margin-left: 3.5rem; }
.form .choice--depth-3 { margin-left: 5.25rem; }
.form p.hint { color: var(--muted); font-size: 1rem; }
.page-links { margin: 0 0 1rem; font-size: 1rem; }
.result .page-links { margin: 0.25rem 0 0; }
.result__title { font-size: 1.25rem; margin: 0 0 0.25rem; }
.actions__end { margin-left: auto; color: var(--error); }
.history details { margin: 0.25rem 0 0; }
.history summary { cursor: pointer; color: var(--accent); font-size: 1rem; }
.history .facts { margin: 0.5rem 0 0; font-size: 1rem; }
.history__by { margin: 0; }
/* Access requests (/org/{orgnr}/access-requests/…): status colours, the history as a timeline, the action panels. */
.status--submitted { color: #6b4100; background: #fff4de; }
.status--changes-requested { color: #5a1f6e; background: #f5ecf8; }
.status--approved { color: #0b5d1e; background: #e8f5ec; }
.status--rejected { color: #8c1d17; background: #fdf0ef; }
.status--withdrawn { color: var(--muted); background: #f4f4f4; }
.note > p:last-child { margin-bottom: 0; }
.timeline li { position: relative; }
.timeline li::before { content: ""; position: absolute; left: -1.5rem; top: 0.45rem; width: 0.75rem; height: 0.75rem;
  border-radius: 50%; background: var(--paper); border: 3px solid var(--accent); }
.timeline__what { margin: 0; }
.timeline__message { margin: 0.5rem 0 0; padding: 0.5rem 0.75rem; background: var(--note-bg); border-left: 4px solid var(--line);
  white-space: pre-line; overflow-wrap: anywhere; }
.action-panel { border: 1px solid var(--line); border-top: 4px solid var(--accent); padding: 0 1rem; margin: 0 0 1.5rem; }
.action-panel[data-action="reject"], .action-panel[data-action="withdraw"] { border-top-color: var(--error); }
.action-panel h3 { font-size: 1.25rem; margin: 0.75rem 0 0.5rem; }
.action-panel .form { margin: 0 0 1rem; }
.prose { white-space: pre-line; overflow-wrap: anywhere; }
`
