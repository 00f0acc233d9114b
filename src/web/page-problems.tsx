import type { MiddlewareHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { currentSession } from '../auth/citizen-login/middleware.ts'
import { MessagePage } from '../auth/citizen-login/pages.tsx'
import type { AppEnv } from '../http/env.ts'
import { Problem } from '../http/problem.ts'
import { messages } from './i18n/index.ts'
import { accountView, pageLanguage, pagePath, renderPage } from './layout.tsx'

/**
 * For pages: a refused request (a 4xx Problem thrown by a service or a middleware) becomes a page in the reader's
 * language that says why and where to go next, with the same status, instead of problem+json. Hono's compose has
 * already rendered the problem when `next()` returns; the page replaces it (keeping the problem's headers, such as
 * Retry-After, and setting its own Content-Type and CSP).
 */
export function pageProblems(back: { href: string }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    const problem = c.error
    if (!(problem instanceof Problem) || problem.status >= 500) return
    const language = pageLanguage(c)
    const t = messages(language)
    const session = currentSession(c)
    const page = (
      <MessagePage
        language={language}
        path={pagePath(c)}
        account={accountView(session)}
        title={t.pageProblemTitles[problem.status] ?? t.pageProblemFallbackTitle}
        text={[t.pageProblemTexts[problem.status], problem.detail && t.pageProblemDetail(problem.detail)]
          .filter(Boolean)
          .join(' ')}
        action={{ href: back.href, label: t.pageProblemBack }}
        requestId={c.get('requestId')}
      />
    )
    c.res = await renderPage(c, page, { language, status: problem.status as ContentfulStatusCode })
  }
}
