import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { requireCsrf } from '../auth/citizen-login/csrf.ts'
import { citizenSession, currentSession, requireCitizen } from '../auth/citizen-login/middleware.ts'
import { MessagePage } from '../auth/citizen-login/pages.tsx'
import type { Database } from '../db/database.ts'
import type { AppDeps } from '../deps.ts'
import { type Acting, actingFor, canSee, may, onBehalf, recordAction, visibleConsumers } from '../fullmakt/acting.ts'
import { actingBanner } from '../fullmakt/banner.tsx'
import type { AppEnv } from '../http/env.ts'
import { createRouter, problemResponses } from '../http/openapi.ts'
import { Problem } from '../http/problem.ts'
import { type Language, messages } from '../web/i18n/index.ts'
import { pageLanguage, renderPage } from '../web/layout.tsx'
import { citizenFrame, htmlContent, pageOrJson, sentForm } from '../web/page-or-json.ts'
import { CitizenConsentList, DecisionForm } from './citizen.schemas.ts'
import { backToConsumer, consentView } from './citizen-view.ts'
import { ConsentId, ConsentRequestSchema } from './consent.schemas.ts'
import { ConsentListPage, ConsentPage } from './pages.tsx'
import { consentReceipt, signReceipt } from './receipt.ts'
import { consentIdsOfSubject, eventsOf, findConsent, type StoredConsent } from './repo.ts'
import { changeConsent, presentConsent } from './service.ts'

const tags = ['Citizen']
const params = z.object({ id: ConsentId })
const loginRedirect = { description: 'Not logged in: to `/auth/login?returnTo=…`, and back here afterwards' }

const viewRoute = createRoute({
  method: 'get',
  path: '/consent/view/{id}',
  operationId: 'viewConsentRequest',
  summary: 'The consent screen',
  description:
    'The page where the citizen reads a request for consent (who asks, why, which datasets and fields in words, under which rule, until when, one-time or not) and accepts or rejects it. Bokmål by default, English with `?lang=en` or Accept-Language. Needs the session cookie of the subject, or of someone acting for the subject (`/me/acting-for`) whose authority covers the consumer; anybody else gets 404. A representative without the right to answer sees the request without the buttons.',
  tags,
  security: [],
  request: { params },
  responses: {
    200: {
      description: 'The consent screen',
      content: htmlContent('<!doctype html>…<h1>Forespørsel om samtykke</h1>…'),
    },
    303: loginRedirect,
    ...problemResponses(400, 404),
  },
})

const decideRoute = createRoute({
  method: 'post',
  path: '/consent/view/{id}',
  operationId: 'decideConsentRequest',
  summary: 'Accept or reject a request for consent',
  description:
    "The consent screen's form: `decision=accept|reject` with the session's CSRF token. Sends the citizen on to the request's `redirectUrl` with `?id=…&status=…`. A request that is no longer pending (decided, expired, withdrawn) gets a 409 page. A representative may answer only with an authority that grants it (a parent, a guardian, or an authorisation with `accept`): otherwise 403; the event records who acted for whom.",
  tags,
  security: [],
  request: {
    params,
    body: {
      required: true,
      description: 'The decision',
      content: { 'application/x-www-form-urlencoded': { schema: DecisionForm } },
    },
  },
  responses: {
    303: { description: "To the consumer's `redirectUrl?id=…&status=accepted|rejected` (or to the login)" },
    ...problemResponses(400, 403, 404, 409, 413, 415),
  },
})

const listRoute = createRoute({
  method: 'get',
  path: '/me/consents',
  operationId: 'listMyConsents',
  summary: 'My consents',
  description:
    "The logged-in citizen's consents and requests for consent, newest first, with state, consumer, purpose, datasets and validity. JSON, or a page (with Revoke buttons and receipt links) for `Accept: text/html`. While acting for someone (`/me/acting-for`), that person's consents with the organisations the authority covers.",
  tags,
  security: [],
  responses: {
    200: {
      description: "The citizen's consents",
      content: {
        'application/json': { schema: CitizenConsentList },
        ...htmlContent('<!doctype html>…<h1>Mine samtykker</h1>…'),
      },
    },
    303: loginRedirect,
    ...problemResponses(401),
  },
})

