import type { HttpBindings } from '@hono/node-server'
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type Provider from 'oidc-provider'
import { errors, type InteractionResults } from 'oidc-provider'
import * as oidc from 'openid-client'
import type { App } from '../../app.ts'
import type { AppDeps } from '../../deps.ts'
import type { AppEnv } from '../../http/env.ts'
import { Problem, payloadTooLarge } from '../../http/problem.ts'
import { classifyIdentityNumber, isSyntheticIdentityNumber } from '../../identifiers/fodselsnummer.ts'
import { type Language, messages } from '../../web/i18n/index.ts'
import { pageLanguage, renderPage } from '../../web/layout.tsx'
import type { AuthorizationServer } from '../authorization-server.ts'
import { testIdpAcr } from '../portal-client.ts'
import { IdportenLoginRefused, type IdportenState, idportenCallbackPath, idportenClient } from './idporten.ts'
import { MessagePage } from './pages.tsx'
import { listPersons } from './repo.ts'
import {
  clearedStateCookie,
  readStateCookie,
  type StateCookie,
  stateCookieSecret,
  writeStateCookie,
} from './state-cookie.ts'
import { TestIdpPage } from './test-idp-page.tsx'

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>

// oidc-provider's interaction ids (nanoid): a uid from a URL or from `state` is checked before it names a cookie path.
const uidPattern = /^[A-Za-z0-9_-]{10,64}$/
const maxFormBytes = 16 * 1024
const personsShown = 50

/**
 * The login step of Deling's authorization server (Node host only: it drives oidc-provider). Without ID-porten
 * settings it is the test identity provider; with them it sends the citizen to ID-porten and back. Mount these
 * before `mountAuthorizationServer`, so they answer first under /oidc.
 */
