import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import { currentSession } from '../../auth/citizen-login/middleware.ts'
import type { Dataset } from '../../catalog/dataset.schemas.ts'
import type { AppEnv } from '../../http/env.ts'
import type { OrganisationActor } from '../../organisation-roles/acting-for.ts'
import { type Crumb, OrgBreadcrumbs } from '../breadcrumbs.tsx'
import { type Language, messages } from '../i18n/index.ts'
import { type AccountView, accountView, Layout, pageLanguage, pagePath } from '../layout.tsx'

/** What every publishing page knows: the reader's language, the page, the person and whom they act for. */
export interface PublishFrame {
  language: Language
  path: string
  account: AccountView
  actor: OrganisationActor
}

/** The frame of a page under /org/{orgnr}/datasets, after `actingFor` let the person in. */
export function publishFrame(c: Context<AppEnv>): PublishFrame {
  const session = currentSession(c)!
  return {
    language: pageLanguage(c),
    path: pagePath(c),
    account: accountView(session),
    actor: c.get('organisationActor')!,
  }
}

/** Where the organisation's datasets are listed. */
export const datasetsPath = (orgnr: string) => `/org/${orgnr}/datasets`

/** A dataset's pages under the organisation. */
export const datasetPath = (orgnr: string, datasetId: string, page = '') =>
  `${datasetsPath(orgnr)}/${datasetId}${page ? `/${page}` : ''}`

/** A publishing page: the organisation's breadcrumbs, then the page's own content. */
export function PublishLayout({
  frame,
  title,
  crumbs = [],
  list = false,
  children,
}: {
  frame: PublishFrame
  title: string
  crumbs?: Crumb[]
  /** The list of datasets itself, which is not its own parent. */
  list?: boolean
  children?: Child
}) {
  const t = messages(frame.language)
  const { actor } = frame
  const trail = [...(list ? [] : [{ href: datasetsPath(actor.orgnr), label: t.orgTaskPublish }]), ...crumbs]
  return (
    <Layout language={frame.language} path={frame.path} account={frame.account} title={`${title} – ${actor.name}`}>
      <div class="portal">
        <OrgBreadcrumbs actor={actor} trail={trail} current={title} language={frame.language} />
        {children}
      </div>
    </Layout>
  )
}

/** The other pages of one dataset: its form, its rules, its history and its public page (unless it has none). */
export function DatasetLinks({
  frame,
  dataset,
  current,
}: {
  frame: PublishFrame
  dataset: Pick<Dataset, 'id' | 'accessRights'>
  current: 'edit' | 'rules' | 'history'
}) {
  const t = messages(frame.language)
  const links = [
    { page: 'edit', href: datasetPath(frame.actor.orgnr, dataset.id), label: t.publishEditDataset },
    { page: 'rules', href: datasetPath(frame.actor.orgnr, dataset.id, 'rules'), label: t.publishRulesLink },
    { page: 'history', href: datasetPath(frame.actor.orgnr, dataset.id, 'history'), label: t.publishHistoryLink },
  ].filter((link) => link.page !== current)
  return (
    <ul class="inline-list page-links">
      {links.map((link) => (
        <li>
          <a href={link.href}>{link.label}</a>
        </li>
      ))}
      {dataset.accessRights === 'NON_PUBLIC' ? null : (
        <li>
          <a href={`/datasets/${dataset.id}`}>{t.publishPublicPage}</a>
        </li>
      )}
    </ul>
  )
}
