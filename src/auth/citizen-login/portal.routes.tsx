import type { Context } from 'hono'
import * as oidc from 'openid-client'
import type { AppDeps } from '../../deps.ts'
import type { AppEnv } from '../../http/env.ts'
import { createRouter } from '../../http/openapi.ts'
import { Problem } from '../../http/problem.ts'
import { classifyIdentityNumber } from '../../identifiers/fodselsnummer.ts'
import { type Language, messages } from '../../web/i18n/index.ts'
import { accountView, pageLanguage, pagePath, renderPage } from '../../web/layout.tsx'
import { stylesheet, stylesheetVersion } from '../../web/styles.ts'
import { citizenAcrValues, portalClientId } from '../portal-client.ts'
import { verifyCsrf } from './csrf.ts'
import { meSessionRoutes } from './me-session.routes.tsx'
import { citizenSession, clearSessionCookie, currentSession, sessionToken, setSessionCookie } from './middleware.ts'
import { discoveredClient } from './oidc-client.ts'
import { MessagePage } from './pages.tsx'
import { findPersonName } from './repo.ts'
import { defaultReturnTo, parseReturnTo } from './return-to.ts'
import { endSession, startSession } from './session.ts'
import {
  clearedStateCookie,
  readStateCookie,
  type StateCookie,
  stateCookieSecret,
  writeStateCookie,
} from './state-cookie.ts'

/** The security levels a citizen session may have, the preferred first (acr_values is ordered by preference). */
const acceptedAcr: readonly string[] = [...citizenAcrValues].reverse()

/** What the callback needs from the start of the login, kept in a signed cookie named after its `state`. */
interface LoginState {
  state: string
  verifier: string
  nonce: string
  returnTo: string
  language: Language
}

const statePattern = /^[A-Za-z0-9_-]{16,128}$/
const immutable = 'public, max-age=31536000, immutable'

/**
 * The portal's side of citizen login: authorization code + PKCE against Deling's own issuer (openid-client), a
 * session in Postgres behind an opaque HttpOnly cookie, and logout. Web APIs only, so the Worker serves these too.
 */
