import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { Child } from 'hono/jsx'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { CitizenSession } from '../auth/citizen-login/session.ts'
import { type Language, languageCookie, languageNames, languages, messages, resolveLanguage } from './i18n/index.ts'
import { stylesheetPath, stylesheetVersion } from './styles.ts'

/** The logged-in citizen as the header shows them, with the token their logout form must carry. */
export interface AccountView {
  name: string | undefined
  csrfToken: string
}

/** What the header shows of a citizen session (name, and the logout form's token); nothing without one. */
export function accountView(session: CitizenSession): AccountView
export function accountView(session: CitizenSession | undefined): AccountView | undefined
export function accountView(session: CitizenSession | undefined): AccountView | undefined {
  return session ? { name: session.name, csrfToken: session.csrfToken } : undefined
}

export interface LayoutProps {
  language: Language
  title: string
  /** Path and query of this page without `lang`: the language switch and the login link come back to it. */
  path: string
  /** The logged-in citizen, `undefined` when nobody is, `false` on the login pages themselves (no login link). */
  account?: AccountView | undefined | false
  children?: Child
}

/** `path` with `lang=<language>` set, for the language switch. */
export function withLanguage(path: string, language: Language): string {
  const url = new URL(path, 'http://deling.invalid')
  url.searchParams.set('lang', language)
  return `${url.pathname}${url.search}`
}

export interface LanguageChoice {
  /** `ui_locales` of the OpenID Connect request behind a login page. */
  uiLocales?: string | undefined
  /** A language chosen in a submitted form (its hidden `lang` field), which takes the place of `?lang=`. */
  chosen?: string | undefined
}

/**
 * The language of a page: `?lang=` (or the form's choice), the login request's `ui_locales`, an earlier choice,
 * the browser's, bokmål. A choice made with `?lang=` is remembered in a cookie, so the next page keeps it.
 */
export function pageLanguage(c: Context, choice: LanguageChoice = {}): Language {
  const query = choice.chosen ?? c.req.query('lang')
  const remembered = getCookie(c, languageCookie)
  const language = resolveLanguage({
    query,
    uiLocales: choice.uiLocales,
    cookie: remembered,
    acceptLanguage: c.req.header('Accept-Language'),
  })
  if (query === language && remembered !== language) {
    setCookie(c, languageCookie, language, { path: '/', sameSite: 'Lax', httpOnly: true, maxAge: 365 * 24 * 3600 })
  }
  return language
}

/** Path and query of the request without `lang`: where the language switch and the login link lead back to. */
export function pagePath(c: Context): string {
  const url = new URL(c.req.url)
  url.searchParams.delete('lang')
  return `${url.pathname}${url.search}`
}

/**
 * Only Deling's own stylesheet, no script at all, no framing. Forms may post to this site and, after a login,
 * lead on to the portal at `formTargets` (a redirect after a form post is checked against form-action too).
 */
export function pageSecurityPolicy(formTargets: string[] = []): string {
  return [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    `form-action 'self'${formTargets.map((target) => ` ${target}`).join('')}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

export interface PageOptions {
  status?: ContentfulStatusCode
  language: Language
  formTargets?: string[]
}

/** Sends a page: the document with its doctype, a strict CSP, and no caching (pages may show personal data). */
export async function renderPage(c: Context, page: Child, options: PageOptions): Promise<Response> {
  c.header('Content-Security-Policy', pageSecurityPolicy(options.formTargets))
  c.header('Cache-Control', 'no-store')
  c.header('Content-Language', options.language)
  c.header('Referrer-Policy', 'no-referrer')
  c.header('X-Content-Type-Options', 'nosniff')
  c.header('Vary', 'Accept-Language, Cookie')
  return c.html(`<!doctype html>${await page}`, options.status ?? 200)
}

// After the login the citizen comes back to this page; from a login page itself (logged out, failed), to the start.
const loginHref = (path: string) =>
  path === '/auth' || path.startsWith('/auth/') || path.startsWith('/oidc/')
    ? '/auth/login'
    : `/auth/login?returnTo=${encodeURIComponent(path)}`

/** The frame of every citizen-facing page: header with the language switch and login state, main content, footer. */
export function Layout({ language, title, path, account, children }: LayoutProps) {
  const t = messages(language)
  return (
    <html lang={language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t.siteName}`}</title>
        <link rel="stylesheet" href={`${stylesheetPath}?v=${stylesheetVersion}`} />
        <link rel="icon" href="data:," />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="site-name" href="/">
              {t.siteName}
              <span class="site-tagline">{t.siteTagline}</span>
            </a>
            <nav class="site-tools" aria-label={t.languageMenu}>
              <ul class="language-switch">
                {languages.map((other) => (
                  <li>
                    <a
                      href={withLanguage(path, other)}
                      lang={other}
                      hreflang={other}
                      aria-current={other === language ? 'true' : undefined}
                    >
                      {languageNames[other]}
                    </a>
                  </li>
                ))}
              </ul>
              {account === false ? null : account ? (
                <form class="account" method="post" action="/auth/logout">
                  <span class="account__name">{t.loggedInAs(account.name ?? t.nameUnknown)}</span>
                  <a class="account__link" href="/me">
                    {t.myPage}
                  </a>
                  <a class="account__link" href="/org">
                    {t.orgLink}
                  </a>
                  <input type="hidden" name="csrf" value={account.csrfToken} />
                  <button class="button button--secondary" type="submit">
                    {t.logOut}
                  </button>
                </form>
              ) : (
                <a class="button button--secondary" href={loginHref(path)}>
                  {t.logIn}
                </a>
              )}
            </nav>
          </div>
        </header>
        <main id="main" class="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>{t.footer}</p>
          <p>
            <a href="/datasets">{t.datasetsLink}</a>
            {' · '}
            <a href="/life-events">{t.lifeEventsLink}</a>
            {' · '}
            <a href="/docs">{t.apiDocs}</a>
          </p>
        </footer>
      </body>
    </html>
  )
}
