import type { Child } from 'hono/jsx'
import { type Language, messages } from './i18n/index.ts'

export interface Crumb {
  href: string
  label: Child
}

/** "You are here": the way down to this page, each step a link, and the page itself last, not a link. */
export function Breadcrumbs({ crumbs, current, language }: { crumbs: Crumb[]; current: Child; language: Language }) {
  return (
    <nav class="breadcrumbs" aria-label={messages(language).datasetBreadcrumb}>
      <ol>
        {crumbs.map((crumb) => (
          <li>
            <a href={crumb.href}>{crumb.label}</a>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  )
}

/** The breadcrumbs of every page under /org/{orgnr}: the organisations, the organisation, then the page's own trail. */
export function OrgBreadcrumbs({
  actor,
  trail = [],
  current,
  language,
}: {
  actor: { orgnr: string; name: string }
  trail?: Crumb[]
  current: Child
  language: Language
}) {
  const t = messages(language)
  return (
    <Breadcrumbs
      crumbs={[{ href: '/org', label: t.orgLink }, { href: `/org/${actor.orgnr}`, label: actor.name }, ...trail]}
      current={current}
      language={language}
    />
  )
}