const revokeRoute = createRoute({
  method: 'post',
  path: '/me/consents/{id}/revoke',
  operationId: 'revokeMyConsent',
  summary: 'Revoke a consent',
  description:
    "The citizen revokes an accepted consent; the gateway stops delivering at once. From the page (a form with the `csrf` field) the answer is a redirect back to `/me/consents`; a script on Deling's pages sends the token in `X-CSRF-Token` and gets the consent as JSON. A representative needs an authority that lets them revoke (403 otherwise); the event records who acted for whom.",
  tags,
  security: [],
  request: { params },
  responses: {
    200: { description: 'Revoked', content: { 'application/json': { schema: ConsentRequestSchema } } },
    303: { description: 'From the form: back to `/me/consents`' },
    ...problemResponses(400, 401, 403, 404, 409),
  },
})

const receiptExample = 'eyJhbGciOiJFUzI1NiIsImtpZCI6Ii4uLiJ9.eyJyZWNlaXB0SWQiOiIuLi4ifQ.c2ln'
const receiptRoute = createRoute({
  method: 'get',
  path: '/me/consents/{id}/receipt',
  operationId: 'getMyConsentReceipt',
  summary: 'Receipt for a consent',
  description:
    "A receipt for a consent that was accepted, after ISO/IEC TS 27560: controller, subject, purpose, data, legal basis (consent), how and when it was given, validity and the state history. A compact JWS (ES256) signed by Deling: anyone can verify it with the key named by `kid` at `/oidc/jwks`. Only for the consent's subject, or a representative acting for them within their authority (recorded on the subject's page).",
  tags,
  security: [],
  request: { params },
  responses: {
    200: {
      description: 'The signed receipt',
      content: {
        'application/jose': { schema: z.string().openapi({ example: receiptExample }) },
      },
    },
    ...problemResponses(400, 401, 404, 409),
  },
})

interface RefusalContext {
  id: string
  acting: Acting
  language: Language
  /** Why a representative may not do this. */
  mayNot: string
  /** What a refused change of a consent that cannot be found any more says: that it expired, or not found. */
  gone: 'expired' | 'not-found'
}

