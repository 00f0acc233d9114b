import { CsrfField } from '../form.tsx'
import { messages } from '../i18n/index.ts'
import { type PublishFrame, PublishLayout } from './frame.tsx'

export interface ConfirmPageProps {
  frame: PublishFrame
  title: string
  text: string
  /** Where the confirming form posts. */
  action: string
  confirmLabel: string
  cancelHref: string
  /** The version the person saw, so a change made meanwhile is refused (412) rather than deleted unseen. */
  version: number
  crumbs: { href: string; label: string }[]
}

/** "Are you sure?": a deletion is its own page with a form, so it works without script and is never one slip away. */
export function ConfirmPage({
  frame,
  title,
  text,
  action,
  confirmLabel,
  cancelHref,
  version,
  crumbs,
}: ConfirmPageProps) {
  const t = messages(frame.language)
  return (
    <PublishLayout frame={frame} title={title} crumbs={crumbs}>
      <h1>{title}</h1>
      <p class="lead">{text}</p>
      <form class="form actions" method="post" action={action}>
        <CsrfField token={frame.account.csrfToken} />
        <input type="hidden" name="version" value={String(version)} />
        <button class="button button--danger" type="submit">
          {confirmLabel}
        </button>
        <a href={cancelHref}>{t.publishCancel}</a>
      </form>
    </PublishLayout>
  )
}
