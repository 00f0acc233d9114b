import { citizenSession, currentSession } from '../../auth/citizen-login/middleware.ts'
import { MessagePage } from '../../auth/citizen-login/pages.tsx'
import { findLifeEvent } from '../../catalog/life-events.ts'
import type { DatasetPage } from '../../catalog/search.ts'
import { SearchCache } from '../../catalog/search-facets.ts'
import type { AppDeps } from '../../deps.ts'
import { createRouter } from '../../http/openapi.ts'
import { messages } from '../i18n/index.ts'
import { accountView, pageLanguage, pagePath, renderPage } from '../layout.tsx'
import { LifeEventPage, LifeEventsPage } from './pages.tsx'
import { lifeEventCounts, lifeEventSharing } from './sharing.ts'

/**
 * `/life-events` and `/life-events/{key}`: the catalog by life event, for anybody (ADR 0012). An own life event's
 * URI is its page here, so the concept Deling exports in DCAT-AP-NO is also where a reader learns what it means.
 */
export function lifeEventPageRoutes(deps: AppDeps) {
  const { config, clock } = deps
  const cache = new SearchCache<DatasetPage>()
  const router = createRouter()
  router.use('/life-events', citizenSession(deps))
  router.use('/life-events/*', citizenSession(deps))

  router.get('/life-events', async (c) => {
    const language = pageLanguage(c)
    const counts = await lifeEventCounts(c.get('db'), { cache, now: clock() })
    const frame = { language, path: pagePath(c), account: accountView(currentSession(c)) }
    return renderPage(c, <LifeEventsPage {...frame} counts={counts} />, { language })
  })

  router.get('/life-events/:key', async (c) => {
    const language = pageLanguage(c)
    const frame = { language, path: pagePath(c), account: accountView(currentSession(c)) }
    const event = findLifeEvent(c.req.param('key'))
    if (!event) {
      const t = messages(language)
      return renderPage(
        c,
        <MessagePage
          {...frame}
          title={t.lifeEventNotFoundTitle}
          text={t.lifeEventNotFoundText}
          action={{ href: '/life-events', label: t.lifeEventAllLink }}
        />,
        { language, status: 404 },
      )
    }
    const sharing = await lifeEventSharing(c.get('db'), event, { cache, now: clock() })
    return renderPage(c, <LifeEventPage {...frame} event={event} sharing={sharing} publicUrl={config.publicUrl} />, {
      language,
    })
  })
  return router
}
