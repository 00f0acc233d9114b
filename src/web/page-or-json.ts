import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { currentSession, notLoggedIn, wantsPage } from '../auth/citizen-login/middleware.ts'
import type { CitizenSession } from '../auth/citizen-login/session.ts'
import type { AppEnv } from '../http/env.ts'
import type { Language } from './i18n/index.ts'
import { type AccountView, accountView, pageLanguage, pagePath } from './layout.tsx'

/** OpenAPI: the page a citizen route answers a browser with, beside its JSON. */
export const htmlContent = (example: string) => ({ 'text/html': { schema: z.string().openapi({ example }) } })

/** The body is a page's form post. */
export const sentForm = (c: Context) => /^application\/x-www-form-urlencoded/i.test(c.req.header('Content-Type') ?? '')

/** The body is a script's JSON. */
export const sentJson = (c: Context) => /^application\/([a-z.+-]*\+)?json/i.test(c.req.header('Content-Type') ?? '')

/** What every page of a logged-in citizen is drawn with. */
export interface CitizenFrame {
  language: Language
  path: string
  account: AccountView
}

export const citizenFrame = (c: Context, session: CitizenSession, language: Language): CitizenFrame => ({
  language,
  path: pagePath(c),
  account: accountView(session),
})

/** The two answers of a citizen's GET that serves a browser and a script from the same data. */
export interface PageOrJson<Loaded> {
  /**
   * What both answers show, loaded once. `page` says which answer it is for (a page's refusals are pages);
   * `language` is the page's, for texts the JSON carries in words too.
   */
  load: (session: CitizenSession, answer: { page: boolean; language: () => Language }) => Promise<Loaded>
  json: (loaded: Loaded) => object
  page: (loaded: Loaded, frame: CitizenFrame) => Promise<Response>
}

/**
 * A citizen's GET answered as a page for `Accept: text/html` and as JSON otherwise. Without a session a page goes
 * to the login and back, JSON gets 401. The JSON is personal: never stored by a cache.
 */
export async function pageOrJson<Loaded>(c: Context<AppEnv>, answer: PageOrJson<Loaded>): Promise<Response> {
  const page = wantsPage(c)
  c.header('Vary', 'Accept, Cookie')
  const session = currentSession(c)
  if (!session) return notLoggedIn(c, page)
  // Read once, and only where needed: reading it remembers a `?lang=` choice in a cookie.
  let chosen: Language | undefined
  const language = () => {
    chosen ??= pageLanguage(c)
    return chosen
  }
  const loaded = await answer.load(session, { page, language })
  if (!page) {
    c.header('Cache-Control', 'no-store')
    return c.json(answer.json(loaded), 200)
  }
  return answer.page(loaded, citizenFrame(c, session, language()))
}
