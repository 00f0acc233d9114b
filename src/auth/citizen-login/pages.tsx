import { formatTime, type Language, messages } from '../../web/i18n/index.ts'
import { type AccountView, Layout } from '../../web/layout.tsx'
import type { CitizenSession } from './session.ts'

interface FrameProps {
  language: Language
  path: string
  account?: AccountView | undefined | false
}

export interface MessagePageProps extends FrameProps {
  title: string
  text: string
  /** The one thing to do next, as a link (e.g. start the login again). */
  action?: { href: string; label: string } | undefined
  requestId?: string | undefined
}

/** A page that says one thing: a login that failed, was cancelled or expired, or a logout. */
export function MessagePage({ title, text, action, requestId, ...frame }: MessagePageProps) {
  const t = messages(frame.language)
  return (
    <Layout {...frame} title={title}>
      <h1>{title}</h1>
      <p class="lead">{text}</p>
      {action ? (
        <p>
          <a class="button" href={action.href}>
            {action.label}
          </a>
        </p>
      ) : null}
      {requestId ? <p class="note">{t.requestId(requestId)}</p> : null}
    </Layout>
  )
}

/** `12858440015` as `128584 40015`: birth date, then the personal number, as Norwegians read it. */
export const spacedFnr = (fnr: string) => `${fnr.slice(0, 6)} ${fnr.slice(6)}`

/** The citizen's own session: who they are logged in as, at which security level, until when. */
export function SessionPage({ session, ...frame }: FrameProps & { session: CitizenSession }) {
  const t = messages(frame.language)
  return (
    <Layout {...frame} title={t.sessionTitle}>
      <h1>{t.sessionTitle}</h1>
      <p class="lead">{t.sessionIntro}</p>
      <dl class="facts">
        <dt>{t.sessionName}</dt>
        <dd>{session.name ?? t.nameUnknown}</dd>
        <dt>{t.sessionFnr}</dt>
        <dd>{spacedFnr(session.fnr)}</dd>
        <dt>{t.sessionLevel}</dt>
        <dd>{(session.acr && t.acrNames[session.acr]) ?? session.acr ?? t.acrUnknown}</dd>
        <dt>{t.sessionExpires}</dt>
        <dd>{t.sessionExpiresAt(formatTime(frame.language, session.expiresAt))}</dd>
      </dl>
    </Layout>
  )
}