export function mountCitizenInteractions(app: App, server: AuthorizationServer, deps: AppDeps) {
  const { config, logger } = deps
  const idporten = config.idporten ? idportenClient(config, config.idporten) : undefined
  const stateSecret = stateCookieSecret()
  const secure = config.publicUrl.startsWith('https:')
  // Scoped to one interaction's path: the callback of another login cannot read or overwrite it.
  const idportenCookie = (uid: string): StateCookie => ({
    name: 'deling_idporten',
    secure,
    path: `/oidc/interaction/${uid}`,
  })
  // After the login the browser goes on to the portal's callback, which may be another origin (the Worker).
  const formTargets = [new URL(config.publicUrl).origin]
  const portalLogin = `${config.publicUrl}/auth/login`

  /** The interaction this browser is in (its signed oidc-provider cookie), if it is the one the URL names. */
  async function interactionOf(
    c: Context<AppEnv>,
    uid: string,
  ): Promise<{ provider: Provider; interaction: Interaction } | undefined> {
    if (!uidPattern.test(uid)) return undefined
    const provider = await server.provider()
    const { incoming, outgoing } = c.env as HttpBindings
    try {
      const interaction = await provider.interactionDetails(incoming, outgoing)
      return interaction.uid === uid ? { provider, interaction } : undefined
    } catch (error) {
      if (error instanceof errors.SessionNotFound) return undefined
      throw error
    }
  }

  /** Hands the result to oidc-provider, which answers on the Node response with a redirect back into the flow. */
  async function finish(c: Context<AppEnv>, provider: Provider, result: InteractionResults, setCookie?: string) {
    const { incoming, outgoing } = c.env as HttpBindings
    outgoing.setHeader('X-Request-Id', c.get('requestId'))
    outgoing.setHeader('Cache-Control', 'no-store')
    if (setCookie) outgoing.appendHeader('Set-Cookie', setCookie)
    await provider.interactionFinished(incoming, outgoing, result, { mergeWithLastSubmission: false })
    return RESPONSE_ALREADY_SENT
  }

  const messagePage = (c: Context<AppEnv>, language: Language, status: 400 | 502, title: string, text: string) =>
    renderPage(
      c,
      <MessagePage
        language={language}
        path={new URL(c.req.url).pathname}
        account={false}
        title={title}
        text={text}
        action={{ href: portalLogin, label: messages(language).tryAgain }}
        requestId={status >= 500 ? c.get('requestId') : undefined}
      />,
      { status, language },
    )

  const expired = (c: Context<AppEnv>, language: Language) => {
    const t = messages(language)
    return messagePage(c, language, 400, t.loginExpiredTitle, t.loginExpiredText)
  }

  const testIdpPage = async (c: Context<AppEnv>, language: Language, uid: string, value: string, error?: string) => {
    const persons = (await listPersons(c.get('db'), personsShown)).filter((person) =>
      isSyntheticIdentityNumber(person.fnr),
    )
    return renderPage(c, <TestIdpPage language={language} uid={uid} persons={persons} value={value} error={error} />, {
      status: error ? 400 : 200,
      language,
      formTargets,
    })
  }

  app.get('/oidc/interaction/:uid', async (c) => {
    const uid = c.req.param('uid')
    const found = await interactionOf(c, uid)
    const language = pageLanguage(c, { uiLocales: found?.interaction.params.ui_locales as string | undefined })
    if (!found) return expired(c, language)
    const { provider, interaction } = found
    // The portal's grant is made in loadExistingGrant; a consent prompt means a client Deling does not serve.
    if (interaction.prompt.name !== 'login') {
      return finish(c, provider, {
        error: 'access_denied',
        error_description: 'this client cannot ask citizens for consent here',
      })
    }
    if (idporten) {
      const { url, saved } = await idporten.start(uid, language)
      await writeStateCookie(c, await stateSecret(c.get('db')), idportenCookie(uid), saved)
      c.header('Cache-Control', 'no-store')
      return c.redirect(url.href, 303)
    }
    const picked = c.req.query('fnr') ?? ''
    return testIdpPage(c, language, uid, /^\d{11}$/.test(picked) ? picked : '')
  })

  app.post(
    '/oidc/interaction/:uid/login',
    bodyLimit({
      maxSize: maxFormBytes,
      onError: () => {
        throw payloadTooLarge()
      },
    }),
    async (c) => {
      if (idporten) throw new Problem(404, 'not-found', 'The test login is off: citizens log in with ID-porten here')
      const uid = c.req.param('uid')
      const found = await interactionOf(c, uid)
      const form = await c.req.parseBody()
      const language = pageLanguage(c, {
        chosen: typeof form.lang === 'string' ? form.lang : undefined,
        uiLocales: found?.interaction.params.ui_locales as string | undefined,
      })
      if (!found) return expired(c, language)
      const typed = typeof form.fnr === 'string' ? form.fnr.trim() : ''
      const fnr = typed.replace(/[\s.]/g, '')
      const t = messages(language)
      if (!fnr) return testIdpPage(c, language, uid, '', t.fnrMissing)
      if (!classifyIdentityNumber(fnr)) return testIdpPage(c, language, uid, typed.slice(0, 20), t.fnrInvalid)
      // A real person's number is not echoed back into the page.
      if (!isSyntheticIdentityNumber(fnr)) return testIdpPage(c, language, uid, '', t.fnrNotSynthetic)
      return finish(c, found.provider, { login: { accountId: fnr, acr: testIdpAcr } })
    },
  )

  // ID-porten redirects here (a fixed URI); the interaction's own path carries its cookies, so go on there.
  app.get(idportenCallbackPath, async (c) => {
    if (!idporten) throw new Problem(404, 'not-found', 'ID-porten is not configured on this installation')
    const url = new URL(c.req.url)
    const uid = url.searchParams.get('state')?.split('.')[0] ?? ''
    if (!uidPattern.test(uid)) return expired(c, pageLanguage(c))
    c.header('Cache-Control', 'no-store')
    return c.redirect(`/oidc/interaction/${uid}/idporten${url.search}`, 303)
  })

  app.get('/oidc/interaction/:uid/idporten', async (c) => {
    if (!idporten) throw new Problem(404, 'not-found', 'ID-porten is not configured on this installation')
    const uid = c.req.param('uid')
    const found = await interactionOf(c, uid)
    const language = pageLanguage(c, { uiLocales: found?.interaction.params.ui_locales as string | undefined })
    const secret = await stateSecret(c.get('db'))
    const saved = await readStateCookie<IdportenState>(c, secret, idportenCookie(uid))
    const search = new URL(c.req.url).search
    if (!found || !saved || saved.state !== new URLSearchParams(search).get('state')) return expired(c, language)
    const cleared = await clearedStateCookie(secret, idportenCookie(uid))
    try {
      const login = await idporten.finish(search, saved)
      return await finish(
        c,
        found.provider,
        { login: { accountId: login.pid, acr: login.acr, amr: login.amr } },
        cleared,
      )
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError && error.error === 'access_denied') {
        return finish(
          c,
          found.provider,
          { error: 'access_denied', error_description: 'the login at ID-porten was cancelled' },
          cleared,
        )
      }
      const refused = error instanceof IdportenLoginRefused
      logger[refused ? 'warn' : 'error']('ID-porten login failed', {
        requestId: c.get('requestId'),
        error: (error as Error).message,
      })
      c.header('Set-Cookie', cleared, { append: true })
      const t = messages(language)
      return messagePage(c, language, 502, t.idportenFailedTitle, t.idportenFailedText)
    }
  })
}
