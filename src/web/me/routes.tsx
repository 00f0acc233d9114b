import { explainDeliveries } from '../../audit/citizen-log.ts'
import { deliveriesOfSubject } from '../../audit/repo.ts'
import { currentSession, requireCitizen } from '../../auth/citizen-login/middleware.ts'
import { consentIdsOfSubject, findConsent } from '../../consent/repo.ts'
import { presentConsent } from '../../consent/service.ts'
import type { AppDeps } from '../../deps.ts'
import { createRouter } from '../../http/openapi.ts'
import { pageLanguage, pagePath, renderPage } from '../layout.tsx'
import { MyPage } from './page.tsx'

// The page shows the newest few of each; /me/consents and /me/access-log have them all.
const newest = 5

/** The citizen's "my page" (`/me`): a page only, so it stays out of the OpenAPI document. */
export function myPageRoutes(deps: AppDeps) {
  const { clock, config } = deps
  const router = createRouter()
  router.get('/me', requireCitizen(deps, { page: true }), async (c) => {
    const session = currentSession(c)!
    const language = pageLanguage(c)
    const db = c.get('db')
    const consentIds = await consentIdsOfSubject(db, session.fnr)
    const consents = []
    for (const id of consentIds.slice(0, newest)) {
      const stored = await findConsent(db, id)
      if (stored) consents.push(await presentConsent(db, stored, { now: clock(), publicUrl: config.publicUrl }))
    }
    const { total, entries } = await deliveriesOfSubject(db, { fnr: session.fnr, offset: 0, limit: newest })
    const deliveries = await explainDeliveries(db, entries, language)
    return renderPage(
      c,
      <MyPage
        language={language}
        path={pagePath(c)}
        account={{ name: session.name, csrfToken: session.csrfToken }}
        consents={{ items: consents, total: consentIds.length }}
        deliveries={{ items: deliveries, total }}
      />,
      { language },
    )
  })
  return router
}