export function citizenLoginRoutes(deps: AppDeps) {
  const { config, logger } = deps
  const redirectUri = `${config.publicUrl}/auth/callback`
  const secure = config.publicUrl.startsWith('https:')
  // One cookie per login in progress: two tabs that both log in do not overwrite each other's state.
  const loginCookie = (state: string): StateCookie => ({ name: `deling_login_${state}`, secure, path: '/' })
  const issuer = discoveredClient({
    issuer: config.issuer,
    clientId: portalClientId,
    clientAuthentication: async () => oidc.None(),
    metadata: { token_endpoint_auth_method: 'none' },
  })
  const stateSecret = stateCookieSecret()

  const messagePage = (
    c: Context<AppEnv>,
    language: Language,
    status: 400 | 502 | 503,
    page: { title: string; text: string; retry?: string },
  ) => {
    const t = messages(language)
    const retry = page.retry ?? '/auth/login'
    return renderPage(
      c,
      <MessagePage
        language={language}
        path={pagePath(c)}
        title={page.title}
        text={page.text}
        action={{ href: retry, label: t.tryAgain }}
        requestId={status >= 500 ? c.get('requestId') : undefined}
      />,
      { status, language },
    )
  }

  const router = createRouter()

  router.get('/assets/deling.css', (c) => {
    const etag = `"${stylesheetVersion}"`
    c.header('Cache-Control', c.req.query('v') === stylesheetVersion ? immutable : 'public, no-cache')
    c.header('ETag', etag)
    if (
      c.req
        .header('If-None-Match')
        ?.split(/\s*,\s*/)
        .includes(etag)
    )
      return c.body(null, 304)
    return c.body(stylesheet, 200, { 'Content-Type': 'text/css; charset=utf-8' })
  })

  router.get('/auth/login', async (c) => {
    const returnTo = parseReturnTo(c.req.query('returnTo'))
    if (!returnTo.ok) {
      throw new Problem(400, 'validation-failed', returnTo.reason, {
        errors: [{ in: 'query', pointer: '/returnTo', detail: returnTo.reason }],
      })
    }
    const language = pageLanguage(c)
    let configuration: oidc.Configuration
    try {
      configuration = await issuer()
    } catch (error) {
      logger.error('citizen login: the issuer cannot be discovered', {
        issuer: config.issuer,
        error: (error as Error).message,
      })
      const t = messages(language)
      c.header('Retry-After', '5')
      return messagePage(c, language, 503, { title: t.loginUnavailableTitle, text: t.loginUnavailableText })
    }
    const login: LoginState = {
      state: oidc.randomState(),
      verifier: oidc.randomPKCECodeVerifier(),
      nonce: oidc.randomNonce(),
      returnTo: returnTo.path,
      language,
    }
    await writeStateCookie(c, await stateSecret(c.get('db')), loginCookie(login.state), login)
    const authorization = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(login.verifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
      // Every portal login authenticates anew; the callback checks auth_time, so a leftover session at the
      // issuer (a shared computer) can never log the next person in silently.
      prompt: 'login',
      max_age: '0',
      acr_values: acceptedAcr.join(' '),
      ui_locales: language,
    })
    c.header('Cache-Control', 'no-store')
    return c.redirect(authorization.href, 303)
  })

  router.get('/auth/callback', async (c) => {
    const db = c.get('db')
    const url = new URL(c.req.url)
    const state = url.searchParams.get('state') ?? ''
    const secret = await stateSecret(db)
    const saved = statePattern.test(state)
      ? await readStateCookie<LoginState>(c, secret, loginCookie(state))
      : undefined
    const language = saved?.language ?? pageLanguage(c)
    const t = messages(language)
    if (!saved || saved.state !== state) {
      return messagePage(c, language, 400, { title: t.loginExpiredTitle, text: t.loginExpiredText })
    }
    c.header('Set-Cookie', await clearedStateCookie(secret, loginCookie(state)), { append: true })
    const returnTo = parseReturnTo(saved.returnTo)
    const retry = `/auth/login?returnTo=${encodeURIComponent(returnTo.ok ? returnTo.path : defaultReturnTo)}`

    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>
    try {
      // The URL the issuer redirected to, as registered: behind a TLS-terminating proxy c.req.url is not it.
      tokens = await oidc.authorizationCodeGrant(await issuer(), new URL(`${redirectUri}${url.search}`), {
        pkceCodeVerifier: saved.verifier,
        expectedState: saved.state,
        expectedNonce: saved.nonce,
        maxAge: 0,
      })
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError) {
        const cancelled = error.error === 'access_denied'
        logger.info('citizen login not completed', { requestId: c.get('requestId'), error: error.error })
        return messagePage(c, language, 400, {
          title: cancelled ? t.loginCancelledTitle : t.loginFailedTitle,
          text: cancelled ? t.loginCancelledText : t.loginFailedText,
          retry,
        })
      }
      logger.warn('citizen login: code exchange failed', {
        requestId: c.get('requestId'),
        error: (error as Error).message,
      })
      return messagePage(c, language, 502, { title: t.loginFailedTitle, text: t.loginFailedText, retry })
    }

    const claims = tokens.claims()!
    const fnr = typeof claims.pid === 'string' ? claims.pid : claims.sub
    const acr = typeof claims.acr === 'string' && acceptedAcr.includes(claims.acr) ? claims.acr : undefined
    if (!classifyIdentityNumber(fnr) || !acr) {
      logger.error('citizen login: the ID token lacks a valid fødselsnummer or security level', {
        requestId: c.get('requestId'),
        acr: claims.acr,
      })
      return messagePage(c, language, 502, { title: t.loginFailedTitle, text: t.loginFailedText, retry })
    }
    // A new session id at every login (no session fixation); a session this browser had before ends.
    const previous = sessionToken(c, config.publicUrl)
    if (previous) await endSession(db, previous)
    const { token } = await startSession(
      db,
      {
        fnr,
        name: typeof claims.name === 'string' ? claims.name : await findPersonName(db, fnr),
        acr,
        idToken: tokens.id_token,
      },
      deps.clock(),
    )
    setSessionCookie(c, config.publicUrl, token)
    c.header('Cache-Control', 'no-store')
    return c.redirect(returnTo.ok ? returnTo.path : defaultReturnTo, 303)
  })

  router.post('/auth/logout', citizenSession(deps), async (c) => {
    const session = currentSession(c)
    if (session) {
      await verifyCsrf(c)
      await endSession(c.get('db'), sessionToken(c, config.publicUrl)!)
      clearSessionCookie(c, config.publicUrl)
    }
    return c.redirect('/auth/logged-out', 303)
  })

  router.get('/auth/logged-out', citizenSession(deps), (c) => {
    const language = pageLanguage(c)
    const t = messages(language)
    const session = currentSession(c)
    return renderPage(
      c,
      <MessagePage
        language={language}
        path={pagePath(c)}
        account={accountView(session)}
        title={t.loggedOutTitle}
        text={`${t.loggedOutText} ${t.loggedOutSharedComputer}`}
        action={{ href: '/auth/login', label: t.logInAgain }}
      />,
      { language },
    )
  })

  router.route('/', meSessionRoutes(deps))
  return router
}