/** The citizen side of consent: the consent screen, "my consents", revocation and receipts (session cookie). */
export function citizenConsentRoutes(deps: AppDeps) {
  const { clock, config } = deps
  const context = () => ({ now: clock(), publicUrl: config.publicUrl })
  const page = requireCitizen(deps, { page: true })
  const api = requireCitizen(deps)

  // A page that says why nothing happened, in place of a problem document for a person.
  const messagePage = (c: Context<AppEnv>, status: 403 | 404 | 409, language: Language, text?: string) => {
    const t = messages(language)
    const title = status === 404 ? t.consentNotFoundTitle : t.consentConflictTitle
    return renderPage(
      c,
      <MessagePage
        {...citizenFrame(c, currentSession(c)!, language)}
        title={title}
        text={text ?? t.consentNotFoundText}
        action={{ href: '/me/consents', label: t.myConsentsTitle }}
      />,
      { status, language },
    )
  }

  // Another citizen's consent is "not found", never "forbidden": its existence is not revealed. So is one a
  // representative's authority does not reach (another organisation's, outside a named scope).
  const visible = (acting: Acting) => (row: StoredConsent['row']) =>
    row.subjectFnr === acting.subject.fnr && canSee(acting, row.consumerOrgnr)
  const findOwn = async (db: Database, id: string, acting: Acting): Promise<StoredConsent | undefined> => {
    const stored = await findConsent(db, id)
    return stored && visible(acting)(stored.row) ? stored : undefined
  }

  // A refused answer or revocation as a page: not theirs (404), beyond a representative's authority (403), or no
  // longer possible (409, naming the state it is in now; `gone` when it cannot be found any more).
  const refusalPage = async (
    c: Context<AppEnv>,
    error: unknown,
    { id, acting, language, mayNot, gone }: RefusalContext,
  ): Promise<Response> => {
    if (!(error instanceof Problem) || ![403, 404, 409].includes(error.status)) throw error
    const t = messages(language)
    if (error.status === 403) return messagePage(c, 403, language, mayNot)
    const current = error.status === 409 ? await findOwn(c.get('db'), id, acting) : undefined
    if (!current && (error.status === 404 || gone === 'not-found')) return messagePage(c, 404, language)
    const status = current ? (await presentConsent(c.get('db'), current, context())).status : 'expired'
    return messagePage(c, 409, language, t.consentConflictText(t.consentStatusNames[status] ?? status))
  }

  return createRouter()
    .openapi({ ...viewRoute, middleware: page }, async (c) => {
      const session = currentSession(c)!
      const language = pageLanguage(c)
      const db = c.get('db')
      const acting = await actingFor(c, deps, { page: true })
      const stored = await findOwn(db, c.req.valid('param').id, acting)
      if (!stored) return messagePage(c, 404, language) as never
      const consent = await presentConsent(db, stored, context())
      const view = await consentView(db, consent, language)
      const frame = citizenFrame(c, session, language)
      const actingView = {
        banner: await actingBanner(db, acting),
        mayAnswer: may(acting, 'accept', stored.row.consumerOrgnr),
      }
      // CSP form-action also governs the redirect after the form post: the consumer's origin must be allowed.
      return renderPage(c, <ConsentPage {...frame} view={view} acting={actingView} />, {
        language,
        formTargets: [new URL(consent.redirectUrl).origin],
      }) as never
    })
    .openapi({ ...decideRoute, middleware: [page, requireCsrf()] }, async (c) => {
      const session = currentSession(c)!
      const { decision, lang } = c.req.valid('form')
      const language = pageLanguage(c, { chosen: lang })
      const { id } = c.req.valid('param')
      const to = decision === 'accept' ? 'accepted' : 'rejected'
      const acting = await actingFor(c, deps, { page: true })
      const change = {
        to,
        actor: 'citizen',
        now: clock(),
        acr: session.acr,
        onBehalf: onBehalf(acting, 'accept'),
      } as const
      try {
        const stored = await changeConsent(c.get('db'), id, change, visible(acting))
        c.header('Cache-Control', 'no-store')
        return c.redirect(backToConsumer(stored.row.redirectUrl, id, to), 303)
      } catch (error) {
        const mayNot = messages(language).fullmaktMayNotAnswer
        return refusalPage(c, error, { id, acting, language, mayNot, gone: 'expired' }) as never
      }
    })
    .openapi({ ...listRoute, middleware: citizenSession(deps) }, async (c) => {
      const db = c.get('db')
      return pageOrJson(c, {
        load: async (_session, { page }) => {
          const acting = await actingFor(c, deps, { page })
          const consents = []
          for (const id of await consentIdsOfSubject(db, acting.subject.fnr, visibleConsumers(acting))) {
            const stored = await findConsent(db, id)
            if (stored) consents.push(await presentConsent(db, stored, context()))
          }
          return { acting, consents }
        },
        json: ({ consents }) => ({ items: consents }),
        page: async ({ acting, consents }, frame) => {
          const views = consents.map((consent) => ({ consent, fields: {} }))
          const revocable = new Set(
            consents.filter((consent) => may(acting, 'revoke', consent.consumer.orgnr)).map((consent) => consent.id),
          )
          const actingView = { banner: await actingBanner(db, acting), revocable }
          return renderPage(c, <ConsentListPage {...frame} views={views} acting={actingView} />, {
            language: frame.language,
          })
        },
      }) as never
    })
    .openapi({ ...revokeRoute, middleware: [api, requireCsrf()] }, async (c) => {
      const { id } = c.req.valid('param')
      const db = c.get('db')
      const acting = await actingFor(c, deps, { page: sentForm(c) })
      const change = { to: 'revoked', actor: 'citizen', now: clock(), onBehalf: onBehalf(acting, 'revoke') } as const
      if (!sentForm(c)) {
        const stored = await changeConsent(db, id, change, visible(acting))
        return c.json(await presentConsent(db, stored, context()), 200)
      }
      const language = pageLanguage(c)
      try {
        await changeConsent(db, id, change, visible(acting))
        return c.redirect('/me/consents', 303)
      } catch (error) {
        const mayNot = messages(language).fullmaktMayNotRevoke
        return refusalPage(c, error, { id, acting, language, mayNot, gone: 'not-found' }) as never
      }
    })
    .openapi({ ...receiptRoute, middleware: api }, async (c) => {
      const { id } = c.req.valid('param')
      const db = c.get('db')
      const acting = await actingFor(c, deps, { page: false })
      const stored = await findOwn(db, id, acting)
      if (!stored) throw new Problem(404, 'not-found', `No consent request ${id}`)
      const history = await eventsOf(db, id)
      if (!history.some((event) => event.toStatus === 'accepted'))
        throw new Problem(409, 'conflict', `Consent ${id} was never accepted, so it has no receipt`)
      const now = clock()
      const consent = await presentConsent(db, stored, context())
      const given = { acr: stored.row.decidedAcr ?? undefined }
      const receipt = consentReceipt(consent, history, given, { now, issuer: config.issuer })
      const jws = await signReceipt(db, receipt, now)
      await recordAction(db, acting, 'receipt-downloaded', stored.row.consumerOrgnr, now, id)
      return c.body(jws, 200, {
        'Content-Type': 'application/jose',
        'Content-Disposition': `attachment; filename="consent-receipt-${id}.jws"`,
        'Cache-Control': 'no-store',
      }) as never
    })
}
