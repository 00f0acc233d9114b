import { citizenSession, currentSession } from '../auth/citizen-login/middleware.ts'
import type { AppDeps } from '../deps.ts'
import { createRouter } from '../http/openapi.ts'
import { messages } from './i18n/index.ts'
import { accountView, Layout, pageLanguage, pagePath, renderPage } from './layout.tsx'

/** The start page: what Deling is, and the way in for developers and citizens. */
export function homeRoutes(deps: AppDeps) {
  const router = createRouter()
  router.use('/', citizenSession(deps))
  router.get('/', (c) => {
    const language = pageLanguage(c)
    const t = messages(language)
    const session = currentSession(c)
    const account = accountView(session)
    return renderPage(
      c,
      <Layout language={language} title={t.homeTitle} path={pagePath(c)} account={account}>
        <h1>{t.homeTitle}</h1>
        <p class="lead">{t.homeIntro}</p>
        <section aria-labelledby="developers">
          <h2 id="developers">{t.homeDevelopersHeading}</h2>
          <p>{t.homeDevelopersText}</p>
          <search>
            <form class="search-form" method="get" action="/datasets">
              <label for="q">{t.catalogSearchLabel}</label>
              <span class="hint" id="q-hint">
                {t.catalogSearchHint}
              </span>
              <div class="search-form__row">
                <input type="search" id="q" name="q" aria-describedby="q-hint" maxlength={200} />
                <button class="button" type="submit">
                  {t.catalogSearchButton}
                </button>
              </div>
            </form>
          </search>
          <ul>
            <li>
              <a href="/datasets">{t.catalogBrowse}</a>
            </li>
            <li>
              <a href="/life-events">{t.lifeEventsLink}</a>: {t.lifeEventsHomeText}
            </li>
            <li>
              <a href="/docs">{t.apiDocs}</a>
            </li>
            <li>
              <a href="/openapi.json">{t.openApiDocument}</a>
            </li>
            <li>
              <a href={`${deps.config.issuer}/.well-known/openid-configuration`}>{t.issuerMetadata}</a>
            </li>
          </ul>
        </section>
        <section aria-labelledby="citizens">
          <h2 id="citizens">{t.homeCitizensHeading}</h2>
          <p>{t.homeCitizensText}</p>
          <p>
            <a class="button" href={session ? '/me' : '/auth/login?returnTo=%2Fme'}>
              {session ? t.myPage : t.logIn}
            </a>
          </p>
        </section>
        <section aria-labelledby="organisations">
          <h2 id="organisations">{t.homeOrganisationsHeading}</h2>
          <p>{t.homeOrganisationsText}</p>
          <p>
            <a class="button" href={session ? '/org' : '/auth/login?returnTo=%2Forg'}>
              {session ? t.orgLink : t.homeOrganisationsLogIn}
            </a>
          </p>
        </section>
      </Layout>,
      { language },
    )
  })
  return router
}
